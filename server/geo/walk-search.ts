import { MinHeap } from './min-heap.ts'
import { closedFlag, type WalkGraph } from './walk-graph.ts'

/** A place on an edge: `fraction` of the way from the edge's source node to its target node. */
export interface EdgePosition {
  edge: number
  fraction: number
}

/** Where a search starts: a facility's snapped position, and the walk already done to reach it (its snap distance). */
export interface SearchSource {
  position: EdgePosition
  startM: number
}

/** Walking distances from the nearest source, for every node reached within the budget. */
export interface SearchResult {
  maxDistM: number
  sources: readonly SearchSource[]
  /** Distance of each node from its nearest source; Infinity beyond the budget. */
  nodeDistM: Float64Array
  /** Index (into `sources`) of each node's nearest source; -1 beyond the budget. */
  nodeSource: Int32Array
  /** Sources lying on each edge, by dense edge index. */
  sourcesOnEdge: Map<number, number[]>
  /** Sources taken away by `updateSearch`: they keep their index in `sources` but reach nothing. */
  removedSources?: ReadonlySet<number>
}

/**
 * One multi-source Dijkstra search from all sources at once, stopping at
 * `maxDistM`: every node gets its walking distance to the nearest source
 * and which source that is. Sources lie anywhere on an edge, not only at
 * nodes, and walk to both ends of their edge (and to any portal on it).
 */
export function searchFromSources(graph: WalkGraph, sources: readonly SearchSource[], maxDistM: number): SearchResult {
  return new SearchWorkspace(graph).run(sources, maxDistM)
}

/**
 * Node arrays kept from one search to the next, for many small searches on
 * one graph (site suggestions search from thousands of candidates): a run
 * resets only the nodes the previous run reached, instead of allocating and
 * filling arrays for every node. A run's result shares the workspace's
 * arrays and is valid until the next run.
 */
export class SearchWorkspace {
  private readonly nodeDistM: Float64Array
  private readonly nodeSource: Int32Array
  private readonly settled: Uint8Array
  private readonly heap = new MinHeap()
  private readonly touched: number[] = []
  /** The nodes the last run settled within its budget, nearest first. */
  readonly reached: number[] = []

  constructor(private readonly graph: WalkGraph) {
    this.nodeDistM = new Float64Array(graph.nodeCount).fill(Infinity)
    this.nodeSource = new Int32Array(graph.nodeCount).fill(-1)
    this.settled = new Uint8Array(graph.nodeCount)
  }

  run(sources: readonly SearchSource[], maxDistM: number): SearchResult {
    const { graph, nodeDistM, nodeSource, settled, heap, touched, reached } = this
    for (const node of touched) {
      nodeDistM[node] = Infinity
      nodeSource[node] = -1
      settled[node] = 0
    }
    touched.length = 0
    reached.length = 0
    const sourcesOnEdge = new Map<number, number[]>()
    const offer = (node: number, dist: number, source: number) => {
      if (dist > maxDistM || dist >= nodeDistM[node]!) return
      if (nodeSource[node] === -1) touched.push(node)
      nodeDistM[node] = dist
      nodeSource[node] = source
      heap.push(dist, node)
    }
    sources.forEach((s, k) => {
      const { edge, fraction } = s.position
      if (!(edge >= 0 && edge < graph.edgeCount)) throw new Error(`source ${k} lies on unknown edge ${edge}`)
      if (!(fraction >= 0 && fraction <= 1)) throw new Error(`source ${k} has fraction ${fraction}, outside 0..1`)
      const list = sourcesOnEdge.get(edge) ?? []
      list.push(k)
      sourcesOnEdge.set(edge, list)
      if (graph.edgeFlags[edge]! & closedFlag) return
      const length = graph.edgeLengthM[edge]!
      offer(graph.edgeSource[edge]!, s.startM + fraction * length, k)
      offer(graph.edgeTarget[edge]!, s.startM + (1 - fraction) * length, k)
      for (const portal of graph.portals?.get(edge) ?? []) offer(portal.node, s.startM + Math.abs(fraction - portal.fraction) * length, k)
    })
    while (heap.size > 0) {
      const key = heap.peekKey()!
      const node = heap.pop()
      if (settled[node] || key > nodeDistM[node]!) continue
      settled[node] = 1
      reached.push(node)
      const source = nodeSource[node]!
      for (let i = graph.adjStart[node]!; i < graph.adjStart[node + 1]!; i++) {
        offer(graph.adjNode[i]!, key + graph.edgeLengthM[graph.adjEdge[i]!]!, source)
      }
    }
    return { maxDistM, sources, nodeDistM, nodeSource, sourcesOnEdge }
  }
}

