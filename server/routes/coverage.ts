import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import type { Static } from 'typebox'
import {
  CommunityCoverageCollectionSchema,
  CoverageQuerySchema,
  CoverageReportSchema,
  ServiceAreaCollectionSchema,
  ServiceAreaQuerySchema,
  WalkTimeQuerySchema,
  WalkTimeSchema,
  WhatIfCoverageBodySchema,
  WhatIfServiceAreaBodySchema,
  WhatIfWalkTimeBodySchema,
} from '../schemas/coverage.ts'
import { ProblemSchema } from '../schemas/common.ts'
import { HttpError } from '../plugins/problem-errors.ts'
import { readDataSources, type DataSource } from '../datasets/datasets-repository.ts'
import { computeCoverage, computeWalkTime, describeSnap, searchWithChanges, type CoverageReport } from '../coverage/coverage-service.ts'
import { computeServiceAreas, defaultCellM, type ServiceAreaOrigin } from '../coverage/service-area-service.ts'
import { readDivisions } from '../layers/layers-repository.ts'
import { facilityKindExists, readDataVersion } from '../coverage/coverage-repository.ts'
import { resolveWhatIf, type ScenarioHeader } from './what-if-parameters.ts'
import { FacilityChangeError, type FacilityChange } from '../coverage/facility-changes.ts'
import type { NetworkChange } from '../coverage/network-changes.ts'
import { resolveTravelBands, TravelParameterError, type TravelBands } from '../coverage/travel-parameters.ts'

type AnalysisParameters = Static<typeof CoverageQuerySchema> & { changes?: FacilityChange[]; networkChanges?: NetworkChange[] }

/** Travel bands from request parameters; a bad one answers 400 naming it. */
function bandsFrom(q: Omit<AnalysisParameters, 'kind'>): TravelBands {
  try {
    return resolveTravelBands({
      ...(q.mode ? { mode: q.mode } : {}),
      ...(q.bands ? { bands: q.bands.split(',').map(Number) } : {}),
      ...(q.speed ? { speed: q.speed } : {}),
      ...(q.speedKmh !== undefined ? { speedKmh: q.speedKmh } : {}),
    })
  } catch (error) {
    if (error instanceof TravelParameterError) throw new HttpError(400, error.message)
    throw error
  }
}


/** The top-level properties every exported file carries: parameters, data versions, scenario, coordinate reference, time made. */
function exportHeader(kind: string | null, bands: TravelBands, versions: { networkVersion: number; dataVersion: number }, scenario: ScenarioHeader, sources: DataSource[]) {
  return {
    kind,
    sources,
    mode: bands.mode,
    bands: bands.bands,
    limitsM: bands.limitsM,
    speedKmh: bands.speedKmh,
    networkVersion: versions.networkVersion,
    dataVersion: versions.dataVersion,
    scenario,
    crs: 'EPSG:4326',
    generatedAt: new Date().toISOString(),
  }
}

/**
 * Walking coverage, service areas and walk times of one facility kind over
 * the walk network held in memory, for the facilities as stored, a saved
 * scenario (`scenario=id`), or unsaved what-if changes (the POST forms).
 */
