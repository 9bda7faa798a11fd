import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { ProblemSchema } from '../schemas/common.ts'
import {
  StandardSetCopySchema,
  StandardSetCreateSchema,
  StandardSetParamsSchema,
  StandardSetSchema,
  StandardSetUpdateSchema,
  StandardSetVersionParamsSchema,
  StandardRuleSchema,
} from '../schemas/standards.ts'
import { auditedChange } from '../audit/audited-change.ts'
import { actorOf } from '../plugins/auth.ts'
import { HttpError, sendStaleVersion } from '../plugins/problem-errors.ts'
import { readFacilityKinds } from '../layers/layers-repository.ts'
import { findRuleProblem, type StandardRule } from '../standards/standard-rules.ts'
import {
  deleteStandardSet,
  insertStandardSet,
  listStandardSets,
  makeDefaultStandardSet,
  readDefaultStandardSetId,
  readStandardSet,
  readStandardSetVersion,
  StandardSetNameTakenError,
  updateStandardSet,
} from '../standards/standards-repository.ts'

const StaleSetSchema = Type.Object({ ...ProblemSchema.properties, current: StandardSetSchema })

/**
 * Standard sets: the rules communities are measured against. Presets ship
 * with the application; any set can be copied and edited, every save keeps
 * its earlier version readable, and one set is the default for reports that
 * name none.
 */
