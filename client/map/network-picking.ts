import type { Map as MapLibreMap } from 'maplibre-gl'
import type { PickedEdge } from '../state/what-if.svelte.ts'
import { LAYER_IDS } from './layer-ids.ts'

/** Pixels around the pointer within which a street counts as hit. */
const TOLERANCE_PX = 6

/** Pixels a bridge may lie farther from the pointer than the street it crosses and still win, since it passes over it. */
const BRIDGE_PREFERENCE_PX = 3

/** The network layers a click may pick an edge from: roads, paths and tunnels as drawn. */
const PICKABLE_LAYERS = [LAYER_IDS.networkRoad, LAYER_IDS.networkFootway, LAYER_IDS.networkTunnel]

function distanceToSegment(p: { x: number; y: number }, a: { x: number; y: number }, b: { x: number; y: number }): number {
  const dx = b.x - a.x
  const dy = b.y - a.y
  const lengthSquared = dx * dx + dy * dy
  const t = lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / lengthSquared))
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy))
}

function linesOf(geometry: GeoJSON.Geometry): GeoJSON.Position[][] {
  if (geometry.type === 'LineString') return [geometry.coordinates]
  if (geometry.type === 'MultiLineString') return geometry.coordinates
  return []
}

/**
 * The network edge drawn nearest a screen point (its id is the tiles'
 * feature id, which what-if network edits name), a bridge winning over the
 * street beneath it, or `null` when no street, path or tunnel is drawn
 * within a few pixels.
 */
export function pickNetworkEdge(map: MapLibreMap, point: { x: number; y: number }): PickedEdge | null {
  const layers = PICKABLE_LAYERS.filter((id) => map.getLayer(id))
  if (layers.length === 0) return null
  const box: [[number, number], [number, number]] = [
    [point.x - TOLERANCE_PX, point.y - TOLERANCE_PX],
    [point.x + TOLERANCE_PX, point.y + TOLERANCE_PX],
  ]
  let best: { edge: PickedEdge; distance: number } | null = null
  for (const hit of map.queryRenderedFeatures(box, { layers })) {
    const id = Number(hit.id ?? hit.properties.id)
    if (!Number.isSafeInteger(id)) continue
    const preference = hit.properties.bridge === true ? BRIDGE_PREFERENCE_PX : 0
    for (const line of linesOf(hit.geometry)) {
      const projected = line.map((position) => map.project([position[0] ?? 0, position[1] ?? 0]))
      for (let i = 1; i < projected.length; i++) {
        const distance = distanceToSegment(point, projected[i - 1]!, projected[i]!) - preference
        if (best && distance >= best.distance) continue
        const name = typeof hit.properties.name === 'string' && hit.properties.name ? hit.properties.name : null
        best = { edge: { id, name }, distance }
      }
    }
  }
  return best?.edge ?? null
}
