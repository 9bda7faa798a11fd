import { fromGeojsonVt } from '@maplibre/vt-pbf'
import type { Geometry, Position } from 'geojson'

/** One feature already in tile coordinates (extent 4096), with its attributes. */
export interface TileFeature {
  id: number
  geometry: Geometry
  properties: Record<string, string | number | boolean | null>
}

type Ring = [number, number][]
type VtFeature =
  | { id: number; type: 1; tags: Record<string, unknown>; geometry: [number, number][] }
  | { id: number; type: 2 | 3; tags: Record<string, unknown>; geometry: Ring[] }

function toPair(p: Position): [number, number] {
  return [p[0]!, p[1]!]
}

function toVtFeature(feature: TileFeature): VtFeature | undefined {
  const { id, geometry: g } = feature
  const tags = Object.fromEntries(Object.entries(feature.properties).filter(([, v]) => v !== null))
  switch (g.type) {
    case 'Point':
      return { id, type: 1, tags, geometry: [toPair(g.coordinates)] }
    case 'MultiPoint':
      return { id, type: 1, tags, geometry: g.coordinates.map(toPair) }
    case 'LineString':
      return { id, type: 2, tags, geometry: [g.coordinates.map(toPair)] }
    case 'MultiLineString':
      return { id, type: 2, tags, geometry: g.coordinates.map((line) => line.map(toPair)) }
    case 'Polygon':
      return { id, type: 3, tags, geometry: g.coordinates.map((ring) => ring.map(toPair)) }
    case 'MultiPolygon':
      return { id, type: 3, tags, geometry: g.coordinates.flat().map((ring) => ring.map(toPair)) }
    default:
      return undefined
  }
}

/**
 * Encodes layers of tile-coordinate features as one Mapbox Vector Tile
 * (version 2, extent 4096). Ring orientation is taken as given: the SQL that
 * produces the features already winds exteriors as the specification wants.
 */
export function encodeVectorTile(layers: Record<string, TileFeature[]>): Uint8Array {
  const tiles: Record<string, { features: VtFeature[] }> = {}
  for (const [name, features] of Object.entries(layers)) {
    if (features.length === 0) continue
    tiles[name] = { features: features.map(toVtFeature).filter((f): f is VtFeature => f !== undefined) }
  }
  if (Object.keys(tiles).length === 0) return new Uint8Array(0)
  return fromGeojsonVt(tiles as unknown as Parameters<typeof fromGeojsonVt>[0], { version: 2, extent: 4096 })
}