export const coverageRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const pool = app.database.pool
  const { baselines } = app.analysis

  /** The kind's baseline, the bands, and the what-if changes (a saved scenario's, then the request's own). */
  async function resolveAnalysis(q: AnalysisParameters) {
    if (!(await facilityKindExists(pool, q.kind))) throw new HttpError(400, `unknown facility kind "${q.kind}"`)
    const bands = bandsFrom(q)
    const { changes, networkChanges, scenario } = (await resolveWhatIf(pool, q))!
    const baseline = await baselines.get(q.kind, q.maxSnapM ?? 300)
    return { baseline, bands, changes, networkChanges, scenario }
  }

  /** Runs `compute`, answering 400 for changes that do not fit the kind's facilities. */
  function withChanges<T>(compute: () => T): T {
    try {
      return compute()
    } catch (error) {
      if (error instanceof FacilityChangeError) throw new HttpError(400, error.message)
      throw error
    }
  }

  async function coverage(q: AnalysisParameters): Promise<CoverageReport & { scenario: ScenarioHeader; sources: DataSource[] }> {
    const { baseline, bands, changes, networkChanges, scenario } = await resolveAnalysis(q)
    const report = withChanges(() => computeCoverage(baseline, bands, changes, networkChanges))
    return { ...report, compounds: q.compounds === false ? [] : report.compounds, scenario, sources: await readDataSources(pool) }
  }

  const coverageDescription =
    'Counts come from walking distances at the compound gates, never from polygons. ' +
    'Facilities added in a what-if have negative ids (-1 for the first added).'

  app.get(
    '/api/coverage',
    {
      schema: {
        tags: ['coverage'],
        summary: 'Walking coverage of compounds and divisions by one facility kind',
        description: coverageDescription,
        querystring: CoverageQuerySchema,
        response: { 200: CoverageReportSchema, 400: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (request) => coverage(request.query),
  )

  app.post(
    '/api/coverage/what-if',
    {
      schema: {
        tags: ['coverage'],
        summary: 'Coverage with facilities added, moved or removed (nothing is saved)',
        description: `${coverageDescription} Only the part of the network the changes affect is searched again.`,
        body: WhatIfCoverageBodySchema,
        response: { 200: CoverageReportSchema, 400: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (request) => coverage(request.body),
  )

  /** Where service areas start: ad-hoc points, or the kind's facilities (after any changes, optionally only some of them). */
  async function serviceAreaOrigins(q: Static<typeof ServiceAreaQuerySchema> & { changes?: FacilityChange[]; networkChanges?: NetworkChange[] }) {
    const maxSnapM = q.maxSnapM ?? 300
    if (q.points !== undefined) {
      if (q.kind !== undefined || q.facilityIds !== undefined || q.scenario !== undefined || (q.changes?.length ?? 0) > 0 || (q.networkChanges?.length ?? 0) > 0) {
        throw new HttpError(400, 'points cannot be combined with kind, facilityIds, scenario or changes')
      }
      const network = await app.analysis.networks.get()
      const origins: ServiceAreaOrigin[] = q.points.split(';').map((pair, i) => {
        const [lng, lat] = pair.split(',').map(Number) as [number, number]
        if (!(Math.abs(lng) <= 180 && Math.abs(lat) <= 90)) throw new HttpError(400, `points[${i}]: ${pair} is not a longitude,latitude pair`)
        return { id: -(i + 1), position: [lng, lat], snap: network.snapIndex.snap([lng, lat], maxSnapM) }
      })
      const facilities = origins.map((o, i) => ({ id: o.id, name: `点 ${i + 1}`, status: 'added' as const, position: o.position, ...describeSnap(o.snap, maxSnapM) }))
      const versions = { networkVersion: network.version, dataVersion: await readDataVersion(pool) }
      return { kind: null, network, edited: undefined, origins, facilities, bands: bandsFrom(q), versions, scenario: null }
    }
    if (q.kind === undefined) throw new HttpError(400, 'give a facility kind (kind) or ad-hoc points (points)')
    const { baseline, bands, changes, networkChanges, scenario } = await resolveAnalysis({ ...q, kind: q.kind })
    const changed = withChanges(() => searchWithChanges(baseline, changes, networkChanges))
    const wanted = q.facilityIds === undefined ? undefined : new Set(q.facilityIds.split(',').map(Number))
    const standing = (f: { id: number; status: string }) => f.status !== 'removed' && (!wanted || wanted.has(f.id))
    if (wanted) {
      const unknown = [...wanted].filter((id) => !changed.facilities.some((f) => f.id === id && f.status !== 'removed'))
      if (unknown.length > 0) throw new HttpError(400, `facilityIds: ${unknown.join(', ')} not among the ${q.kind} facilities`)
    }
    const origins = changed.placed.filter(standing).map((f): ServiceAreaOrigin => ({ id: f.id, position: [f.lng, f.lat], snap: f.snap! }))
    const versions = { networkVersion: baseline.network.version, dataVersion: baseline.dataVersion }
    const edited = networkChanges.length > 0 ? { graph: changed.graph, local: changed.local } : undefined
    return { kind: q.kind, network: baseline.network, edited, origins, facilities: changed.facilities.filter(standing), bands, versions, scenario }
  }

  async function serviceAreas(q: Static<typeof ServiceAreaQuerySchema> & { changes?: FacilityChange[]; networkChanges?: NetworkChange[] }, reply: FastifyReply) {
    const bufferM = q.bufferM ?? 50
    const cellM = q.cellM ?? defaultCellM(bufferM)
    const perFacility = q.perFacility ?? false
    const method = q.method ?? 'network'
    const { kind, network, edited, origins, facilities, bands, versions, scenario } = await serviceAreaOrigins(q)
    const traced = await computeServiceAreas(pool, network, origins, { bands, bufferM, cellM, perFacility, method }, edited)
    if (q.download) void reply.header('content-disposition', `attachment; filename="service-areas-${kind ?? 'points'}.geojson"`)
    const features = [...traced.areas]
      .sort((a, b) => b.band - a.band || (a.facilityId ?? 0) - (b.facilityId ?? 0))
      .map((a) => ({
        type: 'Feature' as const,
        geometry: a.geometry as { type: string; coordinates: unknown },
        properties: {
          kind,
          band: a.band,
          limitM: a.limitM,
          value: a.value,
          unit: bands.mode === 'time' ? ('min' as const) : ('m' as const),
          facilityId: a.facilityId,
        },
      }))
    return {
      type: 'FeatureCollection' as const,
      properties: { ...exportHeader(kind, bands, versions, scenario, await readDataSources(pool)), bufferM, cellM: traced.cellM, perFacility, method, facilities },
      features,
    }
  }

  const serviceAreaDescription =
    'Outlines of the reached stretches of streets within bufferM, traced on a grid of cellM (coarser for simpler display outlines; bands nest at any cellM), ' +
    'dissolved per band, or per facility with perFacility=true; straight-line circles with method=circle. ' +
    'Sources: the facilities of a kind (optionally only facilityIds, optionally with a saved scenario), or ad-hoc points. ' +
    'The collection carries its parameters, data versions, coordinate reference and generation time in its top-level properties.'

  app.get(
    '/api/service-areas',
    {
      schema: {
        tags: ['coverage'],
        summary: 'Walking service areas of facilities or ad-hoc points, one polygon per band (GeoJSON)',
        description: serviceAreaDescription,
        querystring: ServiceAreaQuerySchema,
        response: { 200: ServiceAreaCollectionSchema, 400: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (request, reply) => serviceAreas(request.query, reply),
  )

  app.post(
    '/api/service-areas/what-if',
    {
      schema: {
        tags: ['coverage'],
        summary: 'Service areas with facilities added, moved or removed (nothing is saved)',
        description: serviceAreaDescription,
        body: WhatIfServiceAreaBodySchema,
        response: { 200: ServiceAreaCollectionSchema, 400: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (request, reply) => serviceAreas(request.body, reply),
  )

  async function walkTime(q: Static<typeof WalkTimeQuerySchema> & { changes?: FacilityChange[]; networkChanges?: NetworkChange[] }) {
    const { baseline, bands, changes, networkChanges } = await resolveAnalysis(q)
    return withChanges(() => computeWalkTime(baseline, { point: [q.lng, q.lat], speedKmh: bands.speedKmh, changes, networkChanges }))
  }

  app.get(
    '/api/walk-time',
    {
      schema: {
        tags: ['coverage'],
        summary: 'Walking distance and time from any point to the nearest facility of a kind',
        querystring: WalkTimeQuerySchema,
        response: { 200: WalkTimeSchema, 400: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (request) => walkTime(request.query),
  )

  app.post(
    '/api/walk-time/what-if',
    {
      schema: {
        tags: ['coverage'],
        summary: 'Walking time to the nearest facility with facilities added, moved or removed (nothing is saved)',
        body: WhatIfWalkTimeBodySchema,
        response: { 200: WalkTimeSchema, 400: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (request) => walkTime(request.body),
  )

  async function communitiesFile(q: AnalysisParameters, reply: FastifyReply) {
    const report = await coverage(q)
    const bands = report.bands
    const coverageByCode = new Map(report.divisions.map((d) => [d.code, d]))
    const divisions = await readDivisions(pool)
    const features = divisions.features
      .filter((f) => f.properties?.level === 'community')
      .map((f) => {
        const c = coverageByCode.get(String(f.properties!.code))!
        const perBand = Object.fromEntries(
          c.bands.flatMap((b, i) => [
            [`households_${bands.bands[i]}`, b.households],
            [`share_${bands.bands[i]}`, b.householdShare],
            [`elderly_${bands.bands[i]}`, b.elderlyPopulation],
          ]),
        )
        return {
          type: 'Feature' as const,
          id: c.code,
          geometry: f.geometry as { type: string; coordinates: unknown },
          properties: {
            code: c.code,
            name: c.name,
            households: c.households,
            population: c.population,
            elderlyPopulation: c.elderlyPopulation,
            compounds: c.compounds,
            compoundsUnreachable: c.compoundsUnreachable,
            medianMinutes: c.medianMinutes,
            p90Minutes: c.p90Minutes,
            ...perBand,
          },
        }
      })
    void reply.header('content-disposition', `attachment; filename="coverage-${q.kind}${report.scenario?.id ? `-scenario-${report.scenario.id}` : report.scenario ? '-what-if' : ''}.geojson"`)
    return {
      type: 'FeatureCollection' as const,
      properties: exportHeader(q.kind, bands, report, report.scenario, report.sources),
      features,
    }
  }

  const communitiesFileDescription =
    'Community polygons with households, population and elderly reached per band, shares and median/90th-percentile minutes; ' +
    'parameters, data versions, scenario, coordinate reference and generation time in the top-level properties.'

  app.get(
    '/api/coverage/communities.geojson',
    {
      schema: {
        tags: ['coverage'],
        summary: 'Coverage per community as a GeoJSON file',
        description: communitiesFileDescription,
        querystring: CoverageQuerySchema,
        response: { 200: CommunityCoverageCollectionSchema, 400: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (request, reply) => communitiesFile(request.query, reply),
  )

  app.post(
    '/api/coverage/communities.geojson/what-if',
    {
      schema: {
        tags: ['coverage'],
        summary: 'Coverage per community as a GeoJSON file, with facilities added, moved or removed (nothing is saved)',
        description: communitiesFileDescription,
        body: WhatIfCoverageBodySchema,
        response: { 200: CommunityCoverageCollectionSchema, 400: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (request, reply) => communitiesFile(request.body, reply),
  )
}
