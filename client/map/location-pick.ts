import type { Map as MapLibreMap, MapMouseEvent } from 'maplibre-gl'
import type { LngLat } from '../../server/schemas/gazetteer-assets.ts'
import { isMapAlive } from './mount-layers.ts'

/**
 * Makes the next clicks on a map pick a point: a crosshair cursor, and
 * `onpick` called with each point clicked. Returns the function that stops
 * it and restores the cursor.
 */
export function listenForLocationPick(map: MapLibreMap, onpick: (point: LngLat) => void): () => void {
  const canvas = map.getCanvas()
  const onClick = (event: MapMouseEvent) => onpick({ lng: event.lngLat.lng, lat: event.lngLat.lat })
  canvas.style.cursor = 'crosshair'
  map.on('click', onClick)
  return () => {
    map.off('click', onClick)
    if (isMapAlive(map)) canvas.style.cursor = ''
  }
}
