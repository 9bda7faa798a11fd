import type { Feature, FeatureCollection, LineString, Point } from 'geojson'
import type { ChangedFacility } from '../state/facility-changes.ts'

/** What a point of the what-if layer marks: a facility by its status, or where a moved one stood. */
export type WhatIfMark = ChangedFacility['status'] | 'origin'

/** Properties of a what-if point or of the line from a moved facility's old spot to its new one. */
export interface WhatIfProperties {
  facilityId: number
  mark: WhatIfMark
  /** Label drawn beside added and moved facilities; empty for the others. */
  label: string
  /** Whether this is the facility picked to move. */
  picked: boolean
}

/**
 * The facilities of the kind as a what-if leaves them: every one at the spot
 * it stands (marked by status), the old spot of each moved one, and a line
 * from there to the new spot. `name` labels added and moved facilities.
 */
export function whatIfFeatures(
  facilities: readonly ChangedFacility[],
  movingId: number | null,
  name: (facility: ChangedFacility) => string,
): FeatureCollection<Point | LineString, WhatIfProperties> {
  const features: Feature<Point | LineString, WhatIfProperties>[] = []
  for (const facility of facilities) {
    const changed = facility.status === 'added' || facility.status === 'moved'
    const properties: WhatIfProperties = {
      facilityId: facility.id,
      mark: facility.status,
      label: changed ? name(facility) : '',
      picked: facility.id === movingId,
    }
    if (facility.origin) {
      const origin = { ...properties, mark: 'origin' as const, label: '' }
      features.push({ type: 'Feature', properties: origin, geometry: { type: 'LineString', coordinates: [facility.origin, facility.position] } })
      features.push({ type: 'Feature', properties: origin, geometry: { type: 'Point', coordinates: facility.origin } })
    }
    features.push({ type: 'Feature', properties, geometry: { type: 'Point', coordinates: facility.position } })
  }
  return { type: 'FeatureCollection', features }
}
