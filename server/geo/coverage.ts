import type { SnapResult } from './snap-index.ts'
import type { WalkGraph } from './walk-graph.ts'
import { distanceToPosition, type SearchResult } from './walk-search.ts'

/** A compound with its gates already snapped to the network. */
export interface CompoundOnNetwork {
  id: number
  communityCode: string | null
  households: number
  population: number
  elderlyPopulation: number
  gates: SnapResult[]
}

/** How far a compound's residents walk to the nearest facility, through their best gate. */
export interface CompoundAccess {
  id: number
  /** Walking distance in metres from the best gate (snap walk included); null when no facility is within the search budget or no gate is on the network. */
  distanceM: number | null
  /** Index of the nearest source (facility) in the search; -1 when none. */
  source: number
  /** Index of the gate used; -1 when none. */
  gate: number
}

/**
 * Walking distance from each compound to its nearest facility: the minimum
 * over its gates of the walk from the gate to the network, along it, and
 * from the network to the facility. Counts are taken from these distances,
 * never from polygons.
 */
export function measureCompoundAccess(graph: WalkGraph, search: SearchResult, compounds: readonly CompoundOnNetwork[]): CompoundAccess[] {
  return compounds.map((c) => {
    let best: CompoundAccess = { id: c.id, distanceM: null, source: -1, gate: -1 }
    c.gates.forEach((g, gate) => {
      if (!g.ok) return
      const reached = distanceToPosition(graph, search, g.position)
      if (reached.source < 0) return
      const distanceM = reached.distM + g.distanceM
      if (distanceM > search.maxDistM) return
      if (best.distanceM === null || distanceM < best.distanceM) best = { id: c.id, distanceM, source: reached.source, gate }
    })
    return best
  })
}

/** Reached totals for one band. */
export interface BandTotals {
  limitM: number
  households: number
  population: number
  elderlyPopulation: number
  compounds: number
  /** Share of households reached, 0–1; null when there are no households. */
  householdShare: number | null
}

/** Coverage of one unit (community, sub-district or district). */
export interface UnitCoverage {
  households: number
  population: number
  elderlyPopulation: number
  compounds: number
  bands: BandTotals[]
  /** Median and 90th percentile of the compounds' walking distances to their nearest facility; null when none can reach one. */
  medianDistanceM: number | null
  p90DistanceM: number | null
  /** Compounds that cannot reach any facility at all: no path, or no gate on the network. */
  compoundsUnreachable: number
}

/** The value at `q` (0–1) of sorted values, nearest-rank. */
export function quantile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null
  const rank = Math.max(1, Math.ceil(q * sorted.length))
  return sorted[rank - 1]!
}

/**
 * Sums households, population and elderly reached in each band (limits in
 * metres, ascending) over a set of compounds; `access` should come from a
 * search without a budget so that every compound's nearest facility is known. A compound counts in a band
 * when its walking distance is within the band's limit, so bands nest.
 */
export function summarizeCoverage(
  compounds: readonly CompoundOnNetwork[],
  access: ReadonlyMap<number, CompoundAccess>,
  bandLimitsM: readonly number[],
): UnitCoverage {
  const totals = { households: 0, population: 0, elderlyPopulation: 0, compounds: compounds.length }
  const bands: BandTotals[] = bandLimitsM.map((limitM) => ({ limitM, households: 0, population: 0, elderlyPopulation: 0, compounds: 0, householdShare: null }))
  const distances: number[] = []
  let unreachable = 0
  for (const c of compounds) {
    totals.households += c.households
    totals.population += c.population
    totals.elderlyPopulation += c.elderlyPopulation
    const d = access.get(c.id)?.distanceM ?? null
    if (d === null) {
      unreachable++
      continue
    }
    distances.push(d)
    for (const band of bands) {
      if (d > band.limitM) continue
      band.households += c.households
      band.population += c.population
      band.elderlyPopulation += c.elderlyPopulation
      band.compounds++
    }
  }
  for (const band of bands) band.householdShare = totals.households > 0 ? band.households / totals.households : null
  distances.sort((a, b) => a - b)
  return {
    ...totals,
    bands,
    medianDistanceM: quantile(distances, 0.5),
    p90DistanceM: quantile(distances, 0.9),
    compoundsUnreachable: unreachable,
  }
}
