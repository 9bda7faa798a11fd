import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { Static } from 'typebox'
import { ImportJobs } from '../imports/import-jobs.ts'
import { importJobRoutes, publicJob } from './import-job-routes.ts'
import { importOsmFile, osmAttribution, type OsmImportResult } from '../imports/osm/import-osm-file.ts'
import { actorOf } from '../plugins/auth.ts'
import { acceptStreamedBodies, binaryBodySchema, saveUploadToFile } from '../plugins/binary-body.ts'
import { HttpError } from '../plugins/problem-errors.ts'
import { ProblemSchema } from '../schemas/common.ts'
import { ImportJobParamsSchema, NetworkImportJobSchema, NetworkImportOutcomeSchema, NetworkImportQuerySchema } from '../schemas/layer-imports.ts'

type NetworkImportOutcome = Static<typeof NetworkImportOutcomeSchema>

const OSM_MEDIA_TYPES = ['application/octet-stream', 'application/xml', 'text/xml', 'application/vnd.openstreetmap.data+xml', 'application/x-protobuf'] as const
/** The largest OSM file taken through the browser: 1 GiB (it is streamed to disk, not held in memory). */
const OSM_MAX_BYTES = 2 ** 30

function outcomeOf(result: OsmImportResult, fileName: string, dryRun: boolean): NetworkImportOutcome {
  const { counts, figures, stored } = result
  return {
    dryRun,
    fileName,
    figures,
    counts: {
      nodesRead: counts.nodesRead,
      waysRead: counts.waysRead,
      highwayWays: counts.highwayWays,
      walkableWays: counts.walkableWays,
      closedToWalkers: counts.closedToWalkers,
      pointsOfInterest: counts.pointsOfInterest,
    },
    candidates: { facilities: result.candidates.facilities.features.length, compounds: result.candidates.compounds.features.length },
    dataset: stored ? { id: stored.datasetId, series: stored.series, version: stored.version } : null,
    replaced: stored?.replaced ? { id: stored.replaced.id, series: stored.replaced.series, version: stored.replaced.version, archivedEdges: stored.replaced.archivedEdges } : null,
    attribution: osmAttribution,
  }
}

/**
 * Importing a walk network from an OpenStreetMap file uploaded in the
 * browser: the body is streamed to a temporary file, then read by the same
 * importer as `import:osm`, as a job whose progress is polled and which
 * can be cancelled.
 */
export const networkImportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const pool = app.database.pool
  const jobs = new ImportJobs<NetworkImportOutcome>()
  app.addHook('onClose', () => jobs.close())


  await app.register(async (plain) => {
    const uploads = plain.withTypeProvider<TypeBoxTypeProvider>()
    acceptStreamedBodies(uploads, OSM_MEDIA_TYPES)
    uploads.post(
      '/api/network-imports',
      {
        schema: {
          tags: ['imports'],
          summary: 'Start importing a walk network from an OpenStreetMap file',
          description:
            'The body is the .osm or .osm.pbf file (at most 1 GiB, streamed to disk); `fileName` tells the format. Starts a job (202) whose progress GET /api/network-imports/{id} answers. The walk rules, figures and one-transaction load are those of `npm run cli -- import:osm`; with `replaces`, that dataset’s network is archived.',
          ...binaryBodySchema(OSM_MEDIA_TYPES, 'The .osm or .osm.pbf file'),
          querystring: NetworkImportQuerySchema,
          response: { 202: NetworkImportJobSchema, 400: ProblemSchema, 413: ProblemSchema, 415: ProblemSchema },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request)
        const { fileName, dryRun, series, replaces } = request.query
        const dir = await mkdtemp(path.join(os.tmpdir(), 'lifecircle-osm-'))
        const file = path.join(dir, fileName.toLowerCase().endsWith('.pbf') ? 'upload.osm.pbf' : 'upload.osm')
        try {
          await saveUploadToFile(request.body as unknown as NodeJS.ReadableStream, file, OSM_MAX_BYTES)
        } catch (error) {
          await rm(dir, { recursive: true, force: true })
          throw error
        }
        const job = jobs.start({ ownerId: actor.id, layer: 'network', dryRun }, async ({ signal, progress }) => {
          try {
            const result = await importOsmFile(pool, file, {
              dryRun,
              series: series ?? `OpenStreetMap ${fileName}`,
              replaces,
              importedBy: actor.name,
              signal,
              onProgress: (p) => progress(p.phase === 'read' ? 'reading' : 'storing', Math.round(p.fraction * 1000), 1000),
            })
            return outcomeOf(result, fileName, dryRun)
          } catch (error) {
            // The reader names the file it read, which is a temporary copy: name the upload instead.
            if (error instanceof Error) error.message = error.message.replaceAll(file, fileName)
            throw error
          } finally {
            await rm(dir, { recursive: true, force: true })
          }
        })
        return reply.status(202).send(publicJob(job))
      },
    )
  })

  await app.register(importJobRoutes, { path: '/api/network-imports', jobs: jobs as ImportJobs<unknown>, jobSchema: NetworkImportJobSchema, what: 'network import job' })
}
