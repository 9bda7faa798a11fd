import type { AddLayerObject, LayerSpecification, Map as MapLibreMap, SourceSpecification } from 'maplibre-gl'
import { DRAW_ORDER } from './layer-ids.ts'
import type { MapContext } from './map-context.ts'

/** Whether the map still has a style to change; false once `map.remove()` ran. */
export function isMapAlive(map: MapLibreMap): boolean {
  return Boolean(map.style)
}

/**
 * Adds a layer below the next layer above it in {@link DRAW_ORDER} that is
 * already on the map, so that stacking does not depend on the order in which
 * components mount. A layer missing from the list goes on top.
 */
export function addLayerInOrder(map: MapLibreMap, layer: AddLayerObject): void {
  const index = DRAW_ORDER.indexOf(layer.id)
  const beforeId = index < 0 ? undefined : DRAW_ORDER.slice(index + 1).find((id) => map.getLayer(id))
  map.addLayer(layer, beforeId)
}

/**
 * Adds a source and its layers, each shown or hidden as the user last chose,
 * and returns the function that removes them again; meant to be returned from
 * a component's `$effect`.
 */
export function mountSource(
  { map, isLayerVisible }: MapContext,
  sourceId: string,
  source: SourceSpecification,
  layers: readonly LayerSpecification[],
): () => void {
  map.addSource(sourceId, source)
  for (const layer of layers) {
    const visibility = isLayerVisible(layer.id) ? 'visible' : 'none'
    addLayerInOrder(map, { ...layer, layout: { ...layer.layout, visibility } } as LayerSpecification)
  }
  return () => {
    if (!isMapAlive(map)) return
    for (const layer of layers) {
      if (map.getLayer(layer.id)) map.removeLayer(layer.id)
    }
    if (map.getSource(sourceId)) map.removeSource(sourceId)
  }
}

/** Sets the visibility of some style layers, skipping those not on the map. */
export function setLayersVisible(map: MapLibreMap, layerIds: readonly string[], visible: boolean): void {
  for (const id of layerIds) {
    if (!map.getLayer(id)) continue
    map.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none')
  }
}
