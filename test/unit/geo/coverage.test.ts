import { describe, expect, it } from 'vitest'
import { quantile, summarizeCoverage, type CompoundAccess, type CompoundOnNetwork } from '../../../server/geo/coverage.ts'
import { resolveTravelBands, TravelParameterError, walkingMinutes } from '../../../server/coverage/travel-parameters.ts'

const compound = (id: number, households: number): CompoundOnNetwork => ({
  id,
  communityCode: '210190001001',
  households,
  population: households * 2,
  elderlyPopulation: households,
  gates: [],
})
const access = (entries: [number, number | null][]) =>
  new Map(entries.map(([id, distanceM]): [number, CompoundAccess] => [id, { id, distanceM, source: distanceM === null ? -1 : 0, gate: 0 }]))

describe('summarizeCoverage', () => {
  it('counts each compound in every band its walking distance fits, so bands nest', () => {
    const compounds = [compound(1, 100), compound(2, 200), compound(3, 300), compound(4, 400)]
    const summary = summarizeCoverage(compounds, access([[1, 200], [2, 500], [3, 1200], [4, null]]), [300, 600, 1000])
    expect(summary.bands.map((b) => b.households)).toEqual([100, 300, 300])
    expect(summary.bands.map((b) => b.compounds)).toEqual([1, 2, 2])
    expect(summary.bands[1]!.householdShare).toBeCloseTo(0.3, 12)
    expect(summary.households).toBe(1000)
    expect(summary.compoundsUnreachable).toBe(1)
    expect(summary.medianDistanceM).toBe(500)
    expect(summary.p90DistanceM).toBe(1200)
  })

  it('reports no share and no median for a unit without households or reachable compounds', () => {
    const summary = summarizeCoverage([], new Map(), [300])
    expect(summary.bands[0]!.householdShare).toBeNull()
    expect(summary.medianDistanceM).toBeNull()
  })

  it('takes quantiles by nearest rank', () => {
    expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBe(9)
    expect(quantile([4], 0.5)).toBe(4)
    expect(quantile([], 0.5)).toBeNull()
  })
})

describe('resolveTravelBands', () => {
  it('walks 1,000 m in 15 minutes at the standard 4 km/h', () => {
    expect(resolveTravelBands({}).limitsM[2]).toBeCloseTo(1000, 9)
    expect(walkingMinutes(1000, 4)).toBeCloseTo(15, 9)
    expect(resolveTravelBands({ speed: 'adult', bands: [15] }).limitsM[0]).toBeCloseTo(1125, 9)
    expect(resolveTravelBands({ speedKmh: 5, bands: [12] }).limitsM[0]).toBeCloseTo(1000, 9)
  })

  it('refuses bands and speeds that make no sense, naming them', () => {
    expect(() => resolveTravelBands({ bands: [] })).toThrow(TravelParameterError)
    expect(() => resolveTravelBands({ bands: [5, 5] })).toThrow(/must not repeat/)
    expect(() => resolveTravelBands({ mode: 'distance', bands: [20_000] })).toThrow(/at most 10000 metres/)
    expect(() => resolveTravelBands({ speedKmh: 0 })).toThrow(/speedKmh must be above 0/)
  })
})
