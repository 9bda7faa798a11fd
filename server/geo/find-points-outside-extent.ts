import type { Position } from 'geojson'
import { geodesicDistanceM } from './geodesic-length.ts'

/** A district's extent in WGS 84: [west, south, east, north] in degrees. */
export type Extent = readonly [number, number, number, number]

export interface PointOutsideExtent {
  /** The position's index in the input, so the caller can name the row or feature. */
  index: number
  position: Position
  /**
   * Metres from the position to the nearest point of the extent; Infinity
   * for a position that is not a longitude/latitude at all (NaN, or beyond
   * ±180°/±90°), as happens when metres are read as degrees.
   */
  distanceM: number
}

export interface FindOutsideOptions {
  /** Points this close outside the extent are not reported; default 0. */
  marginM?: number
}

const isLngLat = (p: Position): boolean =>
  Number.isFinite(p[0]) && Number.isFinite(p[1]) && Math.abs(p[0]!) <= 180 && Math.abs(p[1]!) <= 90

const clamp = (v: number, min: number, max: number): number => Math.min(max, Math.max(min, v))

/**
 * The converted points that fall outside the district's extent, in input
 * order, for an import's dry run to warn "points fall outside the district:
 * wrong coordinate system?". Null entries (rows without coordinates) are
 * skipped but keep their index. The distance is to the nearest point of the
 * longitude/latitude box, measured on the WGS 84 ellipsoid.
 */
export function findPointsOutsideExtent(
  points: ReadonlyArray<Position | null | undefined>,
  extent: Extent,
  { marginM = 0 }: FindOutsideOptions = {},
): PointOutsideExtent[] {
  const [west, south, east, north] = extent
  if (!extent.every(Number.isFinite) || west > east || south > north) {
    throw new Error(`Extent must be [west, south, east, north] with west ≤ east and south ≤ north, got [${extent.join(', ')}]`)
  }
  if (!(marginM >= 0)) throw new Error(`marginM must be a distance of 0 or more, got ${marginM}`)
  const outside: PointOutsideExtent[] = []
  points.forEach((position, index) => {
    if (!position) return
    if (!isLngLat(position)) {
      outside.push({ index, position, distanceM: Number.POSITIVE_INFINITY })
      return
    }
    const [lng, lat] = [position[0]!, position[1]!]
    if (lng >= west && lng <= east && lat >= south && lat <= north) return
    const distanceM = geodesicDistanceM(lng, lat, clamp(lng, west, east), clamp(lat, south, north))
    if (distanceM > marginM) outside.push({ index, position, distanceM })
  })
  return outside
}
