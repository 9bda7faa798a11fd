import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { actorOf } from '../plugins/auth.ts'
import { auditedChange } from '../audit/audited-change.ts'
import { ProblemSchema } from '../schemas/common.ts'
import {
  CaseActionSchema,
  CaseCreateSchema,
  CaseFileParamsSchema,
  CaseIdParamsSchema,
  CaseListQuerySchema,
  CaseUpdateSchema,
  GazetteerProblemSchema,
  NamingCaseDetailSchema,
  NamingCaseSchema,
} from '../schemas/gazetteer.ts'
import { GazetteerError } from '../gazetteer/gazetteer-errors.ts'
import { CASE_ACTIONS, EDITABLE_STATUSES } from '../gazetteer/naming-cases.ts'
import { listCases, readCase, readCaseDetail } from '../gazetteer/cases-repository.ts'
import { deleteCaseFile, insertGazetteerFile } from '../gazetteer/gazetteer-files-repository.ts'
import { acceptBinaryBodies, binaryBodySchema, mediaTypeOf } from '../plugins/binary-body.ts'
import { completePlaceFields, type PartialPlaceFields } from '../gazetteer/place-record.ts'

const ATTACHMENT_TYPES = [
  'application/pdf',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'image/jpeg',
  'image/png',
  'image/webp',
]
const ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024

/** A proposal as sent, with any record fields in it filled to a whole record. */
function withWholeFields(proposal: Record<string, unknown>): Record<string, unknown> {
  if (!proposal.fields || typeof proposal.fields !== 'object') return proposal
  return { ...proposal, fields: completePlaceFields(proposal.fields as PartialPlaceFields) }
}

/**
 * Naming cases (申报): naming, renaming, retiring and correction, from draft
 * to announcement. Editors draft, submit and withdraw; approvers review,
 * return, reject and approve, and an approval changes the gazetteer in the
 * same transaction.
 */
