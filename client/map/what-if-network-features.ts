import type { Feature, FeatureCollection, LineString, Point } from 'geojson'
import type { LngLat } from '../state/facility-changes.ts'

/** Properties of a new link, of one of its ends, or of the link being placed. */
export interface LinkProperties {
  /** Which link it is (1 for the first added); 0 for the one being placed. */
  ordinal: number
  draft: boolean
}

/**
 * New walkable links as lines with a point at each end, and the link being
 * placed (`draft`: from its first end to the pointer, or only that end while
 * the pointer is off the map).
 */
export function linkFeatures(
  links: readonly { ordinal: number; from: LngLat; to: LngLat }[],
  draft: { from: LngLat; to: LngLat | null } | null,
): FeatureCollection<Point | LineString, LinkProperties> {
  const features: Feature<Point | LineString, LinkProperties>[] = []
  const push = (from: LngLat, to: LngLat | null, properties: LinkProperties) => {
    if (to) features.push({ type: 'Feature', properties, geometry: { type: 'LineString', coordinates: [from, to] } })
    features.push({ type: 'Feature', properties, geometry: { type: 'Point', coordinates: from } })
    if (to) features.push({ type: 'Feature', properties, geometry: { type: 'Point', coordinates: to } })
  }
  for (const link of links) push(link.from, link.to, { ordinal: link.ordinal, draft: false })
  if (draft) push(draft.from, draft.to, { ordinal: 0, draft: true })
  return { type: 'FeatureCollection', features }
}
