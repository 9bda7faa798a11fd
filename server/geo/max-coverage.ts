import type { CompoundOnNetwork } from './coverage.ts'
import { MinHeap } from './min-heap.ts'
import type { SnapIndex, SnapResult } from './snap-index.ts'
import type { WalkGraph } from './walk-graph.ts'
import { distanceToPosition, SearchWorkspace, type SearchSource } from './walk-search.ts'

/**
 * The compounds each candidate site would bring within the band, as
 * compressed rows: candidate c covers `compounds[start[c] .. start[c + 1])`,
 * compound indexes in ascending order.
 */
export interface CandidateReach {
  start: Uint32Array
  compounds: Uint32Array
  /** Network nodes reached by all the candidates' searches together: the work done. */
  reachedNodes: number
}

/** Thrown when the candidates' searches would reach more nodes than allowed; the message names the limit. */
export class CoverageWorkLimitError extends Error {}

/**
 * Which not-yet-covered compounds each candidate would cover within
 * `limitM`: one search from the candidate (its snap walk as the start, the
 * band as the budget), then every gate of an uncovered compound on a
 * reached edge is measured exactly as coverage measures it, gate snap walk
 * + network + candidate snap walk (`distanceToPosition`). Candidates are
 * sources as the search takes them (snapped position, snap distance as
 * `startM`).
 *
 * The cost per candidate is its search and the gates near it, never the
 * whole network: the gates of uncovered compounds are indexed by edge once,
 * and the searches share their node arrays (see `SearchWorkspace`). A search
 * that pushes the total of reached nodes past `maxReachedNodes` throws
 * `CoverageWorkLimitError` instead of running on.
 */
export function measureCandidateReach(
  graph: WalkGraph,
  compounds: readonly CompoundOnNetwork[],
  covered: ArrayLike<boolean | number>,
  candidates: readonly SearchSource[],
  limitM: number,
  maxReachedNodes = Infinity,
): CandidateReach {
  const gates = indexUncoveredGates(graph, compounds, covered)
  // One workspace for all candidates: each search resets only what the previous one reached.
  const searcher = new SearchWorkspace(graph)
  const edgeSeen = new Uint32Array(graph.edgeCount)
  const compoundSeen = new Uint32Array(compounds.length)
  const start = new Uint32Array(candidates.length + 1)
  let out = new Uint32Array(1024)
  let outLength = 0
  let reachedNodes = 0
  const found: number[] = []

  candidates.forEach((candidate, c) => {
    const stamp = c + 1
    const search = searcher.run([candidate], limitM)
    found.length = 0
    const visitEdge = (edge: number) => {
      if (edgeSeen[edge] === stamp) return
      edgeSeen[edge] = stamp
      for (let i = gates.start[edge]!; i < gates.start[edge + 1]!; i++) {
        const compound = gates.compound[i]!
        if (compoundSeen[compound] === stamp) continue
        const gate = compounds[compound]!.gates[gates.gate[i]!] as Extract<SnapResult, { ok: true }>
        if (distanceToPosition(graph, search, gate.position).distM + gate.distanceM > limitM) continue
        compoundSeen[compound] = stamp
        found.push(compound)
      }
    }
    visitEdge(candidate.position.edge)
    for (const node of searcher.reached) {
      for (let i = graph.adjStart[node]!; i < graph.adjStart[node + 1]!; i++) visitEdge(graph.adjEdge[i]!)
    }
    reachedNodes += searcher.reached.length
    if (reachedNodes > maxReachedNodes) {
      throw new CoverageWorkLimitError(
        `the candidates' searches would reach more than ${maxReachedNodes.toLocaleString('en')} network nodes (stopped at candidate ${c + 1} of ${candidates.length}); use fewer candidates or a smaller band`,
      )
    }
    found.sort((a, b) => a - b)
    if (outLength + found.length > out.length) {
      const grown = new Uint32Array(Math.max(out.length * 2, outLength + found.length))
      grown.set(out.subarray(0, outLength))
      out = grown
    }
    out.set(found, outLength)
    outLength += found.length
    start[c + 1] = outLength
  })
  return { start, compounds: out.slice(0, outLength), reachedNodes }
}

/** The snapped gates of uncovered compounds by edge, as compressed rows of (compound, gate) pairs. */
function indexUncoveredGates(graph: WalkGraph, compounds: readonly CompoundOnNetwork[], covered: ArrayLike<boolean | number>) {
  const start = new Uint32Array(graph.edgeCount + 1)
  const eligible = (i: number) => !covered[i]
  compounds.forEach((c, i) => {
    if (!eligible(i)) return
    for (const g of c.gates) if (g.ok) start[g.position.edge + 1]!++
  })
  for (let e = 0; e < graph.edgeCount; e++) start[e + 1]! += start[e]!
  const fill = start.slice(0, graph.edgeCount)
  const compound = new Uint32Array(start[graph.edgeCount]!)
  const gate = new Uint32Array(start[graph.edgeCount]!)
  compounds.forEach((c, i) => {
    if (!eligible(i)) return
    c.gates.forEach((g, k) => {
      if (!g.ok) return
      const at = fill[g.position.edge]!++
      compound[at] = i
      gate[at] = k
    })
  })
  return { start, compound, gate }
}

