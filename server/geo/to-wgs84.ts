import gcoord from 'gcoord'
import type { Geometry, Position } from 'geojson'

/**
 * The coordinate systems of longitude/latitude that Chinese data arrives in:
 * WGS 84 (GPS, our storage), GCJ-02 (the national "offset" datum of AMap,
 * Tencent and most web maps in China) and BD-09 (Baidu Maps, a further
 * offset of GCJ-02).
 */
export type LngLatSystem = 'wgs84' | 'gcj02' | 'bd09'

export const LNG_LAT_SYSTEMS: readonly LngLatSystem[] = ['wgs84', 'gcj02', 'bd09']

const GCOORD_SYSTEMS = { wgs84: gcoord.WGS84, gcj02: gcoord.GCJ02, bd09: gcoord.BD09 } as const

/**
 * The position in WGS 84. GCJ-02 and BD-09 are undone with gcoord, whose
 * inverse iterates to within 1e-6° (about 0.1 m); positions outside China's
 * box are left as they are, as the offsets apply only inside China. A height
 * is kept.
 */
export function positionToWgs84(position: Position, from: LngLatSystem): Position {
  if (from === 'wgs84') return [...position]
  const [lng, lat] = gcoord.transform([position[0]!, position[1]!], GCOORD_SYSTEMS[from], gcoord.WGS84)
  return position.length > 2 ? [lng, lat, ...position.slice(2)] : [lng, lat]
}

/**
 * A copy of the geometry with every position in WGS 84; the input is not
 * changed. Expects well-formed GeoJSON (check it first with `validateGeometry`).
 */
export function geometryToWgs84(geometry: Geometry, from: LngLatSystem): Geometry {
  const convert = (p: Position): Position => positionToWgs84(p, from)
  switch (geometry.type) {
    case 'Point':
      return { type: 'Point', coordinates: convert(geometry.coordinates) }
    case 'MultiPoint':
      return { type: 'MultiPoint', coordinates: geometry.coordinates.map(convert) }
    case 'LineString':
      return { type: 'LineString', coordinates: geometry.coordinates.map(convert) }
    case 'MultiLineString':
      return { type: 'MultiLineString', coordinates: geometry.coordinates.map((line) => line.map(convert)) }
    case 'Polygon':
      return { type: 'Polygon', coordinates: geometry.coordinates.map((ring) => ring.map(convert)) }
    case 'MultiPolygon':
      return {
        type: 'MultiPolygon',
        coordinates: geometry.coordinates.map((polygon) => polygon.map((ring) => ring.map(convert))),
      }
    case 'GeometryCollection':
      return { type: 'GeometryCollection', geometries: geometry.geometries.map((g) => geometryToWgs84(g, from)) }
  }
}
