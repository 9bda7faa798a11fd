import type { Xy } from './local-frame.ts'

/** A street polyline before noding, in local metres. */
export interface StreetLine {
  points: Xy[]
  name: string
  highway: string
  bridge: boolean
  tunnel: boolean
}

/** A noded edge: a piece of a street line between two nodes. */
export interface NodedEdge {
  line: StreetLine
  points: Xy[]
  sourceNode: number
  targetNode: number
}

interface Split {
  /** Position along the line: segment index + fraction within the segment. */
  at: number
  point: Xy
}

const eps = 1e-9
const cross = (ax: number, ay: number, bx: number, by: number) => ax * by - ay * bx
const nodeKey = ([x, y]: Xy) => `${x.toFixed(4)},${y.toFixed(4)}`

/** Whether p lies on segment a–b; returns its fraction along a–b or undefined. */
function fractionOnSegment(p: Xy, a: Xy, b: Xy): number | undefined {
  const rx = b[0] - a[0]
  const ry = b[1] - a[1]
  const len2 = rx * rx + ry * ry
  if (len2 === 0) return undefined
  const t = ((p[0] - a[0]) * rx + (p[1] - a[1]) * ry) / len2
  if (t < -eps || t > 1 + eps) return undefined
  const dist = Math.abs(cross(p[0] - a[0], p[1] - a[1], rx, ry)) / Math.sqrt(len2)
  return dist < 1e-6 ? Math.min(1, Math.max(0, t)) : undefined
}

/** Where segments a–b and c–d meet: fractions along each and the point (an exact vertex when at one). */
function intersect(a: Xy, b: Xy, c: Xy, d: Xy): { t: number; u: number; point: Xy }[] {
  const rx = b[0] - a[0]
  const ry = b[1] - a[1]
  const sx = d[0] - c[0]
  const sy = d[1] - c[1]
  const denom = cross(rx, ry, sx, sy)
  if (Math.abs(denom) < eps) {
    const hits: { t: number; u: number; point: Xy }[] = []
    for (const [p, onFirst] of [[c, true], [d, true], [a, false], [b, false]] as const) {
      const f = onFirst ? fractionOnSegment(p, a, b) : fractionOnSegment(p, c, d)
      if (f === undefined) continue
      const other = onFirst ? (p === c ? 0 : 1) : p === a ? 0 : 1
      hits.push(onFirst ? { t: f, u: other, point: p } : { t: other, u: f, point: p })
    }
    return hits
  }
  const qx = c[0] - a[0]
  const qy = c[1] - a[1]
  const t = cross(qx, qy, sx, sy) / denom
  const u = cross(qx, qy, rx, ry) / denom
  if (t < -eps || t > 1 + eps || u < -eps || u > 1 + eps) return []
  let point: Xy = [a[0] + t * rx, a[1] + t * ry]
  if (Math.abs(t) <= eps) point = a
  else if (Math.abs(t - 1) <= eps) point = b
  else if (Math.abs(u) <= eps) point = c
  else if (Math.abs(u - 1) <= eps) point = d
  return [{ t: Math.min(1, Math.max(0, t)), u: Math.min(1, Math.max(0, u)), point }]
}

/**
 * Splits street lines wherever they meet or touch, so that every crossing is
 * a node shared by the edges around it. Lines of different groups never
 * meet: the expressway is its own group, so streets cross it only on
 * overpasses and never join it. Node ids are given in order of first use.
 */
export function nodeStreetLines(groups: StreetLine[][]): NodedEdge[] {
  const nodeIds = new Map<string, { id: number; point: Xy }>()
  const nodeFor = (p: Xy) => {
    const key = nodeKey(p)
    let node = nodeIds.get(key)
    if (!node) {
      node = { id: nodeIds.size + 1, point: p }
      nodeIds.set(key, node)
    }
    return node
  }
  const edges: NodedEdge[] = []
  for (const lines of groups) {
    const splits = lines.map((line) => [
      { at: 0, point: line.points[0]! },
      { at: line.points.length - 1, point: line.points[line.points.length - 1]! },
    ] as Split[])
    const segments = lines.flatMap((line, li) => line.points.slice(1).map((b, k) => ({ li, k, a: line.points[k]!, b })))
    const cellSize = 100
    const grid = new Map<string, number[]>()
    segments.forEach((s, i) => {
      const [x0, x1] = [Math.min(s.a[0], s.b[0]), Math.max(s.a[0], s.b[0])]
      const [y0, y1] = [Math.min(s.a[1], s.b[1]), Math.max(s.a[1], s.b[1])]
      for (let gx = Math.floor(x0 / cellSize); gx <= Math.floor(x1 / cellSize); gx++) {
        for (let gy = Math.floor(y0 / cellSize); gy <= Math.floor(y1 / cellSize); gy++) {
          const key = `${gx},${gy}`
          const list = grid.get(key) ?? []
          list.push(i)
          grid.set(key, list)
        }
      }
    })
    const tested = new Set<number>()
    for (const list of grid.values()) {
      for (let i = 0; i < list.length; i++) {
        for (let j = i + 1; j < list.length; j++) {
          const [p, q] = [Math.min(list[i]!, list[j]!), Math.max(list[i]!, list[j]!)]
          const pairKey = p * segments.length + q
          if (tested.has(pairKey)) continue
          tested.add(pairKey)
          const s1 = segments[p]!
          const s2 = segments[q]!
          if (s1.li === s2.li && Math.abs(s1.k - s2.k) <= 1) continue
          for (const hit of intersect(s1.a, s1.b, s2.a, s2.b)) {
            splits[s1.li]!.push({ at: s1.k + hit.t, point: hit.point })
            splits[s2.li]!.push({ at: s2.k + hit.u, point: hit.point })
          }
        }
      }
    }
    lines.forEach((line, li) => {
      const ordered = splits[li]!.sort((x, y) => x.at - y.at)
      const distinct: Split[] = []
      for (const s of ordered) {
        const last = distinct[distinct.length - 1]
        if (!last || nodeKey(last.point) !== nodeKey(s.point)) distinct.push(s)
      }
      for (let i = 0; i + 1 < distinct.length; i++) {
        const from = distinct[i]!
        const to = distinct[i + 1]!
        const start = nodeFor(from.point)
        const end = nodeFor(to.point)
        const inner: Xy[] = []
        for (let v = Math.floor(from.at) + 1; v < to.at; v++) inner.push(line.points[v]!)
        const points = [start.point, ...inner.filter((p) => nodeKey(p) !== nodeKey(start.point) && nodeKey(p) !== nodeKey(end.point)), end.point]
        edges.push({ line, points, sourceNode: start.id, targetNode: end.id })
      }
    })
  }
  return edges
}
