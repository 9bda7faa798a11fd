import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { actorOf } from '../plugins/auth.ts'
import { acceptBinaryBodies, binaryBodySchema, mediaTypeOf } from '../plugins/binary-body.ts'
import { ProblemSchema } from '../schemas/common.ts'
import { GazetteerError } from '../gazetteer/gazetteer-errors.ts'
import { importPlaces } from '../gazetteer/import-places.ts'
import { inspectPlaceFile } from '../gazetteer/inspect-place-file.ts'
import type { PlaceColumnMapping } from '../gazetteer/place-column-mapping.ts'
import type { PlaceFileFormat } from '../gazetteer/read-place-table.ts'
import type { CoordinateSystemId } from '../geo/coordinate-systems.ts'
import { CoordinateSystemParamSchema } from '../schemas/coordinate-systems.ts'
import { PlaceInspectionSchema } from '../schemas/gazetteer-imports.ts'
import { HttpError } from '../plugins/problem-errors.ts'
import { coordinateSystemParam } from './coordinate-systems.ts'

const FORMATS: Record<string, PlaceFileFormat> = {
  'text/csv': 'csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/geo+json': 'geojson',
  'application/json': 'geojson',
  'application/zip': 'shapefile',
}
const IMPORT_MAX_BYTES = 30 * 1024 * 1024

const ProblemRowSchema = Type.Object({ row: Type.Integer(), field: Type.String(), message: Type.String(), value: Type.Optional(Type.String()) })
const RefusalSchema = Type.Object({ ...ProblemSchema.properties, problems: Type.Optional(Type.Array(Type.Unknown())) })

const ImportOutcomeSchema = Type.Object({
  dryRun: Type.Boolean(),
  ok: Type.Boolean(),
  encoding: Type.Union([Type.String(), Type.Null()]),
  coordinateSystem: Type.String({ description: 'The system the coordinates were read in: the one named, else a Shapefile’s .prj’s, else wgs84' }),
  rows: Type.Integer(),
  created: Type.Integer(),
  updated: Type.Integer(),
  problems: Type.Array(ProblemRowSchema),
  warnings: Type.Array(ProblemRowSchema, {
    description: 'Columns not read (row 0), and rows with a point more than 1 km outside the stored divisions: a wrong coordinate system, or a place outside the district. They do not stop a load.',
  }),
  preview: Type.Array(
    Type.Object({ row: Type.Integer(), placeCode: Type.Union([Type.String(), Type.Null()]), standardName: Type.String(), category: Type.String(), divisionCodes: Type.Array(Type.String()), action: Type.String() }),
  ),
})


const FORMAT_DESCRIPTION =
  'The body is the file (at most 30 MiB, 50,000 rows); its format from Content-Type (text/csv, the XLSX type, application/geo+json, application/zip for a Shapefile as a .zip of its .shp, .dbf, .prj and .cpg). CSV may be UTF-8 or GBK/GB18030; a Shapefile’s attributes are read in the encoding its .cpg names, else UTF-8 when valid, else GBK.'

const CoordinateSystemQuery = {
  coordinateSystem: Type.Optional({
    ...CoordinateSystemParamSchema,
    description:
      'The coordinate system of the file, stored as WGS84 (wgs84, cgcs2000, gcj02, bd09, or a CGCS2000 Gauss–Krüger zone EPSG:4491–4554; see GET /api/coordinate-systems). Without it, a Shapefile’s .prj decides, and other files are read as wgs84.',
  }),
  crs: Type.Optional({ ...CoordinateSystemParamSchema, description: 'The same as coordinateSystem, under the name the boundary import uses' }),
}

/** The system a request names by `crs` or `coordinateSystem`; null when it names none. */
function namedSystem(query: { coordinateSystem?: string; crs?: string }): CoordinateSystemId | null {
  const { coordinateSystem, crs } = query
  if (coordinateSystem !== undefined && crs !== undefined && coordinateSystem !== crs) {
    throw new HttpError(400, `crs: give the coordinate system once, as crs or as coordinateSystem, not "${crs}" and "${coordinateSystem}"`)
  }
  if (crs !== undefined) return coordinateSystemParam('crs', crs)
  if (coordinateSystem !== undefined) return coordinateSystemParam('coordinateSystem', coordinateSystem)
  return null
}

/** The `mapping` query parameter: a JSON object of place column key → header, both text. Its keys and headers are checked against the file by the import. */
function mappingParam(value: string | undefined): PlaceColumnMapping | null {
  if (value === undefined) return null
  let parsed: unknown
  try {
    parsed = JSON.parse(value)
  } catch {
    throw new HttpError(400, 'mapping: not JSON; send an object of place column key → column header, such as {"standardName":"DMMC","category":"DMLB"}')
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || !Object.values(parsed).every((v) => typeof v === 'string')) {
    throw new HttpError(400, 'mapping: expected an object of place column key → column header (both text), such as {"standardName":"DMMC"}')
  }
  return parsed as PlaceColumnMapping
}

