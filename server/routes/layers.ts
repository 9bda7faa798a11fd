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

/**
 * Small layers as GeoJSON: divisions, facilities and water stay in the
 * hundreds of features even for a whole city, so one request draws them all.
 */
export const layerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const pool = app.database.pool
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
    () => readDivisions(pool) as never,
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
    () => readFacilities(pool) as never,
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
    () => readWaterAreas(pool) as never,
  )
}
