import type { Position } from 'geojson'

/** A point in the district's local frame: metres east and north of its south-west corner. */
export type Xy = [number, number]

/** South-west corner of the demo district, in Shenyang (WGS84). */
export const origin = { lng: 123.39, lat: 41.705 }

const metresPerDegreeLat = 110_574
const metresPerDegreeLng = 111_320 * Math.cos((origin.lat * Math.PI) / 180)

const round7 = (v: number) => Math.round(v * 1e7) / 1e7

/** Local metres to [lng, lat], rounded to 7 decimals (about 1 cm) so output is stable byte for byte. */
export function toLngLat([x, y]: Xy): Position {
  return [round7(origin.lng + x / metresPerDegreeLng), round7(origin.lat + y / metresPerDegreeLat)]
}

export function toLngLatLine(points: Xy[]): Position[] {
  return points.map(toLngLat)
}