export const gazetteerCaseRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const pool = app.database.pool
  const cases = app.gazetteer.cases

  app.get(
    '/api/gazetteer/cases',
    {
      schema: {
        tags: ['gazetteer'],
        summary: 'Naming cases, most recently changed first',
        querystring: CaseListQuerySchema,
        response: { 200: Type.Object({ total: Type.Integer(), cases: Type.Array(NamingCaseSchema) }) },
      },
    },
    async (request) => {
      const q = request.query
      return listCases(pool, { status: q.status, kind: q.kind, placeId: q.placeId, limit: q.limit ?? 50, offset: q.offset ?? 0 })
    },
  )

  app.get(
    '/api/gazetteer/cases/:id',
    { schema: { tags: ['gazetteer'], summary: 'One case with its events and attachments', params: CaseIdParamsSchema, response: { 200: NamingCaseDetailSchema, 404: ProblemSchema } } },
    async (request) => {
      const found = await readCaseDetail(pool, request.params.id)
      if (!found) throw new GazetteerError(404, `no naming case ${request.params.id}`)
      return found
    },
  )

  app.post(
    '/api/gazetteer/cases',
    {
      schema: {
        tags: ['gazetteer'],
        summary: 'Open a case as a draft',
        body: CaseCreateSchema,
        response: { 201: NamingCaseDetailSchema, 400: GazetteerProblemSchema },
      },
    },
    async (request, reply) => {
      const body = request.body
      const created = await cases.create(actorOf(request), { kind: body.kind, placeId: body.placeId, title: body.title, proposal: withWholeFields(body.proposal as Record<string, unknown>), reason: body.reason ?? '' })
      return reply.status(201).header('location', `/api/gazetteer/cases/${created.id}`).send(created)
    },
  )

  app.put(
    '/api/gazetteer/cases/:id',
    {
      schema: {
        tags: ['gazetteer'],
        summary: 'Edit a draft or returned case',
        params: CaseIdParamsSchema,
        body: CaseUpdateSchema,
        response: { 200: NamingCaseDetailSchema, 400: GazetteerProblemSchema, 404: ProblemSchema, 409: GazetteerProblemSchema },
      },
    },
    async (request) => {
      const body = request.body
      return cases.editDraft(actorOf(request), request.params.id, body.version, { title: body.title, proposal: withWholeFields(body.proposal as Record<string, unknown>), reason: body.reason ?? '' })
    },
  )

  for (const action of CASE_ACTIONS) {
    app.post(
      `/api/gazetteer/cases/:id/${action}`,
      {
        schema: {
          tags: ['gazetteer'],
          summary: `Case step: ${action}`,
          description:
            'Every step carries the version of the case it was taken from (409 with `current` when stale). submit: lists identical and same-sounding names (409 with `similarNames`) until `acknowledgeSimilar: true`. start-review: optional public notice dates. return and reject: a note is required. approve: authority, document number and date (not for corrections); applies the change to the place. file and announce: the date (`on`).',
          params: CaseIdParamsSchema,
          body: CaseActionSchema,
          response: { 200: NamingCaseDetailSchema, 400: GazetteerProblemSchema, 404: ProblemSchema, 409: GazetteerProblemSchema },
        },
      },
      async (request) => cases.act(actorOf(request), request.params.id, action, request.body),
    )
  }

  await app.register(async (plain) => {
    const uploads = plain.withTypeProvider<TypeBoxTypeProvider>()
    acceptBinaryBodies(uploads, { mediaTypes: ATTACHMENT_TYPES, bodyLimit: ATTACHMENT_MAX_BYTES })
    uploads.post(
      '/api/gazetteer/cases/:id/attachments',
      {
        schema: {
          tags: ['gazetteer'],
          summary: 'Attach a report to a case (assessment, expert, consultation, notice, approval)',
          description: 'The body is the file itself (PDF, Word, Excel or an image, at most 20 MiB), its type in Content-Type; kind and filename in the query.',
          params: CaseIdParamsSchema,
          ...binaryBodySchema(ATTACHMENT_TYPES, 'the file'),
          querystring: Type.Object(
            {
              kind: Type.Union(['assessment', 'expert', 'consultation', 'notice', 'approval', 'other'].map((k) => Type.Literal(k))),
              filename: Type.String({ minLength: 1, maxLength: 200 }),
            },
            { additionalProperties: false },
          ),
          response: { 201: NamingCaseDetailSchema.properties.attachments.items, 400: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema, 415: ProblemSchema },
        },
      },
      async (request, reply) => {
        const { id } = request.params
        const content = request.body as Buffer
        const mediaType = mediaTypeOf(request.headers['content-type'])
        const actor = actorOf(request)
        const attachment = await auditedChange(pool, actor, async (tx) => {
          const found = await readCase(tx, id)
          if (!found) throw new GazetteerError(404, `no naming case ${id}`)
          if (['approved', 'filed', 'announced', 'rejected', 'withdrawn'].includes(found.status) && request.query.kind !== 'approval' && request.query.kind !== 'notice') {
            throw new GazetteerError(409, `case ${id} is ${found.status}: only the approval document or a notice can still be attached`)
          }
          const file = await insertGazetteerFile(tx, { owner: { caseId: id }, kind: request.query.kind, filename: request.query.filename.trim(), mediaType, content, uploadedBy: actor.name })
          return { result: file, audit: { entity: 'naming-case', entityId: id, action: 'attach', before: null, after: { fileId: file.id, kind: file.kind, filename: file.filename, sizeBytes: file.sizeBytes } } }
        })
        return reply.status(201).header('location', `/api/gazetteer/files/${attachment.id}`).send(attachment)
      },
    )
  })

  app.delete(
    '/api/gazetteer/cases/:id/attachments/:fileId',
    { schema: { tags: ['gazetteer'], summary: 'Remove an attachment from a draft or returned case', params: CaseFileParamsSchema, response: { 204: Type.Null(), 404: ProblemSchema, 409: ProblemSchema } } },
    async (request, reply) => {
      const { id, fileId } = request.params
      await auditedChange(pool, actorOf(request), async (tx) => {
        const found = await readCase(tx, id)
        if (!found) throw new GazetteerError(404, `no naming case ${id}`)
        if (!EDITABLE_STATUSES.includes(found.status)) throw new GazetteerError(409, `case ${id} is ${found.status.replace('_', ' ')}: attachments stay once a case is submitted`)
        const removed = await deleteCaseFile(tx, id, fileId)
        if (!removed) throw new GazetteerError(404, `case ${id} has no attachment ${fileId}`)
        return { result: removed, audit: { entity: 'naming-case', entityId: id, action: 'detach', before: { fileId, filename: removed.filename }, after: null } }
      })
      return reply.status(204).send(null)
    },
  )
}
