import { describe, expect, it } from 'vitest'
import { checkCodeLevel, checkCoverage, checkEffectiveDate, checkEventShape, findLevelOfCode, sumCounts } from '../../../server/boundaries/division-event-rules.ts'

const unit = (code: string, hasGeometry = true) => ({ code, hasGeometry })

describe('checkEventShape', () => {
  it('accepts the counts each kind takes', () => {
    expect(checkEventShape({ kind: 'split', before: ['a'], after: [unit('a'), unit('b')] })).toBeNull()
    expect(checkEventShape({ kind: 'merge', before: ['a', 'b'], after: [unit('c')] })).toBeNull()
    expect(checkEventShape({ kind: 'rename', before: ['a'], after: [unit('a', false)] })).toBeNull()
    expect(checkEventShape({ kind: 'boundary_change', before: ['a', 'b'], after: [unit('b'), unit('a')] })).toBeNull()
    expect(checkEventShape({ kind: 'establish', before: [], after: [unit('a')] })).toBeNull()
    expect(checkEventShape({ kind: 'abolish', before: ['a'], after: [], successorCode: 'b' })).toBeNull()
  })

  it('refuses wrong counts, naming the field', () => {
    expect(checkEventShape({ kind: 'split', before: ['a'], after: [unit('a')] })).toBe('after: a split takes one unit before and at least two after, not 1 before and 1 after')
    expect(checkEventShape({ kind: 'merge', before: ['a'], after: [unit('a')] })).toMatch(/^before: a merge takes at least two/)
    expect(checkEventShape({ kind: 'rename', before: ['a', 'b'], after: [unit('a')] })).toMatch(/^after: a rename takes one unit/)
    expect(checkEventShape({ kind: 'boundary_change', before: ['a', 'b'], after: [unit('a'), unit('c')] })).toMatch(/^after: a boundary change keeps its units' codes/)
    expect(checkEventShape({ kind: 'establish', before: ['a'], after: [unit('b')] })).toMatch(/^before: establishing takes no unit before/)
    expect(checkEventShape({ kind: 'abolish', before: ['a'], after: [unit('b')] })).toMatch(/^after: abolishing takes at least one unit before and none after/)
  })

  it('refuses codes listed twice, a successor outside an abolition, and missing geometries', () => {
    expect(checkEventShape({ kind: 'merge', before: ['a', 'a'], after: [unit('c')] })).toBe('before: a is listed twice')
    expect(checkEventShape({ kind: 'split', before: ['a'], after: [unit('b'), unit('b')] })).toBe('after: b is listed twice')
    expect(checkEventShape({ kind: 'split', before: ['a'], after: [unit('a'), unit('b')], successorCode: 'c' })).toMatch(/^successorCode: only an abolition/)
    expect(checkEventShape({ kind: 'abolish', before: ['a'], after: [], successorCode: 'a' })).toMatch(/^successorCode: a is abolished by this event itself/)
    expect(checkEventShape({ kind: 'split', before: ['a'], after: [unit('a'), unit('b', false)] })).toBe('after[1].geometry: required for a split')
    expect(checkEventShape({ kind: 'boundary_change', before: ['a', 'b'], after: [unit('a', false), unit('b')] })).toBe('after[0].geometry: required for a boundary change')
  })
})

describe('checkCoverage', () => {
  it('allows a difference up to 0.5 % of the area and overlaps up to 1 m²', () => {
    expect(checkCoverage({ beforeAreaM2: 1_000_000, differenceAreaM2: 5_000, overlaps: [{ codes: ['a', 'b'], areaM2: 1 }] })).toBeNull()
  })

  it('says by how many m² the new units differ or overlap', () => {
    expect(checkCoverage({ beforeAreaM2: 1_000_000, differenceAreaM2: 5_001, overlaps: [] })).toBe(
      'after: the new units differ from the units they replace by 5,001 m² (0.50 % of 1,000,000 m²); at most 0.5 % is allowed',
    )
    expect(checkCoverage({ beforeAreaM2: 1_000_000, differenceAreaM2: 0, overlaps: [{ codes: ['a', 'b'], areaM2: 0.5 }, { codes: ['b', 'c'], areaM2: 1234.4 }] })).toBe(
      'after: b and c overlap by 1,234 m²; at most 1 m² is allowed',
    )
  })
})

describe('checkEffectiveDate', () => {
  it('needs every before unit to have come into force before the day', () => {
    expect(checkEffectiveDate('2025-03-01', [{ code: 'a', validFrom: null }, { code: 'b', validFrom: '2025-02-28' }])).toBeNull()
    expect(checkEffectiveDate('2025-03-01', [{ code: 'b', validFrom: '2025-03-01' }])).toBe('effectiveOn: 2025-03-01 is not after 2025-03-01, when b came into force in its present form')
  })
})

describe('codes and levels', () => {
  it('reads the level from the shape of a 12-digit code', () => {
    expect(findLevelOfCode('210000000000')).toBe('province')
    expect(findLevelOfCode('210100000000')).toBe('city')
    expect(findLevelOfCode('210190000000')).toBe('district')
    expect(findLevelOfCode('210190001000')).toBe('subdistrict')
    expect(findLevelOfCode('210190001001')).toBe('community')
    expect(checkCodeLevel('210190001000', 'community', 'after[0].code')).toBe('after[0].code: 210190001000 is shaped like a subdistrict code, not a community code')
    expect(checkCodeLevel('210190001001', 'community', 'after[0].code')).toBeNull()
  })
})

describe('sumCounts', () => {
  it('adds counts, and a count any unit does not know stays unknown', () => {
    expect(sumCounts([
      { households: 10, population: 30, elderlyPopulation: null },
      { households: 5, population: 10, elderlyPopulation: 2 },
    ])).toEqual({ households: 15, population: 40, elderlyPopulation: null })
  })
})
