import type { Map as MapLibreMap, MapGeoJSONFeature, PointLike } from 'maplibre-gl'
import type { SelectedFeature } from '../state/selection.svelte.ts'
import { CLICK_TARGETS, CLICKABLE_LAYER_IDS } from './click-targets.ts'
import { isMapAlive } from './mount-layers.ts'

function queryBox(point: { x: number; y: number }, tolerancePx: number): PointLike | [PointLike, PointLike] {
  if (tolerancePx === 0) return [point.x, point.y]
  return [
    [point.x - tolerancePx, point.y - tolerancePx],
    [point.x + tolerancePx, point.y + tolerancePx],
  ]
}

function toSelected(feature: MapGeoJSONFeature, type: SelectedFeature['type']): SelectedFeature | null {
  const properties = { ...feature.properties }
  const id = feature.id ?? properties.id ?? properties.code
  if (typeof id !== 'number' && typeof id !== 'string') return null
  return {
    type,
    layerId: feature.layer.id,
    id,
    properties,
    target: {
      source: feature.source,
      ...(feature.sourceLayer ? { sourceLayer: feature.sourceLayer } : {}),
      id,
    },
  }
}

/**
 * The feature under a screen point, by the priority of {@link CLICK_TARGETS}:
 * a facility wins over the compound and community around it. Hidden layers
 * are never hit. `null` when nothing clickable is there.
 */
export function pickFeature(map: MapLibreMap, point: { x: number; y: number }): SelectedFeature | null {
  for (const target of CLICK_TARGETS) {
    const layers = target.layers.filter((id) => map.getLayer(id))
    if (layers.length === 0) continue
    const [hit] = map.queryRenderedFeatures(queryBox(point, target.tolerancePx), { layers })
    if (!hit) continue
    const selected = toSelected(hit, target.type)
    if (selected) return selected
  }
  return null
}

/** Whether anything clickable is under a screen point, for the hover cursor. */
export function isOverClickable(map: MapLibreMap, point: { x: number; y: number }): boolean {
  const layers = CLICKABLE_LAYER_IDS.filter((id) => map.getLayer(id))
  if (layers.length === 0) return false
  return map.queryRenderedFeatures(queryBox(point, 3), { layers }).length > 0
}

/** Sets or clears the `selected` feature state that the style layers highlight. */
export function markSelected(map: MapLibreMap, feature: SelectedFeature, selected: boolean): void {
  if (!isMapAlive(map) || !map.getSource(feature.target.source)) return
  map.setFeatureState(feature.target, { selected })
}
