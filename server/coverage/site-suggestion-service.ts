import { describeProblems, validateGeometry } from '../geo/validate-geojson.ts'
import type pg from 'pg'
import { measureCompoundAccess } from '../geo/coverage.ts'
import { chooseSites, placeSiteOnParcel } from '../geo/max-coverage.ts'
import type { SnapResult } from '../geo/snap-index.ts'
import type { SearchSource } from '../geo/walk-search.ts'
import type { CompoundsOnNetwork, KindBaseline } from './coverage-baseline.ts'
import { readCompoundsWithGates } from './coverage-repository.ts'
import { describeSnap, searchWithChanges } from './coverage-service.ts'
import type { FacilityChange } from './facility-changes.ts'
import type { NetworkChange } from './network-changes.ts'
import type { TravelBands } from './travel-parameters.ts'

/** A request that cannot be answered as asked; the message names the field. */
export class SiteSuggestionError extends Error {}

/** The compounds changed between building the baseline and reading their gates: asking again will do. */
export class CompoundsChangedError extends Error {}

/** Most candidate sites searched in one request, whether drawn or taken from gates. */
export const maxCandidateSites = 50_000
/** Most points and parcels drawn in one request. */
export const maxDrawnSites = 5_000
/** Most positions in one parcel, all rings together. */
export const maxParcelPositions = 1_000
/** Most network nodes all the candidates' searches may reach together: keeps a request to a few seconds. */
export const maxReachedNodes = 30_000_000
/** Gates whose snapped points lie this close along the same edge count as one candidate site. */
const sameSiteM = 1

/** What to suggest: parameters already checked for type and range by the route's schema. */
export interface SiteSuggestionRequest {
  /** One band: `limitsM[0]` is the walking distance a site must bring a compound within. */
  bands: TravelBands
  k: number
  weightElderly: number
  candidates: { gates?: boolean | undefined; points?: number[][] | undefined; parcels?: number[][][][] | undefined }
  /** What-if changes applied before suggesting (a saved scenario's, then the request's). */
  changes: readonly FacilityChange[]
  /** What-if edits of the network, likewise. */
  networkChanges?: readonly NetworkChange[]
}

export type CandidateType = 'gate' | 'point' | 'parcel'

/** Which candidate a site is: a drawn point or parcel by its index in the request, a gate by its compound and its place among the compound's gates. */
export interface CandidateRef {
  type: CandidateType
  index: number | null
  compoundId: number | null
  gateIndex: number | null
}

export interface SuggestedSite extends CandidateRef {
  /** Where the facility would stand: the gate, the point, or the parcel's boundary point nearest a street. */
  lng: number
  lat: number
  /** Where it meets the network. */
  snapped: [number, number]
  snapDistanceM: number
}

export interface UnsnappedCandidate extends CandidateRef {
  lng: number
  lat: number
  problem: string
}

/** Households and elderly within the band, over all compounds. */
export interface CoveredTotals {
  compounds: number
  households: number
  elderlyPopulation: number
  compoundsCovered: number
  householdsCovered: number
  elderlyCovered: number
  householdShare: number | null
  elderlyShare: number | null
}

export interface SitePickReport {
  rank: number
  candidate: SuggestedSite
  gainHouseholds: number
  gainElderly: number
  gainValue: number
  /** Ids of the compounds this site newly brings within the band. */
  compounds: number[]
  /** Households and elderly within the band once this and every earlier pick are built. */
  cumulativeHouseholds: number
  cumulativeElderly: number
  cumulativeShare: number | null
}

export interface DivisionSuggestion {
  code: string
  name: string
  level: 'district' | 'subdistrict' | 'community'
  parentCode: string | null
  households: number
  elderlyPopulation: number
  householdsBefore: number
  householdsAfter: number
  elderlyBefore: number
  elderlyAfter: number
  shareBefore: number | null
  shareAfter: number | null
}

