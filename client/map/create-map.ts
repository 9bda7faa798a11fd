import { Map as MapLibreMap, NavigationControl, ScaleControl, type LngLatBoundsLike } from 'maplibre-gl'
import { createBaseStyle, LABEL_FONT_FAMILY } from './base-style.ts'

/**
 * Padding around the district when the view is fitted to it, in pixels; on a
 * wide screen it keeps the district clear of the layer panel on the left.
 */
function fitPadding(container: HTMLElement) {
  const wide = container.clientWidth > 900
  return { top: 80, bottom: 40, left: wide ? 290 : 30, right: wide ? 60 : 30 }
}

/**
 * Creates the map in a container: our own style only, no rotation or pitch
 * (a planning map reads best north-up), navigation and scale controls, and no
 * default attribution (DataAttribution adds the datasets' own). Throws when
 * the browser cannot give MapLibre a WebGL context.
 */
export function createMap(container: HTMLElement, bounds?: LngLatBoundsLike): MapLibreMap {
  const map = new MapLibreMap({
    container,
    style: createBaseStyle(),
    center: [116.4, 39.9],
    zoom: 4,
    ...(bounds ? { bounds, fitBoundsOptions: { padding: fitPadding(container) } } : {}),
    attributionControl: false,
    localIdeographFontFamily: LABEL_FONT_FAMILY,
    dragRotate: false,
    pitchWithRotate: false,
    touchPitch: false,
    maxPitch: 0,
  })
  map.touchZoomRotate.disableRotation()
  map.keyboard.disableRotation()
  map.addControl(new NavigationControl({ showCompass: false }), 'bottom-right')
  map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-left')
  return map
}

/** Fits the view to the district's bounding box without animation. */
export function fitToBounds(map: MapLibreMap, bbox: [number, number, number, number]): void {
  map.fitBounds(bbox, { padding: fitPadding(map.getContainer()), duration: 0 })
}
