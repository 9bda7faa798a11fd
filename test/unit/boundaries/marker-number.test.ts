import { describe, expect, it } from 'vitest'
import { explainMixedSequence, formatMarkerNumber, parseMarkerNumber } from '../../../server/boundaries/marker-number.ts'
import { deriveLineCode, nameLine } from '../../../server/boundaries/line-code.ts'

describe('marker numbers', () => {
  it('formats the line code, a three-digit sequence and the type', () => {
    expect(formatMarkerNumber('HN01', 3, 'A')).toBe('HN01003A')
    expect(formatMarkerNumber('210190001002', 12, 'Q')).toBe('210190001002012Q')
    expect(() => formatMarkerNumber('hn', 1, 'Q')).toThrow(RangeError)
    expect(() => formatMarkerNumber('HN', 1000, 'Q')).toThrow(RangeError)
  })

  it('parses numbers back, even when the line code ends in digits', () => {
    expect(parseMarkerNumber('HN01003A')).toEqual({ lineCode: 'HN01', sequence: 3, typeCode: 'A' })
    expect(parseMarkerNumber(' 210190001002012q ')).toEqual({ lineCode: '210190001002', sequence: 12, typeCode: 'Q' })
    expect(parseMarkerNumber('HN01000Q')).toBeNull()
    expect(parseMarkerNumber('HN0103X')).toBeNull()
    expect(parseMarkerNumber('003Q')).toBeNull()
  })

  it('lets a sequence hold one Q, or A+B, or C+D+E, and refuses a mix', () => {
    expect(explainMixedSequence(['Q'], 1)).toBeNull()
    expect(explainMixedSequence(['A'], 1)).toBeNull()
    expect(explainMixedSequence(['A', 'B'], 1)).toBeNull()
    expect(explainMixedSequence(['C', 'D', 'E'], 1)).toBeNull()
    expect(explainMixedSequence(['Q', 'Q'], 4)).toMatch(/sequence 004 already has a marker of type Q/)
    expect(explainMixedSequence(['Q', 'A'], 2)).toMatch(/one Q, or A\+B .*never a mix/)
    expect(explainMixedSequence(['B', 'C'], 2)).toMatch(/never a mix/)
  })
})

describe('derived line codes', () => {
  it('joins the parent’s digits and each side’s segment, lower code first', () => {
    expect(deriveLineCode('210190002000', '210190001000', 'subdistrict', () => false)).toBe('210190001002')
    expect(deriveLineCode('210190001001', '210190001003', 'community', () => false)).toBe('210190001001003')
  })

  it('appends the first free letter when the code is taken, and refuses non-siblings', () => {
    const taken = new Set(['210190001002', '210190001002A'])
    expect(deriveLineCode('210190001000', '210190002000', 'subdistrict', (c) => taken.has(c))).toBe('210190001002B')
    expect(deriveLineCode('210190001000', '210191002000', 'subdistrict', () => false)).toBeNull()
    expect(deriveLineCode('210190001000', '210190001000', 'subdistrict', () => false)).toBeNull()
  })

  it('names the line in code order', () => {
    expect(nameLine([{ code: '210190002000', name: '北陵街道' }, { code: '210190001000', name: '浦江街道' }])).toBe('浦江街道—北陵街道线')
  })
})
