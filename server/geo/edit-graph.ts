import { buildAdjacency, closedFlag, type WalkGraph } from './walk-graph.ts'
import type { EdgePosition } from './walk-search.ts'

/** One end of a new link: where it meets the network. */
export interface LinkEnd {
  position: EdgePosition
}

/** What-if edits of the walk network: edges closed to walkers, and new links (a footbridge, an opened gate). */
export interface GraphEdits {
  /** Dense indexes of edges nobody may walk along. */
  closedEdges: readonly number[]
  links: readonly { from: LinkEnd; to: LinkEnd; lengthM: number }[]
}

/** An edited graph and its edge coordinates in the local frame, parallel to `graph.coords`. */
export interface EditedGraph {
  graph: WalkGraph
  local: Float64Array
}

/**
 * A copy of the graph with closed edges left out of the adjacency (and
 * marked, so nothing on them is reached) and each link added between two
 * new nodes that lie part-way along the edges where its ends meet the
 * network. Those nodes join both ends of their edge (as "portals", so places
 * on the edge are reached through them exactly); existing edges keep their
 * indexes, so positions snapped on the original graph stay valid. The
 * original graph is not modified.
 */
export function editWalkGraph(graph: WalkGraph, local: Float64Array, edits: GraphEdits): EditedGraph {
  for (const e of edits.closedEdges) if (!(e >= 0 && e < graph.edgeCount)) throw new Error(`cannot close unknown edge ${e}`)
  const newEdges: { source: number; target: number; lengthM: number; lngLat: number[]; xy: number[] }[] = []
  const portals = new Map<number, { node: number; fraction: number }[]>()
  for (const [edge, list] of graph.portals ?? []) portals.set(edge, [...list])
  let nodeCount = graph.nodeCount
  const linkEnds: { node: number; lngLat: [number, number]; xy: [number, number] }[] = []
  for (const link of edits.links) {
    for (const end of [link.from, link.to]) {
      const { edge, fraction } = end.position
      if (!(edge >= 0 && edge < graph.edgeCount && fraction >= 0 && fraction <= 1)) throw new Error(`link end at edge ${edge}, fraction ${fraction} is not on the network`)
      const node = nodeCount++
      const cut = cutEdge(graph, local, edge, fraction)
      const length = graph.edgeLengthM[edge]!
      newEdges.push({ source: graph.edgeSource[edge]!, target: node, lengthM: fraction * length, lngLat: cut.before.lngLat, xy: cut.before.xy })
      newEdges.push({ source: node, target: graph.edgeTarget[edge]!, lengthM: (1 - fraction) * length, lngLat: cut.after.lngLat, xy: cut.after.xy })
      const list = portals.get(edge) ?? []
      list.push({ node, fraction })
      portals.set(edge, list)
      linkEnds.push({ node, lngLat: cut.point.lngLat, xy: cut.point.xy })
    }
    const [a, b] = linkEnds.slice(-2) as [(typeof linkEnds)[number], (typeof linkEnds)[number]]
    newEdges.push({ source: a.node, target: b.node, lengthM: link.lengthM, lngLat: [...a.lngLat, ...b.lngLat], xy: [...a.xy, ...b.xy] })
  }

  const m = graph.edgeCount + newEdges.length
  const extend = <T extends Float64Array | Uint32Array | Uint8Array>(array: T, size: number): T => {
    const out = new (array.constructor as new (n: number) => T)(size)
    out.set(array)
    return out
  }
  const edgeIds = extend(graph.edgeIds, m)
  const edgeSource = extend(graph.edgeSource, m)
  const edgeTarget = extend(graph.edgeTarget, m)
  const edgeLengthM = extend(graph.edgeLengthM, m)
  const edgeFlags = extend(graph.edgeFlags, m)
  for (const e of edits.closedEdges) edgeFlags[e] = edgeFlags[e]! | closedFlag
  const extraCoords = newEdges.reduce((n, e) => n + e.lngLat.length, 0)
  const coordStart = extend(graph.coordStart, m + 1)
  const coords = extend(graph.coords, graph.coords.length + extraCoords)
  const localOut = extend(local, local.length + extraCoords)
  let k = graph.coords.length
  newEdges.forEach((e, i) => {
    const index = graph.edgeCount + i
    edgeIds[index] = -(i + 1)
    edgeSource[index] = e.source
    edgeTarget[index] = e.target
    edgeLengthM[index] = e.lengthM
    coordStart[index] = k
    coords.set(e.lngLat, k)
    localOut.set(e.xy, k)
    k += e.lngLat.length
  })
  coordStart[m] = k
  const nodeIds = extend(graph.nodeIds, nodeCount)
  for (let v = graph.nodeCount; v < nodeCount; v++) nodeIds[v] = -(v - graph.nodeCount + 1)
  const adjacency = buildAdjacency(nodeCount, edgeSource, edgeTarget, (e) => (edgeFlags[e]! & closedFlag) === 0)
  return {
    graph: { ...graph, nodeCount, edgeCount: m, nodeIds, edgeIds, edgeSource, edgeTarget, edgeLengthM, edgeFlags, coordStart, coords, portals, ...adjacency },
    local: localOut,
  }
}

interface Polyline {
  lngLat: number[]
  xy: number[]
}

/** An edge's geometry split at `fraction` of its length (measured in the local frame). */
function cutEdge(graph: WalkGraph, local: Float64Array, edge: number, fraction: number): { before: Polyline; after: Polyline; point: { lngLat: [number, number]; xy: [number, number] } } {
  const start = graph.coordStart[edge]!
  const vertices = (graph.coordStart[edge + 1]! - start) / 2
  const lengths: number[] = []
  for (let v = 1; v < vertices; v++) lengths.push(Math.hypot(local[start + 2 * v]! - local[start + 2 * v - 2]!, local[start + 2 * v + 1]! - local[start + 2 * v - 1]!))
  let at = fraction * lengths.reduce((a, b) => a + b, 0)
  // The segment the cut falls in: vertices 0..segment before it, segment+1.. after it.
  let segment = 0
  while (segment < lengths.length - 1 && at > lengths[segment]!) at -= lengths[segment++]!
  const t = lengths[segment] ? Math.min(1, Math.max(0, at / lengths[segment]!)) : 0
  const lerp = (a: Float64Array): [number, number] => {
    const j = start + 2 * segment
    return [a[j]! + t * ((a[j + 2] ?? a[j]!) - a[j]!), a[j + 1]! + t * ((a[j + 3] ?? a[j + 1]!) - a[j + 1]!)]
  }
  const point = { lngLat: lerp(graph.coords), xy: lerp(local) }
  const slice = (a: Float64Array, from: number, to: number) => Array.from(a.subarray(start + 2 * from, start + 2 * to))
  return {
    before: { lngLat: [...slice(graph.coords, 0, segment + 1), ...point.lngLat], xy: [...slice(local, 0, segment + 1), ...point.xy] },
    after: { lngLat: [...point.lngLat, ...slice(graph.coords, segment + 1, vertices)], xy: [...point.xy, ...slice(local, segment + 1, vertices)] },
    point,
  }
}
