import type { SnapResult } from '../geo/snap-index.ts'
import { distanceToPosition, searchFromSources, type SearchResult, type SearchSource } from '../geo/walk-search.ts'
import type { WalkGraph } from '../geo/walk-graph.ts'
import { applyNetworkChanges, type NetworkChange } from './network-changes.ts'
import { updateSearch } from '../geo/update-search.ts'
import { measureCompoundAccess, summarizeCoverage, type CompoundOnNetwork, type UnitCoverage } from '../geo/coverage.ts'
import { walkingMinutes, type TravelBands } from './travel-parameters.ts'
import type { KindBaseline } from './coverage-baseline.ts'
import { applyFacilityChanges, type ChangedFacility, type FacilityChange, type FacilityStatus } from './facility-changes.ts'

export interface SnappedPlace {
  snapped: boolean
  lng: number | null
  lat: number | null
  snapDistanceM: number | null
  /** Why the place is not on the network, when it is not. */
  problem: string | null
}

/** A snap as reported: the snapped point and distance, or why there is none. */
export function describeSnap(s: SnapResult, maxSnapM: number): SnappedPlace {
  if (s.ok) return { snapped: true, lng: s.point[0], lat: s.point[1], snapDistanceM: s.distanceM, problem: null }
  const nearest = s.nearestDistanceM === null ? 'none nearby' : `nearest ${Math.round(s.nearestDistanceM)} m away`
  return { snapped: false, lng: null, lat: null, snapDistanceM: null, problem: `no walkable street within ${maxSnapM} m (${nearest})` }
}

/** A facility in a report: where it stands (after any what-if change), and where it meets the network. */
export interface ReportedFacility extends SnappedPlace {
  id: number
  name: string
  status: FacilityStatus
  /** Where the facility stands, [lng, lat]; `lng`/`lat` are where it meets the network. */
  position: [number, number]
}

export interface CompoundCoverage {
  id: number
  name: string
  communityCode: string | null
  households: number
  distanceM: number | null
  minutes: number | null
  /** Index of the smallest band that reaches the compound; null when none does. */
  band: number | null
  nearestFacilityId: number | null
  gates: SnappedPlace[]
}

export interface DivisionCoverage extends UnitCoverage {
  code: string
  name: string
  level: 'district' | 'subdistrict' | 'community'
  parentCode: string | null
  medianMinutes: number | null
  p90Minutes: number | null
}

export interface CoverageReport {
  kind: string
  bands: TravelBands
  networkVersion: number
  dataVersion: number
  facilities: ReportedFacility[]
  compounds: CompoundCoverage[]
  divisions: DivisionCoverage[]
}

/** The search and facilities of a kind after what-if changes: the baseline's own when there are none. */
export interface ChangedSearch {
  /** The walk graph searched: the network's own, or a copy with the what-if network changes. */
  graph: WalkGraph
  /** Its edge coordinates in the snap index's local frame. */
  local: Float64Array
  search: SearchResult
  facilities: ReportedFacility[]
  /** The same facilities with their snaps, for drawing their service areas. */
  placed: ChangedFacility[]
  /** The facility of each source index of the search. */
  sourceFacility: ReadonlyMap<number, { id: number; name: string }>
}

/**
 * Applies what-if changes to a kind's baseline. The search is updated only
 * where the changed facilities are or become nearest, never redone for the
 * whole district.
 */
export function searchWithChanges(baseline: KindBaseline, changes: readonly FacilityChange[], networkChanges: readonly NetworkChange[] = []): ChangedSearch {
  const applied = applyFacilityChanges(baseline, changes)
  const edited = applyNetworkChanges(baseline.network, networkChanges, baseline.maxSnapM)
  let search: SearchResult
  let sourceFacility = applied.sourceFacility
  if (edited) {
    // A changed network changes every distance: search it afresh from the facilities as changed.
    const removed = new Set(applied.removedSources)
    const sources: SearchSource[] = []
    const renumbered = new Map<number, { id: number; name: string }>()
    const all = [...baseline.search.sources, ...applied.addedSources]
    all.forEach((source, index) => {
      if (removed.has(index) || (baseline.search.removedSources?.has(index) ?? false)) return
      const facility = applied.sourceFacility.get(index)
      if (!facility) return
      renumbered.set(sources.length, facility)
      sources.push(source)
    })
    search = searchFromSources(edited.graph, sources, Infinity)
    sourceFacility = renumbered
  } else {
    search =
      applied.removedSources.length === 0 && applied.addedSources.length === 0
        ? baseline.search
        : updateSearch(baseline.network.graph, baseline.search, { removed: applied.removedSources, added: applied.addedSources })
  }
  const facilities = applied.facilities.map(
    (f): ReportedFacility => ({
      id: f.id,
      name: f.name,
      status: f.status,
      position: [f.lng, f.lat],
      ...(f.status !== 'removed' && f.snap ? describeSnap(f.snap, baseline.maxSnapM) : { snapped: false, lng: null, lat: null, snapDistanceM: null, problem: 'removed in this scenario' }),
    }),
  )
  return {
    graph: edited?.graph ?? baseline.network.graph,
    local: edited?.local ?? baseline.network.snapIndex.local,
    search,
    facilities,
    placed: applied.facilities,
    sourceFacility,
  }
}

