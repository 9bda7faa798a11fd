import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { ImportJobs } from '../imports/import-jobs.ts'
import { importJobRoutes, publicJob } from './import-job-routes.ts'
import { IMPORT_MAPPING_ACCESS } from '../auth/access-policy.ts'
import { deleteMapping, findMappingById, listMappings, saveMapping, type MappingLayer } from '../imports/layers/import-mappings-repository.ts'
import { importLayer, inspectLayerFile, type LayerImportOutcome } from '../imports/layers/layer-import-service.ts'
import type { ColumnMapping } from '../imports/layers/layer-kinds.ts'
import { actorOf } from '../plugins/auth.ts'
import { IMPORT_FILE_MEDIA_TYPES, acceptBinaryBodies, binaryBodySchema } from '../plugins/binary-body.ts'
import { HttpError } from '../plugins/problem-errors.ts'
import { ProblemSchema } from '../schemas/common.ts'
import {
  ImportJobParamsSchema,
  ImportProblemSchema,
  ImportJobSchema,
  ImportMappingBodySchema,
  ImportMappingSchema,
  LayerImportQuerySchema,
  LayerInspectQuerySchema,
  LayerInspectionSchema,
  MappingLayerSchema,
} from '../schemas/layer-imports.ts'
import { coordinateSystemParam } from './coordinate-systems.ts'

/** The largest file: 100 MiB. */
const IMPORT_MAX_BYTES = 100 * 1024 * 1024

const FILE_DESCRIPTION =
  'The body is the file (at most 100 MiB): GeoJSON, CSV (UTF-8 or GBK), XLSX (first sheet), or a Shapefile as a .zip of .shp, .dbf, .prj and .cpg (GBK attributes are read). Coordinates are in `crs` (wgs84, cgcs2000, gcj02, bd09 or a CGCS2000 Gauss–Krüger zone EPSG:4491–4554; GET /api/coordinate-systems), or, without it, in the system a Shapefile’s .prj names, else WGS84.'

function mappingParam(value: string): ColumnMapping {
  let parsed: unknown
  try {
    parsed = JSON.parse(value)
  } catch {
    throw new HttpError(400, 'mapping: not JSON; send an object of field key → column header, such as {"name":"设施名称"}')
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || !Object.values(parsed).every((v) => typeof v === 'string')) {
    throw new HttpError(400, 'mapping: expected an object of field key → column header (both text)')
  }
  return parsed as ColumnMapping
}

/** Whether the caller may use the saved mappings of a layer (see {@link IMPORT_MAPPING_ACCESS}). */
function mayUseMappings(request: FastifyRequest, layer: MappingLayer): boolean {
  const roles = request.user?.roles ?? []
  return IMPORT_MAPPING_ACCESS[layer].some((role) => roles.includes(role))
}

function checkMappingAccess(request: FastifyRequest, layer: MappingLayer): void {
  if (!mayUseMappings(request, layer)) throw new HttpError(403, `the saved mappings of ${layer} need the role ${IMPORT_MAPPING_ACCESS[layer].join(' or ')}`)
}

/**
 * Importing facilities, compounds and divisions from files: inspect a file
 * for the mapping step, run a dry run or a commit as a job whose progress
 * is polled and which can be cancelled, and keep column mappings.
 */
