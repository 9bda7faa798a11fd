import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { listDatasets, readDatasetFeatures } from '../datasets/datasets-repository.ts'
import { HttpError } from '../plugins/problem-errors.ts'
import { ProblemSchema } from '../schemas/common.ts'
import { DatasetFeaturesQuerySchema, DatasetIdParamsSchema, DatasetListSchema } from '../schemas/datasets.ts'

/**
 * The datasets and their versions: what each holds, which versions are
 * current, and the features of any version, current or replaced.
 */
export const datasetRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const pool = app.database.pool
  app.get(
    '/api/datasets',
    {
      schema: {
        tags: ['datasets'],
        summary: 'Datasets and their versions, newest first',
        description: 'Each dataset with its series, version, source file, coordinate system, who imported it, and per layer the row count and whether the rows are current or were replaced by a later version (then archived).',
        response: { 200: DatasetListSchema },
      },
    },
    async () => ({ datasets: await listDatasets(pool) }),
  )
  app.get(
    '/api/datasets/:id/features',
    {
      schema: {
        tags: ['datasets'],
        summary: 'The features of one dataset version in one layer, as GeoJSON',
        description: 'Current rows, or the archived rows of a replaced version; properties are the stored columns.',
        params: DatasetIdParamsSchema,
        querystring: DatasetFeaturesQuerySchema,
        response: { 200: Type.Object({ type: Type.Literal('FeatureCollection'), features: Type.Array(Type.Unknown()) }), 404: ProblemSchema },
      },
    },
    async (request, reply) => {
      const features = await readDatasetFeatures(pool, request.params.id, request.query.layer)
      if (!features) throw new HttpError(404, `there is no dataset ${request.params.id}`)
      return reply
        .header('content-disposition', `attachment; filename="dataset-${request.params.id}-${request.query.layer}.geojson"`)
        .type('application/geo+json')
        .send(features)
    },
  )
}
