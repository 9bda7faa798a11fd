import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { FeatureSchema, ProblemSchema } from '../schemas/common.ts'
import { featureLayers, readFeature } from '../layers/features-repository.ts'

/** GET /api/features/:layer/:id: every attribute of one feature, for the map's info panel. */
export const featureRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/features/:layer/:id',
    {
      schema: {
        tags: ['layers'],
        summary: 'All attributes of one feature',
        params: Type.Object({
          layer: Type.Union(featureLayers.map((l) => Type.Literal(l))),
          id: Type.String({ pattern: '^[0-9]{1,18}$', description: 'Numeric id, or 12-digit code for divisions' }),
        }),
        response: { 200: FeatureSchema, 404: ProblemSchema },
      },
    },
    async (request, reply) => {
      const { layer, id } = request.params
      const properties = await readFeature(app.database.pool, layer, id)
      if (!properties) {
        return reply
          .status(404)
          .type('application/problem+json')
          .send({ type: 'about:blank', title: 'Not Found', status: 404, detail: `No ${layer} feature with id ${id}` })
      }
      return { layer, id, properties }
    },
  )
}