/** Walking distance to a position on an edge, and its nearest source; Infinity and -1 beyond the budget. */
export function distanceToPosition(graph: WalkGraph, result: SearchResult, position: EdgePosition): { distM: number; source: number } {
  const { edge, fraction } = position
  if (graph.edgeFlags[edge]! & closedFlag) return { distM: Infinity, source: -1 }
  const length = graph.edgeLengthM[edge]!
  const u = graph.edgeSource[edge]!
  const v = graph.edgeTarget[edge]!
  let distM = result.nodeDistM[u]! + fraction * length
  let source = result.nodeSource[u]!
  const viaTarget = result.nodeDistM[v]! + (1 - fraction) * length
  if (viaTarget < distM) {
    distM = viaTarget
    source = result.nodeSource[v]!
  }
  for (const k of result.sourcesOnEdge.get(edge) ?? []) {
    const s = result.sources[k]!
    const direct = s.startM + Math.abs(fraction - s.position.fraction) * length
    if (direct < distM) {
      distM = direct
      source = k
    }
  }
  for (const portal of graph.portals?.get(edge) ?? []) {
    const viaPortal = result.nodeDistM[portal.node]! + Math.abs(fraction - portal.fraction) * length
    if (viaPortal < distM) {
      distM = viaPortal
      source = result.nodeSource[portal.node]!
    }
  }
  return distM <= result.maxDistM ? { distM, source } : { distM: Infinity, source: -1 }
}

/**
 * The stretches of an edge reached within `budgetM` (≤ the search budget),
 * as merged [from, to] fractions: from each end, the remaining budget, and
 * around each source on the edge. A long edge reached from one end is
 * reached exactly as far as the budget allows, not whole and not dropped.
 */
export function reachedIntervals(graph: WalkGraph, result: SearchResult, edge: number, budgetM: number): [number, number][] {
  if (graph.edgeFlags[edge]! & closedFlag) return []
  const length = graph.edgeLengthM[edge]!
  const intervals: [number, number][] = []
  const add = (from: number, to: number) => {
    const a = Math.max(0, from)
    const b = Math.min(1, to)
    if (b >= a) intervals.push([a, b])
  }
  const fromSource = budgetM - result.nodeDistM[graph.edgeSource[edge]!]!
  if (fromSource >= 0) add(0, length === 0 ? 1 : fromSource / length)
  const fromTarget = budgetM - result.nodeDistM[graph.edgeTarget[edge]!]!
  if (fromTarget >= 0) add(length === 0 ? 0 : 1 - fromTarget / length, 1)
  for (const k of result.sourcesOnEdge.get(edge) ?? []) {
    const s = result.sources[k]!
    const rest = budgetM - s.startM
    if (rest < 0) continue
    const reach = length === 0 ? 1 : rest / length
    add(s.position.fraction - reach, s.position.fraction + reach)
  }
  for (const portal of graph.portals?.get(edge) ?? []) {
    const rest = budgetM - result.nodeDistM[portal.node]!
    if (rest < 0) continue
    const reach = length === 0 ? 1 : rest / length
    add(portal.fraction - reach, portal.fraction + reach)
  }
  intervals.sort((p, q) => p[0] - q[0])
  const merged: [number, number][] = []
  for (const [a, b] of intervals) {
    const last = merged[merged.length - 1]
    if (last && a <= last[1]) last[1] = Math.max(last[1], b)
    else merged.push([a, b])
  }
  return merged
}
