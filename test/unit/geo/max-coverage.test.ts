import { describe, expect, it } from 'vitest'
import { generateGridNetwork } from '../../../geodata/generate-grid-network.ts'
import { Prng } from '../../../geodata/prng.ts'
import type { CompoundOnNetwork } from '../../../server/geo/coverage.ts'
import { chooseSites, measureCandidateReach, pickGreedy, placeSiteOnParcel, type CandidateReach } from '../../../server/geo/max-coverage.ts'
import { SnapIndex, type SnapResult } from '../../../server/geo/snap-index.ts'
import { buildWalkGraph, type WalkEdgeInput, type WalkGraph } from '../../../server/geo/walk-graph.ts'
import { distanceToPosition, searchFromSources, type SearchSource } from '../../../server/geo/walk-search.ts'

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

/** A street of six 100 m edges: node n stands at x = 100·(n − 1), so a place x metres along is edge ⌊x / 100⌋ at fraction (x mod 100) / 100. */
const line = graphOf([1, 2, 3, 4, 5, 6].map((n): [number, number, number] => [n, n + 1, 100]))
const along = (x: number, startM = 0): SearchSource => ({ position: { edge: Math.min(5, Math.floor(x / 100)), fraction: x / 100 - Math.min(5, Math.floor(x / 100)) }, startM })
const gateAt = (x: number, snapM: number): SnapResult => ({ ok: true, ...along(x), point: [0, 0], distanceM: snapM })
const compound = (id: number, households: number, gates: SnapResult[], elderlyPopulation = 0): CompoundOnNetwork => ({
  id,
  communityCode: null,
  households,
  population: households * 2,
  elderlyPopulation,
  gates,
})

// Walks on the line are |x_site − x_gate| + site snap + gate snap; the band is 150 m.
// Site 0 at x = 70 reaches A (20 + 10) and B (20): 150 households.
// Site 1 at x = 490, 5 m off the street, reaches C (40 + 5 + 10) and D (30 + 5 + 5): 500.
// Site 2 at x = 350 reaches C (100 + 10) and E (100), not D (170 + 5): 380 in all, but only E's 80 once C is covered.
const compounds = [
  compound(1, 100, [gateAt(50, 10)]), // A
  compound(2, 50, [gateAt(90, 0)]), // B
  compound(3, 300, [gateAt(450, 10)]), // C
  compound(4, 200, [gateAt(520, 5)]), // D
  compound(5, 80, [gateAt(250, 0)]), // E
  compound(6, 1000, [gateAt(60, 0)]), // F: already covered
]
const covered = [0, 0, 0, 0, 0, 1]
const sites = [along(70), along(490, 5), along(350)]
const limitM = 150

const idsOf = (picks: { compounds: number[] }[]) => picks.map((p) => p.compounds.map((i) => compounds[i]!.id))