export interface SiteSuggestionReport {
  kind: string
  mode: 'time' | 'distance'
  /** The band as given: minutes (time mode) or metres (distance mode). */
  band: number
  speedKmh: number
  limitM: number
  k: number
  weightElderly: number
  maxSnapM: number
  networkVersion: number
  dataVersion: number
  candidates: { parcels: number; points: number; gates: number; gatesMerged: number; searched: number; unsnapped: number; reachedNodes: number }
  before: CoveredTotals
  after: CoveredTotals
  picks: SitePickReport[]
  /** The picks as what-if additions, to apply after the request's scenario and changes. */
  changes: { op: 'add'; lng: number; lat: number; name: string }[]
  unsnapped: UnsnappedCandidate[]
  divisions: DivisionSuggestion[]
}

/** Gate points, [lng, lat], per compound in the order of the baseline's compounds and their gates. */
export type GatePoints = readonly (readonly [number, number][])[]

const gatePointsRead = new WeakMap<CompoundsOnNetwork, Promise<GatePoints>>()

/**
 * The gates' own points for the compounds of a baseline (the baseline keeps
 * only their snaps), read once per data version. Refuses when
 * the compounds changed between the baseline and this read (`CompoundsChangedError`).
 */
export function readGatePoints(pool: pg.Pool, places: CompoundsOnNetwork): Promise<GatePoints> {
  let points = gatePointsRead.get(places)
  if (!points) {
    points = (async () => {
      const rows = await readCompoundsWithGates(pool)
      const aligned =
        rows.length === places.compounds.length &&
        rows.every((r, i) => r.id === places.compounds[i]!.id && r.gates.length === places.compounds[i]!.gates.length)
      if (!aligned) throw new CompoundsChangedError('the compounds changed while suggestions were being prepared; ask again')
      return rows.map((r) => r.gates)
    })()
    points.catch(() => gatePointsRead.delete(places))
    gatePointsRead.set(places, points)
  }
  return points
}

interface Candidate extends CandidateRef {
  site: [number, number]
  snap: SnapResult
}

/**
 * Suggests up to k sites for new facilities of the baseline's kind that
 * bring the most households (plus `weightElderly` × elderly) not yet within
 * the band into it, after the request's what-if changes. Candidates are
 * drawn parcels, drawn points and the gates of compounds not yet covered,
 * in that order, which is also how ties between equal gains are broken:
 * drawn sites before gates. See `chooseSites` (server/geo/max-coverage.ts).
 * Nothing is saved; the picks come back as what-if additions.
 */
