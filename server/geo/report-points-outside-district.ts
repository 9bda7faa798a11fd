import type { Position } from 'geojson'
import { findPointsOutsideExtent, type Extent } from './find-points-outside-extent.ts'

/**
 * How far outside the stored divisions' extent an imported point may lie
 * before the import reports it. A kilometre lets through points just over
 * the edge and the few hundred metres of a GCJ-02/BD-09 mix-up near it, and
 * still catches a wrong zone, swapped axes, or metres read as degrees.
 */
export const DISTRICT_EXTENT_MARGIN_M = 1000

/** One row's converted positions, under the field a problem should name ('lng', 'geometry'). */
export interface RowPositions {
  row: number
  field: string
  positions: readonly Position[]
}

export interface RowOutsideDistrict {
  row: number
  field: string
  message: string
}

const formatExtent = ([west, south, east, north]: Extent): string =>
  `${west.toFixed(4)}–${east.toFixed(4)} E, ${south.toFixed(4)}–${north.toFixed(4)} N`

/**
 * A problem for each row with a position more than
 * {@link DISTRICT_EXTENT_MARGIN_M} outside the district's extent, naming the
 * farthest such position. When most rows with positions are outside, each
 * message says so and asks whether the coordinate system is wrong, which is
 * then the likely cause.
 */
export function reportPointsOutsideDistrict(rows: readonly RowPositions[], extent: Extent): RowOutsideDistrict[] {
  const flat = rows.flatMap((r, rowIndex) => r.positions.map((position) => ({ rowIndex, position })))
  const outside = findPointsOutsideExtent(
    flat.map((f) => f.position),
    extent,
    { marginM: DISTRICT_EXTENT_MARGIN_M },
  )
  const farthestByRow = new Map<number, { position: Position; distanceM: number }>()
  for (const o of outside) {
    const rowIndex = flat[o.index]!.rowIndex
    const seen = farthestByRow.get(rowIndex)
    if (!seen || o.distanceM > seen.distanceM) farthestByRow.set(rowIndex, o)
  }
  const withPositions = rows.filter((r) => r.positions.length > 0).length
  const most = farthestByRow.size * 2 > withPositions
  return [...farthestByRow.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([rowIndex, { position, distanceM }]) => {
      const { row, field } = rows[rowIndex]!
      const where = Number.isFinite(distanceM)
        ? `the point ${position[0]!.toFixed(6)}, ${position[1]!.toFixed(6)} (WGS84, after conversion) lies ${(distanceM / 1000).toFixed(1)} km outside the district’s divisions (${formatExtent(extent)})`
        : `the point ${position.slice(0, 2).join(', ')} is not a longitude/latitude after conversion`
      const hint = most
        ? `; ${farthestByRow.size} of ${withPositions} rows fall outside: wrong coordinate system? Check crs`
        : '; check the coordinates and the coordinate system'
      return { row, field, message: where + hint }
    })
}
