import type pg from 'pg'
import type { Geometry } from 'geojson'
import { buildWalkGraph, type WalkGraph } from '../geo/walk-graph.ts'
import { SnapIndex, type SnapResult } from '../geo/snap-index.ts'
import { distanceToPosition, reachedIntervals, searchFromSources, type SearchSource } from '../geo/walk-search.ts'
import { measureCompoundAccess, summarizeCoverage, type CompoundAccess, type CompoundOnNetwork, type UnitCoverage } from '../geo/coverage.ts'
import { readNetworkEdges } from './walk-network-repository.ts'
import {
  readCompoundsWithGates,
  readDivisionTree,
  readFacilitiesOfKind,
  readNetworkVersion,
  type CompoundRow,
  type FacilityRow,
} from './coverage-repository.ts'
import { walkingMinutes, type TravelBands } from './travel-parameters.ts'
import { buildCircleAreas, buildServiceAreaPolygons, type ReachedPiece } from './service-area-repository.ts'

export interface WalkNetwork {
  version: number
  graph: WalkGraph
  snapIndex: SnapIndex
}

/**
 * Holds the walk graph in memory and rebuilds it when the network's
 * version in the database has changed since it was built.
 */
export class WalkNetworkCache {
  private current: WalkNetwork | undefined
  private building: Promise<WalkNetwork> | undefined

  constructor(private readonly pool: pg.Pool) {}

  async get(): Promise<WalkNetwork> {
    const version = await readNetworkVersion(this.pool)
    if (this.current?.version === version) return this.current
    if (!this.building) {
      this.building = (async () => {
        const graph = buildWalkGraph(await readNetworkEdges(this.pool))
        return { version, graph, snapIndex: new SnapIndex(graph) }
      })().finally(() => {
        this.building = undefined
      })
    }
    this.current = await this.building
    return this.current
  }
}

export interface SnappedPlace {
  snapped: boolean
  lng: number | null
  lat: number | null
  snapDistanceM: number | null
  /** Why the place is not on the network, when it is not. */
  problem: string | null
}

function describeSnap(s: SnapResult, maxSnapM: number): SnappedPlace {
  if (s.ok) return { snapped: true, lng: s.point[0], lat: s.point[1], snapDistanceM: s.distanceM, problem: null }
  const nearest = s.nearestDistanceM === null ? 'none nearby' : `nearest ${Math.round(s.nearestDistanceM)} m away`
  return { snapped: false, lng: null, lat: null, snapDistanceM: null, problem: `no walkable street within ${maxSnapM} m (${nearest})` }
}

/** A kind's facilities snapped to the network, and the search sources of those that are on it. */
interface FacilitySources {
  rows: FacilityRow[]
  snaps: SnapResult[]
  sources: SearchSource[]
  /** The facility of each source, by source index. */
  sourceFacility: FacilityRow[]
}

async function snapFacilities(pool: pg.Pool, snapIndex: SnapIndex, kind: string, maxSnapM: number): Promise<FacilitySources> {
  const rows = await readFacilitiesOfKind(pool, kind)
  const snaps = rows.map((f) => snapIndex.snap([f.lng, f.lat], maxSnapM))
  const sources: SearchSource[] = []
  const sourceFacility: FacilityRow[] = []
  snaps.forEach((s, i) => {
    if (!s.ok) return
    sources.push({ position: s.position, startM: s.distanceM })
    sourceFacility.push(rows[i]!)
  })
  return { rows, snaps, sources, sourceFacility }
}

function describeFacilities(f: FacilitySources, maxSnapM: number): ({ id: number; name: string } & SnappedPlace)[] {
  return f.rows.map((row, i) => ({ id: row.id, name: row.name, ...describeSnap(f.snaps[i]!, maxSnapM) }))
}

export interface CoverageOptions {
  kind: string
  bands: TravelBands
  /** Farthest a facility or gate may be from a walkable edge, metres. */
  maxSnapM: number
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
  facilities: ({ id: number; name: string } & SnappedPlace)[]
  compounds: CompoundCoverage[]
  divisions: DivisionCoverage[]
}

/**
 * Coverage of every compound and division by the facilities of one kind:
 * facilities and gates snapped to the walk network, one multi-source search
 * from all facilities, each compound's walk from its best gate (snap walks
 * included), and households, population and elderly reached per band,
 * rolled up from communities to sub-districts and the district.
 */
export async function computeCoverage(pool: pg.Pool, network: WalkNetwork, options: CoverageOptions): Promise<CoverageReport> {
  const { graph, snapIndex } = network
  const facilities = await snapFacilities(pool, snapIndex, options.kind, options.maxSnapM)
  const compoundRows = await readCompoundsWithGates(pool)
  const divisions = await readDivisionTree(pool)
  const search = searchFromSources(graph, facilities.sources, Infinity)
  const onNetwork: CompoundOnNetwork[] = compoundRows.map((c) => ({
    ...c,
    gates: c.gates.map((g) => snapIndex.snap(g, options.maxSnapM)),
  }))
  const access = new Map(measureCompoundAccess(graph, search, onNetwork).map((a) => [a.id, a]))
  const { limitsM, speedKmh } = options.bands
  const minutes = (m: number | null) => (m === null ? null : walkingMinutes(m, speedKmh))

  const compounds = onNetwork.map((c, i): CompoundCoverage => {
    const a = access.get(c.id) as CompoundAccess
    const band = a.distanceM === null ? -1 : limitsM.findIndex((limit) => a.distanceM! <= limit)
    return {
      id: c.id,
      name: (compoundRows[i] as CompoundRow).name,
      communityCode: c.communityCode,
      households: c.households,
      distanceM: a.distanceM,
      minutes: minutes(a.distanceM),
      band: band < 0 ? null : band,
      nearestFacilityId: a.source >= 0 ? facilities.sourceFacility[a.source]!.id : null,
      gates: c.gates.map((g) => describeSnap(g, options.maxSnapM)),
    }
  })

  const childrenOf = new Map<string, string[]>()
  for (const d of divisions) if (d.parentCode) childrenOf.set(d.parentCode, [...(childrenOf.get(d.parentCode) ?? []), d.code])
  const communitiesUnder = (code: string): Set<string> => {
    const out = new Set<string>([code])
    for (const child of childrenOf.get(code) ?? []) for (const c of communitiesUnder(child)) out.add(c)
    return out
  }
  const divisionCoverage = divisions.map((d): DivisionCoverage => {
    const codes = communitiesUnder(d.code)
    const summary = summarizeCoverage(onNetwork.filter((c) => c.communityCode !== null && codes.has(c.communityCode)), access, limitsM)
    return { ...d, ...summary, medianMinutes: minutes(summary.medianDistanceM), p90Minutes: minutes(summary.p90DistanceM) }
  })

  return {
    kind: options.kind,
    bands: options.bands,
    networkVersion: network.version,
    facilities: describeFacilities(facilities, options.maxSnapM),
    compounds,
    divisions: divisionCoverage,
  }
}

