import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { ProblemSchema } from '../schemas/common.ts'
import {
  GazetteerIdParamsSchema,
  ProtectedNameCreateSchema,
  ProtectedNameListQuerySchema,
  ProtectedNameSchema,
  ProtectedNameUpdateSchema,
  type ProtectedNameFieldsInput,
} from '../schemas/gazetteer-assets.ts'
import { auditedChange } from '../audit/audited-change.ts'
import { actorOf } from '../plugins/auth.ts'
import { HttpError, sendStaleVersion } from '../plugins/problem-errors.ts'
import {
  deleteProtectedName,
  insertProtectedName,
  listProtectedNames,
  PlaceAlreadyProtectedError,
  readPlaceSummary,
  readProtectedName,
  readProtectedNameOfPlace,
  updateProtectedName,
  type ProtectedNameInput,
} from '../gazetteer/protected-names-repository.ts'

const StaleEntrySchema = Type.Object({ ...ProblemSchema.properties, current: ProtectedNameSchema })

function entryInput(body: Omit<ProtectedNameFieldsInput, 'version'>): ProtectedNameInput {
  return {
    level: body.level,
    batch: (body.batch ?? '').trim(),
    listedOn: body.listedOn ?? null,
    valueStatement: body.valueStatement ?? '',
    measures: body.measures ?? '',
  }
}

/**
 * The historical place-name protection list (历史地名保护名录): which
 * places are listed, at what level and why. Each place is listed at most
 * once; every change is audited.
 */
export const protectedNameRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const pool = app.database.pool

  app.get(
    '/api/gazetteer/protected-names',
    {
      schema: {
        tags: ['gazetteer'],
        summary: 'The protection list, each entry with its place’s standard name, romanization and status',
        querystring: ProtectedNameListQuerySchema,
        response: { 200: Type.Object({ protectedNames: Type.Array(ProtectedNameSchema) }) },
      },
    },
    async (request) => ({ protectedNames: await listProtectedNames(pool, request.query) }),
  )

  app.post(
    '/api/gazetteer/protected-names',
    {
      schema: {
        tags: ['gazetteer'],
        summary: 'Put a place on the protection list',
        body: ProtectedNameCreateSchema,
        response: { 201: ProtectedNameSchema, 400: ProblemSchema, 409: ProblemSchema },
      },
    },
    async (request, reply) => {
      const { placeId, ...fields } = request.body
      const input = entryInput(fields)
      const entry = await auditedChange(pool, actorOf(request), async (tx) => {
        if (!(await readPlaceSummary(tx, placeId))) throw new HttpError(400, `placeId: there is no place ${placeId}`)
        const listed = await readProtectedNameOfPlace(tx, placeId)
        if (listed) throw new HttpError(409, `placeId: place ${placeId} (${listed.place.standardName}) is on the protection list already, as entry ${listed.id}`)
        const created = await insertProtectedName(tx, placeId, input)
        return { result: created, audit: { entity: 'protected-name', entityId: created.id, action: 'create', before: null, after: created } }
      }).catch((error: unknown) => {
        if (error instanceof PlaceAlreadyProtectedError) throw new HttpError(409, error.message)
        throw error
      })
      return reply.status(201).header('location', `/api/gazetteer/protected-names/${entry.id}`).send(entry)
    },
  )

  app.put(
    '/api/gazetteer/protected-names/:id',
    {
      schema: {
        tags: ['gazetteer'],
        summary: 'Edit a protection entry',
        description: 'The body carries the version the edit started from; if the entry was saved since, the answer is 409 with the stored entry in `current`.',
        params: GazetteerIdParamsSchema,
        body: ProtectedNameUpdateSchema,
        response: { 200: ProtectedNameSchema, 400: ProblemSchema, 404: ProblemSchema, 409: Type.Union([StaleEntrySchema, ProblemSchema]) },
      },
    },
    async (request, reply) => {
      const { id } = request.params
      const { version, ...fields } = request.body
      const outcome = await auditedChange(pool, actorOf(request), async (tx) => {
        const before = await readProtectedName(tx, id)
        const result = await updateProtectedName(tx, id, version, entryInput(fields))
        const audit = result !== 'missing' && 'entry' in result ? { entity: 'protected-name', entityId: id, action: 'update', before, after: result.entry } : null
        return { result, audit }
      })
      if (outcome === 'missing') throw new HttpError(404, `no protection entry ${id}`)
      if ('stale' in outcome) {
        return sendStaleVersion(reply, `protection entry ${id} is at version ${outcome.stale.version}, not ${version}: it was saved since this edit began`, outcome.stale)
      }
      return outcome.entry
    },
  )

  app.delete(
    '/api/gazetteer/protected-names/:id',
    {
      schema: {
        tags: ['gazetteer'],
        summary: 'Take a place off the protection list',
        params: GazetteerIdParamsSchema,
        response: { 204: Type.Null(), 404: ProblemSchema },
      },
    },
    async (request, reply) => {
      const { id } = request.params
      const deleted = await auditedChange(pool, actorOf(request), async (tx) => {
        const before = await deleteProtectedName(tx, id)
        return { result: before, audit: before ? { entity: 'protected-name', entityId: id, action: 'delete', before, after: null } : null }
      })
      if (!deleted) throw new HttpError(404, `no protection entry ${id}`)
      return reply.status(204).send(null)
    },
  )
}
