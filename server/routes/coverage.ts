import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import type { Static } from 'typebox'
import { CoverageQuerySchema, CoverageReportSchema, ServiceAreaQuerySchema, ServiceAreaCollectionSchema } from '../schemas/coverage.ts'
import { ProblemSchema } from '../schemas/common.ts'
import { computeCoverage, computeServiceAreas, WalkNetworkCache } from '../coverage/coverage-service.ts'
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
      if (!(await facilityKindExists(pool, q.kind))) return sendProblem(reply, `unknown facility kind "${q.kind}"`)
      const bands = bandsFromQuery(q)
      if (typeof bands === 'string') return sendProblem(reply, bands)
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
      if (!(await facilityKindExists(pool, q.kind))) return sendProblem(reply, `unknown facility kind "${q.kind}"`)
      const bands = bandsFromQuery(q)
      if (typeof bands === 'string') return sendProblem(reply, bands)
      const bufferM = q.bufferM ?? 50
      const report = await computeServiceAreas(pool, await networks.get(), {
        kind: q.kind,
        bands,
        maxSnapM: q.maxSnapM ?? 300,
        bufferM,
        perFacility: q.perFacility ?? false,
      })
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
          kind: report.kind,
          mode: bands.mode,
          bands: bands.bands,
          limitsM: bands.limitsM,
          speedKmh: bands.speedKmh,
          bufferM,
          perFacility: q.perFacility ?? false,
          networkVersion: report.networkVersion,
          crs: 'EPSG:4326',
          generatedAt: new Date().toISOString(),
          facilities: report.facilities,
        },
        features,
      }
    },
  )
}
