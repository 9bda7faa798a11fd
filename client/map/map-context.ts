import type { Map as MapLibreMap } from 'maplibre-gl'
import { createContext } from 'svelte'

/** What MapView hands to the layer components inside it. */
export interface MapContext {
  /** The map, already past its `load` event. */
  map: MapLibreMap
  /** Whether a style layer should start out visible; does not track changes. */
  isLayerVisible(layerId: string): boolean
}

const [getMapContext, setMapContext] = createContext<MapContext>()

/** The map of the enclosing MapView; only for components rendered inside it. */
export { getMapContext, setMapContext }