export const layerImportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const pool = app.database.pool
  const jobs = new ImportJobs<LayerImportOutcome>()
  app.addHook('onClose', () => jobs.close())


  await app.register(async (plain) => {
    const uploads = plain.withTypeProvider<TypeBoxTypeProvider>()
    acceptBinaryBodies(uploads, { mediaTypes: IMPORT_FILE_MEDIA_TYPES, bodyLimit: IMPORT_MAX_BYTES })
    uploads.post(
      '/api/layer-imports/inspect',
      {
        schema: {
          tags: ['imports'],
          summary: 'Read a file’s columns for the mapping step',
          description: `${FILE_DESCRIPTION} Answers the headers, the first rows, the geometry found, and the mapping the server suggests from the headers (Chinese or English); nothing is stored.`,
          ...binaryBodySchema(IMPORT_FILE_MEDIA_TYPES, 'The import file'),
          querystring: LayerInspectQuerySchema,
          response: { 200: LayerInspectionSchema, 400: Type.Object({ ...ProblemSchema.properties, problems: Type.Optional(Type.Array(ImportProblemSchema)) }), 413: ProblemSchema, 415: ProblemSchema },
        },
      },
      async (request, reply) => {
        const { layer, format, crs } = request.query
        const inspection = await inspectLayerFile(layer, format, crs === undefined ? null : coordinateSystemParam('crs', crs), request.body as Buffer)
        if (inspection.headers.length === 0 && inspection.problems.length > 0) {
          return reply
            .status(400)
            .type('application/problem+json')
            .send({ type: 'about:blank', title: 'Bad Request', status: 400, detail: `the file cannot be read as ${format}: ${inspection.problems[0]!.message}`, problems: inspection.problems })
        }
        return inspection
      },
    )
    uploads.post(
      '/api/layer-imports',
      {
        schema: {
          tags: ['imports'],
          summary: 'Start importing facilities, compounds or divisions',
          description: `${FILE_DESCRIPTION} Starts a job (202) whose progress GET /api/layer-imports/{id} answers. With dryRun=true nothing is stored and the outcome lists every problem by row and field, with a map preview; with dryRun=false the rows are stored as a new dataset version in one transaction, or, when there is any problem, nothing. With \`replaces\` the import is the next version of that dataset: its rows of the layer are archived (GET /api/datasets/{id}/features still answers them).`,
          ...binaryBodySchema(IMPORT_FILE_MEDIA_TYPES, 'The import file'),
          querystring: LayerImportQuerySchema,
          response: { 202: ImportJobSchema, 400: ProblemSchema, 413: ProblemSchema, 415: ProblemSchema },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request)
        const { layer, format, crs, mapping, dryRun, series, replaces, fileName } = request.query
        const named = crs === undefined ? null : coordinateSystemParam('crs', crs)
        const columns = mappingParam(mapping)
        const job = jobs.start({ ownerId: actor.id, layer, dryRun }, ({ signal, progress }) =>
          importLayer(
            pool,
            actor,
            {
              layer,
              format,
              crs: named,
              mapping: columns,
              dryRun,
              series: series ?? null,
              replaces: replaces ?? null,
              fileName: fileName ?? '',
              bytes: request.body as Buffer,
            },
            { signal, onProgress: (p) => progress(p.phase, p.done, p.total) },
          ),
        )
        return reply.status(202).send(publicJob(job))
      },
    )
  })

  await app.register(importJobRoutes, { path: '/api/layer-imports', jobs: jobs as ImportJobs<unknown>, jobSchema: ImportJobSchema, what: 'import job' })

  app.get(
    '/api/import-mappings',
    {
      schema: {
        tags: ['imports'],
        summary: 'Saved column mappings',
        description: 'The mappings of `layer`, or of every layer the caller imports (places: place-name editors; the others: planners and administrators).',
        querystring: Type.Object({ layer: Type.Optional(MappingLayerSchema) }, { additionalProperties: false }),
        response: { 200: Type.Object({ mappings: Type.Array(ImportMappingSchema) }), 403: ProblemSchema },
      },
    },
    async (request) => {
      const { layer } = request.query
      if (layer !== undefined) checkMappingAccess(request, layer)
      return { mappings: (await listMappings(pool, layer)).filter((m) => mayUseMappings(request, m.layer)) }
    },
  )
  app.put(
    '/api/import-mappings',
    {
      schema: {
        tags: ['imports'],
        summary: 'Save a column mapping under a name (overwrites one of the same layer and name)',
        body: ImportMappingBodySchema,
        response: { 200: ImportMappingSchema, 403: ProblemSchema },
      },
    },
    async (request) => {
      checkMappingAccess(request, request.body.layer)
      const name = request.body.name.trim()
      if (name === '') throw new HttpError(400, 'name: give the mapping a name')
      return saveMapping(pool, request.body.layer, name, request.body.mapping, actorOf(request).name)
    },
  )
  app.delete(
    '/api/import-mappings/:id',
    {
      schema: {
        tags: ['imports'],
        summary: 'Delete a saved column mapping',
        params: Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) }, { additionalProperties: false }),
        response: { 204: Type.Null(), 403: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (request, reply) => {
      const saved = await findMappingById(pool, request.params.id)
      if (saved) checkMappingAccess(request, saved.layer)
      if (!saved || !(await deleteMapping(pool, saved.id))) throw new HttpError(404, `there is no saved mapping ${request.params.id}`)
      return reply.status(204).send(null)
    },
  )
}
