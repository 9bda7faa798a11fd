import { describe, expect, it } from 'vitest'
import { buildWalkGraph, type WalkEdgeInput } from '../../../server/geo/walk-graph.ts'
import { distanceToPosition, reachedIntervals, searchFromSources, type SearchSource } from '../../../server/geo/walk-search.ts'
import { SnapIndex } from '../../../server/geo/snap-index.ts'

const lat0 = 41.7
const lng0 = 123.4
const mLng = 111_320 * Math.cos((lat0 * Math.PI) / 180)
const mLat = 110_574
/** [lng, lat] of a point x metres east and y metres north of the origin. */
const at = (x: number, y: number): [number, number] => [lng0 + x / mLng, lat0 + y / mLat]

let nextId = 1
/** A straight edge between two nodes whose positions are given in metres. */
function edge(source: number, target: number, from: [number, number], to: [number, number], highway = 'residential', extra: Partial<WalkEdgeInput> = {}): WalkEdgeInput {
  return {
    id: nextId++,
    sourceNode: source,
    targetNode: target,
    lengthM: Math.hypot(to[0] - from[0], to[1] - from[1]),
    highway,
    bridge: false,
    tunnel: false,
    coordinates: [at(...from), at(...to)],
    ...extra,
  }
}

const startAt = (graph: ReturnType<typeof buildWalkGraph>, edgeId: number, fraction: number, startM = 0): SearchSource => ({
  position: { edge: Array.from(graph.edgeIds).indexOf(edgeId), fraction },
  startM,
})
const nodeDist = (graph: ReturnType<typeof buildWalkGraph>, result: ReturnType<typeof searchFromSources>, nodeId: number) =>
  result.nodeDistM[graph.nodeIndex.get(nodeId)!]