describe('measureCandidateReach', () => {
  it('finds the uncovered compounds each site brings within the band, snap walks included', () => {
    const reach = measureCandidateReach(line, compounds, covered, sites, limitM)
    const of = (c: number) => Array.from(reach.compounds.subarray(reach.start[c], reach.start[c + 1]))
    expect(of(0)).toEqual([0, 1])
    expect(of(1)).toEqual([2, 3])
    expect(of(2)).toEqual([2, 4])
  })

  it('counts a gate exactly at the limit, not one a millimetre beyond, as coverage does', () => {
    const edgeGates = [compound(1, 10, [gateAt(150, 0)]), compound(2, 10, [gateAt(150, 0.001)])]
    const reach = measureCandidateReach(line, edgeGates, [0, 0], [along(0)], 150)
    expect(Array.from(reach.compounds)).toEqual([0])
  })

  it('reaches a gate on its own long edge when neither end of the edge is within the band', () => {
    const long = graphOf([[1, 2, 1000]])
    const near = compound(1, 10, [{ ok: true, position: { edge: 0, fraction: 0.55 }, point: [0, 0], distanceM: 2 }])
    const reach = measureCandidateReach(long, [near], [0], [{ position: { edge: 0, fraction: 0.5 }, startM: 3 }], 100)
    expect(Array.from(reach.compounds)).toEqual([0])
    expect(reach.reachedNodes).toBe(0)
  })

  it('covers a compound through whichever of its gates reaches, and never through a gate off the network', () => {
    const twoGates = compound(1, 10, [{ ok: false, reason: 'too-far', nearestDistanceM: 400 }, gateAt(520, 0), gateAt(200, 0)])
    const reach = measureCandidateReach(line, [twoGates], [0], [along(100), along(0, 200)], 150)
    expect(Array.from(reach.start)).toEqual([0, 1, 1])
  })

  it('agrees exactly with a fresh searchFromSources from each candidate, on a grid with many candidates in a row', () => {
    const grid = buildWalkGraph(generateGridNetwork(30, 80, 3))
    const prng = new Prng(5)
    const somewhere = (): SearchSource => ({ position: { edge: Math.floor(prng.between(0, grid.edgeCount)), fraction: prng.next() }, startM: prng.between(0, 40) })
    const many = Array.from({ length: 300 }, (_, id) => {
      const gates = Array.from({ length: 1 + Math.floor(prng.between(0, 3)) }, (): SnapResult => ({ ok: true, ...somewhere(), point: [0, 0], distanceM: prng.between(0, 30) }))
      return compound(id, Math.floor(prng.between(1, 500)), gates)
    })
    const coveredMany = many.map(() => (prng.chance(0.2) ? 1 : 0))
    const candidates = Array.from({ length: 120 }, somewhere)
    const band = 400
    const reach = measureCandidateReach(grid, many, coveredMany, candidates, band)
    candidates.forEach((candidate, c) => {
      const search = searchFromSources(grid, [candidate], band)
      const expected = many.flatMap((m, i) =>
        !coveredMany[i] && m.gates.some((g) => g.ok && distanceToPosition(grid, search, g.position).distM + g.distanceM <= band) ? [i] : [],
      )
      expect(Array.from(reach.compounds.subarray(reach.start[c], reach.start[c + 1])), `candidate ${c}`).toEqual(expected)
    })
    expect(reach.compounds.length).toBeGreaterThan(100)
  })

  it('stops with a clear error once the searches reach more nodes than allowed', () => {
    expect(() => measureCandidateReach(line, compounds, covered, sites, limitM, 3)).toThrow(/more than 3 network nodes/)
  })
})

describe('chooseSites', () => {
  it('picks the biggest cluster first, and counts what the first pick covered only once', () => {
    const { picks } = chooseSites({ graph: line, compounds, covered, candidates: sites, limitM, k: 2, weightElderly: 0 })
    expect(picks.map((p) => p.candidate)).toEqual([1, 0])
    expect(picks.map((p) => p.gainHouseholds)).toEqual([500, 150])
    expect(idsOf(picks)).toEqual([[3, 4], [1, 2]])
  })

  it('stops early when k is larger than the candidates can use', () => {
    const { picks } = chooseSites({ graph: line, compounds, covered, candidates: [...sites, along(0, 500)], limitM, k: 10, weightElderly: 0 })
    expect(picks.map((p) => p.candidate)).toEqual([1, 0, 2])
    expect(picks.map((p) => p.gainHouseholds)).toEqual([500, 150, 80])
    expect(idsOf(picks)[2]).toEqual([5])
  })

  it('weighs elderly residents as asked, which can change the choice', () => {
    const older = [compound(1, 100, [gateAt(50, 0)], 10), compound(2, 80, [gateAt(450, 0)], 60)]
    const candidates = [along(50), along(450)]
    const choose = (weightElderly: number) => chooseSites({ graph: line, compounds: older, covered: [0, 0], candidates, limitM, k: 1, weightElderly }).picks
    expect(choose(0).map((p) => [p.candidate, p.gainValue])).toEqual([[0, 100]])
    expect(choose(1).map((p) => [p.candidate, p.gainValue])).toEqual([[1, 140]])
    expect(choose(1)[0]).toMatchObject({ gainHouseholds: 80, gainElderly: 60 })
  })

  it('gives ties to the candidate listed first', () => {
    // Site at x = 70 covers A and B (150), site at x = 450 covers only C' (150).
    const even = [compound(1, 100, [gateAt(50, 0)]), compound(2, 50, [gateAt(90, 0)]), compound(3, 150, [gateAt(450, 0)])]
    const choose = (candidates: SearchSource[]) => chooseSites({ graph: line, compounds: even, covered: [0, 0, 0], candidates, limitM, k: 1, weightElderly: 0 }).picks
    expect(choose([along(70), along(450)])[0]!.compounds).toEqual([0, 1])
    expect(choose([along(450), along(70)])[0]!.compounds).toEqual([2])
  })
})

