import { bench, describe } from 'vitest'
import { generateGridNetwork } from '../../geodata/generate-grid-network.ts'
import { buildWalkGraph } from '../../server/geo/walk-graph.ts'
import { searchFromSources, type SearchSource } from '../../server/geo/walk-search.ts'
import { SnapIndex } from '../../server/geo/snap-index.ts'
import { updateSearch } from '../../server/geo/update-search.ts'

/** Heap growth while building a graph of about `edges` edges, in MB. */
function graphMemoryMb(side: number): { edges: number; mb: number } {
  globalThis.gc?.()
  const before = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers
  const input = generateGridNetwork(side)
  const graph = buildWalkGraph(input)
  input.length = 0
  globalThis.gc?.()
  const after = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers
  return { edges: graph.edgeCount, mb: (after - before) / 1e6 }
}

const side = 316
const input = generateGridNetwork(side)
const graph = buildWalkGraph(input)
const centre = graph.nodeIndex.get(Math.floor(side / 2) * side + Math.floor(side / 2) + 1)!
const centreSource: SearchSource = { position: { edge: graph.adjEdge[graph.adjStart[centre]!]!, fraction: 0 }, startM: 0 }
const manySources: SearchSource[] = Array.from({ length: 300 }, (_, k) => ({
  position: { edge: Math.floor((k * 7919) % graph.edgeCount), fraction: 0.5 },
  startM: 0,
}))
const movedFrom = manySources[150]!.position.edge
const movedEnd = graph.edgeTarget[movedFrom]!
const movedTo: SearchSource = {
  position: { edge: graph.adjEdge.subarray(graph.adjStart[movedEnd]!, graph.adjStart[movedEnd + 1]!).find((e) => e !== movedFrom)!, fraction: 0.5 },
  startM: 0,
}
const baseline = searchFromSources(graph, manySources, Infinity)
const moved = updateSearch(graph, baseline, { removed: [150], added: [movedTo] })
const movedNodes = baseline.nodeDistM.filter((d, v) => d !== moved.nodeDistM[v]).length
console.log(`moving facility 150 to the next street changes the distance of ${movedNodes} of ${graph.nodeCount} nodes`)
const memory = graphMemoryMb(707)
console.log(`walk graph: ${graph.edgeCount} edges for the searches; ${memory.edges} edges hold about ${memory.mb.toFixed(0)} MB (typed arrays and node map, input freed)`)

describe(`walk search on a ${graph.edgeCount}-edge grid`, () => {
  bench('build the graph', () => {
    buildWalkGraph(input)
  })
  bench('one 15-minute search (1,000 m) from one facility', () => {
    searchFromSources(graph, [centreSource], 1000)
  })
  bench('one multi-source search from 300 facilities (1,000 m)', () => {
    searchFromSources(graph, manySources, 1000)
  })
  bench('full multi-source search from 300 facilities (no budget)', () => {
    searchFromSources(graph, manySources, Infinity)
  })
  bench('move one of 300 facilities: incremental update', () => {
    updateSearch(graph, baseline, { removed: [150], added: [movedTo] })
  })
  const index = new SnapIndex(graph)
  bench('snap 1,000 points', () => {
    for (let k = 0; k < 1000; k++) index.snap([123.4 + (k % 100) * 0.002, 41.7 + Math.floor(k / 100) * 0.002])
  })
})
