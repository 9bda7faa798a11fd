import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { actorOf } from '../plugins/auth.ts'
import { IMPORT_FILE_MEDIA_TYPES, acceptBinaryBodies, binaryBodySchema } from '../plugins/binary-body.ts'
import { ProblemSchema } from '../schemas/common.ts'
import { BoundaryImportOutcomeSchema, BoundaryImportProblemSchema, BoundaryImportQuerySchema } from '../schemas/boundary-markers.ts'
import { importBoundaries } from '../boundaries/import-boundaries.ts'
import { coordinateSystemParam } from './coordinate-systems.ts'

/** The largest import file: 30 MiB. */
const IMPORT_MAX_BYTES = 30 * 1024 * 1024

/**
 * Importing boundary lines or markers from GeoJSON, CSV, XLSX or a zipped
 * Shapefile: a dry run lists every problem by row and field, a load stores
 * every row or none.
 */
export const boundaryImportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(async (plain) => {
    const uploads = plain.withTypeProvider<TypeBoxTypeProvider>()
    acceptBinaryBodies(uploads, { mediaTypes: IMPORT_FILE_MEDIA_TYPES, bodyLimit: IMPORT_MAX_BYTES })
    uploads.post(
      '/api/boundaries/imports',
      {
        schema: {
          tags: ['boundaries'],
          summary: 'Import boundary lines or markers',
          description:
            'The body is the file (at most 30 MiB): GeoJSON, CSV (UTF-8 or GBK), XLSX, or a Shapefile as a .zip of .shp, .dbf, .prj and .cpg (GBK attributes are read). Markers are placed by lng/lat columns (or Point features), lines by a WKT column (or LineString features); headers may be English keys or Chinese. Coordinates in `crs` (WGS84, CGCS2000, GCJ-02, BD-09 or a CGCS2000 Gauss–Krüger zone EPSG:4491–4554; GET /api/coordinate-systems lists them) are stored as WGS84; without `crs` a Shapefile’s .prj says the system (WGS84, CGCS2000 or a Gauss–Krüger zone; any other is a problem) and other files are taken as WGS84. Points more than 1 km outside the stored divisions are problems. With dryRun=true nothing is stored and every problem is listed by row and field; with dryRun=false every row is stored, or, when there is any problem, none (400 with the same list). A line whose code is stored updates it; a marker number already stored is a problem.',
          ...binaryBodySchema(IMPORT_FILE_MEDIA_TYPES, 'The import file'),
          querystring: BoundaryImportQuerySchema,
          response: {
            200: BoundaryImportOutcomeSchema,
            201: BoundaryImportOutcomeSchema,
            400: Type.Object({ ...ProblemSchema.properties, problems: Type.Optional(Type.Array(BoundaryImportProblemSchema)) }),
            413: ProblemSchema,
            415: ProblemSchema,
          },
        },
      },
      async (request, reply) => {
        const { kind, format, crs, dryRun } = request.query
        const named = crs === undefined ? null : coordinateSystemParam('crs', crs)
        const outcome = await importBoundaries(app.database.pool, actorOf(request), { kind, format, crs: named, dryRun, bytes: request.body as Buffer })
        if (!dryRun && outcome.problems.length > 0) {
          const first = outcome.problems[0]!
          return reply
            .status(400)
            .type('application/problem+json')
            .send({
              type: 'about:blank',
              title: 'Bad Request',
              status: 400,
              detail: `nothing was imported: the file has ${outcome.problems.length} problem(s); the first is row ${first.row}, ${first.field || 'the file'}: ${first.message}`,
              problems: outcome.problems,
            })
        }
        return reply.status(dryRun ? 200 : 201).send(outcome)
      },
    )
  })
}
