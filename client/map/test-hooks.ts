import type { Map as MapLibreMap } from 'maplibre-gl'

declare global {
  interface Window {
    /**
     * Test and debug hook: the app's MapLibre map, set once the map has loaded
     * and every source and layer has been added (the map container then has
     * `data-map-ready="true"`). Browser tests use it for `getLayer`,
     * `queryRenderedFeatures` and `project`; it is not an API for app code.
     */
    lifecircleMap?: MapLibreMap
    /**
     * Test and debug hook: the small maps of the gazetteer and boundary pages
     * by their container's `data-testid`, set once each has loaded.
     */
    lifecircleMiniMaps?: Record<string, MapLibreMap>
  }
}

/** Publishes the map as `window.lifecircleMap` for browser tests and debugging. */
export function exposeMapForTests(map: MapLibreMap): void {
  window.lifecircleMap = map
}

/** Withdraws `window.lifecircleMap` when the map goes away. */
export function withdrawMapForTests(map: MapLibreMap): void {
  if (window.lifecircleMap === map) delete window.lifecircleMap
}

/** Publishes a small map as `window.lifecircleMiniMaps[testid]` for browser tests. */
export function exposeMiniMapForTests(testid: string, map: MapLibreMap): void {
  window.lifecircleMiniMaps = { ...window.lifecircleMiniMaps, [testid]: map }
}

/** Withdraws a small map published with {@link exposeMiniMapForTests} when it goes away. */
export function withdrawMiniMapForTests(testid: string, map: MapLibreMap): void {
  if (window.lifecircleMiniMaps?.[testid] === map) delete window.lifecircleMiniMaps[testid]
}