/** One site chosen by the greedy: the candidate, the compounds it newly covers (indexes, ascending) and their total value. */
export interface GreedyPick {
  candidate: number
  compounds: number[]
  gain: number
}

/**
 * Greedy maximum coverage: repeatedly takes the candidate whose not yet
 * covered compounds are worth most, marks them covered, and stops after
 * `k` picks or when no candidate adds any value. `values` are the
 * compounds' worth (≥ 0); compounds covered before count nothing and must
 * be absent from `reach`. This is within a factor 1 − 1/e of the best
 * choice of k sites.
 *
 * Lazy evaluation: a candidate's gain can only shrink as others are picked,
 * so the candidates wait in a priority queue under their last known gain
 * and only the top one is recounted; it is taken as soon as its fresh gain
 * still heads the queue.
 *
 * Ties: between equal gains the candidate with the lower index wins, at
 * every step, exactly as a plain greedy scanning the candidates in order
 * and keeping only strictly better ones would choose. A pick's gain is
 * summed over its compounds in ascending index order, so equal sets have
 * bit-for-bit equal gains.
 */
export function pickGreedy(reach: CandidateReach, values: ArrayLike<number>, k: number): GreedyPick[] {
  const done = new Uint8Array(values.length)
  const candidateCount = reach.start.length - 1
  const gainOf = (c: number) => {
    let gain = 0
    for (let i = reach.start[c]!; i < reach.start[c + 1]!; i++) if (!done[reach.compounds[i]!]) gain += values[reach.compounds[i]!]!
    return gain
  }
  const queue = new GainQueue()
  for (let c = 0; c < candidateCount; c++) {
    const gain = gainOf(c)
    if (gain > 0) queue.push(gain, c)
  }
  const picks: GreedyPick[] = []
  while (picks.length < k && queue.size > 0) {
    const c = queue.popCandidate()
    const gain = gainOf(c)
    if (!(gain > 0)) continue
    if (queue.size > 0 && !queue.isBeatenBy(gain, c)) {
      queue.push(gain, c)
      continue
    }
    const compounds: number[] = []
    for (let i = reach.start[c]!; i < reach.start[c + 1]!; i++) {
      const compound = reach.compounds[i]!
      if (done[compound]) continue
      done[compound] = 1
      compounds.push(compound)
    }
    picks.push({ candidate: c, compounds, gain })
  }
  return picks
}

/** A binary max-heap of (gain, candidate): higher gain first, then lower candidate index. */
class GainQueue {
  private gains: number[] = []
  private candidates: number[] = []

  get size(): number {
    return this.gains.length
  }

  private before(i: number, j: number): boolean {
    const a = this.gains[i]!
    const b = this.gains[j]!
    return a > b || (a === b && this.candidates[i]! < this.candidates[j]!)
  }

  private swap(i: number, j: number): void {
    ;[this.gains[i], this.gains[j]] = [this.gains[j]!, this.gains[i]!]
    ;[this.candidates[i], this.candidates[j]] = [this.candidates[j]!, this.candidates[i]!]
  }

  push(gain: number, candidate: number): void {
    this.gains.push(gain)
    this.candidates.push(candidate)
    let i = this.gains.length - 1
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (!this.before(i, parent)) break
      this.swap(i, parent)
      i = parent
    }
  }

  /** Whether (gain, candidate) comes before everything in the queue. */
  isBeatenBy(gain: number, candidate: number): boolean {
    const top = this.gains[0]!
    return gain > top || (gain === top && candidate < this.candidates[0]!)
  }

  popCandidate(): number {
    const top = this.candidates[0]!
    const lastGain = this.gains.pop()!
    const lastCandidate = this.candidates.pop()!
    if (this.gains.length > 0) {
      this.gains[0] = lastGain
      this.candidates[0] = lastCandidate
      let i = 0
      for (;;) {
        const left = 2 * i + 1
        const right = left + 1
        let first = i
        if (left < this.gains.length && this.before(left, first)) first = left
        if (right < this.gains.length && this.before(right, first)) first = right
        if (first === i) break
        this.swap(i, first)
        i = first
      }
    }
    return top
  }
}

/** A site chosen for a new facility, with what it adds. */
export interface SitePick {
  /** Index into the candidates. */
  candidate: number
  /** Indexes of the compounds it newly covers, ascending. */
  compounds: number[]
  gainHouseholds: number
  gainElderly: number
  /** households + weightElderly × elderly population of those compounds. */
  gainValue: number
}

/**
 * Chooses up to `k` of the candidate sites that together bring the most
 * uncovered value within `limitM`: a compound is worth its households plus
 * `weightElderly` times its elderly population. See `measureCandidateReach`
 * for how a candidate covers a compound and `pickGreedy` for the choice and
 * its ties (the lower candidate index wins).
 */
