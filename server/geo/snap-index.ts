import type { WalkGraph } from './walk-graph.ts'
import { tunnelFlag } from './walk-graph.ts'
import type { EdgePosition } from './walk-search.ts'
import { LocalFrame } from './local-frame.ts'

/** Where a point was snapped onto the network, or why it could not be. */
export type SnapResult =
  | { ok: true; position: EdgePosition; point: [number, number]; distanceM: number }
  | { ok: false; reason: 'too-far'; nearestDistanceM: number | null }

/**
 * A grid index over the edges a point may be snapped to: walkable and not in
 * a tunnel (the graph holds walkable edges only). Distances are measured in
 * a local equirectangular frame around the network's centre, accurate to
 * well under a metre across a city.
 *
 * The grid is held as compressed rows of edge numbers per cell; a snap looks
 * at rings of cells outward from the point and stops as soon as no farther
 * ring can hold a nearer edge, so it costs a few cells, not the whole
 * snapping radius.
 */
export class SnapIndex {
  /** The frame distances are measured in. */
  readonly frame: LocalFrame
  /** Edge coordinates in the local frame, parallel to `graph.coords`. */
  readonly local: Float64Array
  private readonly cellM: number
  private readonly x0: number
  private readonly y0: number
  private readonly nx: number
  private readonly ny: number
  private readonly cellStart: Uint32Array
  private readonly cellEdges: Uint32Array
  /** Per edge, the number of the last query that looked at it, so no query measures an edge twice. */
  private readonly seenIn: Uint32Array
  private query = 0

  constructor(
    private readonly graph: WalkGraph,
    cellM = 50,
  ) {
    this.frame = LocalFrame.around(graph.coords)
    this.local = this.frame.project(graph.coords)
    this.seenIn = new Uint32Array(graph.edgeCount)
    let minX = Infinity
    let minY = Infinity
    let maxX = -Infinity
    let maxY = -Infinity
    for (let i = 0; i < this.local.length; i += 2) {
      minX = Math.min(minX, this.local[i]!)
      maxX = Math.max(maxX, this.local[i]!)
      minY = Math.min(minY, this.local[i + 1]!)
      maxY = Math.max(maxY, this.local[i + 1]!)
    }
    if (!Number.isFinite(minX)) minX = minY = maxX = maxY = 0
    // A far outlier in the data must not make the grid huge: at most about 4 million cells.
    this.cellM = Math.max(cellM, Math.sqrt(((maxX - minX) * (maxY - minY)) / 4_000_000))
    this.x0 = minX
    this.y0 = minY
    this.nx = Math.floor((maxX - minX) / this.cellM) + 1
    this.ny = Math.floor((maxY - minY) / this.cellM) + 1

    // Two passes: count the cells each edge's box covers, then fill them.
    const counts = new Uint32Array(this.nx * this.ny + 1)
    const boxes = new Int32Array(graph.edgeCount * 4)
    for (let e = 0; e < graph.edgeCount; e++) {
      if (graph.edgeFlags[e]! & tunnelFlag) {
        boxes[4 * e] = 1
        boxes[4 * e + 2] = 0
        continue
      }
      let x0 = Infinity
      let y0 = Infinity
      let x1 = -Infinity
      let y1 = -Infinity
      for (let k = graph.coordStart[e]!; k < graph.coordStart[e + 1]!; k += 2) {
        x0 = Math.min(x0, this.local[k]!)
        y0 = Math.min(y0, this.local[k + 1]!)
        x1 = Math.max(x1, this.local[k]!)
        y1 = Math.max(y1, this.local[k + 1]!)
      }
      const box = [this.column(x0), this.row(y0), this.column(x1), this.row(y1)] as const
      boxes.set(box, 4 * e)
      for (let gy = box[1]; gy <= box[3]; gy++) for (let gx = box[0]; gx <= box[2]; gx++) counts[gy * this.nx + gx]!++
    }
    this.cellStart = new Uint32Array(this.nx * this.ny + 1)
    for (let c = 0; c < this.nx * this.ny; c++) this.cellStart[c + 1] = this.cellStart[c]! + counts[c]!
    this.cellEdges = new Uint32Array(this.cellStart[this.nx * this.ny]!)
    const fill = this.cellStart.slice(0, this.nx * this.ny)
    for (let e = 0; e < graph.edgeCount; e++) {
      for (let gy = boxes[4 * e + 1]!; gy <= boxes[4 * e + 3]!; gy++) {
        for (let gx = boxes[4 * e]!; gx <= boxes[4 * e + 2]!; gx++) this.cellEdges[fill[gy * this.nx + gx]!++] = e
      }
    }
  }

