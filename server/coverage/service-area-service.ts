import type pg from 'pg'
import type { Geometry } from 'geojson'
import type { SnapResult } from '../geo/snap-index.ts'
import type { WalkGraph } from '../geo/walk-graph.ts'
import { reachedIntervals, searchFromSources, type SearchResult, type SearchSource } from '../geo/walk-search.ts'
import { traceServiceAreas, type ReachedStretch } from '../geo/trace-service-areas.ts'
import type { TravelBands } from './travel-parameters.ts'
import { buildCircleAreas } from './service-area-repository.ts'
import type { WalkNetwork } from './walk-network-cache.ts'

/** Where service areas start: a facility (or an ad-hoc point, with a negative id) and its snap to the network. */
export interface ServiceAreaOrigin {
  id: number
  position: [number, number]
  snap: SnapResult
}

export interface ServiceAreaOptions {
  bands: TravelBands
  /** Buffer around reached streets, metres. */
  bufferM: number
  /** Grid spacing of the traced outlines, metres; coarser is simpler to draw. */
  cellM: number
  /** One set of bands per origin instead of one dissolved set. */
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

/** The default grid spacing for a buffer: a fifth of it, between 2 and 25 m. */
export const defaultCellM = (bufferM: number) => Math.min(25, Math.max(2, bufferM / 5))

/**
 * The reached stretches of streets for each band, from one search: only the
 * edges at reached nodes or holding a source are looked at, and a band lists
 * an edge only where it reaches more of it than the band before (the tracer
 * carries smaller bands into larger ones).
 */
export function collectReachedStretches(graph: WalkGraph, search: SearchResult, limitsM: readonly number[]): ReachedStretch[] {
  const maxLimit = limitsM[limitsM.length - 1]!
  const candidate = new Uint8Array(graph.edgeCount)
  for (let v = 0; v < graph.nodeCount; v++) {
    if (!(search.nodeDistM[v]! <= maxLimit)) continue
    for (let i = graph.adjStart[v]!; i < graph.adjStart[v + 1]!; i++) candidate[graph.adjEdge[i]!] = 1
  }
  for (const edge of search.sourcesOnEdge.keys()) candidate[edge] = 1
  const stretches: ReachedStretch[] = []
  for (let edge = 0; edge < graph.edgeCount; edge++) {
    if (!candidate[edge]) continue
    let previous: [number, number][] = []
    limitsM.forEach((limit, band) => {
      const intervals = reachedIntervals(graph, search, edge, limit)
      const same = intervals.length === previous.length && intervals.every(([a, b], k) => a === previous[k]![0] && b === previous[k]![1])
      if (!same) for (const [from, to] of intervals) stretches.push({ edge, band, from, to })
      previous = intervals
    })
  }
  return stretches
}

/**
 * Walking service areas, one outline per band (dissolved over all origins,
 * or per origin on request): the reached stretches of streets traced with a
 * buffer, so they follow the network, nest, and keep real holes. Circles of
 * the same distances are drawn for comparison when asked. `edited` is the
 * graph with what-if network changes, when there are any.
 */
export async function computeServiceAreas(
  pool: pg.Pool,
  network: WalkNetwork,
  origins: readonly ServiceAreaOrigin[],
  options: ServiceAreaOptions,
  edited?: { graph: WalkGraph; local: Float64Array },
): Promise<{ areas: ServiceAreaBand[]; cellM: number }> {
  const graph = edited?.graph ?? network.graph
  const local = edited?.local ?? network.snapIndex.local
  const { limitsM, bands } = options.bands
  const areas: ServiceAreaBand[] = []
  const addArea = (band: number, facilityId: number | null, geometry: Geometry) =>
    areas.push({ band, limitM: limitsM[band]!, value: bands[band]!, facilityId, geometry })

  if (options.method === 'circle') {
    const centres = origins.map((o) => ({ id: o.id, lng: o.position[0], lat: o.position[1] }))
    for (const c of await buildCircleAreas(pool, centres, limitsM, options.perFacility)) addArea(c.band, c.facilityId, c.geometry)
    return { areas, cellM: options.cellM }
  }
  const onNetwork = origins.flatMap((o) => (o.snap.ok ? [{ id: o.id, source: { position: o.snap.position, startM: o.snap.distanceM } }] : []))
  const groups: { facilityId: number | null; sources: SearchSource[] }[] = options.perFacility
    ? onNetwork.map((o) => ({ facilityId: o.id, sources: [o.source] }))
    : [{ facilityId: null, sources: onNetwork.map((o) => o.source) }]
  let cellM = options.cellM
  for (const group of groups) {
    if (group.sources.length === 0) continue
    const search = searchFromSources(graph, group.sources, limitsM[limitsM.length - 1]!)
    const traced = traceServiceAreas(graph, local, network.snapIndex.frame, collectReachedStretches(graph, search, limitsM), {
      bandCount: limitsM.length,
      bufferM: options.bufferM,
      cellM: options.cellM,
    })
    cellM = Math.max(cellM, traced.cellM)
    traced.bands.forEach((geometry, band) => {
      if (geometry) addArea(band, group.facilityId, geometry)
    })
  }
  return { areas, cellM }
}
