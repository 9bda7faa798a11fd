import { Type, type Static } from 'typebox'
import { INT4_MAX } from './common.ts'

export const DatasetLayerSchema = Type.Union([Type.Literal('network'), Type.Literal('facilities'), Type.Literal('compounds'), Type.Literal('divisions')])

export const DatasetInfoSchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  series: Type.String({ description: 'The name the versions of one dataset share' }),
  version: Type.Integer({ minimum: 1 }),
  layer: Type.Union([DatasetLayerSchema, Type.Null()], { description: 'The layer an import filled; null for datasets of several layers (the demo) and records kept by other modules' }),
  source: Type.String(),
  synthetic: Type.Boolean(),
  attribution: Type.String(),
  description: Type.String(),
  fileName: Type.String(),
  crs: Type.String({ description: 'The coordinate system the file was in (stored as WGS84)' }),
  importedBy: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  layers: Type.Array(
    Type.Object({
      layer: DatasetLayerSchema,
      count: Type.Integer(),
      current: Type.Boolean({ description: 'Whether the rows are live; false once a later version replaced them (they are then archived)' }),
      replacedBy: Type.Union([Type.Integer(), Type.Null()]),
      archivedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    }),
  ),
})

export const DatasetListSchema = Type.Object({ datasets: Type.Array(DatasetInfoSchema) })

export const DatasetIdParamsSchema = Type.Object({ id: Type.Integer({ minimum: 1, maximum: INT4_MAX }) }, { additionalProperties: false })

export const DatasetFeaturesQuerySchema = Type.Object({ layer: DatasetLayerSchema }, { additionalProperties: false })

/** The datasets an analysis was computed from: the current version of each layer's data. */
export const DataSourceSchema = Type.Object({
  layer: DatasetLayerSchema,
  datasetId: Type.Integer(),
  name: Type.String(),
  series: Type.String(),
  version: Type.Integer(),
  synthetic: Type.Boolean(),
})
export type DataSourceBody = Static<typeof DataSourceSchema>
