import { contours } from 'd3-contour'
import type { MultiPolygon, Position } from 'geojson'
import type { LocalFrame } from './local-frame.ts'
import type { WalkGraph } from './walk-graph.ts'

/** The reached stretch of one edge within one band: fractions along the edge's geometry. */
export interface ReachedStretch {
  edge: number
  band: number
  from: number
  to: number
}

export interface TraceOptions {
  bandCount: number
  /** How far around a reached street the area extends, metres. */
  bufferM: number
  /** Grid spacing, metres: the level of detail of the outlines. */
  cellM: number
  /** Largest grid the trace may use; a larger extent gets a coarser cell. */
  maxCells?: number
}

/** Outlines of each band (null where nothing was reached), and the grid spacing actually used. */
export interface TracedAreas {
  bands: (MultiPolygon | null)[]
  cellM: number
}

const defaultMaxCells = 6_000_000

/**
 * Service-area outlines, one per band, traced from the reached stretches of
 * streets. Each grid point gets its distance to the nearest stretch reached
 * within the band (exact point-to-segment distances); a band's area is where
 * that distance is at most `bufferM`, outlined by marching squares with
 * linear interpolation, so outlines lie within a small fraction of a cell of
 * the true buffer.
 *
 * Bands nest by construction: a stretch reached within a band is reached
 * within every larger one, so the larger band's distance is never greater at
 * any grid point, and its outline can only lie outside the smaller one's.
 * Land between streets stays out (real holes are kept) and nothing reaches
 * across a river or an expressway farther than the buffer. A coarser cell
 * gives simpler outlines for display, nested all the same.
 */
export function traceServiceAreas(
  graph: WalkGraph,
  local: Float64Array,
  frame: LocalFrame,
  stretches: readonly ReachedStretch[],
  options: TraceOptions,
): TracedAreas {
  const { bandCount, bufferM } = options
  if (!(bufferM > 0)) throw new Error(`bufferM must be above 0, got ${bufferM}`)
  if (!(options.cellM > 0)) throw new Error(`cellM must be above 0, got ${options.cellM}`)
  const pieces = stretches.map((s) => ({ band: s.band, points: substring(graph, local, s.edge, s.from, s.to) }))
  const bands: (MultiPolygon | null)[] = Array.from({ length: bandCount }, () => null)
  if (pieces.length === 0) return { bands, cellM: options.cellM }

  let minX = Infinity
  let minY = Infinity
  let maxX = -Infinity
  let maxY = -Infinity
  for (const p of pieces) {
    for (let i = 0; i < p.points.length; i += 2) {
      minX = Math.min(minX, p.points[i]!)
      maxX = Math.max(maxX, p.points[i]!)
      minY = Math.min(minY, p.points[i + 1]!)
      maxY = Math.max(maxY, p.points[i + 1]!)
    }
  }
  const maxCells = options.maxCells ?? defaultMaxCells
  let cellM = options.cellM
  const cellsAt = (c: number) => (Math.ceil((maxX - minX + 2 * (bufferM + 3 * c)) / c) + 1) * (Math.ceil((maxY - minY + 2 * (bufferM + 3 * c)) / c) + 1)
  while (cellsAt(cellM) > maxCells) cellM *= 1.25
  // Grid points within `reachM` of a stretch get exact distances; farther
  // ones keep `reachM`, which lies beyond the buffer, so every crossing is
  // interpolated between exact values.
  const reachM = bufferM + 1.5 * cellM
  const margin = bufferM + 3 * cellM
  const x0 = minX - margin
  const y0 = minY - margin
  const nx = Math.ceil((maxX - minX + 2 * margin) / cellM) + 1
  const ny = Math.ceil((maxY - minY + 2 * margin) / cellM) + 1

  const fields = Array.from({ length: bandCount }, () => new Float32Array(nx * ny).fill(reachM))
  const present = new Array<boolean>(bandCount).fill(false)
  for (const p of pieces) {
    if (p.band < 0 || p.band >= bandCount) throw new Error(`stretch of band ${p.band} outside 0..${bandCount - 1}`)
    present[p.band] = true
    const field = fields[p.band]!
    const pts = p.points
    if (pts.length === 2) rasterizeSegment(field, nx, ny, x0, y0, cellM, reachM, pts[0]!, pts[1]!, pts[0]!, pts[1]!)
    for (let i = 0; i + 3 < pts.length; i += 2) {
      rasterizeSegment(field, nx, ny, x0, y0, cellM, reachM, pts[i]!, pts[i + 1]!, pts[i + 2]!, pts[i + 3]!)
    }
  }
  for (let b = 1; b < bandCount; b++) {
    const smaller = fields[b - 1]!
    const field = fields[b]!
    for (let k = 0; k < field.length; k++) if (smaller[k]! < field[k]!) field[k] = smaller[k]!
    present[b] = present[b] || present[b - 1]!
  }

  const generator = contours().size([nx, ny]).smooth(true)
  const negated = new Float64Array(nx * ny)
  for (let b = 0; b < bandCount; b++) {
    if (!present[b]) continue
    const field = fields[b]!
    for (let k = 0; k < field.length; k++) negated[k] = -field[k]!
    // d3-contour puts grid value (i, j) at (i + 0.5, j + 0.5) and outlines where value ≥ threshold.
    const traced = generator.contour(negated as unknown as number[], -bufferM)
    const toLngLat = (p: Position): Position => {
      const [lng, lat] = frame.toLngLat(x0 + (p[0]! - 0.5) * cellM, y0 + (p[1]! - 0.5) * cellM)
      return [lng, lat]
    }
    const polygons = traced.coordinates
      .map((polygon) => polygon.map((ring) => dropStraightVertices(ring).map(toLngLat).reverse()))
      .filter((polygon) => polygon[0]!.length >= 4)
    bands[b] = polygons.length > 0 ? { type: 'MultiPolygon', coordinates: polygons } : null
  }
  return { bands, cellM }
}

