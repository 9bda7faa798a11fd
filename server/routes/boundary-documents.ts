import { createHash } from 'node:crypto'
import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { ProblemSchema } from '../schemas/common.ts'
import { DocumentListQuerySchema, DocumentUploadQuerySchema } from '../schemas/boundary-inspections.ts'
import { BoundaryIdParamsSchema, DocumentSchema } from '../schemas/boundary-common.ts'
import { auditedChange } from '../audit/audited-change.ts'
import { actorOf } from '../plugins/auth.ts'
import { HttpError } from '../plugins/problem-errors.ts'
import { acceptBinaryBodies, binaryBodySchema, mediaTypeOf } from '../plugins/binary-body.ts'
import { documentExists, documentOwnerExists, insertDocument, listDocuments, readDocumentContent, type DocumentOwner } from '../boundaries/documents-repository.ts'
import { seesSensitiveBoundaryData } from '../boundaries/sensitive-access.ts'
import { contentDisposition } from './gazetteer-files.ts'

/** The file types the archives take: scans and photos, and Word and Excel files. */
export const DOCUMENT_MEDIA_TYPES = [
  'application/pdf',
  'image/jpeg',
  'image/png',
  'image/webp',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
] as const
/** The largest archive file taken: 20 MiB. */
export const DOCUMENT_MAX_BYTES = 20 * 1024 * 1024

const EXTENSIONS: Record<string, string> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
}

const OWNER_FIELDS = ['lineId', 'markerId', 'inspectionId', 'divisionEventId'] as const
const OWNER_NAMES: Record<(typeof OWNER_FIELDS)[number], string> = {
  lineId: 'boundary line',
  markerId: 'boundary marker',
  inspectionId: 'inspection',
  divisionEventId: 'division event',
}

/** A file name as given, without any folder part or control characters, at most 200 characters; empty when nothing is left. */
export function cleanDocumentFilename(given: string | undefined): string {
  const base = (given ?? '').split(/[/\\]/).pop() ?? ''
  return [...base.replace(/[\u0000-\u001f\u007f]/g, '').trim()].slice(-200).join('')
}

/**
 * The delimitation archives (勘界档案): agreements, maps, marker tables,
 * inspection reports, photos and change orders attached to a line, a
 * marker, an inspection or a division event, each stored with the
 * SHA-256 computed here and how many years it must be kept. Everyone who
 * may read sees the list; only boundary editors and administrators get
 * the files. Archives are kept: there is no route to delete a document.
 */
export const boundaryDocumentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const pool = app.database.pool

  app.get(
    '/api/boundaries/documents',
    {
      schema: {
        tags: ['boundaries'],
        summary: 'Archive documents of a line, marker, inspection or division event (all without a filter), without their content',
        querystring: DocumentListQuerySchema,
        response: { 200: Type.Object({ documents: Type.Array(DocumentSchema) }) },
      },
    },
    async (request) => ({ documents: await listDocuments(pool, request.query) }),
  )

  app.get(
    '/api/boundaries/documents/:id/content',
    {
      schema: {
        tags: ['boundaries'],
        summary: 'Download an archive document (boundary editors and administrators only)',
        description: 'Answers 403 for callers without access to sensitive boundary data; the `x-content-sha256` header carries the stored checksum.',
        params: BoundaryIdParamsSchema,
      },
    },
    async (request, reply) => {
      const { id } = request.params
      if (!seesSensitiveBoundaryData(request.user)) {
        if (!(await documentExists(pool, id))) throw new HttpError(404, `no document ${id}`)
        throw new HttpError(403, 'the files of the boundary archives are for boundary editors and administrators only; the list of documents is open to every reader')
      }
      const document = await readDocumentContent(pool, id)
      if (!document) throw new HttpError(404, `no document ${id}`)
      return reply
        .type(document.mediaType)
        .header('content-disposition', contentDisposition(document.filename))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-cache')
        .header('x-content-sha256', document.sha256)
        .send(document.content)
    },
  )

  await app.register(async (plugin) => {
    acceptBinaryBodies(plugin, { mediaTypes: DOCUMENT_MEDIA_TYPES, bodyLimit: DOCUMENT_MAX_BYTES })
    const uploads = plugin.withTypeProvider<TypeBoxTypeProvider>()
    uploads.post(
      '/api/boundaries/documents',
      {
        schema: {
          tags: ['boundaries'],
          summary: 'Add a document to the boundary archives',
          description:
            'The body is the file itself (PDF, JPEG, PNG, WebP, DOCX or XLSX, at most 20 MiB, checked by its first bytes) with the matching content-type. Exactly one of `lineId`, `markerId`, `inspectionId`, `divisionEventId` says what it belongs to. `retentionYears` left out: kept permanently. The SHA-256 is computed here.',
          querystring: DocumentUploadQuerySchema,
          ...binaryBodySchema(DOCUMENT_MEDIA_TYPES, 'The file (PDF, JPEG, PNG, WebP, DOCX or XLSX), at most 20 MiB'),
          response: { 201: DocumentSchema, 400: ProblemSchema, 413: ProblemSchema, 415: ProblemSchema },
        },
      },
      async (request, reply) => {
        const content: unknown = request.body
        if (!Buffer.isBuffer(content)) throw new HttpError(415, `send the file as the raw body with content-type ${DOCUMENT_MEDIA_TYPES.join(', ')}`)
        const { docType, retentionYears } = request.query
        const given = OWNER_FIELDS.filter((field) => request.query[field] !== undefined)
        if (given.length !== 1) {
          throw new HttpError(400, `lineId: give exactly one of ${OWNER_FIELDS.join(', ')} (the document belongs to one thing)${given.length ? `, not ${given.join(' and ')}` : ''}`)
        }
        const field = given[0]!
        const owner: DocumentOwner = { [field]: request.query[field] }
        const title = request.query.title.trim()
        if (title === '') throw new HttpError(400, 'title: must not be blank')
        const mediaType = mediaTypeOf(request.headers['content-type'])
        const filename = cleanDocumentFilename(request.query.filename) || `${docType}.${EXTENSIONS[mediaType] ?? 'bin'}`
        const sha256 = createHash('sha256').update(content).digest('hex')
        const actor = actorOf(request)
        const document = await auditedChange(pool, actor, async (tx) => {
          if (!(await documentOwnerExists(tx, owner))) throw new HttpError(400, `${field}: there is no ${OWNER_NAMES[field]} ${request.query[field]}`)
          const stored = await insertDocument(tx, { owner, docType, title, filename, mediaType, sha256, retentionYears: retentionYears ?? null, content, uploadedBy: actor.name })
          return { result: stored, audit: { entity: 'boundary-document', entityId: stored.id, action: 'upload', before: null, after: stored } }
        })
        return reply.status(201).header('location', `/api/boundaries/documents/${document.id}/content`).send(document)
      },
    )
  })
}
