import type { FeatureCollection, Geometry, Position } from 'geojson'

/** A bounding box, `[west, south, east, north]` in degrees. */
export type Bbox = [number, number, number, number]

function forEachPosition(geometry: Geometry, visit: (position: Position) => void): void {
  switch (geometry.type) {
    case 'Point':
      visit(geometry.coordinates)
      return
    case 'MultiPoint':
    case 'LineString':
      geometry.coordinates.forEach(visit)
      return
    case 'MultiLineString':
    case 'Polygon':
      geometry.coordinates.forEach((line) => line.forEach(visit))
      return
    case 'MultiPolygon':
      geometry.coordinates.forEach((polygon) => polygon.forEach((ring) => ring.forEach(visit)))
      return
    case 'GeometryCollection':
      geometry.geometries.forEach((part) => forEachPosition(part, visit))
  }
}

/**
 * The box around positions, grown to at least `minSpan` degrees each way so
 * that a point or a short line is not fitted at the highest zoom; `null`
 * when there are none.
 */
export function boundsOfPositions(positions: Iterable<Position>, minSpan = 0.004): Bbox | null {
  let west = Infinity
  let south = Infinity
  let east = -Infinity
  let north = -Infinity
  for (const [lng, lat] of positions) {
    if (lng === undefined || lat === undefined) continue
    west = Math.min(west, lng)
    east = Math.max(east, lng)
    south = Math.min(south, lat)
    north = Math.max(north, lat)
  }
  if (!Number.isFinite(west)) return null
  const padLng = Math.max(0, (minSpan - (east - west)) / 2)
  const padLat = Math.max(0, (minSpan - (north - south)) / 2)
  return [west - padLng, south - padLat, east + padLng, north + padLat]
}

/** The box around a geometry (see {@link boundsOfPositions}); `null` for none. */
export function boundsOfGeometry(geometry: Geometry | null, minSpan?: number): Bbox | null {
  if (!geometry) return null
  const positions: Position[] = []
  forEachPosition(geometry, (position) => positions.push(position))
  return boundsOfPositions(positions, minSpan)
}

/** The box around every feature of a collection (see {@link boundsOfPositions}); `null` for none. */
export function boundsOfFeatures(collection: FeatureCollection, minSpan?: number): Bbox | null {
  const positions: Position[] = []
  for (const feature of collection.features) {
    if (feature.geometry) forEachPosition(feature.geometry, (position) => positions.push(position))
  }
  return boundsOfPositions(positions, minSpan)
}