export function chooseSites(input: {
  graph: WalkGraph
  compounds: readonly CompoundOnNetwork[]
  /** Compounds already within the band of an existing facility, by compound index. */
  covered: ArrayLike<boolean | number>
  candidates: readonly SearchSource[]
  limitM: number
  k: number
  weightElderly: number
  maxReachedNodes?: number
}): { picks: SitePick[]; reach: CandidateReach } {
  const { graph, compounds, covered, candidates, limitM, k, weightElderly } = input
  if (!(weightElderly >= 0)) throw new Error(`weightElderly must be 0 or more, got ${weightElderly}`)
  const reach = measureCandidateReach(graph, compounds, covered, candidates, limitM, input.maxReachedNodes)
  const values = Float64Array.from(compounds, (c) => c.households + weightElderly * c.elderlyPopulation)
  const picks = pickGreedy(reach, values, k).map((p): SitePick => {
    let gainHouseholds = 0
    let gainElderly = 0
    for (const i of p.compounds) {
      gainHouseholds += compounds[i]!.households
      gainElderly += compounds[i]!.elderlyPopulation
    }
    return { candidate: p.candidate, compounds: p.compounds, gainHouseholds, gainElderly, gainValue: p.gain }
  })
  return { picks, reach }
}

/** Where a facility on a parcel would stand: the boundary point nearest the network, and its snap (limited to `maxSnapM`). */
export interface ParcelSite {
  site: [number, number]
  snap: SnapResult
}

/**
 * The point of a parcel's boundary (all its rings, [lng, lat]) nearest to a
 * street a point may be snapped to, within `toleranceM` of the true nearest.
 * A facility on the parcel opens onto the street from its edge, so this is
 * where its walk begins: a vertex may be far from the street that runs
 * along the middle of a side, and the centroid adds half the parcel's depth.
 *
 * Branch and bound over the boundary with the snap index: the distance to
 * the network changes by at most the distance moved along the boundary, so
 * a stretch of half-length h around a point at distance d holds nothing
 * nearer than d − h; stretches that cannot beat the best point found by
 * more than the tolerance, or cannot come within `maxSnapM`, are dropped,
 * the rest halved. The returned snap is the site's own, as a facility
 * added there would be snapped; it says why when the parcel is too far
 * from any street (the site is then the first vertex).
 */
export function placeSiteOnParcel(snapIndex: SnapIndex, rings: readonly (readonly (readonly number[])[])[], maxSnapM: number, toleranceM = 0.5): ParcelSite {
  const { frame } = snapIndex
  const segments: [number, number, number, number][] = []
  let perimeterM = 0
  for (const ring of rings) {
    for (let i = 1; i < ring.length; i++) {
      const [ax, ay] = frame.toLocal(ring[i - 1]![0]!, ring[i - 1]![1]!)
      const [bx, by] = frame.toLocal(ring[i]![0]!, ring[i]![1]!)
      if (ax === bx && ay === by) continue
      segments.push([ax, ay, bx, by])
      perimeterM += Math.hypot(bx - ax, by - ay)
    }
  }
  const first = rings[0]?.[0]
  if (!first) throw new Error('a parcel needs at least one ring with positions')
  const fallback: [number, number] = [first[0]!, first[1]!]
  // About 200 first stretches whatever the parcel's size, none longer than 20 m.
  const pieceM = Math.min(20, Math.max(toleranceM, perimeterM / 200))
  let best = Infinity
  let bestPoint = fallback
  // Stretches to look at: segment, start and end as fractions of the segment.
  let stretches: [number, number, number][] = []
  segments.forEach(([ax, ay, bx, by], s) => {
    const pieces = Math.max(1, Math.ceil(Math.hypot(bx - ax, by - ay) / pieceM))
    for (let p = 0; p < pieces; p++) stretches.push([s, p / pieces, (p + 1) / pieces])
  })
  while (stretches.length > 0) {
    const measured = stretches.map(([s, from, to]) => {
      const [ax, ay, bx, by] = segments[s]!
      const t = (from + to) / 2
      const halfM = ((to - from) / 2) * Math.hypot(bx - ax, by - ay)
      const point = frame.toLngLat(ax + t * (bx - ax), ay + t * (by - ay))
      const snap = snapIndex.snap(point, maxSnapM + 2 * halfM)
      const distanceM = snap.ok ? snap.distanceM : Infinity
      if (distanceM < best) {
        best = distanceM
        bestPoint = point
      }
      return { stretch: [s, from, to] as [number, number, number], lowerM: snap.ok ? distanceM - halfM : maxSnapM + halfM, halfM }
    })
    const next: [number, number, number][] = []
    for (const { stretch, lowerM, halfM } of measured) {
      if (lowerM > maxSnapM || lowerM >= best - toleranceM || halfM <= toleranceM / 4) continue
      const [s, from, to] = stretch
      const middle = (from + to) / 2
      next.push([s, from, middle], [s, middle, to])
    }
    stretches = next
  }
  return { site: bestPoint, snap: snapIndex.snap(bestPoint, maxSnapM) }
}
