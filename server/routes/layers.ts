import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import {
  DistrictSummarySchema,
  DivisionPropertiesSchema,
  FacilityKindRowSchema,
  FacilityPropertiesSchema,
  WaterPropertiesSchema,
  featureCollectionSchema,
} from '../schemas/common.ts'
import {
  readDistrictSummary,
  readDivisions,
  readFacilities,
  readFacilityKinds,
  readWaterAreas,
} from '../layers/layers-repository.ts'
import { LayerResponses, sendTagged, serializeBody } from '../layers/layer-responses.ts'
import { tagBody } from '../layers/response-cache.ts'

const geojsonType = 'application/json; charset=utf-8'

/**
 * Small layers as GeoJSON: divisions, facilities and water stay in the
 * hundreds of features even for a whole city, so one request draws them all.
 * Divisions and facilities are kept encoded at the current data version;
 * water areas have no version counter, so they are read on every request.
 * Every layer carries an ETag for revalidation.
 */
export const layerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const pool = app.database.pool
  const responses = new LayerResponses(pool, 16 * 2 ** 20)
  app.get(
    '/api/district',
    { schema: { tags: ['layers'], summary: 'District name, extent and loaded datasets', response: { 200: DistrictSummarySchema } } },
    () => readDistrictSummary(pool),
  )
  app.get(
    '/api/facility-kinds',
    { schema: { tags: ['layers'], summary: 'Facility kinds with Chinese and English names', response: { 200: Type.Array(FacilityKindRowSchema) } } },
    () => readFacilityKinds(pool),
  )
  app.get(
    '/api/layers/divisions',
    {
      schema: {
        tags: ['layers'],
        summary: 'District, sub-districts and communities',
        response: { 200: featureCollectionSchema(DivisionPropertiesSchema, 'Division polygons') },
      },
    },
    async (request, reply) => {
      const tagged = await responses.get('divisions', 'data', async () => serializeBody(reply, await readDivisions(pool)))
      return sendTagged(request, reply, tagged, geojsonType)
    },
  )
  app.get(
    '/api/layers/facilities',
    {
      schema: {
        tags: ['layers'],
        summary: 'Community service and elderly-care facilities',
        response: { 200: featureCollectionSchema(FacilityPropertiesSchema, 'Facility points') },
      },
    },
    async (request, reply) => {
      const tagged = await responses.get('facilities', 'data', async () => serializeBody(reply, await readFacilities(pool)))
      return sendTagged(request, reply, tagged, geojsonType)
    },
  )
  app.get(
    '/api/layers/water',
    {
      schema: {
        tags: ['layers'],
        summary: 'Water areas',
        response: { 200: featureCollectionSchema(WaterPropertiesSchema, 'Water polygons') },
      },
    },
    async (request, reply) => sendTagged(request, reply, tagBody(serializeBody(reply, await readWaterAreas(pool))), geojsonType),
  )
}
