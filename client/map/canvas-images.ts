import type { Map as MapLibreMap } from 'maplibre-gl'
import { isMapAlive } from './mount-layers.ts'

/** Symbols are drawn at twice their CSS size, sharp on high-density screens. */
export const SYMBOL_PIXEL_RATIO = 2

/** A drawing memoised as a PNG data URL per key, for legends and lists. */
export function memoizedDataUrl<K>(draw: (key: K) => HTMLCanvasElement): (key: K) => string {
  const urls = new Map<K, string>()
  return (key) => {
    let url = urls.get(key)
    if (!url) {
      url = draw(key).toDataURL('image/png')
      urls.set(key, url)
    }
    return url
  }
}

/**
 * Registers one style image per key, drawn on a canvas, and returns the
 * function that removes them again (a no-op once the map is gone).
 */
export function addCanvasImages<K>(map: MapLibreMap, keys: readonly K[], idOf: (key: K) => string, draw: (key: K) => HTMLCanvasElement): () => void {
  for (const key of keys) {
    const id = idOf(key)
    if (map.hasImage(id)) continue
    const canvas = draw(key)
    const ctx = canvas.getContext('2d')
    if (!ctx) continue
    map.addImage(id, ctx.getImageData(0, 0, canvas.width, canvas.height), { pixelRatio: SYMBOL_PIXEL_RATIO })
  }
  return () => {
    if (!isMapAlive(map)) return
    for (const key of keys) {
      const id = idOf(key)
      if (map.hasImage(id)) map.removeImage(id)
    }
  }
}
