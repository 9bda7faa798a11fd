import { describe, expect, it } from 'vitest'
import { divisionContains } from '../../../server/gazetteer/search-index.ts'
import { generatePlaceNames } from '../../support/generate-place-names.ts'

describe('generatePlaceNames', () => {
  const places = generatePlaceNames(5000, 42)

  it('gives the same places for the same seed and others for another', () => {
    expect(generatePlaceNames(5000, 42)).toEqual(places)
    expect(generatePlaceNames(50, 43).map((p) => p.standardName)).not.toEqual(places.slice(0, 50).map((p) => p.standardName))
  })

  it('numbers places from 1 and puts them in county 210112 and the demo extent', () => {
    expect(places.map((p) => p.id)).toEqual(Array.from({ length: 5000 }, (_, i) => i + 1))
    for (const p of places) {
      expect(p.divisionCodes.length).toBeGreaterThan(0)
      for (const code of p.divisionCodes) expect(divisionContains('210112000000', code), code).toBe(true)
      const [minLng, minLat, maxLng, maxLat] = p.bbox!
      expect(minLng >= 123.3 && maxLng <= 123.6 && minLat >= 41.6 && maxLat <= 41.9 && minLng <= maxLng && minLat <= maxLat).toBe(true)
    }
  })

  it('gives names of a specific part and a generic, the standard name first, about one in five with another name', () => {
    for (const p of places) {
      expect(p.names[0]).toEqual({ name: p.standardName, kind: 'standard' })
      expect(Array.from(p.standardName).length).toBeGreaterThanOrEqual(2)
    }
    const withAlt = places.filter((p) => p.names.length > 1).length / places.length
    expect(withAlt).toBeGreaterThan(0.15)
    expect(withAlt).toBeLessThan(0.25)
    expect(places.some((p) => p.names.some((n) => n.kind === 'historical'))).toBe(true)
    expect(new Set(places.map((p) => p.standardName)).size).toBeGreaterThan(4000)
  })

  it('spells romanization as separate, capitalised specific and generic words', () => {
    const spelled = places.filter((p) => p.romanization !== '')
    expect(spelled.length / places.length).toBeGreaterThan(0.6)
    for (const p of spelled) expect(p.romanization).toMatch(/^[A-ZÜ][a-zü']+ [A-ZÜ][a-zü']+$/)
  })
})
