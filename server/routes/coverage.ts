import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { CoverageQuerySchema, CoverageReportSchema } from '../schemas/coverage.ts'
import { ProblemSchema } from '../schemas/common.ts'
import { computeCoverage, WalkNetworkCache } from '../coverage/coverage-service.ts'
import { facilityKindExists } from '../coverage/coverage-repository.ts'
import { resolveTravelBands, TravelParameterError } from '../coverage/travel-parameters.ts'

/** GET /api/coverage: households reached per band and unit by the facilities of one kind, over the walk network. */
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
      const problem = (detail: string) =>
        reply.status(400).type('application/problem+json').send({ type: 'about:blank', title: 'Bad Request', status: 400, detail })
      if (!(await facilityKindExists(pool, q.kind))) return problem(`unknown facility kind "${q.kind}"`)
      let bands
      try {
        bands = resolveTravelBands({
          ...(q.mode ? { mode: q.mode } : {}),
          ...(q.bands ? { bands: q.bands.split(',').map(Number) } : {}),
          ...(q.speed ? { speed: q.speed } : {}),
          ...(q.speedKmh !== undefined ? { speedKmh: q.speedKmh } : {}),
        })
      } catch (error) {
        if (error instanceof TravelParameterError) return problem(error.message)
        throw error
      }
      const network = await networks.get()
      return computeCoverage(pool, network, { kind: q.kind, bands, maxSnapM: q.maxSnapM ?? 300 })
    },
  )
}
