import { Type, type TSchema } from 'typebox'
import { INT4_MAX } from './common.ts'
import { CoordinateSystemParamSchema } from './coordinate-systems.ts'

export const LayerKindSchema = Type.Union([Type.Literal('facilities'), Type.Literal('compounds'), Type.Literal('divisions')])
export const ImportFileFormatSchema = Type.Union([Type.Literal('geojson'), Type.Literal('csv'), Type.Literal('xlsx'), Type.Literal('shapefile')])

export const ImportProblemSchema = Type.Object({
  row: Type.Integer({ description: 'The row (CSV/XLSX, header = 1) or feature (from 1); 0 for the file as a whole' }),
  field: Type.String({ description: 'The layer field (English key); empty for the row or file' }),
  message: Type.String(),
})

export const ColumnMappingSchema = Type.Record(Type.String({ maxLength: 40 }), Type.String({ maxLength: 200 }), {
  description: 'Layer field key → the header of the file column that fills it',
})

export const LayerInspectQuerySchema = Type.Object(
  { layer: LayerKindSchema, format: ImportFileFormatSchema, crs: Type.Optional(CoordinateSystemParamSchema) },
  { additionalProperties: false },
)

export const LayerInspectionSchema = Type.Object({
  layer: LayerKindSchema,
  format: ImportFileFormatSchema,
  headers: Type.Array(Type.String()),
  sample: Type.Array(Type.Record(Type.String(), Type.String()), { description: 'The first five rows, cells as text, by header' }),
  rowCount: Type.Integer(),
  hasGeometry: Type.Boolean(),
  geometryTypes: Type.Array(Type.String()),
  prjCrs: Type.Union([Type.String(), Type.Null()], { description: 'The coordinate system a Shapefile’s .prj names' }),
  encoding: Type.Union([Type.String(), Type.Null()]),
  suggested: ColumnMappingSchema,
  fields: Type.Array(Type.Object({ key: Type.String(), required: Type.Boolean(), zh: Type.String(), en: Type.String() })),
  problems: Type.Array(ImportProblemSchema),
})

export const LayerImportQuerySchema = Type.Object(
  {
    layer: LayerKindSchema,
    format: ImportFileFormatSchema,
    crs: Type.Optional(CoordinateSystemParamSchema),
    mapping: Type.String({ maxLength: 8000, description: 'The column mapping as JSON: {"name": "设施名称", "lng": "经度", …}' }),
    dryRun: Type.Boolean(),
    series: Type.Optional(Type.String({ maxLength: 100, description: 'The name of a new dataset series (default: the file name)' })),
    replaces: Type.Optional(Type.Integer({ minimum: 1, maximum: INT4_MAX, description: 'The dataset this import is the next version of: its rows of the layer are archived' })),
    fileName: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
)

const VersionRefSchema = Type.Object({ id: Type.Integer(), series: Type.String(), version: Type.Integer() })

export const LayerImportOutcomeSchema = Type.Object({
  dryRun: Type.Boolean(),
  layer: LayerKindSchema,
  counts: Type.Object({ rows: Type.Integer(), valid: Type.Integer(), problems: Type.Integer(), warnings: Type.Integer() }),
  problems: Type.Array(ImportProblemSchema),
  warnings: Type.Array(ImportProblemSchema),
  created: Type.Integer(),
  updated: Type.Integer(),
  archived: Type.Integer({ description: 'Rows of the replaced version moved to the archive' }),
  dataset: Type.Union([VersionRefSchema, Type.Null()], { description: 'The version stored; null for a dry run or a refused file' }),
  replaces: Type.Union([VersionRefSchema, Type.Null()]),
  preview: Type.Object(
    { type: Type.Literal('FeatureCollection'), features: Type.Array(Type.Unknown()) },
    { description: 'The rows as they would be stored (properties row, name, problem), at most 5000' },
  ),
})

/** A background import as it is polled, with the outcome of its kind once done. */
function importJobSchema<O extends TSchema>(outcome: O) {
  return Type.Object({
    id: Type.String(),
    layer: Type.String(),
    dryRun: Type.Boolean(),
    state: Type.Union([Type.Literal('running'), Type.Literal('done'), Type.Literal('failed'), Type.Literal('cancelled')]),
    phase: Type.String({ description: 'reading, checking, storing or finished' }),
    done: Type.Integer(),
    total: Type.Integer(),
    outcome: Type.Union([outcome, Type.Null()]),
    error: Type.Union([Type.String(), Type.Null()]),
  })
}

export const ImportJobSchema = importJobSchema(LayerImportOutcomeSchema)

export const NetworkImportQuerySchema = Type.Object(
  {
    fileName: Type.String({ minLength: 5, maxLength: 200, pattern: '\\.(osm|pbf)$', description: 'The file’s name, ending .osm or .osm.pbf: it tells the format' }),
    dryRun: Type.Boolean(),
    series: Type.Optional(Type.String({ maxLength: 100, description: 'The series of the new version (default: "OpenStreetMap <file name>")' })),
    replaces: Type.Optional(Type.Integer({ minimum: 1, maximum: INT4_MAX, description: 'The dataset whose walk network this import replaces; its edges are archived' })),
  },
  { additionalProperties: false },
)

const ComponentFiguresSchema = Type.Object({ edgeCount: Type.Integer(), lengthM: Type.Number(), nodeCount: Type.Integer() })

export const NetworkImportOutcomeSchema = Type.Object({
  dryRun: Type.Boolean(),
  fileName: Type.String(),
  figures: Type.Object({
    edgeCount: Type.Integer(),
    totalLengthM: Type.Number(),
    nodeCount: Type.Integer(),
    componentCount: Type.Integer(),
    largestComponent: ComponentFiguresSchema,
    missingNodeRefs: Type.Integer(),
  }),
  counts: Type.Object({
    nodesRead: Type.Integer(),
    waysRead: Type.Integer(),
    highwayWays: Type.Integer(),
    walkableWays: Type.Integer(),
    closedToWalkers: Type.Integer(),
    pointsOfInterest: Type.Integer(),
  }),
  candidates: Type.Object({ facilities: Type.Integer(), compounds: Type.Integer() }, { description: 'Facilities and residential areas the file names (import:osm --candidates writes them out)' }),
  dataset: Type.Union([VersionRefSchema, Type.Null()]),
  replaced: Type.Union([Type.Object({ ...VersionRefSchema.properties, archivedEdges: Type.Integer() }), Type.Null()]),
  attribution: Type.String(),
})

export const NetworkImportJobSchema = importJobSchema(NetworkImportOutcomeSchema)

export const ImportJobParamsSchema = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false })

/** What a saved mapping is for: a layer, or the gazetteer's place records. */
export const MappingLayerSchema = Type.Union([LayerKindSchema, Type.Literal('places')])

export const ImportMappingSchema = Type.Object({
  id: Type.Integer(),
  layer: MappingLayerSchema,
  name: Type.String(),
  mapping: ColumnMappingSchema,
  createdBy: Type.String(),
  updatedAt: Type.String({ format: 'date-time' }),
})

export const ImportMappingBodySchema = Type.Object(
  { layer: MappingLayerSchema, name: Type.String({ minLength: 1, maxLength: 100 }), mapping: ColumnMappingSchema },
  { additionalProperties: false },
)
