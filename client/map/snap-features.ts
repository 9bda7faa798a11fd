import type { Feature, FeatureCollection, LineString, Point, Position } from 'geojson'
import type { CoverageFacility } from '../api/coverage.ts'

/** Properties of a snapped facility point or of the line that leads to it. */
export interface SnapProperties {
  facilityId: number
  name: string
  snapDistanceM: number | null
}

/**
 * Where each facility joins the walk network, as a point, and a line from
 * where the facility stands to that point wherever the two are apart.
 * Facilities that could not be joined to the network, and those a what-if
 * removed, are left out.
 */
export function snapFeatures(facilities: readonly CoverageFacility[]): FeatureCollection<Point | LineString, SnapProperties> {
  const features: Feature<Point | LineString, SnapProperties>[] = []
  for (const facility of facilities) {
    if (facility.status === 'removed' || !facility.snapped || facility.lng === null || facility.lat === null) continue
    const snapped: Position = [facility.lng, facility.lat]
    const properties = { facilityId: facility.id, name: facility.name, snapDistanceM: facility.snapDistanceM }
    features.push({ type: 'Feature', properties, geometry: { type: 'Point', coordinates: snapped } })
    if ((facility.snapDistanceM ?? 0) > 0) {
      features.push({ type: 'Feature', properties, geometry: { type: 'LineString', coordinates: [facility.position, snapped] } })
    }
  }
  return { type: 'FeatureCollection', features }
}
