import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import type pg from 'pg'
import type { Static } from 'typebox'
import {
  CommunityCoverageCollectionSchema,
  CoverageQuerySchema,
  CoverageReportSchema,
  ServiceAreaCollectionSchema,
  ServiceAreaQuerySchema,
  WalkTimeQuerySchema,
  WalkTimeSchema,
} from '../schemas/coverage.ts'
import { ProblemSchema } from '../schemas/common.ts'
import { computeCoverage, computeServiceAreas, computeWalkTime, WalkNetworkCache } from '../coverage/coverage-service.ts'
import { readDivisions } from '../layers/layers-repository.ts'
import { facilityKindExists } from '../coverage/coverage-repository.ts'
import { resolveTravelBands, TravelParameterError, type TravelBands } from '../coverage/travel-parameters.ts'

function sendProblem(reply: FastifyReply, detail: string) {
  return reply.status(400).type('application/problem+json').send({ type: 'about:blank', title: 'Bad Request', status: 400, detail })
}

/** Travel bands from query parameters, or the message saying which one is wrong. */
function bandsFromQuery(q: Static<typeof CoverageQuerySchema>): TravelBands | string {
  try {
    return resolveTravelBands({
      ...(q.mode ? { mode: q.mode } : {}),
      ...(q.bands ? { bands: q.bands.split(',').map(Number) } : {}),
      ...(q.speed ? { speed: q.speed } : {}),
      ...(q.speedKmh !== undefined ? { speedKmh: q.speedKmh } : {}),
    })
  } catch (error) {
    if (error instanceof TravelParameterError) return error.message
    throw error
  }
}

/** The top-level properties every exported file carries: parameters, data version, coordinate reference, time made. */
function exportHeader(kind: string, bands: TravelBands, networkVersion: number) {
  return {
    kind,
    mode: bands.mode,
    bands: bands.bands,
    limitsM: bands.limitsM,
    speedKmh: bands.speedKmh,
    networkVersion,
    crs: 'EPSG:4326',
    generatedAt: new Date().toISOString(),
  }
}

/**
 * Checks the facility kind and reads the travel bands of a request; on a bad
 * parameter it answers 400 and returns undefined.
 */
async function readAnalysisParameters(pool: pg.Pool, q: Static<typeof CoverageQuerySchema>, reply: FastifyReply): Promise<TravelBands | undefined> {
  if (!(await facilityKindExists(pool, q.kind))) {
    await sendProblem(reply, `unknown facility kind "${q.kind}"`)
    return undefined
  }
  const bands = bandsFromQuery(q)
  if (typeof bands === 'string') {
    await sendProblem(reply, bands)
    return undefined
  }
  return bands
}

/**
 * Walking coverage and service areas of one facility kind, over the walk
 * network held in memory (rebuilt when the network changes).
 */
export const coverageRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const pool = app.database.pool
  const networks = new WalkNetworkCache(pool)

  app.get(
    '/api/coverage',
    {
      schema: {
        tags: ['coverage'],
        summary: 'Walking coverage of compounds and divisions by one facility kind',
        querystring: CoverageQuerySchema,
        response: { 200: CoverageReportSchema, 400: ProblemSchema },
      },
    },
    async (request, reply) => {
      const q = request.query
      const bands = await readAnalysisParameters(pool, q, reply)
      if (!bands) return reply
      return computeCoverage(pool, await networks.get(), { kind: q.kind, bands, maxSnapM: q.maxSnapM ?? 300 })
    },
  )

  app.get(
    '/api/service-areas',
    {
      schema: {
        tags: ['coverage'],
        summary: 'Walking service areas of one facility kind, one polygon per band (GeoJSON)',
        description:
          'Polygons are the reached stretches of streets buffered by bufferM, dissolved per band (or per facility with perFacility=true). ' +
          'The collection carries its parameters, network version, coordinate reference and generation time in its top-level properties.',
        querystring: ServiceAreaQuerySchema,
        response: { 200: ServiceAreaCollectionSchema, 400: ProblemSchema },
      },
    },
    async (request, reply) => {
      const q = request.query
      const bands = await readAnalysisParameters(pool, q, reply)
      if (!bands) return reply
      const bufferM = q.bufferM ?? 50
      const report = await computeServiceAreas(pool, await networks.get(), {
        kind: q.kind,
        bands,
        maxSnapM: q.maxSnapM ?? 300,
        bufferM,
        perFacility: q.perFacility ?? false,
        method: q.method ?? 'network',
      })
      if (q.download) void reply.header('content-disposition', `attachment; filename="service-areas-${q.kind}.geojson"`)
      const features = [...report.areas]
        .sort((a, b) => b.band - a.band)
        .map((a) => ({
          type: 'Feature' as const,
          geometry: a.geometry as { type: string; coordinates: unknown },
          properties: {
            kind: report.kind,
            band: a.band,
            limitM: a.limitM,
            value: a.value,
            unit: bands.mode === 'time' ? ('min' as const) : ('m' as const),
            facilityId: a.facilityId,
          },
        }))
      return {
        type: 'FeatureCollection' as const,
        properties: {
          ...exportHeader(report.kind, bands, report.networkVersion),
          bufferM,
          perFacility: q.perFacility ?? false,
          method: q.method ?? 'network',
          facilities: report.facilities,
        },
        features,
      }
    },
  )

  app.get(
    '/api/walk-time',
    {
      schema: {
        tags: ['coverage'],
        summary: 'Walking distance and time from any point to the nearest facility of a kind',
        querystring: WalkTimeQuerySchema,
        response: { 200: WalkTimeSchema, 400: ProblemSchema },
      },
    },
    async (request, reply) => {
      const q = request.query
      const bands = await readAnalysisParameters(pool, q, reply)
      if (!bands) return reply
      return computeWalkTime(pool, await networks.get(), {
        kind: q.kind,
        point: [q.lng, q.lat],
        speedKmh: bands.speedKmh,
        maxSnapM: q.maxSnapM ?? 300,
      })
    },
  )

  app.get(
    '/api/coverage/communities.geojson',
    {
      schema: {
        tags: ['coverage'],
        summary: 'Coverage per community as a GeoJSON file',
        description: 'Community polygons with households, population and elderly reached per band, shares and median/90th-percentile minutes; parameters, network version, coordinate reference and generation time in the top-level properties.',
        querystring: CoverageQuerySchema,
        response: { 200: CommunityCoverageCollectionSchema, 400: ProblemSchema },
      },
    },
    async (request, reply) => {
      const q = request.query
      const bands = await readAnalysisParameters(pool, q, reply)
      if (!bands) return reply
      const report = await computeCoverage(pool, await networks.get(), { kind: q.kind, bands, maxSnapM: q.maxSnapM ?? 300 })
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
      void reply.header('content-disposition', `attachment; filename="coverage-${q.kind}.geojson"`)
      return {
        type: 'FeatureCollection' as const,
        properties: exportHeader(q.kind, bands, report.networkVersion),
        features,
      }
    },
  )
}
