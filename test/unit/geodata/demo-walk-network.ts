import { nearestPointOnLine, pointToLineDistance } from '@turf/turf'
import type { Position } from 'geojson'
import type { DemoEdge } from '../../../geodata/demo-types.ts'

/** Walking distances over a demo district's walkable edges, for tests; deliberately independent of server/geo. */
export interface DemoWalkNetwork {
  walkableEdges: DemoEdge[]
  /** Node id at exactly this coordinate, if any. */
  nodeAt(position: Position): number | undefined
  /** The nearest walkable edge to a point and the distance to it in metres. */
  nearestEdge(position: Position): { edge: DemoEdge; distanceM: number }
  /** Search start costs for a point: walk to the nearest edge, then along it to either end. */
  snap(position: Position): { node: number; costM: number }[]
  /** Shortest walking distance from the sources to every reached node, up to `limitM`. */
  distancesFrom(sources: { node: number; costM: number }[], limitM?: number): Map<number, number>
}

const key = (p: Position) => `${p[0]},${p[1]}`

/** Builds an undirected walking graph over every non-motorway edge. */
export function buildDemoWalkNetwork(edges: DemoEdge[]): DemoWalkNetwork {
  const walkableEdges = edges.filter((e) => e.highway !== 'motorway')
  const nodes = new Map<string, number>()
  const adjacency = new Map<number, { to: number; lengthM: number }[]>()
  for (const e of walkableEdges) {
    const coords = e.geom.coordinates
    nodes.set(key(coords[0]!), e.sourceNode)
    nodes.set(key(coords[coords.length - 1]!), e.targetNode)
    for (const [from, to] of [[e.sourceNode, e.targetNode], [e.targetNode, e.sourceNode]] as const) {
      const list = adjacency.get(from) ?? []
      list.push({ to, lengthM: e.lengthM })
      adjacency.set(from, list)
    }
  }
  const boxes = walkableEdges.map((e) => {
    const xs = e.geom.coordinates.map((c) => c[0]!)
    const ys = e.geom.coordinates.map((c) => c[1]!)
    return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)] as const
  })

  const nearestEdge = (position: Position) => {
    for (const padDeg of [0.002, 0.01, 1]) {
      let best: { edge: DemoEdge; distanceM: number } | undefined
      walkableEdges.forEach((edge, i) => {
        const [x0, y0, x1, y1] = boxes[i]!
        if (position[0]! < x0 - padDeg || position[0]! > x1 + padDeg || position[1]! < y0 - padDeg || position[1]! > y1 + padDeg) return
        const distanceM = pointToLineDistance(position, edge.geom, { units: 'meters' })
        if (!best || distanceM < best.distanceM) best = { edge, distanceM }
      })
      if (best && best.distanceM < padDeg * 80_000) return best
    }
    throw new Error('no walkable edge')
  }

  return {
    walkableEdges,
    nodeAt: (position) => nodes.get(key(position)),
    nearestEdge,
    snap(position) {
      const { edge } = nearestEdge(position)
      const onLine = nearestPointOnLine(edge.geom, position, { units: 'meters' })
      const offM = onLine.properties.dist
      const alongM = Math.min(edge.lengthM, onLine.properties.location)
      return [
        { node: edge.sourceNode, costM: offM + alongM },
        { node: edge.targetNode, costM: offM + edge.lengthM - alongM },
      ]
    },
    distancesFrom(sources, limitM = Infinity) {
      const best = new Map<number, number>()
      const queue: [number, number][] = []
      const push = (node: number, costM: number) => {
        if (costM > limitM || costM >= (best.get(node) ?? Infinity)) return
        best.set(node, costM)
        queue.push([costM, node])
        let i = queue.length - 1
        while (i > 0) {
          const parent = (i - 1) >> 1
          if (queue[parent]![0] <= queue[i]![0]) break
          ;[queue[parent], queue[i]] = [queue[i]!, queue[parent]!]
          i = parent
        }
      }
      const pop = () => {
        const top = queue[0]!
        const last = queue.pop()!
        if (queue.length > 0) {
          queue[0] = last
          let i = 0
          for (;;) {
            const [l, r] = [2 * i + 1, 2 * i + 2]
            let m = i
            if (l < queue.length && queue[l]![0] < queue[m]![0]) m = l
            if (r < queue.length && queue[r]![0] < queue[m]![0]) m = r
            if (m === i) break
            ;[queue[m], queue[i]] = [queue[i]!, queue[m]!]
            i = m
          }
        }
        return top
      }
      for (const s of sources) push(s.node, s.costM)
      while (queue.length > 0) {
        const [costM, node] = pop()
        if (costM > best.get(node)!) continue
        for (const { to, lengthM } of adjacency.get(node) ?? []) push(to, costM + lengthM)
      }
      return best
    },
  }
}
