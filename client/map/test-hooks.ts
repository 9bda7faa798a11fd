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