export const standardSetRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const pool = app.database.pool

  async function checkRules(rules: StandardRule[]) {
    const kinds = new Set((await readFacilityKinds(pool)).map((k) => k.code))
    const problem = findRuleProblem(rules, kinds)
    if (problem) throw new HttpError(400, problem)
  }
  const nameTaken = (error: unknown): never => {
    if (error instanceof StandardSetNameTakenError) throw new HttpError(409, error.message)
    throw error
  }
  const trimmedName = (name: string) => {
    const trimmed = name.trim()
    if (trimmed === '') throw new HttpError(400, 'name: must not be blank')
    return trimmed
  }

  app.get(
    '/api/standard-sets',
    { schema: { tags: ['standards'], summary: 'Standard sets, the default first', response: { 200: Type.Object({ sets: Type.Array(StandardSetSchema) }) } } },
    async () => ({ sets: await listStandardSets(pool) }),
  )

  app.get(
    '/api/standard-sets/:id',
    { schema: { tags: ['standards'], summary: 'One standard set with its rules', params: StandardSetParamsSchema, response: { 200: StandardSetSchema, 404: ProblemSchema } } },
    async (request) => {
      const set = await readStandardSet(pool, request.params.id)
      if (!set) throw new HttpError(404, `no standard set ${request.params.id}`)
      return set
    },
  )

  app.get(
    '/api/standard-sets/:id/versions/:version',
    {
      schema: {
        tags: ['standards'],
        summary: 'A standard set as it was at an earlier version',
        params: StandardSetVersionParamsSchema,
        response: {
          200: Type.Object({ id: Type.Integer(), name: Type.String(), version: Type.Integer(), newResidentialFromYear: Type.Integer(), rules: Type.Array(StandardRuleSchema), savedAt: Type.String() }),
          404: ProblemSchema,
        },
      },
    },
    async (request) => {
      const { id, version } = request.params
      const found = await readStandardSetVersion(pool, id, version)
      if (!found) throw new HttpError(404, `standard set ${id} has no version ${version}`)
      return found
    },
  )

  app.post(
    '/api/standard-sets',
    { schema: { tags: ['standards'], summary: 'Create a standard set', body: StandardSetCreateSchema, response: { 201: StandardSetSchema, 400: ProblemSchema, 409: ProblemSchema } } },
    async (request, reply) => {
      const body = request.body
      await checkRules(body.rules)
      const input = { name: trimmedName(body.name), description: body.description ?? '', newResidentialFromYear: body.newResidentialFromYear ?? 2021, rules: body.rules }
      const set = await auditedChange(pool, actorOf(request), async (tx) => {
        const created = await insertStandardSet(tx, input)
        return { result: created, audit: { entity: 'standard-set', entityId: created.id, action: 'create', before: null, after: created } }
      }).catch(nameTaken)
      return reply.status(201).header('location', `/api/standard-sets/${set.id}`).send(set)
    },
  )

  app.post(
    '/api/standard-sets/:id/copy',
    {
      schema: {
        tags: ['standards'],
        summary: 'Copy a standard set under a new name, to edit it',
        params: StandardSetParamsSchema,
        body: StandardSetCopySchema,
        response: { 201: StandardSetSchema, 400: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema },
      },
    },
    async (request, reply) => {
      const source = await readStandardSet(pool, request.params.id)
      if (!source) throw new HttpError(404, `no standard set ${request.params.id}`)
      const input = { name: trimmedName(request.body.name), description: source.description, newResidentialFromYear: source.newResidentialFromYear, rules: source.rules }
      const set = await auditedChange(pool, actorOf(request), async (tx) => {
        const created = await insertStandardSet(tx, input)
        return { result: created, audit: { entity: 'standard-set', entityId: created.id, action: 'copy', before: { copiedFrom: source.id }, after: created } }
      }).catch(nameTaken)
      return reply.status(201).header('location', `/api/standard-sets/${set.id}`).send(set)
    },
  )

  app.put(
    '/api/standard-sets/:id',
    {
      schema: {
        tags: ['standards'],
        summary: 'Replace a standard set’s name, description and rules',
        description: 'The body carries the version the edit started from; if the set was saved since, the answer is 409 with the stored set. Every save raises the version; earlier versions stay readable.',
        params: StandardSetParamsSchema,
        body: StandardSetUpdateSchema,
        response: { 200: StandardSetSchema, 400: ProblemSchema, 404: ProblemSchema, 409: Type.Union([StaleSetSchema, ProblemSchema]) },
      },
    },
    async (request, reply) => {
      const body = request.body
      await checkRules(body.rules)
      const { id } = request.params
      const input = { name: trimmedName(body.name), description: body.description ?? '', newResidentialFromYear: body.newResidentialFromYear ?? 2021, rules: body.rules }
      const result = await auditedChange(pool, actorOf(request), async (tx) => {
        const before = await readStandardSet(tx, id)
        const outcome = await updateStandardSet(tx, id, body.version, input)
        const audit = outcome !== 'missing' && 'set' in outcome ? { entity: 'standard-set', entityId: id, action: 'update', before, after: outcome.set } : null
        return { result: outcome, audit }
      }).catch(nameTaken)
      if (result === 'missing') throw new HttpError(404, `no standard set ${request.params.id}`)
      if ('stale' in result) {
        return sendStaleVersion(reply, `standard set ${request.params.id} is at version ${result.stale.version}, not ${body.version}: it was saved since this edit began`, result.stale)
      }
      return result.set
    },
  )

  app.post(
    '/api/standard-sets/:id/default',
    { schema: { tags: ['standards'], summary: 'Make a set the default for reports that name none', params: StandardSetParamsSchema, response: { 200: StandardSetSchema, 404: ProblemSchema } } },
    async (request) => {
      const { id } = request.params
      const set = await auditedChange(pool, actorOf(request), async (tx) => {
        const previous = await readDefaultStandardSetId(tx)
        const made = await makeDefaultStandardSet(tx, id)
        const audit = made && previous !== id ? { entity: 'standard-set', entityId: id, action: 'make-default', before: { defaultSetId: previous ?? null }, after: { defaultSetId: id } } : null
        return { result: made, audit }
      })
      if (!set) throw new HttpError(404, `no standard set ${request.params.id}`)
      return set
    },
  )

  app.delete(
    '/api/standard-sets/:id',
    { schema: { tags: ['standards'], summary: 'Delete a standard set (not the default one)', params: StandardSetParamsSchema, response: { 204: Type.Null(), 404: ProblemSchema, 409: ProblemSchema } } },
    async (request, reply) => {
      const { id } = request.params
      const outcome = await auditedChange(pool, actorOf(request), async (tx) => {
        const before = await readStandardSet(tx, id)
        const done = await deleteStandardSet(tx, id)
        return { result: done, audit: done === 'deleted' ? { entity: 'standard-set', entityId: id, action: 'delete', before, after: null } : null }
      })
      if (outcome === 'missing') throw new HttpError(404, `no standard set ${request.params.id}`)
      if (outcome === 'default') throw new HttpError(409, `standard set ${request.params.id} is the default; make another set the default first`)
      return reply.status(204).send(null)
    },
  )
}