export function computeSiteSuggestions(baseline: KindBaseline, gatePoints: GatePoints | null, request: SiteSuggestionRequest): SiteSuggestionReport {
  const { snapIndex } = baseline.network
  const { compounds, divisions } = baseline.places
  const { maxSnapM } = baseline
  if (request.bands.limitsM.length !== 1) throw new SiteSuggestionError(`give one band, got ${request.bands.limitsM.length}`)
  const limitM = request.bands.limitsM[0]!
  const { candidates: asked } = request
  const points = asked.points ?? []
  const parcels = asked.parcels ?? []
  if (!asked.gates && points.length === 0 && parcels.length === 0) {
    throw new SiteSuggestionError('candidates: give gates: true, points or parcels')
  }
  if (asked.gates && !gatePoints) throw new Error('gate candidates need the gate points')
  if (points.length + parcels.length > maxDrawnSites) {
    throw new SiteSuggestionError(`candidates: ${points.length} points and ${parcels.length} parcels given; at most ${maxDrawnSites} in all`)
  }
  points.forEach((p, i) => checkPosition(p, `candidates.points[${i}]`))
  parcels.forEach((rings, i) => checkParcel(rings, `candidates.parcels[${i}]`))

  const changed = searchWithChanges(baseline, request.changes, request.networkChanges ?? [])
  // The network as the what-if leaves it; snapped positions on the stored network stay valid on it.
  const graph = changed.graph
  const access = measureCompoundAccess(graph, changed.search, compounds)
  const covered = Uint8Array.from(access, (a) => (a.distanceM !== null && a.distanceM <= limitM ? 1 : 0))

  const gates: Candidate[] = []
  let gatesMerged = 0
  if (asked.gates) {
    const bySite = new Map<string, number>()
    compounds.forEach((c, i) => {
      if (covered[i]) return
      c.gates.forEach((snap, gateIndex) => {
        const candidate: Candidate = { type: 'gate', index: null, compoundId: c.id, gateIndex, site: gatePoints![i]![gateIndex]!, snap }
        if (!snap.ok) {
          gates.push(candidate)
          return
        }
        const { edge, fraction } = snap.position
        const key = `${edge}:${Math.round((fraction * graph.edgeLengthM[edge]!) / sameSiteM)}`
        const same = bySite.get(key)
        if (same === undefined) {
          bySite.set(key, gates.length)
          gates.push(candidate)
          return
        }
        gatesMerged++
        const kept = gates[same]!.snap as Extract<SnapResult, { ok: true }>
        if (snap.distanceM < kept.distanceM) gates[same] = candidate
      })
    })
    const snappedGates = gates.filter((g) => g.snap.ok).length
    if (snappedGates + points.length + parcels.length > maxCandidateSites) {
      throw new SiteSuggestionError(
        `candidates.gates: the ${snappedGates} gates of compounds not within ${Math.round(limitM)} m (gates that snap to the same place counted once)` +
          `${points.length + parcels.length > 0 ? ` and ${points.length + parcels.length} drawn sites` : ''} exceed the limit of ${maxCandidateSites} candidates; ` +
          'draw points or parcels where new facilities could stand instead',
      )
    }
  }

  const candidates: Candidate[] = [
    ...parcels.map((rings, index): Candidate => {
      const placed = placeSiteOnParcel(snapIndex, rings, maxSnapM)
      return { type: 'parcel', index, compoundId: null, gateIndex: null, site: placed.site, snap: placed.snap }
    }),
    ...points.map((p, index): Candidate => {
      const site: [number, number] = [p[0]!, p[1]!]
      return { type: 'point', index, compoundId: null, gateIndex: null, site, snap: snapIndex.snap(site, maxSnapM) }
    }),
    ...gates,
  ]
  const onNetwork = candidates.filter((c) => c.snap.ok)
  const sources = onNetwork.map((c): SearchSource => {
    const snap = c.snap as Extract<SnapResult, { ok: true }>
    return { position: snap.position, startM: snap.distanceM }
  })
  const { picks, reach } = chooseSites({ graph, compounds, covered, candidates: sources, limitM, k: request.k, weightElderly: request.weightElderly, maxReachedNodes })

  const coveredAfter = covered.slice()
  for (const p of picks) for (const i of p.compounds) coveredAfter[i] = 1
  const before = totalsOf(compounds, covered)
  const after = totalsOf(compounds, coveredAfter)
  let cumulativeHouseholds = before.householdsCovered
  let cumulativeElderly = before.elderlyCovered
  const pickReports = picks.map((p, rank): SitePickReport => {
    const c = onNetwork[p.candidate]!
    const snap = c.snap as Extract<SnapResult, { ok: true }>
    cumulativeHouseholds += p.gainHouseholds
    cumulativeElderly += p.gainElderly
    return {
      rank: rank + 1,
      candidate: { ...refOf(c), lng: c.site[0], lat: c.site[1], snapped: snap.point, snapDistanceM: snap.distanceM },
      gainHouseholds: p.gainHouseholds,
      gainElderly: p.gainElderly,
      gainValue: p.gainValue,
      compounds: p.compounds.map((i) => compounds[i]!.id),
      cumulativeHouseholds,
      cumulativeElderly,
      cumulativeShare: before.households > 0 ? cumulativeHouseholds / before.households : null,
    }
  })
  const unsnapped = candidates
    .filter((c) => !c.snap.ok)
    .map((c): UnsnappedCandidate => ({ ...refOf(c), lng: c.site[0], lat: c.site[1], problem: problemOf(c, maxSnapM) }))

  return {
    kind: baseline.kind,
    mode: request.bands.mode,
    band: request.bands.bands[0]!,
    speedKmh: request.bands.speedKmh,
    limitM,
    k: request.k,
    weightElderly: request.weightElderly,
    maxSnapM,
    networkVersion: baseline.network.version,
    dataVersion: baseline.dataVersion,
    candidates: {
      parcels: parcels.length,
      points: points.length,
      gates: gates.length,
      gatesMerged,
      searched: sources.length,
      unsnapped: unsnapped.length,
      reachedNodes: reach.reachedNodes,
    },
    before,
    after,
    picks: pickReports,
    changes: pickReports.map((p) => ({ op: 'add' as const, lng: p.candidate.lng, lat: p.candidate.lat, name: `建议点 ${p.rank}` })),
    unsnapped,
    divisions: divisionTotals(compounds, divisions, covered, coveredAfter),
  }
}

