import { describe, expect, it } from 'vitest'
import { divisionPrefixes, significantPrefix } from '../../../server/gazetteer/division-codes.ts'

describe('significantPrefix', () => {
  it('keeps the digits down to the level the trailing zero groups leave', () => {
    expect(significantPrefix('210000000000')).toBe('21')
    expect(significantPrefix('210100000000')).toBe('2101')
    expect(significantPrefix('210112000000')).toBe('210112')
    expect(significantPrefix('210112001000')).toBe('210112001')
    expect(significantPrefix('210112001002')).toBe('210112001002')
  })

  it('reads a zero inside a group as part of the code, not as a level', () => {
    expect(significantPrefix('210112010000')).toBe('210112010')
    expect(significantPrefix('210112001010')).toBe('210112001010')
  })

  it('refuses a code that is not 12 digits', () => {
    expect(significantPrefix('210112')).toBeNull()
    expect(significantPrefix('21011200100x')).toBeNull()
    expect(significantPrefix('')).toBeNull()
  })
})

describe('divisionPrefixes', () => {
  it('lists the division and every division above it, province first', () => {
    expect(divisionPrefixes('210112001002')).toEqual(['21', '2101', '210112', '210112001', '210112001002'])
    expect(divisionPrefixes('210112000000')).toEqual(['21', '2101', '210112'])
    expect(divisionPrefixes('210000000000')).toEqual(['21'])
  })

  it('lists nothing for a malformed code', () => {
    expect(divisionPrefixes('2101120010')).toEqual([])
  })
})