/**
 * Coverage of every compound and division by the facilities of one kind,
 * with what-if changes if any: each compound's walk from its best gate
 * (snap walks included) to the nearest facility, and households, population
 * and elderly reached per band, rolled up from communities to sub-districts
 * and the district.
 */
export function computeCoverage(
  baseline: KindBaseline,
  bands: TravelBands,
  changes: readonly FacilityChange[] = [],
  networkChanges: readonly NetworkChange[] = [],
): CoverageReport {
  const { network } = baseline
  const { compounds: onNetwork, names, divisions } = baseline.places
  const changed = searchWithChanges(baseline, changes, networkChanges)
  const accessList = measureCompoundAccess(changed.graph, changed.search, onNetwork)
  const access = new Map(accessList.map((a) => [a.id, a]))
  const { limitsM, speedKmh } = bands
  const minutes = (m: number | null) => (m === null ? null : walkingMinutes(m, speedKmh))

  const compounds = onNetwork.map((c, i): CompoundCoverage => {
    const a = accessList[i]!
    const band = a.distanceM === null ? -1 : limitsM.findIndex((limit) => a.distanceM! <= limit)
    return {
      id: c.id,
      name: names[i]!,
      communityCode: c.communityCode,
      households: c.households,
      distanceM: a.distanceM,
      minutes: minutes(a.distanceM),
      band: band < 0 ? null : band,
      nearestFacilityId: a.source >= 0 ? (changed.sourceFacility.get(a.source)?.id ?? null) : null,
      gates: c.gates.map((g) => describeSnap(g, baseline.maxSnapM)),
    }
  })

  const compoundsIn = new Map<string, CompoundOnNetwork[]>()
  for (const c of onNetwork) {
    if (c.communityCode === null) continue
    const list = compoundsIn.get(c.communityCode)
    if (list) list.push(c)
    else compoundsIn.set(c.communityCode, [c])
  }
  const childrenOf = new Map<string, string[]>()
  for (const d of divisions) if (d.parentCode) childrenOf.set(d.parentCode, [...(childrenOf.get(d.parentCode) ?? []), d.code])
  const compoundsUnder = (code: string): CompoundOnNetwork[] => [
    ...(compoundsIn.get(code) ?? []),
    ...(childrenOf.get(code) ?? []).flatMap((child) => compoundsUnder(child)),
  ]
  const divisionCoverage = divisions.map((d): DivisionCoverage => {
    const summary = summarizeCoverage(compoundsUnder(d.code), access, limitsM)
    return { ...d, ...summary, medianMinutes: minutes(summary.medianDistanceM), p90Minutes: minutes(summary.p90DistanceM) }
  })

  return {
    kind: baseline.kind,
    bands,
    networkVersion: network.version,
    dataVersion: baseline.dataVersion,
    facilities: changed.facilities,
    compounds,
    divisions: divisionCoverage,
  }
}

export interface WalkTimeReport {
  point: SnappedPlace
  distanceM: number | null
  minutes: number | null
  facility: { id: number; name: string } | null
}

/** Walking distance and time from any point to the nearest facility of a kind (snap walks at both ends included), with what-if changes if any. */
export function computeWalkTime(
  baseline: KindBaseline,
  options: { point: [number, number]; speedKmh: number; changes?: readonly FacilityChange[]; networkChanges?: readonly NetworkChange[] },
): WalkTimeReport {
  const { snapIndex } = baseline.network
  const pointSnap = snapIndex.snap(options.point, baseline.maxSnapM)
  const none = { point: describeSnap(pointSnap, baseline.maxSnapM), distanceM: null, minutes: null, facility: null }
  if (!pointSnap.ok) return none
  const changed = searchWithChanges(baseline, options.changes ?? [], options.networkChanges ?? [])
  const reached = distanceToPosition(changed.graph, changed.search, pointSnap.position)
  const facility = changed.sourceFacility.get(reached.source)
  if (reached.source < 0 || !facility) return none
  const distanceM = reached.distM + pointSnap.distanceM
  return { point: none.point, distanceM, minutes: walkingMinutes(distanceM, options.speedKmh), facility }
}
