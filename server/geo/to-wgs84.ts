import gcoord from 'gcoord'
import type { Geometry, Position } from 'geojson'
import proj4 from 'proj4'
import {
  describeCoordinateSystem,
  gaussKrugerProj4Definition,
  type CoordinateSystemId,
  type GaussKrugerSystem,
  type GaussKrugerSystemId,
} from './coordinate-systems.ts'

/**
 * The coordinate systems of longitude/latitude that Chinese data arrives in:
 * WGS 84 (GPS, our storage), GCJ-02 (the national "offset" datum of AMap,
 * Tencent and most web maps in China) and BD-09 (Baidu Maps, a further
 * offset of GCJ-02). `CoordinateSystemId` adds CGCS2000 and its
 * Gauss–Krüger zones.
 */
export type LngLatSystem = 'wgs84' | 'gcj02' | 'bd09'

export const LNG_LAT_SYSTEMS: readonly LngLatSystem[] = ['wgs84', 'gcj02', 'bd09']

const GCOORD_SYSTEMS = { gcj02: gcoord.GCJ02, bd09: gcoord.BD09 } as const

/** CGCS2000 longitude/latitude, on the ellipsoid of the projections, so that proj4 applies no datum shift. */
const CGCS2000_LNG_LAT = '+proj=longlat +ellps=GRS80 +no_defs'

const projections = new Map<GaussKrugerSystemId, proj4.Converter>()

function projectionOf(system: GaussKrugerSystem): proj4.Converter {
  let projection = projections.get(system.id)
  if (!projection) {
    projection = proj4(CGCS2000_LNG_LAT, gaussKrugerProj4Definition(system))
    projections.set(system.id, projection)
  }
  return projection
}

const withRest = (position: Position, xy: readonly number[]): Position =>
  position.length > 2 ? [xy[0]!, xy[1]!, ...position.slice(2)] : [xy[0]!, xy[1]!]

/**
 * The position in WGS 84. GCJ-02 and BD-09 are undone with gcoord, whose
 * inverse iterates to within 1e-6° (about 0.1 m); positions outside China's
 * box are left as they are, as the offsets apply only inside China.
 * CGCS2000 is taken as WGS 84 (they differ by centimetres). Gauss–Krüger
 * positions are [easting, northing] in metres, unprojected with proj4; a
 * position that does not belong to the zone comes out far away, infinite or NaN, which
 * `findPointsOutsideExtent` reports. A height is kept.
 */
export function positionToWgs84(position: Position, from: CoordinateSystemId): Position {
  if (from === 'wgs84' || from === 'cgcs2000') return [...position]
  if (from === 'gcj02' || from === 'bd09') {
    return withRest(position, gcoord.transform([position[0]!, position[1]!], GCOORD_SYSTEMS[from], gcoord.WGS84))
  }
  const system = describeCoordinateSystem(from)
  if (system.kind !== 'gauss-kruger') throw new Error(`No conversion from "${from}"`)
  return withRest(position, projectionOf(system).inverse([position[0]!, position[1]!]))
}

/** The WGS 84 position in another system: the inverse of `positionToWgs84`, for exports and tests. */
export function positionFromWgs84(position: Position, to: CoordinateSystemId): Position {
  if (to === 'wgs84' || to === 'cgcs2000') return [...position]
  if (to === 'gcj02' || to === 'bd09') {
    return withRest(position, gcoord.transform([position[0]!, position[1]!], gcoord.WGS84, GCOORD_SYSTEMS[to]))
  }
  const system = describeCoordinateSystem(to)
  if (system.kind !== 'gauss-kruger') throw new Error(`No conversion to "${to}"`)
  return withRest(position, projectionOf(system).forward([position[0]!, position[1]!]))
}

/**
 * A copy of the geometry with every position in WGS 84; the input is not
 * changed. Expects well-formed GeoJSON (check it first with `validateGeometry`).
 */
export function geometryToWgs84(geometry: Geometry, from: CoordinateSystemId): Geometry {
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
