import type { Feature, FeatureCollection, LineString, Point, Polygon } from 'geojson'
import type { LngLat } from '../state/facility-changes.ts'
import { closeRing } from '../state/site-suggestion-form.ts'

/** What a feature of the site-suggestion layer is. */
export type SiteFeatureRole = 'point' | 'parcel' | 'draft' | 'vertex' | 'pick'

/** Properties of a candidate, a parcel (drawn or being drawn) or a suggested site. */
export interface SiteFeatureProperties {
  role: SiteFeatureRole
  /** For a pick: its rank, 1 for the first. */
  rank: number
  /** For a pick: the label with its rank and the households it adds. */
  label: string
}

/** A suggested site to draw, with the label written under it. */
export interface PickMark {
  rank: number
  position: LngLat
  label: string
}

/** What the planner drew and what the server picked. */
export interface SiteDrawing {
  points: readonly LngLat[]
  parcels: readonly (readonly LngLat[])[]
  /** Corners of the parcel being drawn. */
  draft: readonly LngLat[]
  picks: readonly PickMark[]
}

/**
 * The site-suggestion layer's features: parcels as polygons, the parcel
 * being drawn as a line through its corners, candidate points, and the
 * suggested sites with their labels (last, so they draw on top).
 */
export function siteSuggestionFeatures(drawing: SiteDrawing): FeatureCollection<Point | LineString | Polygon, SiteFeatureProperties> {
  const features: Feature<Point | LineString | Polygon, SiteFeatureProperties>[] = []
  const props = (role: SiteFeatureRole, rank = 0, label = ''): SiteFeatureProperties => ({ role, rank, label })
  for (const ring of drawing.parcels) {
    if (ring.length < 3) continue
    features.push({ type: 'Feature', properties: props('parcel'), geometry: { type: 'Polygon', coordinates: [closeRing(ring)] } })
  }
  if (drawing.draft.length >= 2) {
    features.push({ type: 'Feature', properties: props('draft'), geometry: { type: 'LineString', coordinates: drawing.draft.map((p) => [...p]) } })
  }
  for (const corner of drawing.draft) features.push({ type: 'Feature', properties: props('vertex'), geometry: { type: 'Point', coordinates: [...corner] } })
  for (const point of drawing.points) features.push({ type: 'Feature', properties: props('point'), geometry: { type: 'Point', coordinates: [...point] } })
  for (const pick of drawing.picks) {
    features.push({ type: 'Feature', properties: props('pick', pick.rank, pick.label), geometry: { type: 'Point', coordinates: [...pick.position] } })
  }
  return { type: 'FeatureCollection', features }
}