export interface ServiceAreaOptions {
  kind: string
  bands: TravelBands
  maxSnapM: number
  /** Buffer around reached streets, metres. */
  bufferM: number
  /** One set of bands per facility instead of one dissolved set for the kind. */
  perFacility: boolean
  /** `network`: reached streets, buffered; `circle`: straight-line circles of the same distances. */
  method: 'network' | 'circle'
}

export interface ServiceAreaBand {
  band: number
  limitM: number
  /** The band as the user gave it: minutes (time mode) or metres (distance mode). */
  value: number
  facilityId: number | null
  geometry: Geometry
}

export interface ServiceAreaReport {
  kind: string
  bands: TravelBands
  networkVersion: number
  bufferM: number
  facilities: ({ id: number; name: string } & SnappedPlace)[]
  areas: ServiceAreaBand[]
}

/** The reached stretches of every edge for each band, from one search. */
function reachedPieces(graph: WalkGraph, search: ReturnType<typeof searchFromSources>, limitsM: readonly number[]): ReachedPiece[] {
  const pieces: ReachedPiece[] = []
  for (let e = 0; e < graph.edgeCount; e++) {
    limitsM.forEach((limit, band) => {
      for (const [from, to] of reachedIntervals(graph, search, e, limit)) {
        if (to - from > 1e-9) pieces.push({ band, edgeId: graph.edgeIds[e]!, from, to })
      }
    })
  }
  return pieces
}

/**
 * Walking service areas of the facilities of one kind, one polygon per band
 * (dissolved over all facilities, or per facility on request), drawn from
 * the same search that coverage counts come from.
 */
export async function computeServiceAreas(pool: pg.Pool, network: WalkNetwork, options: ServiceAreaOptions): Promise<ServiceAreaReport> {
  const { graph, snapIndex } = network
  const facilities = await snapFacilities(pool, snapIndex, options.kind, options.maxSnapM)
  const { limitsM, bands } = options.bands
  const areas: ServiceAreaBand[] = []
  const addArea = (band: number, facilityId: number | null, geometry: Geometry) =>
    areas.push({ band, limitM: limitsM[band]!, value: bands[band]!, facilityId, geometry })

  if (options.method === 'circle') {
    for (const c of await buildCircleAreas(pool, facilities.rows.map((f) => f.id), limitsM, options.perFacility)) addArea(c.band, c.facilityId, c.geometry)
  } else {
    const groups = options.perFacility
      ? facilities.sources.map((source, i) => ({ facilityId: facilities.sourceFacility[i]!.id as number | null, sources: [source] }))
      : [{ facilityId: null, sources: facilities.sources }]
    for (const group of groups) {
      if (group.sources.length === 0) continue
      const search = searchFromSources(graph, group.sources, limitsM[limitsM.length - 1]!)
      const polygons = await buildServiceAreaPolygons(pool, reachedPieces(graph, search, limitsM), options.bufferM)
      for (const [band, geometry] of polygons) addArea(band, group.facilityId, geometry)
    }
  }
  return {
    kind: options.kind,
    bands: options.bands,
    networkVersion: network.version,
    bufferM: options.bufferM,
    facilities: describeFacilities(facilities, options.maxSnapM),
    areas,
  }
}

export interface WalkTimeReport {
  point: SnappedPlace
  distanceM: number | null
  minutes: number | null
  facility: { id: number; name: string } | null
}

/** Walking distance and time from any point to the nearest facility of a kind (snap walks at both ends included). */
export async function computeWalkTime(
  pool: pg.Pool,
  network: WalkNetwork,
  options: { kind: string; point: [number, number]; speedKmh: number; maxSnapM: number },
): Promise<WalkTimeReport> {
  const { graph, snapIndex } = network
  const pointSnap = snapIndex.snap(options.point, options.maxSnapM)
  const none = { point: describeSnap(pointSnap, options.maxSnapM), distanceM: null, minutes: null, facility: null }
  if (!pointSnap.ok) return none
  const facilities = await snapFacilities(pool, snapIndex, options.kind, options.maxSnapM)
  const search = searchFromSources(graph, facilities.sources, Infinity)
  const reached = distanceToPosition(graph, search, pointSnap.position)
  if (reached.source < 0) return none
  const distanceM = reached.distM + pointSnap.distanceM
  const { id, name } = facilities.sourceFacility[reached.source]!
  return { point: none.point, distanceM, minutes: walkingMinutes(distanceM, options.speedKmh), facility: { id, name } }
}