describe('searchFromSources', () => {
  it('reaches a long edge exactly as far as the budget allows', () => {
    // A —100 m— B —400 m— C
    const edges = [edge(1, 2, [0, 0], [100, 0]), edge(2, 3, [100, 0], [500, 0])]
    const graph = buildWalkGraph(edges)
    const result = searchFromSources(graph, [startAt(graph, edges[0]!.id, 0)], 250)
    expect(nodeDist(graph, result, 1)).toBe(0)
    expect(nodeDist(graph, result, 2)).toBeCloseTo(100, 9)
    expect(nodeDist(graph, result, 3)).toBe(Infinity)
    const bc = Array.from(graph.edgeIds).indexOf(edges[1]!.id)
    const [[from, to]] = reachedIntervals(graph, result, bc, 250) as [[number, number]]
    expect(from).toBe(0)
    expect(to).toBeCloseTo(150 / 400, 9)
    expect(distanceToPosition(graph, result, { edge: bc, fraction: 0.25 }).distM).toBeCloseTo(200, 9)
    expect(distanceToPosition(graph, result, { edge: bc, fraction: 0.5 }).distM).toBe(Infinity)
  })

  it('walks from a source in the middle of an edge to both ends and along the edge itself', () => {
    const edges = [edge(1, 2, [0, 0], [200, 0])]
    const graph = buildWalkGraph(edges)
    const result = searchFromSources(graph, [startAt(graph, edges[0]!.id, 0.5, 10)], 1000)
    expect(nodeDist(graph, result, 1)).toBeCloseTo(110, 9)
    expect(nodeDist(graph, result, 2)).toBeCloseTo(110, 9)
    expect(distanceToPosition(graph, result, { edge: 0, fraction: 0.6 }).distM).toBeCloseTo(30, 9)
    expect(reachedIntervals(graph, result, 0, 60)).toEqual([[0.25, 0.75]])
  })

  it('gives every node its nearest facility in one multi-source run', () => {
    // 1 —300— 2 —300— 3 —300— 4, facilities at node 1 and node 4
    const edges = [edge(1, 2, [0, 0], [300, 0]), edge(2, 3, [300, 0], [600, 0]), edge(3, 4, [600, 0], [900, 0])]
    const graph = buildWalkGraph(edges)
    const result = searchFromSources(graph, [startAt(graph, edges[0]!.id, 0), startAt(graph, edges[2]!.id, 1)], 2000)
    const sourceOf = (node: number) => result.nodeSource[graph.nodeIndex.get(node)!]
    expect([sourceOf(1), sourceOf(2), sourceOf(3), sourceOf(4)]).toEqual([0, 0, 1, 1])
    expect(nodeDist(graph, result, 2)).toBeCloseTo(300, 9)
    expect(nodeDist(graph, result, 3)).toBeCloseTo(300, 9)
  })

  it('leaves land across a river unreached near the facility and reached near the bridge', () => {
    // South bank street 1—2—3 (x 0..1000 at y 0), north bank street 4—5—6 (y 100),
    // one bridge 3—6 at x 1000. The facility is at node 1.
    const edges = [
      edge(1, 2, [0, 0], [500, 0]),
      edge(2, 3, [500, 0], [1000, 0]),
      edge(4, 5, [0, 100], [500, 100]),
      edge(5, 6, [500, 100], [1000, 100]),
      edge(3, 6, [1000, 0], [1000, 100], 'secondary', { bridge: true }),
    ]
    const graph = buildWalkGraph(edges)
    const facility = searchFromSources(graph, [startAt(graph, edges[0]!.id, 0)], 1000)
    expect(nodeDist(graph, facility, 4)).toBe(Infinity)
    expect(nodeDist(graph, facility, 6)).toBe(Infinity)
    const nearBridge = searchFromSources(graph, [startAt(graph, edges[1]!.id, 1)], 1000)
    expect(nodeDist(graph, nearBridge, 6)).toBeCloseTo(100, 9)
    expect(nodeDist(graph, nearBridge, 5)).toBeCloseTo(600, 9)
    expect(nodeDist(graph, nearBridge, 4)).toBe(Infinity)
  })

  it('never walks on an expressway: motorway edges are left out of the graph', () => {
    const edges = [edge(1, 2, [0, 0], [100, 0]), edge(2, 3, [100, 0], [200, 0], 'motorway'), edge(3, 4, [200, 0], [300, 0])]
    const graph = buildWalkGraph(edges)
    expect(graph.edgeCount).toBe(2)
    const result = searchFromSources(graph, [startAt(graph, edges[0]!.id, 0)], 10_000)
    expect(nodeDist(graph, result, 3)).toBe(Infinity)
  })

  it('rejects sources off the graph', () => {
    const graph = buildWalkGraph([edge(1, 2, [0, 0], [100, 0])])
    expect(() => searchFromSources(graph, [{ position: { edge: 5, fraction: 0 }, startM: 0 }], 100)).toThrow(/unknown edge 5/)
    expect(() => searchFromSources(graph, [{ position: { edge: 0, fraction: 1.5 }, startM: 0 }], 100)).toThrow(/outside 0\.\.1/)
  })
})

describe('SnapIndex', () => {
  const edges = [
    edge(1, 2, [0, 0], [400, 0]),
    edge(3, 4, [0, 20], [400, 20], 'motorway'),
    edge(5, 6, [0, 30], [400, 30], 'footway', { tunnel: true }),
    edge(7, 8, [0, 200], [400, 200]),
  ]
  const graph = buildWalkGraph(edges)
  const index = new SnapIndex(graph)

  it('snaps to the nearest walkable edge and reports the snapped point and distance', () => {
    const snapped = index.snap(at(100, 12))
    expect(snapped.ok).toBe(true)
    if (!snapped.ok) return
    expect(graph.edgeIds[snapped.position.edge]).toBe(edges[0]!.id)
    expect(snapped.position.fraction).toBeCloseTo(0.25, 3)
    expect(snapped.distanceM).toBeCloseTo(12, 1)
    expect(snapped.point[0]).toBeCloseTo(at(100, 0)[0], 6)
  })

  it('never snaps to an expressway or a tunnel, even when they are nearer', () => {
    const snapped = index.snap(at(100, 28))
    expect(snapped.ok && graph.edgeIds[snapped.position.edge]).toBe(edges[0]!.id)
  })

  it('refuses a point farther than the limit instead of moving it', () => {
    const refused = index.snap(at(200, 100), 60)
    expect(refused).toMatchObject({ ok: false, reason: 'too-far' })
    const nearest = refused.ok ? null : refused.nearestDistanceM
    expect(nearest === null || nearest > 60).toBe(true)
    const far = index.snap(at(200, 5000), 300)
    expect(far).toEqual({ ok: false, reason: 'too-far', nearestDistanceM: null })
  })
})
