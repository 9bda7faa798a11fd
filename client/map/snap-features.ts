import type { Feature, FeatureCollection, LineString, Point, Position } from 'geojson'
import type { CoverageFacility } from '../api/coverage.ts'
import type { FacilityCollection } from '../api/layers.ts'

/** Properties of a snapped facility point or of the line that leads to it. */
export interface SnapProperties {
  facilityId: number
  name: string
  snapDistanceM: number | null
}

/**
 * Where each facility joins the walk network, as a point, and a line from the
 * facility to that point wherever the two are apart. Facilities that could
 * not be joined to the network have no snapped point and are left out.
 */
export function snapFeatures(
  facilities: readonly CoverageFacility[],
  positions: FacilityCollection | null,
): FeatureCollection<Point | LineString, SnapProperties> {
  const located = new Map<number, Position>()
  for (const feature of positions?.features ?? []) located.set(feature.properties.id, feature.geometry.coordinates)
  const features: Feature<Point | LineString, SnapProperties>[] = []
  for (const facility of facilities) {
    if (!facility.snapped || facility.lng === null || facility.lat === null) continue
    const snapped: Position = [facility.lng, facility.lat]
    const properties = { facilityId: facility.id, name: facility.name, snapDistanceM: facility.snapDistanceM }
    features.push({ type: 'Feature', properties, geometry: { type: 'Point', coordinates: snapped } })
    const origin = located.get(facility.id)
    if (origin && (facility.snapDistanceM ?? 0) > 0) {
      features.push({ type: 'Feature', properties, geometry: { type: 'LineString', coordinates: [origin, snapped] } })
    }
  }
  return { type: 'FeatureCollection', features }
}