  private column(x: number): number {
    return Math.min(this.nx - 1, Math.max(0, Math.floor((x - this.x0) / this.cellM)))
  }

  private row(y: number): number {
    return Math.min(this.ny - 1, Math.max(0, Math.floor((y - this.y0) / this.cellM)))
  }

  /**
   * Snaps a [lng, lat] point to the nearest allowed edge within `maxDistanceM`.
   * A point farther away is refused, never moved silently; the refusal says
   * how far the nearest edge is when one was found near the limit.
   */
  snap([lng, lat]: [number, number], maxDistanceM = 300): SnapResult {
    if (!Number.isFinite(lng) || !Number.isFinite(lat) || !Number.isFinite(maxDistanceM) || maxDistanceM < 0) {
      throw new RangeError(`cannot snap [${lng}, ${lat}] within ${maxDistanceM} m: coordinates and distance must be finite numbers`)
    }
    const [px, py] = this.frame.toLocal(lng, lat)
    const query = ++this.query
    if (query === 0xffffffff) {
      this.seenIn.fill(0)
      this.query = 1
    }
    const cx = Math.floor((px - this.x0) / this.cellM)
    const cy = Math.floor((py - this.y0) / this.cellM)
    // Distance from the point to the nearest cell outside its own square of rings 0..r.
    const leftGap = px - (this.x0 + cx * this.cellM)
    const bottomGap = py - (this.y0 + cy * this.cellM)
    const inner = Math.min(leftGap, this.cellM - leftGap, bottomGap, this.cellM - bottomGap)
    const lookFarther = Math.max(1, Math.ceil(maxDistanceM / this.cellM) + 1)
    let bestEdge = -1
    let bestDistance = Infinity
    let bestAlong = 0
    let bestTotal = 0
    let bestX = 0
    let bestY = 0
    for (let r = 0; r <= lookFarther; r++) {
      for (let gy = cy - r; gy <= cy + r; gy++) {
        if (gy < 0 || gy >= this.ny) continue
        const onEdgeRow = gy === cy - r || gy === cy + r
        for (let gx = cx - r; gx <= cx + r; gx += onEdgeRow || r === 0 ? 1 : 2 * r) {
          if (gx < 0 || gx >= this.nx) continue
          const cell = gy * this.nx + gx
          for (let i = this.cellStart[cell]!; i < this.cellStart[cell + 1]!; i++) {
            const e = this.cellEdges[i]!
            if (this.seenIn[e] === query) continue
            this.seenIn[e] = query
            // Nearest point of edge e to (px, py), walking its segments.
            const { coordStart } = this.graph
            const local = this.local
            let total = 0
            let ax = local[coordStart[e]!]!
            let ay = local[coordStart[e]! + 1]!
            let edgeBest = Infinity
            let edgeAlong = 0
            let edgeX = ax
            let edgeY = ay
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
              if (distance < edgeBest) {
                edgeBest = distance
                edgeAlong = total + t * segment
                edgeX = x
                edgeY = y
              }
              total += segment
              ax = bx
              ay = by
            }
            if (edgeBest < bestDistance || (edgeBest === bestDistance && e < bestEdge)) {
              bestEdge = e
              bestDistance = edgeBest
              bestAlong = edgeAlong
              bestTotal = total
              bestX = edgeX
              bestY = edgeY
            }
          }
        }
      }
      // Every cell beyond ring r is at least this far from the point.
      const beyond = inner + r * this.cellM
      if (bestDistance <= beyond || beyond > maxDistanceM) break
    }
    if (bestEdge < 0 || bestDistance > maxDistanceM) {
      return { ok: false, reason: 'too-far', nearestDistanceM: bestEdge < 0 ? null : bestDistance }
    }
    return {
      ok: true,
      position: { edge: bestEdge, fraction: bestTotal === 0 ? 0 : bestAlong / bestTotal },
      point: this.frame.toLngLat(bestX, bestY),
      distanceM: bestDistance,
    }
  }
}
