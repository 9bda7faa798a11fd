import type { Feature, FeatureCollection, Geometry, LineString, MultiLineString, Point } from 'geojson'
import type { BoundaryMarker, LineStatus, MarkerCondition } from '../api/boundaries.ts'
import { LINE_STATUS_COLORS, MARKER_CONDITION_COLORS } from './boundary-colors.ts'

/** The properties of a marker on a boundary map; `color` is what it is drawn in. */
export interface MarkerPointProperties {
  id: number
  number: string
  condition: string
  color: string
}

/** The properties of a line on a boundary map; `color` is what it is drawn in. */
export interface LinePathProperties {
  id: number
  name: string
  status: string
  color: string
}

/** A line as the map needs it. */
export interface DrawnLine {
  id: number
  name: string
  status: string
  /** GeoJSON as the server sends it; only LineStrings and MultiLineStrings are drawn. */
  geometry: LooseGeometry | null
}

/** A GeoJSON geometry as server schemas type it: its `type` and its coordinates. */
export interface LooseGeometry {
  type: string
  coordinates?: unknown
}

/** The markers with coordinates as points coloured by condition; markers whose coordinates are hidden are left out. */
export function markerPointFeatures(markers: readonly BoundaryMarker[]): FeatureCollection<Point, MarkerPointProperties> {
  const features: Feature<Point, MarkerPointProperties>[] = []
  for (const marker of markers) {
    if (marker.lng === null || marker.lat === null) continue
    features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [marker.lng, marker.lat] },
      properties: { id: marker.id, number: marker.number, condition: marker.condition, color: MARKER_CONDITION_COLORS[marker.condition as MarkerCondition] ?? '#868e96' },
    })
  }
  return { type: 'FeatureCollection', features }
}

/** The lines with a geometry, coloured by inspection status. */
export function linePathFeatures(lines: readonly DrawnLine[]): FeatureCollection<MultiLineString | LineString, LinePathProperties> {
  const features: Feature<MultiLineString | LineString, LinePathProperties>[] = []
  for (const line of lines) {
    if (line.geometry?.type !== 'MultiLineString' && line.geometry?.type !== 'LineString') continue
    features.push({
      type: 'Feature',
      geometry: line.geometry as MultiLineString | LineString,
      properties: { id: line.id, name: line.name, status: line.status, color: LINE_STATUS_COLORS[line.status as LineStatus] ?? '#495057' },
    })
  }
  return { type: 'FeatureCollection', features }
}

/** The bounding box `[west, south, east, north]` of some geometries' coordinates; `null` when they have none. */
export function boundsOfGeometries(geometries: readonly (Geometry | LooseGeometry | null)[]): [number, number, number, number] | null {
  let box: [number, number, number, number] | null = null
  const visit = (value: unknown): void => {
    if (!Array.isArray(value)) return
    if (typeof value[0] === 'number' && typeof value[1] === 'number') {
      const [lng, lat] = value as [number, number]
      box = box ? [Math.min(box[0], lng), Math.min(box[1], lat), Math.max(box[2], lng), Math.max(box[3], lat)] : [lng, lat, lng, lat]
      return
    }
    for (const entry of value) visit(entry)
  }
  for (const geometry of geometries) {
    if (!geometry) continue
    if ('geometries' in geometry) for (const part of geometry.geometries) visit('coordinates' in part ? part.coordinates : null)
    else visit(geometry.coordinates)
  }
  return box
}
