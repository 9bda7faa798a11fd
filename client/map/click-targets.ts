import type { FeatureLayer } from '../api/features.ts'
import { FACILITY_LAYER_IDS, LAYER_IDS } from './layer-ids.ts'

/** What kind of thing a clicked feature is; decides the panel's fields. */
export type FeatureType = 'facility' | 'gate' | 'compound' | 'network' | 'water' | 'community' | 'division'

/** Layers whose features can be clicked, and how generously. */
export interface ClickTarget {
  type: FeatureType
  layers: readonly string[]
  /** Pixels around the click that still count as a hit; lines and points need some. */
  tolerancePx: number
}

/**
 * Clickable layers from highest to lowest priority: where features overlap,
 * the first target with a hit wins, so a facility beats the compound and the
 * community it stands in.
 */
export const CLICK_TARGETS: readonly ClickTarget[] = [
  { type: 'facility', layers: FACILITY_LAYER_IDS, tolerancePx: 6 },
  { type: 'gate', layers: [LAYER_IDS.gatesCircle], tolerancePx: 5 },
  { type: 'network', layers: [LAYER_IDS.networkRoad, LAYER_IDS.networkFootway, LAYER_IDS.networkTunnel], tolerancePx: 3 },
  { type: 'compound', layers: [LAYER_IDS.compoundsFill], tolerancePx: 0 },
  { type: 'water', layers: [LAYER_IDS.waterFill], tolerancePx: 0 },
  { type: 'division', layers: [LAYER_IDS.subdistrictLine, LAYER_IDS.districtLine], tolerancePx: 3 },
  { type: 'community', layers: [LAYER_IDS.reportStatusFill, LAYER_IDS.communitiesFill], tolerancePx: 0 },
]

/** Every clickable layer, for hover cursors. */
export const CLICKABLE_LAYER_IDS: readonly string[] = CLICK_TARGETS.flatMap((target) => target.layers)

/**
 * Where the full attributes of a clicked feature come from: the
 * `/api/features/{layer}/{id}` resource, or none when the map already has
 * them all (water).
 */
export function detailsLayerOf(type: FeatureType): FeatureLayer | null {
  switch (type) {
    case 'facility':
      return 'facilities'
    case 'compound':
      return 'compounds'
    case 'network':
      return 'network'
    case 'community':
    case 'division':
      return 'divisions'
    case 'gate':
    case 'water':
      return null
  }
}
