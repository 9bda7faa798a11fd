import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { actorOf } from '../plugins/auth.ts'
import { acceptBinaryBodies, binaryBodySchema, mediaTypeOf } from '../plugins/binary-body.ts'
import { ProblemSchema } from '../schemas/common.ts'
import { GazetteerError } from '../gazetteer/gazetteer-errors.ts'
import { importPlaces } from '../gazetteer/import-places.ts'
import type { PlaceFileFormat } from '../gazetteer/read-place-table.ts'
import { CoordinateSystemParamSchema } from '../schemas/coordinate-systems.ts'
import { HttpError } from '../plugins/problem-errors.ts'
import { coordinateSystemParam } from './coordinate-systems.ts'

const FORMATS: Record<string, PlaceFileFormat> = {
  'text/csv': 'csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/geo+json': 'geojson',
  'application/json': 'geojson',
}
const IMPORT_MAX_BYTES = 30 * 1024 * 1024

const ProblemRowSchema = Type.Object({ row: Type.Integer(), field: Type.String(), message: Type.String(), value: Type.Optional(Type.String()) })
const ImportOutcomeSchema = Type.Object({
  dryRun: Type.Boolean(),
  ok: Type.Boolean(),
  encoding: Type.Union([Type.String(), Type.Null()]),
  rows: Type.Integer(),
  created: Type.Integer(),
  updated: Type.Integer(),
  problems: Type.Array(ProblemRowSchema),
  warnings: Type.Array(ProblemRowSchema, { description: 'Rows with a point more than 1 km outside the stored divisions: a wrong coordinate system, or a place outside the district. They do not stop a load.' }),
  preview: Type.Array(
    Type.Object({ row: Type.Integer(), placeCode: Type.Union([Type.String(), Type.Null()]), standardName: Type.String(), category: Type.String(), divisionCodes: Type.Array(Type.String()), action: Type.String() }),
  ),
})

/**
 * Importing place records from CSV, XLSX or GeoJSON: a dry run lists every
 * problem by row and field; a load stores all rows or, if anything is wrong,
 * none.
 */
export const gazetteerImportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(async (plain) => {
    const uploads = plain.withTypeProvider<TypeBoxTypeProvider>()
    acceptBinaryBodies(uploads, { mediaTypes: Object.keys(FORMATS), bodyLimit: IMPORT_MAX_BYTES })
    uploads.post(
      '/api/gazetteer/imports',
      {
        schema: {
          tags: ['gazetteer'],
          summary: 'Import place records from a CSV, XLSX or GeoJSON file',
          description:
            'The body is the file (at most 30 MiB, 50,000 rows); its format from Content-Type (text/csv, the XLSX type, application/geo+json). CSV may be UTF-8 or GBK/GB18030. Coordinates may be in WGS84, CGCS2000, GCJ-02, BD-09 or a CGCS2000 Gauss–Krüger zone EPSG:4491–4554 (`coordinateSystem` or `crs`, default wgs84; GET /api/coordinate-systems lists them) and are stored as WGS84. Rows with a point more than 1 km outside the stored divisions are listed in `warnings` (they do not stop a load). With dryRun=true nothing is stored and the answer lists every problem by row and field; with dryRun=false all rows are stored in one transaction, or, when there is any problem, none (400 with the same list). A row whose place code names a stored record updates it.',
          ...binaryBodySchema(Object.keys(FORMATS), 'the import file'),
          querystring: Type.Object(
            {
              dryRun: Type.Boolean(),
              coordinateSystem: Type.Optional(CoordinateSystemParamSchema),
              crs: Type.Optional({ ...CoordinateSystemParamSchema, description: 'The same as coordinateSystem, under the name the boundary import uses' }),
              filename: Type.Optional(Type.String({ maxLength: 200 })),
            },
            { additionalProperties: false },
          ),
          response: { 200: ImportOutcomeSchema, 201: ImportOutcomeSchema, 400: Type.Object({ ...ProblemSchema.properties, problems: Type.Optional(Type.Array(Type.Unknown())) }), 415: ProblemSchema },
        },
      },
      async (request, reply) => {
        const format = FORMATS[mediaTypeOf(request.headers['content-type'])]!
        const { dryRun, coordinateSystem, crs, filename } = request.query
        if (coordinateSystem !== undefined && crs !== undefined && coordinateSystem !== crs) {
          throw new HttpError(400, `crs: give the coordinate system once, as crs or as coordinateSystem, not "${crs}" and "${coordinateSystem}"`)
        }
        const outcome = await importPlaces(app.database.pool, actorOf(request), {
          bytes: request.body as Buffer,
          format,
          coordinateSystem: crs !== undefined ? coordinateSystemParam('crs', crs) : coordinateSystem !== undefined ? coordinateSystemParam('coordinateSystem', coordinateSystem) : 'wgs84',
          filename: filename ?? `upload.${format}`,
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