const refOf = (c: Candidate): CandidateRef => ({ type: c.type, index: c.index, compoundId: c.compoundId, gateIndex: c.gateIndex })

function problemOf(c: Candidate, maxSnapM: number): string {
  const problem = describeSnap(c.snap, maxSnapM).problem ?? 'not on the network'
  return c.type === 'parcel' ? problem.replace(` within ${maxSnapM} m`, ` within ${maxSnapM} m of the parcel's boundary`) : problem
}

function checkPosition(p: readonly number[], where: string): void {
  const problems = validateGeometry({ type: 'Point', coordinates: p })
  if (problems.length > 0) throw new SiteSuggestionError(`${where}: ${describeProblems(problems, 3)}`)
}

/** A GeoJSON Polygon's coordinates: valid (closed rings, in range, not crossing), with an outer ring that encloses some area. */
function checkParcel(rings: readonly (readonly number[])[][], where: string): void {
  const problems = validateGeometry({ type: 'Polygon', coordinates: rings }, { maxPositions: maxParcelPositions })
  if (problems.length > 0) throw new SiteSuggestionError(`${where}: ${describeProblems(problems, 3)}`)
  const outer = rings[0]!
  let twiceArea = 0
  for (let i = 1; i < outer.length; i++) twiceArea += outer[i - 1]![0]! * outer[i]![1]! - outer[i]![0]! * outer[i - 1]![1]!
  if (twiceArea === 0) throw new SiteSuggestionError(`${where}: the outer ring encloses no area`)
}

function totalsOf(compounds: KindBaseline['places']['compounds'], covered: Uint8Array): CoveredTotals {
  const t = { compounds: compounds.length, households: 0, elderlyPopulation: 0, compoundsCovered: 0, householdsCovered: 0, elderlyCovered: 0 }
  compounds.forEach((c, i) => {
    t.households += c.households
    t.elderlyPopulation += c.elderlyPopulation
    if (!covered[i]) return
    t.compoundsCovered++
    t.householdsCovered += c.households
    t.elderlyCovered += c.elderlyPopulation
  })
  return {
    ...t,
    householdShare: t.households > 0 ? t.householdsCovered / t.households : null,
    elderlyShare: t.elderlyPopulation > 0 ? t.elderlyCovered / t.elderlyPopulation : null,
  }
}

/** Households and elderly within the band before and after the picks, per division, each compound counted in its community and every division above it. */
function divisionTotals(
  compounds: KindBaseline['places']['compounds'],
  divisions: KindBaseline['places']['divisions'],
  before: Uint8Array,
  after: Uint8Array,
): DivisionSuggestion[] {
  const rows = divisions.map(
    (d): DivisionSuggestion => ({
      code: d.code,
      name: d.name,
      level: d.level,
      parentCode: d.parentCode,
      households: 0,
      elderlyPopulation: 0,
      householdsBefore: 0,
      householdsAfter: 0,
      elderlyBefore: 0,
      elderlyAfter: 0,
      shareBefore: null,
      shareAfter: null,
    }),
  )
  const byCode = new Map(rows.map((r) => [r.code, r]))
  compounds.forEach((c, i) => {
    const seen = new Set<string>()
    for (let row = c.communityCode === null ? undefined : byCode.get(c.communityCode); row && !seen.has(row.code); row = row.parentCode === null ? undefined : byCode.get(row.parentCode)) {
      seen.add(row.code)
      row.households += c.households
      row.elderlyPopulation += c.elderlyPopulation
      if (before[i]) {
        row.householdsBefore += c.households
        row.elderlyBefore += c.elderlyPopulation
      }
      if (after[i]) {
        row.householdsAfter += c.households
        row.elderlyAfter += c.elderlyPopulation
      }
    }
  })
  for (const r of rows) {
    r.shareBefore = r.households > 0 ? r.householdsBefore / r.households : null
    r.shareAfter = r.households > 0 ? r.householdsAfter / r.households : null
  }
  return rows
}