/**
 * Importing place records from CSV, XLSX, GeoJSON or a zipped Shapefile:
 * the mapping step reads a file's headers; a dry run lists every problem by
 * row and field; a load stores all rows or, if anything is wrong, none.
 */
export const gazetteerImportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(async (plain) => {
    const uploads = plain.withTypeProvider<TypeBoxTypeProvider>()
    acceptBinaryBodies(uploads, { mediaTypes: Object.keys(FORMATS), bodyLimit: IMPORT_MAX_BYTES })
    uploads.post(
      '/api/gazetteer/imports/inspect',
      {
        schema: {
          tags: ['gazetteer'],
          summary: 'Read a place import file’s columns for the mapping step',
          description: `${FORMAT_DESCRIPTION} Answers the headers, the first five rows as text, the place columns, and the mapping an import without one would use (headers recognised by their Chinese or English names); nothing is stored. A file that cannot be read (not the format it claims, no header row, a .prj naming a system the import cannot convert) gets 400 with its \`problems\`.`,
          ...binaryBodySchema(Object.keys(FORMATS), 'the import file'),
          querystring: Type.Object(CoordinateSystemQuery, { additionalProperties: false }),
          response: { 200: PlaceInspectionSchema, 400: RefusalSchema, 415: ProblemSchema },
        },
      },
      async (request) => {
        const format = FORMATS[mediaTypeOf(request.headers['content-type'])]!
        const inspection = await inspectPlaceFile(request.body as Buffer, format, namedSystem(request.query))
        const unreadable = inspection.headers.length === 0 ? inspection.problems[0] : undefined
        if (unreadable) throw new GazetteerError(400, `the file cannot be read: ${unreadable.message}`, { problems: inspection.problems })
        return inspection
      },
    )
    uploads.post(
      '/api/gazetteer/imports',
      {
        schema: {
          tags: ['gazetteer'],
          summary: 'Import place records from a CSV, XLSX, GeoJSON or zipped Shapefile',
          description: `${FORMAT_DESCRIPTION} GeoJSON and Shapefile features give the position by their geometry. Coordinates may be in WGS84, CGCS2000, GCJ-02, BD-09 or a CGCS2000 Gauss–Krüger zone EPSG:4491–4554 (\`coordinateSystem\` or \`crs\`; GET /api/coordinate-systems lists them); without either, a Shapefile’s .prj decides and other files are read as wgs84. They are stored as WGS84. Columns are recognised by their Chinese or English headers; \`mapping\` names the header that fills a place column where the file's headers differ (a Shapefile's .dbf cuts names to ten bytes). Columns not read and rows with a point more than 1 km outside the stored divisions are listed in \`warnings\` (they do not stop a load). With dryRun=true nothing is stored and the answer lists every problem by row and field; with dryRun=false all rows are stored in one transaction, or, when there is any problem, none (400 with the same list). A row whose place code names a stored record updates it.`,
          ...binaryBodySchema(Object.keys(FORMATS), 'the import file'),
          querystring: Type.Object(
            {
              dryRun: Type.Boolean(),
              ...CoordinateSystemQuery,
              mapping: Type.Optional(
                Type.String({
                  maxLength: 8000,
                  description:
                    'The column mapping as JSON: place column key (standardName, category, divisionCodes, …; POST /api/gazetteer/imports/inspect lists them) → the file’s header, e.g. {"standardName":"DMMC","category":"DMLB"}; "" reads no column for the key. Mapped headers take precedence over headers recognised by name; with a mapping, headers naming no place column are not read (a warning) instead of a problem.',
                }),
              ),
              filename: Type.Optional(Type.String({ maxLength: 200 })),
            },
            { additionalProperties: false },
          ),
          response: { 200: ImportOutcomeSchema, 201: ImportOutcomeSchema, 400: RefusalSchema, 415: ProblemSchema },
        },
      },
      async (request, reply) => {
        const format = FORMATS[mediaTypeOf(request.headers['content-type'])]!
        const { dryRun, filename } = request.query
        const coordinateSystem = namedSystem(request.query)
        const mapping = mappingParam(request.query.mapping)
        const outcome = await importPlaces(app.database.pool, actorOf(request), {
          bytes: request.body as Buffer,
          format,
          coordinateSystem,
          mapping,
          filename: filename ?? `upload.${format === 'shapefile' ? 'zip' : format}`,
          dryRun,
        })
        if (!dryRun && !outcome.ok) {
          const count = outcome.problems.length
          throw new GazetteerError(400, count > 0 ? `nothing was imported: the file has ${count} problem(s); the first is row ${outcome.problems[0]!.row}, ${outcome.problems[0]!.field || 'the file'}: ${outcome.problems[0]!.message}` : 'nothing was imported: the file has no rows', { problems: outcome.problems })
        }
        return reply.status(dryRun ? 200 : 201).send(outcome)
      },
    )
  })
}
