import { Type, type Static } from 'typebox'

/** The formats place records are imported from. */
export const PlaceImportFormatSchema = Type.Union([Type.Literal('csv'), Type.Literal('xlsx'), Type.Literal('geojson'), Type.Literal('shapefile')])
export type PlaceImportFormat = Static<typeof PlaceImportFormatSchema>

/** What POST /api/gazetteer/imports/inspect answers: a file's columns for the mapping step. */
export const PlaceInspectionSchema = Type.Object({
  format: PlaceImportFormatSchema,
  headers: Type.Array(Type.String()),
  sample: Type.Array(Type.Record(Type.String(), Type.String()), { description: 'The first five rows, cells as text, by header' }),
  rowCount: Type.Integer(),
  hasGeometry: Type.Boolean(),
  prjCrs: Type.Union([Type.String(), Type.Null()], { description: 'The coordinate system a Shapefile’s .prj names, when the request names none' }),
  encoding: Type.Union([Type.String(), Type.Null()]),
  suggested: Type.Record(Type.String(), Type.String(), { description: 'Place column key → the header an import without a mapping reads for it' }),
  columns: Type.Array(
    Type.Object({
      key: Type.String(),
      header: Type.String({ description: 'The Chinese header exports write' }),
      required: Type.Boolean(),
      mappable: Type.Boolean({ description: 'False for lng, lat and geometry of GeoJSON and Shapefiles, whose features give the position' }),
    }),
  ),
  problems: Type.Array(Type.Object({ row: Type.Integer(), field: Type.String(), message: Type.String(), value: Type.Optional(Type.String()) })),
})
export type PlaceInspection = Static<typeof PlaceInspectionSchema>
