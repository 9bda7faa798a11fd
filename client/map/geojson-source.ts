import type { FeatureCollection } from 'geojson'
import type { GeoJSONSource, GeoJSONSourceSpecification, Map as MapLibreMap } from 'maplibre-gl'
import { isMapAlive } from './mount-layers.ts'

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] }

/**
 * An empty GeoJSON source spec; the data follows with {@link setGeoJsonData}.
 * `promoteId` names the property that identifies a feature, which feature
 * states (the selection highlight) need; leave it out for features that are
 * never selected.
 */
export function geoJsonSource(promoteId?: string): GeoJSONSourceSpecification {
  return { type: 'geojson', data: EMPTY, ...(promoteId ? { promoteId } : {}) }
}

/** Replaces the data of a GeoJSON source, if the source is still on the map. */
export function setGeoJsonData(map: MapLibreMap, sourceId: string, data: FeatureCollection | null): void {
  if (!isMapAlive(map)) return
  const source = map.getSource<GeoJSONSource>(sourceId)
  source?.setData(data ?? EMPTY)
}
