import { describe, expect, it } from 'vitest'
import { findRegistryAncestors, findRegistryEntry, padDivisionCode, searchRegistry } from '../../../server/boundaries/division-registry.ts'

describe('the national division registry', () => {
  it('pads codes to 12 digits at every level', () => {
    expect(padDivisionCode('21')).toBe('210000000000')
    expect(findRegistryEntry('210000000000')).toEqual({ code: '210000000000', name: '辽宁省', level: 'province', parentCode: null })
    expect(findRegistryEntry('210100000000')).toEqual({ code: '210100000000', name: '沈阳市', level: 'city', parentCode: '210000000000' })
    expect(findRegistryEntry('210112000000')).toMatchObject({ name: '浑南区', level: 'district', parentCode: '210100000000' })
  })

  it('finds entries by part of a name and by the start of a code, at most 50', () => {
    const hunnan = searchRegistry({ q: '浑南' })
    expect(hunnan.entries.map((e) => e.code)).toContain('210112000000')
    const underShenyang = searchRegistry({ codePrefix: '2101' })
    expect(underShenyang.entries).toHaveLength(50)
    expect(underShenyang.total).toBeGreaterThan(100)
    expect(underShenyang.entries.every((e) => e.code.startsWith('2101'))).toBe(true)
    expect(searchRegistry({ q: '浑南', codePrefix: '2101' }).entries.every((e) => e.code.startsWith('2101') && e.name.includes('浑南'))).toBe(true)
  })

  it('lists the province, city, district and sub-district above a code, leaving out levels it does not know', () => {
    const street = searchRegistry({ codePrefix: '210112' }).entries.find((e) => e.level === 'subdistrict')!
    expect(findRegistryAncestors(`${street.code.slice(0, 9)}001`).map((a) => a.level)).toEqual(['province', 'city', 'district', 'subdistrict'])
    expect(findRegistryAncestors('210190001001').map((a) => a.name)).toEqual(['辽宁省', '沈阳市'])
    expect(findRegistryAncestors('210000000000')).toEqual([])
  })
})
