import { describe, expect, it } from 'vitest'
import { buildWalkGraph, type WalkEdgeInput } from '../../../server/geo/walk-graph.ts'
import { LocalFrame } from '../../../server/geo/local-frame.ts'
import { editWalkGraph } from '../../../server/geo/edit-graph.ts'
import { distanceToPosition, reachedIntervals, searchFromSources } from '../../../server/geo/walk-search.ts'

const frame = new LocalFrame(123.4, 41.7)
let nextId = 1
function street(source: number, target: number, from: [number, number], to: [number, number]): WalkEdgeInput {
  return { id: nextId++, sourceNode: source, targetNode: target, lengthM: Math.hypot(to[0] - from[0], to[1] - from[1]), highway: 'footway', bridge: false, tunnel: false, coordinates: [frame.toLngLat(...from), frame.toLngLat(...to)] }
}

// A river between y = 0 and y = 100: a path on each bank, a bridge only at x = 0.
//   north:  3 (0,100) ———— 4 (1000,100)
//           |  bridge
//   south:  1 (0,0)   ———— 2 (1000,0)
const banks = () => [street(1, 2, [0, 0], [1000, 0]), street(3, 4, [0, 100], [1000, 100]), street(1, 3, [0, 0], [0, 100])]

describe('editWalkGraph', () => {
  it('adds a footbridge part-way along both banks, and places on the far bank are reached across it exactly', () => {
    const graph = buildWalkGraph(banks())
    const local = frame.project(graph.coords)
    const source = { position: { edge: 0, fraction: 0.8 }, startM: 0 }
    const farBank = { edge: 1, fraction: 0.7 }
    const before = distanceToPosition(graph, searchFromSources(graph, [source], Infinity), farBank)
    expect(before.distM).toBeCloseTo(800 + 100 + 700, 9)

    const edited = editWalkGraph(graph, local, { closedEdges: [], links: [{ from: { position: { edge: 0, fraction: 0.75 } }, to: { position: { edge: 1, fraction: 0.75 } }, lengthM: 100 }] })
    const search = searchFromSources(edited.graph, [source], Infinity)
    expect(distanceToPosition(edited.graph, search, farBank).distM).toBeCloseTo(50 + 100 + 50, 9)
    // The same walk over a graph built with the banks split at the bridge.
    const split = buildWalkGraph([
      street(1, 5, [0, 0], [750, 0]), street(5, 2, [750, 0], [1000, 0]),
      street(3, 6, [0, 100], [750, 100]), street(6, 4, [750, 100], [1000, 100]),
      street(1, 3, [0, 0], [0, 100]), street(5, 6, [750, 0], [750, 100]),
    ])
    const reference = searchFromSources(split, [{ position: { edge: 1, fraction: 0.2 }, startM: 0 }], Infinity)
    expect(distanceToPosition(split, reference, { edge: 2, fraction: 700 / 750 }).distM).toBeCloseTo(200, 9)
    // Within 250 m the far bank is reached 100 m either side of the bridge (50 m + 100 m to get there).
    const [[from, to]] = reachedIntervals(edited.graph, search, 1, 250) as [[number, number]]
    expect(from).toBeCloseTo(0.65, 9)
    expect(to).toBeCloseTo(0.85, 9)
    expect(edited.local.length).toBe(edited.graph.coords.length)
    expect(graph.edgeCount).toBe(3)
  })

  it('closes an edge: nobody walks along it and nothing on it is reached', () => {
    const graph = buildWalkGraph(banks())
    const edited = editWalkGraph(graph, frame.project(graph.coords), { closedEdges: [2], links: [] })
    const search = searchFromSources(edited.graph, [{ position: { edge: 0, fraction: 0.5 }, startM: 0 }], Infinity)
    expect(distanceToPosition(edited.graph, search, { edge: 1, fraction: 0.5 }).distM).toBe(Infinity)
    expect(distanceToPosition(edited.graph, search, { edge: 2, fraction: 0.5 }).distM).toBe(Infinity)
    expect(reachedIntervals(edited.graph, search, 2, 10_000)).toEqual([])
    const fromClosed = searchFromSources(edited.graph, [{ position: { edge: 2, fraction: 0.5 }, startM: 0 }], Infinity)
    expect(Array.from(fromClosed.nodeDistM).every((d) => d === Infinity)).toBe(true)
  })
})
