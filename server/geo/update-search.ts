import { MinHeap } from './min-heap.ts'
import type { WalkGraph } from './walk-graph.ts'
import type { SearchResult, SearchSource } from './walk-search.ts'

/** Sources to take away from a search and sources to add to it; a move is one of each. */
export interface SourceChanges {
  /** Indexes (into base.sources) of sources to take away. */
  removed: readonly number[]
  /** New sources; they get the indexes base.sources.length, base.sources.length + 1, ... */
  added: readonly SearchSource[]
}

/**
 * The result `searchFromSources` would give after the changes, computed only over the part of the network the changes affect. The base is not modified.
 *
 * Distances are those of a full search over the remaining and added
 * sources, to the last bit. Where two sources are equally near, the node
 * may name either. Removed sources keep their index in `sources` (so
 * indexes stay stable across updates) and are listed in `removedSources`;
 * they lie on no edge in `sourcesOnEdge` and are no node's source.
 * Results can be chained: the returned result is a valid base.
 *
 * Besides copying the node arrays and scanning them once for nodes of
 * removed sources, the work is a Dijkstra search over the nodes whose
 * distance or source changes.
 */
export function updateSearch(graph: WalkGraph, base: SearchResult, changes: SourceChanges): SearchResult {
  const removed = checkChanges(graph, base, changes)
  const { maxDistM } = base
  const firstAdded = base.sources.length
  const sources = [...base.sources, ...changes.added]
  const nodeDistM = base.nodeDistM.slice()
  const nodeSource = base.nodeSource.slice()
  const sourcesOnEdge = moveSourcesOnEdges(base.sourcesOnEdge, sources, removed, firstAdded)
  const heap = new MinHeap()
  const offer = (node: number, dist: number, source: number) => {
    if (dist > maxDistM || dist >= nodeDistM[node]!) return
    nodeDistM[node] = dist
    nodeSource[node] = source
    heap.push(dist, node)
  }
  const offerFromSource = (k: number, node: number) => {
    const { position, startM } = sources[k]!
    const { edge, fraction } = position
    const length = graph.edgeLengthM[edge]!
    if (graph.edgeSource[edge] === node) offer(node, startM + fraction * length, k)
    if (graph.edgeTarget[edge] === node) offer(node, startM + (1 - fraction) * length, k)
  }

  const orphans = orphanNodes(nodeDistM, nodeSource, removed, sources.length)
  for (const node of orphans) {
    for (let i = graph.adjStart[node]!; i < graph.adjStart[node + 1]!; i++) {
      const edge = graph.adjEdge[i]!
      const neighbour = graph.adjNode[i]!
      offer(node, nodeDistM[neighbour]! + graph.edgeLengthM[edge]!, nodeSource[neighbour]!)
      for (const k of sourcesOnEdge.get(edge) ?? []) offerFromSource(k, node)
    }
  }
  for (let k = firstAdded; k < sources.length; k++) {
    const { edge } = sources[k]!.position
    offerFromSource(k, graph.edgeSource[edge]!)
    offerFromSource(k, graph.edgeTarget[edge]!)
  }

  while (heap.size > 0) {
    const key = heap.peekKey()!
    const node = heap.pop()
    if (key > nodeDistM[node]!) continue
    const source = nodeSource[node]!
    for (let i = graph.adjStart[node]!; i < graph.adjStart[node + 1]!; i++) {
      offer(graph.adjNode[i]!, key + graph.edgeLengthM[graph.adjEdge[i]!]!, source)
    }
  }
  const removedSources = new Set(base.removedSources)
  for (const k of removed) removedSources.add(k)
  return { maxDistM, sources, nodeDistM, nodeSource, sourcesOnEdge, removedSources }
}

/** Checks the changes against the graph and the base; returns the removed indexes as a set. */
function checkChanges(graph: WalkGraph, base: SearchResult, changes: SourceChanges): Set<number> {
  if (base.nodeDistM.length !== graph.nodeCount || base.nodeSource.length !== graph.nodeCount) {
    throw new Error(`the base search covers ${base.nodeDistM.length} nodes but the graph has ${graph.nodeCount}`)
  }
  const removed = new Set<number>()
  for (const k of changes.removed) {
    if (!Number.isInteger(k) || k < 0 || k >= base.sources.length) throw new Error(`cannot remove source ${k}: the base has sources 0..${base.sources.length - 1}`)
    if (removed.has(k)) throw new Error(`source ${k} is listed twice for removal`)
    if (base.removedSources?.has(k)) throw new Error(`source ${k} was already removed`)
    removed.add(k)
  }
  changes.added.forEach((s, j) => {
    const k = base.sources.length + j
    const { edge, fraction } = s.position
    if (!Number.isInteger(edge) || edge < 0 || edge >= graph.edgeCount) throw new Error(`source ${k} lies on unknown edge ${edge}`)
    if (!(fraction >= 0 && fraction <= 1)) throw new Error(`source ${k} has fraction ${fraction}, outside 0..1`)
  })
  return removed
}

/** A new edge → sources map without the removed sources and with the added ones; the base's map and lists are left as they are. */
function moveSourcesOnEdges(base: Map<number, number[]>, sources: readonly SearchSource[], removed: ReadonlySet<number>, firstAdded: number): Map<number, number[]> {
  const sourcesOnEdge = new Map(base)
  for (const k of removed) {
    const edge = sources[k]!.position.edge
    const rest = sourcesOnEdge.get(edge)!.filter((j) => j !== k)
    if (rest.length > 0) sourcesOnEdge.set(edge, rest)
    else sourcesOnEdge.delete(edge)
  }
  for (let k = firstAdded; k < sources.length; k++) {
    const edge = sources[k]!.position.edge
    sourcesOnEdge.set(edge, [...(sourcesOnEdge.get(edge) ?? []), k])
  }
  return sourcesOnEdge
}

/**
 * Clears the nodes whose source is removed and returns them. A scan, not a
 * walk out from the removed sources: a node keeps its source when a new
 * route ties with its old one after rounding, so the nodes of one source
 * need not stay connected to it through nodes of that source.
 */
function orphanNodes(nodeDistM: Float64Array, nodeSource: Int32Array, removed: ReadonlySet<number>, sourceCount: number): number[] {
  const orphans: number[] = []
  if (removed.size === 0) return orphans
  const isRemoved = new Uint8Array(sourceCount + 1)
  for (const k of removed) isRemoved[k + 1] = 1
  for (let node = 0; node < nodeSource.length; node++) {
    if (!isRemoved[nodeSource[node]! + 1]) continue
    nodeDistM[node] = Infinity
    nodeSource[node] = -1
    orphans.push(node)
  }
  return orphans
}
