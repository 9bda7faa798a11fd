import { describe, expect, it } from 'vitest'
import { siteSuggestionFeatures } from '../../../client/map/site-suggestion-features.ts'
import { closeRing, firstBand, readSuggestionForm, type SuggestionInput } from '../../../client/state/site-suggestion-form.ts'

const QUERY = { kind: 'home_care', mode: 'time', bands: '5,10,15', speed: 'standard' } as const
const INPUT: SuggestionInput = { band: 5, k: 2, gates: true, points: [], parcels: [], weightElderly: 0 }
const SQUARE: [number, number][] = [
  [123.40, 41.70],
  [123.41, 41.70],
  [123.41, 41.71],
]

describe('the site-suggestion form', () => {
  it('asks for k sites within the band of the analysis’ mode, from gates, building on the changes', () => {
    const changes = [{ op: 'remove' as const, facilityId: 3 }]
    expect(readSuggestionForm(QUERY, INPUT, changes)).toEqual({
      ok: true,
      body: { kind: 'home_care', mode: 'time', minutes: 5, speed: 'standard', k: 2, candidates: { gates: true }, changes },
    })
    const distance = readSuggestionForm({ kind: 'day_care', mode: 'distance', bands: '300,500', speedKmh: 3.5, maxSnapM: 150 }, { ...INPUT, band: 500 }, [])
    expect(distance).toEqual({
      ok: true,
      body: { kind: 'day_care', mode: 'distance', metres: 500, speedKmh: 3.5, maxSnapM: 150, k: 2, candidates: { gates: true } },
    })
  })

  it('sends points, closed parcels and the elderly weight, and leaves out parcels of fewer than three corners', () => {
    const form = readSuggestionForm(QUERY, { ...INPUT, gates: false, points: [[123.4, 41.7]], parcels: [SQUARE, SQUARE.slice(0, 2)], weightElderly: 1.5 }, [])
    expect(form).toEqual({
      ok: true,
      body: {
        kind: 'home_care',
        mode: 'time',
        minutes: 5,
        speed: 'standard',
        k: 2,
        candidates: { points: [[123.4, 41.7]], parcels: [[[...SQUARE, SQUARE[0]]]] },
        weightElderly: 1.5,
      },
    })
  })

  it('says what is wrong: the band, k, the weight, or no candidates at all', () => {
    const message = (input: Partial<SuggestionInput>, query: Parameters<typeof readSuggestionForm>[0] = QUERY) => {
      const form = readSuggestionForm(query, { ...INPUT, ...input }, [])
      return form.ok ? null : form.message
    }
    expect(message({ band: null })).toBe('sites.bandInvalid')
    expect(message({ band: 0 })).toBe('sites.bandInvalid')
    expect(message({ band: 121 })).toBe('sites.bandInvalid')
    expect(message({ band: 1500 }, { ...QUERY, mode: 'distance' })).toBeNull()
    expect(message({ k: 0 })).toBe('sites.kInvalid')
    expect(message({ k: 2.5 })).toBe('sites.kInvalid')
    expect(message({ k: 21 })).toBe('sites.kInvalid')
    expect(message({ weightElderly: -1 })).toBe('sites.weightInvalid')
    expect(message({ gates: false })).toBe('sites.needCandidates')
    expect(message({ gates: false, parcels: [SQUARE.slice(0, 2)] })).toBe('sites.needCandidates')
  })

  it('starts the band at the analysis’ first band', () => {
    expect(firstBand('5,10,15')).toBe(5)
    expect(firstBand(' 300 , 500')).toBe(300)
    expect(firstBand('')).toBeNull()
  })

  it('closes a ring once', () => {
    expect(closeRing(SQUARE)).toEqual([...SQUARE, SQUARE[0]])
    expect(closeRing(closeRing(SQUARE))).toEqual([...SQUARE, SQUARE[0]])
    expect(closeRing([])).toEqual([])
  })
})

describe('the site-suggestion map layer', () => {
  it('draws parcels, the parcel being drawn, candidate points and the picks with their labels, picks last', () => {
    const collection = siteSuggestionFeatures({
      points: [[1, 1]],
      parcels: [SQUARE, SQUARE.slice(0, 2)],
      draft: [[2, 2], [3, 3]],
      picks: [{ rank: 1, position: [4, 4], label: '第1处 +2,887户' }],
    })
    expect(collection.features.map((f) => [f.properties.role, f.geometry.type, f.properties.rank, f.properties.label])).toEqual([
      ['parcel', 'Polygon', 0, ''],
      ['draft', 'LineString', 0, ''],
      ['vertex', 'Point', 0, ''],
      ['vertex', 'Point', 0, ''],
      ['point', 'Point', 0, ''],
      ['pick', 'Point', 1, '第1处 +2,887户'],
    ])
    expect(collection.features[0]!.geometry).toEqual({ type: 'Polygon', coordinates: [[...SQUARE, SQUARE[0]]] })
  })
})
