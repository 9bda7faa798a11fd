import { getJson } from './http.ts'

/** Layers whose features `GET /api/features/{layer}/{id}` can describe. */
export type FeatureLayer = 'compounds' | 'facilities' | 'divisions' | 'network'

/** Every attribute of one feature, camelCase, as the server stores it. */
export interface FeatureDetails {
  layer: FeatureLayer
  id: string | number
  properties: Record<string, unknown>
}

/**
 * Loads all attributes of one feature. Vector tiles carry only a few
 * properties, so the attribute panel asks for the rest here.
 */
export function fetchFeatureDetails(
  layer: FeatureLayer,
  id: string | number,
  signal?: AbortSignal,
): Promise<FeatureDetails> {
  return getJson<FeatureDetails>(
    `/api/features/${layer}/${encodeURIComponent(String(id))}`,
    signal,
  )
}
