import { describe, expect, it } from 'vitest'
import { Prng } from '../../../geodata/prng.ts'
import { updateSearch } from '../../../server/geo/update-search.ts'
import { buildWalkGraph, type WalkEdgeInput, type WalkGraph } from '../../../server/geo/walk-graph.ts'
import { distanceToPosition, reachedIntervals, searchFromSources, type SearchResult, type SearchSource } from '../../../server/geo/walk-search.ts'

/** A graph from [sourceNode, targetNode, lengthM] triples; edge i of the list is dense edge i. */
function graphOf(edges: readonly [number, number, number][]): WalkGraph {
  const input: WalkEdgeInput[] = edges.map(([sourceNode, targetNode, lengthM], i) => ({
    id: i + 1,
    sourceNode,
    targetNode,
    lengthM,
    highway: 'residential',
    bridge: false,
    tunnel: false,
    coordinates: [
      [123.4, 41.7],
      [123.5, 41.7],
    ],
  }))
  return buildWalkGraph(input)
}

const at = (edge: number, fraction: number, startM = 0): SearchSource => ({ position: { edge, fraction }, startM })
const node = (graph: WalkGraph, id: number) => graph.nodeIndex.get(id)!
const distOf = (graph: WalkGraph, result: SearchResult, id: number) => result.nodeDistM[node(graph, id)]
const sourceOf = (graph: WalkGraph, result: SearchResult, id: number) => result.nodeSource[node(graph, id)]

/** The indexes of the sources still in play. */
const activeSources = (result: SearchResult) => result.sources.map((_, k) => k).filter((k) => !result.removedSources?.has(k))

/**
 * Requires `result` to be what a fresh search over its active sources gives:
 * the same node distances, a nearest source on every reached node that is
 * active and really that near, the same answers from `distanceToPosition`
 * and `reachedIntervals`, and `sourcesOnEdge` holding exactly the active
 * sources.
 */
function expectSameAsFullSearch(graph: WalkGraph, result: SearchResult, prng: Prng): void {
  const active = activeSources(result)
  const full = searchFromSources(graph, active.map((k) => result.sources[k]!), result.maxDistM)
  const alone = new Map<number, SearchResult>()
  const searchFromOnly = (k: number) => {
    let single = alone.get(k)
    if (!single) alone.set(k, (single = searchFromSources(graph, [result.sources[k]!], result.maxDistM)))
    return single
  }
  for (let v = 0; v < graph.nodeCount; v++) {
    const dist = result.nodeDistM[v]!
    const expected = full.nodeDistM[v]!
    if (expected === Infinity) expect(dist, `node ${v}`).toBe(Infinity)
    else expect(Math.abs(dist - expected), `node ${v}: ${dist} vs ${expected}`).toBeLessThanOrEqual(1e-9)
    const k = result.nodeSource[v]!
    if (dist === Infinity) {
      expect(k, `node ${v}`).toBe(-1)
      continue
    }
    expect(active, `source of node ${v}`).toContain(k)
    expect(Math.abs(searchFromOnly(k).nodeDistM[v]! - dist), `node ${v} from source ${k}`).toBeLessThanOrEqual(1e-9)
  }
  const pairs = (r: SearchResult, indexes: readonly number[]) =>
    [...r.sourcesOnEdge].flatMap(([edge, list]) => list.map((j) => `${edge}:${indexes[j]}`)).sort()
  expect(pairs(result, result.sources.map((_, k) => k))).toEqual(pairs(full, active))
  for (let trial = 0; trial < 20; trial++) {
    const position = { edge: prng.int(0, graph.edgeCount - 1), fraction: prng.chance(0.2) ? prng.pick([0, 1]) : prng.next() }
    const got = distanceToPosition(graph, result, position)
    const want = distanceToPosition(graph, full, position)
    if (want.distM === Infinity) {
      expect(got).toEqual({ distM: Infinity, source: -1 })
    } else {
      expect(Math.abs(got.distM - want.distM)).toBeLessThanOrEqual(1e-9)
      expect(active).toContain(got.source)
      expect(Math.abs(distanceToPosition(graph, searchFromOnly(got.source), position).distM - got.distM)).toBeLessThanOrEqual(1e-9)
    }
    const edge = prng.int(0, graph.edgeCount - 1)
    const budgetM = result.maxDistM === Infinity ? prng.between(0, 400) : prng.between(0, result.maxDistM)
    const gotIntervals = reachedIntervals(graph, result, edge, budgetM)
    const wantIntervals = reachedIntervals(graph, full, edge, budgetM)
    expect(gotIntervals.length, `intervals on edge ${edge}`).toBe(wantIntervals.length)
    gotIntervals.forEach(([a, b], i) => {
      expect(Math.abs(a - wantIntervals[i]![0])).toBeLessThanOrEqual(1e-9)
      expect(Math.abs(b - wantIntervals[i]![1])).toBeLessThanOrEqual(1e-9)
    })
  }
}