/** Flat x,y points of the stretch [from, to] of an edge (fractions of its geometric length). */
function substring(graph: WalkGraph, local: Float64Array, edge: number, from: number, to: number): number[] {
  const start = graph.coordStart[edge]!
  const end = graph.coordStart[edge + 1]!
  let total = 0
  for (let k = start + 2; k < end; k += 2) total += Math.hypot(local[k]! - local[k - 2]!, local[k + 1]! - local[k - 1]!)
  const a = Math.max(0, Math.min(from, to)) * total
  const b = Math.min(1, Math.max(from, to)) * total
  const out: number[] = []
  let along = 0
  for (let k = start + 2; k < end; k += 2) {
    const ax = local[k - 2]!
    const ay = local[k - 1]!
    const bx = local[k]!
    const by = local[k + 1]!
    const len = Math.hypot(bx - ax, by - ay)
    const next = along + len
    if (next >= a && along <= b) {
      const t0 = len === 0 ? 0 : Math.max(0, (a - along) / len)
      const t1 = len === 0 ? 1 : Math.min(1, (b - along) / len)
      if (out.length === 0) out.push(ax + t0 * (bx - ax), ay + t0 * (by - ay))
      out.push(ax + t1 * (bx - ax), ay + t1 * (by - ay))
    }
    along = next
    if (along > b) break
  }
  if (out.length === 0 && end > start) out.push(local[start]!, local[start + 1]!)
  return out
}

/** Lowers each grid value within `reachM` of segment a–b to its distance from the segment. */
function rasterizeSegment(
  field: Float32Array,
  nx: number,
  ny: number,
  x0: number,
  y0: number,
  cellM: number,
  reachM: number,
  ax: number,
  ay: number,
  bx: number,
  by: number,
): void {
  const i0 = Math.max(0, Math.floor((Math.min(ax, bx) - reachM - x0) / cellM))
  const i1 = Math.min(nx - 1, Math.ceil((Math.max(ax, bx) + reachM - x0) / cellM))
  const j0 = Math.max(0, Math.floor((Math.min(ay, by) - reachM - y0) / cellM))
  const j1 = Math.min(ny - 1, Math.ceil((Math.max(ay, by) + reachM - y0) / cellM))
  const dx = bx - ax
  const dy = by - ay
  const len2 = dx * dx + dy * dy
  for (let j = j0; j <= j1; j++) {
    const py = y0 + j * cellM
    const row = j * nx
    for (let i = i0; i <= i1; i++) {
      const px = x0 + i * cellM
      const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2))
      const d = Math.hypot(px - ax - t * dx, py - ay - t * dy)
      if (d < field[row + i]!) field[row + i] = d
    }
  }
}

/**
 * A ring without the vertices that lie on a straight run (every dropped
 * vertex within 1e-7 cell of the chord that replaces it), which changes the
 * outline by less than a micrometre and keeps nesting intact.
 */
function dropStraightVertices(ring: Position[]): Position[] {
  if (ring.length <= 4) return ring
  const tolerance = 1e-7
  const out: Position[] = [ring[0]!]
  let anchor = 0
  for (let k = 1; k < ring.length - 1; k++) {
    const p = ring[anchor]!
    const r = ring[k + 1]!
    const length = Math.hypot(r[0]! - p[0]!, r[1]! - p[1]!)
    let straight = length > 0
    for (let m = anchor + 1; straight && m <= k; m++) {
      const q = ring[m]!
      const cross = (q[0]! - p[0]!) * (r[1]! - p[1]!) - (q[1]! - p[1]!) * (r[0]! - p[0]!)
      if (Math.abs(cross) > tolerance * length) straight = false
    }
    if (!straight) {
      out.push(ring[k]!)
      anchor = k
    }
  }
  out.push(ring[ring.length - 1]!)
  return out.length >= 4 ? out : ring
}
