import { describe, expect, it } from 'vitest'
import { findPointsOutsideExtent, type Extent } from '../../../server/geo/find-points-outside-extent.ts'
import { positionToWgs84 } from '../../../server/geo/to-wgs84.ts'

/** A district of about 8.3 km by 6.7 km in Shenyang. */
const district: Extent = [123.38, 41.68, 123.48, 41.74]
/** Metres in a degree of latitude at 41.7° N, and of longitude there. */
const mPerDegLat = 111_062
const mPerDegLng = 83_138

describe('findPointsOutsideExtent', () => {
  it('reports points outside by index with their distance from the nearest edge or corner', () => {
    const points = [
      [123.43, 41.71],
      [123.43, 41.75],
      null,
      [123.37, 41.71],
      [123.49, 41.67],
      [123.48, 41.74],
    ]
    const outside = findPointsOutsideExtent(points, district)
    expect(outside.map((o) => o.index)).toEqual([1, 3, 4])
    expect(outside[0]!.distanceM).toBeCloseTo(0.01 * mPerDegLat, -1)
    expect(outside[1]!.distanceM).toBeCloseTo(0.01 * mPerDegLng, -1)
    expect(outside[2]!.distanceM).toBeCloseTo(Math.hypot(0.01 * mPerDegLat, 0.01 * 83_190), -1)
    expect(outside[1]!.position).toEqual([123.37, 41.71])
  })

  it('catches GCJ-02 points imported as WGS 84 near the edge, and a margin hides the ones just over', () => {
    const gcj02 = [[123.4855, 41.7345]]
    const outside = findPointsOutsideExtent(gcj02, district)
    expect(outside).toHaveLength(1)
    expect(findPointsOutsideExtent(gcj02.map((p) => positionToWgs84(p, 'gcj02')), district)).toEqual([])
    expect(findPointsOutsideExtent(gcj02, district, { marginM: outside[0]!.distanceM + 1 })).toEqual([])
  })

  it('reports metres read as degrees, and NaN, at an infinite distance', () => {
    const outside = findPointsOutsideExtent([[41_535_858, 4_630_145], [Number.NaN, 41.7], [123.43, 41.71]], district)
    expect(outside.map((o) => [o.index, o.distanceM])).toEqual([
      [0, Number.POSITIVE_INFINITY],
      [1, Number.POSITIVE_INFINITY],
    ])
  })

  it('refuses an extent that is not [west, south, east, north] and a negative margin', () => {
    expect(() => findPointsOutsideExtent([], [123.48, 41.68, 123.38, 41.74])).toThrow(/west ≤ east/)
    expect(() => findPointsOutsideExtent([], [123.38, 41.68, Number.NaN, 41.74])).toThrow(/Extent/)
    expect(() => findPointsOutsideExtent([], district, { marginM: -1 })).toThrow(/marginM/)
  })
})
