import type { Map as MapLibreMap } from 'maplibre-gl'
import { LAYER_IDS } from './layer-ids.ts'

/** Pixels around the pointer within which a facility counts as hit. */
const TOLERANCE_PX = 6

/**
 * The id of the standing facility of the analysed kind under a screen point
 * (from the what-if layer, which holds every one of them, added ones too),
 * or `null` when there is none.
 */
export function pickWhatIfFacility(map: MapLibreMap, point: { x: number; y: number }): number | null {
  if (!map.getLayer(LAYER_IDS.whatIfHit)) return null
  const box: [[number, number], [number, number]] = [
    [point.x - TOLERANCE_PX, point.y - TOLERANCE_PX],
    [point.x + TOLERANCE_PX, point.y + TOLERANCE_PX],
  ]
  const hits = map.queryRenderedFeatures(box, { layers: [LAYER_IDS.whatIfHit] })
  let best: { id: number; distance: number } | null = null
  for (const hit of hits) {
    const id = Number(hit.properties.facilityId)
    if (!Number.isInteger(id) || hit.geometry.type !== 'Point') continue
    const at = map.project(hit.geometry.coordinates as [number, number])
    const distance = Math.hypot(at.x - point.x, at.y - point.y)
    if (!best || distance < best.distance) best = { id, distance }
  }
  return best?.id ?? null
}