/** A copy of everything in a result, to show later that it was not changed. */
const snapshot = (r: SearchResult) => ({
  nodeDistM: Array.from(r.nodeDistM),
  nodeSource: Array.from(r.nodeSource),
  sources: [...r.sources],
  sourcesOnEdge: [...r.sourcesOnEdge].map(([edge, list]) => [edge, [...list]]),
  removedSources: r.removedSources && [...r.removedSources],
})

describe('updateSearch', () => {
  // 1 —100— 2 —100— 3 —100— 4 —100— 5
  const path = graphOf([
    [1, 2, 100],
    [2, 3, 100],
    [3, 4, 100],
    [4, 5, 100],
  ])

  it('hands the nodes of a removed source to the next nearest one', () => {
    const base = searchFromSources(path, [at(0, 0), at(3, 1, 20)], Infinity)
    expect(sourceOf(path, base, 2)).toBe(0)
    expect(sourceOf(path, base, 4)).toBe(1)
    const result = updateSearch(path, base, { removed: [0], added: [] })
    expect([1, 2, 3, 4, 5].map((id) => distOf(path, result, id))).toEqual([420, 320, 220, 120, 20])
    expect([1, 2, 3, 4, 5].map((id) => sourceOf(path, result, id))).toEqual([1, 1, 1, 1, 1])
    expect(result.sources).toEqual(base.sources)
    expect([...result.removedSources!]).toEqual([0])
    expect(result.sourcesOnEdge.has(0)).toBe(false)
    expect(distanceToPosition(path, result, { edge: 0, fraction: 0 })).toEqual({ distM: 420, source: 1 })
  })

  it('lets an added source take only the nodes it is nearer to', () => {
    const base = searchFromSources(path, [at(0, 0)], Infinity)
    const result = updateSearch(path, base, { removed: [], added: [at(3, 0.5, 5)] })
    expect([1, 2, 3, 4, 5].map((id) => distOf(path, result, id))).toEqual([0, 100, 155, 55, 55])
    expect([1, 2, 3, 4, 5].map((id) => sourceOf(path, result, id))).toEqual([0, 0, 1, 1, 1])
    expect(result.sourcesOnEdge.get(3)).toEqual([1])
  })

  it('moves a facility round a cycle in one call', () => {
    // a square 1-2-3-4 of 100 m sides with a 50 m spur 3-5
    const graph = graphOf([
      [1, 2, 100],
      [2, 3, 100],
      [3, 4, 100],
      [4, 1, 100],
      [3, 5, 50],
    ])
    const base = searchFromSources(graph, [at(0, 0), at(2, 0.5)], Infinity)
    const moved = updateSearch(graph, base, { removed: [0], added: [at(4, 1)] })
    expect([1, 2, 3, 4, 5].map((id) => distOf(graph, moved, id))).toEqual([150, 150, 50, 50, 0])
    expect(sourceOf(graph, moved, 5)).toBe(2)
    expect(sourceOf(graph, moved, 1)).toBe(1)
    expect(moved.sources).toHaveLength(3)
    expectSameAsFullSearch(graph, moved, new Prng(1))
  })

  it('leaves nodes no source reaches any more at Infinity with no source', () => {
    // two separate streets: 1-2-3 and 4-5
    const graph = graphOf([
      [1, 2, 100],
      [2, 3, 100],
      [4, 5, 80],
    ])
    const base = searchFromSources(graph, [at(0, 0.5), at(2, 0)], Infinity)
    const result = updateSearch(graph, base, { removed: [0], added: [] })
    for (const id of [1, 2, 3]) {
      expect(distOf(graph, result, id)).toBe(Infinity)
      expect(sourceOf(graph, result, id)).toBe(-1)
    }
    expect(distOf(graph, result, 5)).toBe(80)
    expect(distanceToPosition(graph, result, { edge: 1, fraction: 0.5 })).toEqual({ distM: Infinity, source: -1 })
    expect(reachedIntervals(graph, result, 0, 1000)).toEqual([])
    const empty = updateSearch(graph, result, { removed: [1], added: [] })
    expect(Array.from(empty.nodeDistM)).toEqual(new Array(graph.nodeCount).fill(Infinity))
    expect(empty.sourcesOnEdge.size).toBe(0)
  })

  it('keeps to a finite budget when a removal pushes nodes beyond it and an addition brings them back', () => {
    const base = searchFromSources(path, [at(0, 0), at(3, 1)], 150)
    expect([1, 2, 3, 4, 5].map((id) => distOf(path, base, id))).toEqual([0, 100, Infinity, 100, 0])
    const removed = updateSearch(path, base, { removed: [1], added: [] })
    expect([1, 2, 3, 4, 5].map((id) => distOf(path, removed, id))).toEqual([0, 100, Infinity, Infinity, Infinity])
    expect(sourceOf(path, removed, 4)).toBe(-1)
    expect(reachedIntervals(path, removed, 2, 150)).toEqual([])
    const added = updateSearch(path, removed, { removed: [], added: [at(2, 0.5, 10)] })
    expect([1, 2, 3, 4, 5].map((id) => distOf(path, added, id))).toEqual([0, 100, 60, 60, Infinity])
    expect(added.maxDistM).toBe(150)
    expectSameAsFullSearch(path, added, new Prng(2))
  })

  it('frees a node kept on a rounding tie when its old source is removed later', () => {
    // 2 —1e4— 3, and two stubs 1-2 and 2-4 holding facilities whose snap
    // walks differ by less than half a unit in the last place of 1e4
    const graph = graphOf([
      [1, 2, 10],
      [2, 3, 1e4],
      [2, 4, 10],
    ])
    const base = searchFromSources(graph, [at(0, 1, 2e-13)], Infinity)
    const added = updateSearch(graph, base, { removed: [], added: [at(2, 0, 1e-13)] })
    expect(sourceOf(graph, added, 2)).toBe(1)
    expect(distOf(graph, added, 3)).toBe(1e4)
    const result = updateSearch(graph, added, { removed: [0], added: [] })
    expect(sourceOf(graph, result, 3)).toBe(1)
    expectSameAsFullSearch(graph, result, new Prng(3))
  })

  it('drops only the removed source from an edge that holds several', () => {
    const base = searchFromSources(path, [at(1, 0.2), at(1, 0.8), at(1, 0.5)], Infinity)
    const result = updateSearch(path, base, { removed: [1], added: [at(1, 0.9)] })
    expect(result.sourcesOnEdge.get(1)).toEqual([0, 2, 3])
    expect(base.sourcesOnEdge.get(1)).toEqual([0, 1, 2])
    expectSameAsFullSearch(path, result, new Prng(4))
  })

  it('leaves the base as it was', () => {
    const base = searchFromSources(path, [at(0, 0), at(3, 1)], Infinity)
    const before = snapshot(base)
    updateSearch(path, base, { removed: [0], added: [at(1, 0.5)] })
    expect(snapshot(base)).toEqual(before)
  })

  it('rejects unknown edges, fractions outside 0..1 and bad or repeated removals', () => {
    const base = searchFromSources(path, [at(0, 0), at(3, 1)], Infinity)
    expect(() => updateSearch(path, base, { removed: [], added: [at(4, 0)] })).toThrow('source 2 lies on unknown edge 4')
    expect(() => updateSearch(path, base, { removed: [], added: [at(-1, 0)] })).toThrow('unknown edge -1')
    expect(() => updateSearch(path, base, { removed: [], added: [at(0, 0), at(0, 1.5)] })).toThrow('source 3 has fraction 1.5, outside 0..1')
    expect(() => updateSearch(path, base, { removed: [], added: [at(0, NaN)] })).toThrow('outside 0..1')
    expect(() => updateSearch(path, base, { removed: [2], added: [] })).toThrow('cannot remove source 2')
    expect(() => updateSearch(path, base, { removed: [0.5], added: [] })).toThrow('cannot remove source 0.5')
    expect(() => updateSearch(path, base, { removed: [1, 1], added: [] })).toThrow('source 1 is listed twice')
    const once = updateSearch(path, base, { removed: [1], added: [] })
    expect(() => updateSearch(path, once, { removed: [1], added: [] })).toThrow('source 1 was already removed')
    expect(() => updateSearch(graphOf([[1, 2, 5]]), base, { removed: [], added: [] })).toThrow('the base search covers 5 nodes but the graph has 2')
  })

  describe('agrees with a full search after every step of random add, remove and move sequences', () => {
    /**
     * A random graph of `components` separate parts: a random spanning tree
     * in each, plus extra edges, some parallel, some loops, some of length 0.
     * Integer lengths make many exact ties between sources.
     */
    function randomGraph(prng: Prng, nodeCount: number, components: number, integerLengths: boolean): WalkGraph {
      const edges: [number, number, number][] = []
      const length = () => (prng.chance(0.05) ? 0 : integerLengths ? prng.int(1, 20) * 10 : prng.between(1, 200))
      const members: number[][] = Array.from({ length: components }, () => [])
      for (let id = 1; id <= nodeCount; id++) {
        const part = members[id % components]!
        if (part.length > 0) edges.push([prng.pick(part), id, length()])
        part.push(id)
      }
      for (let extra = 0; extra < nodeCount; extra++) {
        const part = prng.pick(members)
        const a = prng.pick(part)
        const b = prng.chance(0.05) ? a : prng.pick(part)
        edges.push([a, b, length()])
      }
      return graphOf(prng.shuffle(edges))
    }

    const randomSource = (prng: Prng, graph: WalkGraph): SearchSource => ({
      position: { edge: prng.int(0, graph.edgeCount - 1), fraction: prng.chance(0.3) ? prng.pick([0, 1]) : prng.next() },
      startM: prng.chance(0.5) ? 0 : prng.between(0, 50),
    })

    /** A source on an edge that meets the given one, as when a facility moves down the street. */
    const nearbySource = (prng: Prng, graph: WalkGraph, from: SearchSource): SearchSource => {
      const end = prng.chance(0.5) ? graph.edgeSource[from.position.edge]! : graph.edgeTarget[from.position.edge]!
      const i = prng.int(graph.adjStart[end]!, graph.adjStart[end + 1]! - 1)
      return { position: { edge: graph.adjEdge[i]!, fraction: prng.next() }, startM: prng.between(0, 20) }
    }

    const cases = [
      { seed: 11, nodeCount: 40, components: 1, integerLengths: false, maxDistM: Infinity },
      { seed: 12, nodeCount: 80, components: 1, integerLengths: true, maxDistM: Infinity },
      { seed: 13, nodeCount: 60, components: 3, integerLengths: false, maxDistM: Infinity },
      { seed: 14, nodeCount: 90, components: 4, integerLengths: true, maxDistM: Infinity },
      { seed: 15, nodeCount: 70, components: 1, integerLengths: false, maxDistM: 250 },
      { seed: 16, nodeCount: 100, components: 2, integerLengths: true, maxDistM: 180 },
      { seed: 17, nodeCount: 50, components: 5, integerLengths: false, maxDistM: 120 },
      { seed: 18, nodeCount: 120, components: 1, integerLengths: true, maxDistM: 400 },
    ]
    for (const { seed, nodeCount, components, integerLengths, maxDistM } of cases) {
      const shape = `${nodeCount} nodes in ${components} part${components > 1 ? 's' : ''}, ${integerLengths ? 'integer' : 'real'} lengths, budget ${maxDistM}`
      it(`seed ${seed}: ${shape}`, () => {
        const prng = new Prng(seed)
        const graph = randomGraph(prng, nodeCount, components, integerLengths)
        let result = searchFromSources(graph, Array.from({ length: prng.int(1, 6) }, () => randomSource(prng, graph)), maxDistM)
        const kinds = new Map<string, number>()
        for (let step = 0; step < 40; step++) {
          const active = activeSources(result)
          const kind = active.length === 0 ? 'add' : prng.pick(['add', 'remove', 'move', 'move', 'mixed'])
          kinds.set(kind, (kinds.get(kind) ?? 0) + 1)
          const removed: number[] = []
          const added: SearchSource[] = []
          if (kind === 'add') {
            for (let n = prng.int(1, 3); n > 0; n--) added.push(randomSource(prng, graph))
          } else if (kind === 'remove') {
            removed.push(...prng.shuffle(active).slice(0, prng.int(1, Math.min(2, active.length))))
          } else if (kind === 'move') {
            const k = prng.pick(active)
            removed.push(k)
            added.push(nearbySource(prng, graph, result.sources[k]!))
          } else {
            removed.push(...prng.shuffle(active).slice(0, prng.int(1, active.length)))
            for (let n = prng.int(0, 3); n > 0; n--) added.push(randomSource(prng, graph))
          }
          const before = snapshot(result)
          const next = updateSearch(graph, result, { removed, added })
          expect(snapshot(result)).toEqual(before)
          expect(next.maxDistM).toBe(maxDistM)
          expect(next.sources).toEqual([...result.sources, ...added])
          expectSameAsFullSearch(graph, next, prng)
          result = next
        }
        expect(kinds.size).toBeGreaterThanOrEqual(4)
      })
    }
  })
})