describe('pickGreedy', () => {
  /** The plain greedy: every step scans all candidates and keeps only a strictly larger gain. */
  function plainGreedy(sets: number[][], values: number[], k: number) {
    const done = new Set<number>()
    const picks: { candidate: number; gain: number }[] = []
    while (picks.length < k) {
      let best = -1
      let bestGain = 0
      sets.forEach((set, c) => {
        const gain = set.filter((t) => !done.has(t)).reduce((s, t) => s + values[t]!, 0)
        if (gain > bestGain) {
          best = c
          bestGain = gain
        }
      })
      if (best < 0) break
      for (const t of sets[best]!) done.add(t)
      picks.push({ candidate: best, gain: bestGain })
    }
    return picks
  }

  const reachOf = (sets: number[][]): CandidateReach => {
    const start = new Uint32Array(sets.length + 1)
    sets.forEach((s, c) => (start[c + 1] = start[c]! + s.length))
    return { start, compounds: Uint32Array.from(sets.flat()), reachedNodes: 0 }
  }

  it('chooses exactly what the plain greedy chooses, ties included (lazy evaluation changes nothing)', () => {
    const prng = new Prng(11)
    for (let trial = 0; trial < 200; trial++) {
      const targets = 5 + Math.floor(prng.between(0, 40))
      // Small integer values so that ties are frequent.
      const values = Array.from({ length: targets }, () => Math.floor(prng.between(0, 4)))
      const sets = Array.from({ length: 2 + Math.floor(prng.between(0, 30)) }, () => {
        const set = new Set<number>()
        const size = Math.floor(prng.between(0, 8))
        for (let i = 0; i < size; i++) set.add(Math.floor(prng.between(0, targets)))
        return [...set].sort((a, b) => a - b)
      })
      const k = 1 + Math.floor(prng.between(0, 10))
      const lazy = pickGreedy(reachOf(sets), values, k)
      expect(lazy.map((p) => ({ candidate: p.candidate, gain: p.gain })), `trial ${trial}`).toEqual(plainGreedy(sets, values, k))
    }
  })

  it('lists zero-value compounds a pick brings in, but never picks a site for them alone', () => {
    const picks = pickGreedy(reachOf([[0], [1, 2]]), [0, 5, 0], 5)
    expect(picks).toEqual([{ candidate: 1, compounds: [1, 2], gain: 5 }])
  })
})

describe('placeSiteOnParcel', () => {
  const lat0 = 41.7
  const lng0 = 123.4
  const at = (x: number, y: number): [number, number] => [lng0 + x / (111_320 * Math.cos((lat0 * Math.PI) / 180)), lat0 + y / 110_574]
  const street = (id: number, from: [number, number], to: [number, number]): WalkEdgeInput => ({
    id,
    sourceNode: id * 2,
    targetNode: id * 2 + 1,
    lengthM: Math.hypot(to[0] - from[0], to[1] - from[1]),
    highway: 'residential',
    bridge: false,
    tunnel: false,
    coordinates: [at(...from), at(...to)],
  })
  // A dead-end street running north, ending 40 m short of the middle of the parcel's south side.
  const graph = buildWalkGraph([street(1, [150, -300], [150, 0]), street(2, [-500, -300], [800, -300])])
  const index = new SnapIndex(graph)
  const square = (x0: number, y0: number, x1: number, y1: number) => [[at(x0, y0), at(x1, y0), at(x1, y1), at(x0, y1), at(x0, y0)]]

  it("takes the point of the boundary nearest the street, not a vertex, and snaps it as a facility there would be", () => {
    const placed = placeSiteOnParcel(index, square(100, 40, 200, 140), 300)
    const [x, y] = index.frame.toLocal(...placed.site)
    const [ox, oy] = index.frame.toLocal(...at(150, 40))
    expect(Math.hypot(x - ox, y - oy)).toBeLessThan(0.5)
    expect(placed.snap.ok).toBe(true)
    if (placed.snap.ok) expect(placed.snap.distanceM).toBeCloseTo(40, 0)
    expect(placed.snap).toEqual(index.snap(placed.site, 300))
  })

  it('finds where a street crosses the parcel', () => {
    const placed = placeSiteOnParcel(index, square(100, -100, 200, 20), 300)
    expect(placed.snap.ok && placed.snap.distanceM).toBeLessThan(0.5)
  })

  it('reports a parcel beyond the snapping limit as off the network', () => {
    const placed = placeSiteOnParcel(index, square(600, 100, 700, 200), 300)
    expect(placed.snap.ok).toBe(false)
  })
})
