import type { WalkGraph } from './walk-graph.ts'
import { tunnelFlag } from './walk-graph.ts'
import type { EdgePosition } from './walk-search.ts'

const metresPerDegreeLat = 110_574

/** Where a point was snapped onto the network, or why it could not be. */
export type SnapResult =
  | { ok: true; position: EdgePosition; point: [number, number]; distanceM: number }
  | { ok: false; reason: 'too-far'; nearestDistanceM: number | null }

/**
 * A grid index over the edges a point may be snapped to: walkable and not in
 * a tunnel (the graph holds walkable edges only). Distances are measured in
 * a local equirectangular frame around the network's centre, accurate to
 * well under a metre across a city.
 */
export class SnapIndex {
  private readonly cellM: number
  private readonly lng0: number
  private readonly lat0: number
  private readonly metresPerDegreeLng: number
  private readonly cells = new Map<string, number[]>()
  /** Edge coordinates in the local frame, parallel to `graph.coords`. */
  private readonly local: Float64Array

  constructor(private readonly graph: WalkGraph, cellM = 200) {
    this.cellM = cellM
    let minLat = Infinity
    let maxLat = -Infinity
    let minLng = Infinity
    for (let i = 0; i < graph.coords.length; i += 2) {
      minLng = Math.min(minLng, graph.coords[i]!)
      minLat = Math.min(minLat, graph.coords[i + 1]!)
      maxLat = Math.max(maxLat, graph.coords[i + 1]!)
    }
    this.lng0 = Number.isFinite(minLng) ? minLng : 0
    this.lat0 = Number.isFinite(minLat) ? (minLat + maxLat) / 2 : 0
    this.metresPerDegreeLng = 111_320 * Math.cos((this.lat0 * Math.PI) / 180)
    this.local = new Float64Array(graph.coords.length)
    for (let i = 0; i < graph.coords.length; i += 2) {
      const [x, y] = this.toLocal(graph.coords[i]!, graph.coords[i + 1]!)
      this.local[i] = x
      this.local[i + 1] = y
    }
    for (let e = 0; e < graph.edgeCount; e++) {
      if (graph.edgeFlags[e]! & tunnelFlag) continue
      let x0 = Infinity
      let y0 = Infinity
      let x1 = -Infinity
      let y1 = -Infinity
      for (let k = graph.coordStart[e]!; k < graph.coordStart[e + 1]!; k += 2) {
        const x = this.local[k]!
        const y = this.local[k + 1]!
        x0 = Math.min(x0, x)
        y0 = Math.min(y0, y)
        x1 = Math.max(x1, x)
        y1 = Math.max(y1, y)
      }
      for (let gx = Math.floor(x0 / cellM); gx <= Math.floor(x1 / cellM); gx++) {
        for (let gy = Math.floor(y0 / cellM); gy <= Math.floor(y1 / cellM); gy++) {
          const key = `${gx},${gy}`
          const list = this.cells.get(key)
          if (list) list.push(e)
          else this.cells.set(key, [e])
        }
      }
    }
  }

  private toLocal(lng: number, lat: number): [number, number] {
    return [(lng - this.lng0) * this.metresPerDegreeLng, (lat - this.lat0) * metresPerDegreeLat]
  }

  private toLngLat(x: number, y: number): [number, number] {
    return [this.lng0 + x / this.metresPerDegreeLng, this.lat0 + y / metresPerDegreeLat]
  }

  /**
   * Snaps a [lng, lat] point to the nearest allowed edge within `maxDistanceM`.
   * A point farther away is refused, never moved silently; the refusal says
   * how far the nearest edge is when one was found near the limit.
   */
  snap([lng, lat]: [number, number], maxDistanceM = 300): SnapResult {
    const [px, py] = this.toLocal(lng, lat)
    const reach = Math.ceil(maxDistanceM / this.cellM)
    const cx = Math.floor(px / this.cellM)
    const cy = Math.floor(py / this.cellM)
    const seen = new Set<number>()
    let best: { edge: number; distance: number; along: number; total: number; x: number; y: number } | undefined
    for (let gx = cx - reach; gx <= cx + reach; gx++) {
      for (let gy = cy - reach; gy <= cy + reach; gy++) {
        for (const e of this.cells.get(`${gx},${gy}`) ?? []) {
          if (seen.has(e)) continue
          seen.add(e)
          const hit = this.nearestOnEdge(e, px, py)
          if (!best || hit.distance < best.distance) best = { edge: e, ...hit }
        }
      }
    }
    if (!best || best.distance > maxDistanceM) {
      return { ok: false, reason: 'too-far', nearestDistanceM: best ? best.distance : null }
    }
    return {
      ok: true,
      position: { edge: best.edge, fraction: best.total === 0 ? 0 : best.along / best.total },
      point: this.toLngLat(best.x, best.y),
      distanceM: best.distance,
    }
  }

  private nearestOnEdge(e: number, px: number, py: number) {
    const { coordStart } = this.graph
    const local = this.local
    let total = 0
    let best = { distance: Infinity, along: 0, x: 0, y: 0 }
    let ax = local[coordStart[e]!]!
    let ay = local[coordStart[e]! + 1]!
    for (let k = coordStart[e]! + 2; k < coordStart[e + 1]!; k += 2) {
      const bx = local[k]!
      const by = local[k + 1]!
      const dx = bx - ax
      const dy = by - ay
      const len2 = dx * dx + dy * dy
      const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2))
      const x = ax + t * dx
      const y = ay + t * dy
      const distance = Math.hypot(px - x, py - y)
      const segment = Math.sqrt(len2)
      if (distance < best.distance) best = { distance, along: total + t * segment, x, y }
      total += segment
      ax = bx
      ay = by
    }
    return { ...best, total }
  }
}
