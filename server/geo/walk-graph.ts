import { isWalkable } from './walk-rules.ts'

/** An edge as read from the network table; `coordinates` are [lng, lat]. */
export interface WalkEdgeInput {
  id: number
  sourceNode: number
  targetNode: number
  lengthM: number
  highway: string
  bridge: boolean
  tunnel: boolean
  coordinates: [number, number][]
}

/**
 * The walkable network as compact arrays: nodes and edges are numbered
 * densely, and each node's incident edges sit in one slice of `adjEdge`
 * (compressed sparse rows), both directions, since walking is undirected.
 * No object per edge: a city's million edges fit in tens of megabytes.
 */
export interface WalkGraph {
  nodeCount: number
  edgeCount: number
  /** Database node id of each dense node index. */
  nodeIds: Float64Array
  /** Dense node index by database node id. */
  nodeIndex: Map<number, number>
  /** Database edge id of each dense edge index. */
  edgeIds: Float64Array
  edgeSource: Uint32Array
  edgeTarget: Uint32Array
  edgeLengthM: Float64Array
  /** Edge flags: bit 0 tunnel, bit 1 bridge. */
  edgeFlags: Uint8Array
  /** Start of node i's incidence slice in `adjEdge`/`adjNode`; `adjStart[nodeCount]` ends the last. */
  adjStart: Uint32Array
  adjEdge: Uint32Array
  adjNode: Uint32Array
  /** Edge geometry, flat: x,y pairs of edge e in `coords[coordStart[e] .. coordStart[e+1])`. */
  coordStart: Uint32Array
  coords: Float64Array
  /**
   * Nodes that lie part-way along an edge (the ends of a what-if link), by
   * edge: a place on the edge is also reached through them.
   */
  portals?: ReadonlyMap<number, readonly { node: number; fraction: number }[]>
}

export const tunnelFlag = 1
export const bridgeFlag = 2
/** A what-if closure: nobody walks along the edge, and nothing on it is reached. */
export const closedFlag = 4

/**
 * Compressed-sparse-row adjacency of the edges `include` keeps, both
 * directions per edge.
 */
export function buildAdjacency(
  nodeCount: number,
  edgeSource: Uint32Array,
  edgeTarget: Uint32Array,
  include: (edge: number) => boolean = () => true,
): { adjStart: Uint32Array; adjEdge: Uint32Array; adjNode: Uint32Array } {
  const m = edgeSource.length
  const adjStart = new Uint32Array(nodeCount + 1)
  for (let i = 0; i < m; i++) {
    if (!include(i)) continue
    adjStart[edgeSource[i]! + 1]!++
    adjStart[edgeTarget[i]! + 1]!++
  }
  for (let v = 0; v < nodeCount; v++) adjStart[v + 1] = adjStart[v + 1]! + adjStart[v]!
  const fill = adjStart.slice(0, nodeCount)
  const adjEdge = new Uint32Array(adjStart[nodeCount]!)
  const adjNode = new Uint32Array(adjStart[nodeCount]!)
  for (let i = 0; i < m; i++) {
    if (!include(i)) continue
    const s = edgeSource[i]!
    const t = edgeTarget[i]!
    adjEdge[fill[s]!] = i
    adjNode[fill[s]!++] = t
    adjEdge[fill[t]!] = i
    adjNode[fill[t]!++] = s
  }
  return { adjStart, adjEdge, adjNode }
}

/** Builds the walk graph from network edges, leaving out those walkers may not use. */
export function buildWalkGraph(edges: readonly WalkEdgeInput[]): WalkGraph {
  const walkable = edges.filter((e) => isWalkable(e.highway))
  const nodeIndex = new Map<number, number>()
  const nodeIdList: number[] = []
  const indexOf = (id: number) => {
    let i = nodeIndex.get(id)
    if (i === undefined) {
      i = nodeIdList.length
      nodeIndex.set(id, i)
      nodeIdList.push(id)
    }
    return i
  }
  const m = walkable.length
  const edgeIds = new Float64Array(m)
  const edgeSource = new Uint32Array(m)
  const edgeTarget = new Uint32Array(m)
  const edgeLengthM = new Float64Array(m)
  const edgeFlags = new Uint8Array(m)
  const coordStart = new Uint32Array(m + 1)
  let coordCount = 0
  walkable.forEach((e, i) => {
    if (!(e.lengthM >= 0) || !Number.isFinite(e.lengthM)) throw new Error(`edge ${e.id} has an invalid length ${e.lengthM}`)
    edgeIds[i] = e.id
    edgeSource[i] = indexOf(e.sourceNode)
    edgeTarget[i] = indexOf(e.targetNode)
    edgeLengthM[i] = e.lengthM
    edgeFlags[i] = (e.tunnel ? tunnelFlag : 0) | (e.bridge ? bridgeFlag : 0)
    coordStart[i] = coordCount
    coordCount += e.coordinates.length * 2
  })
  coordStart[m] = coordCount
  const coords = new Float64Array(coordCount)
  walkable.forEach((e, i) => {
    let k = coordStart[i]!
    for (const [x, y] of e.coordinates) {
      coords[k++] = x
      coords[k++] = y
    }
  })
  const n = nodeIdList.length
  const { adjStart, adjEdge, adjNode } = buildAdjacency(n, edgeSource, edgeTarget)
  return {
    nodeCount: n,
    edgeCount: m,
    nodeIds: Float64Array.from(nodeIdList),
    nodeIndex,
    edgeIds,
    edgeSource,
    edgeTarget,
    edgeLengthM,
    edgeFlags,
    adjStart,
    adjEdge,
    adjNode,
    coordStart,
    coords,
  }
}
