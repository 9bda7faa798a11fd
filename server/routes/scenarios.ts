import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { ProblemSchema } from '../schemas/common.ts'
import { ScenarioCreateSchema, ScenarioListQuerySchema, ScenarioParamsSchema, ScenarioSchema, ScenarioUpdateSchema } from '../schemas/coverage.ts'
import { HttpError, sendStaleVersion } from '../plugins/problem-errors.ts'
import { facilityKindExists } from '../coverage/coverage-repository.ts'
import { applyFacilityChanges, FacilityChangeError, normalizeFacilityChanges, type FacilityChange } from '../coverage/facility-changes.ts'
import {
  deleteScenario,
  insertScenario,
  listScenarios,
  readScenario,
  ScenarioNameTakenError,
  updateScenario,
} from '../coverage/scenario-repository.ts'
import { applyNetworkChanges, normalizeNetworkChanges, type NetworkChange } from '../coverage/network-changes.ts'
import { auditedChange } from '../audit/audited-change.ts'
import { actorOf } from '../plugins/auth.ts'

const StaleScenarioSchema = Type.Object({ ...ProblemSchema.properties, current: ScenarioSchema }, { description: 'The scenario was saved by someone else since; `current` is what is stored now' })

/**
 * Named what-if scenarios: lists of facility changes kept for a kind. They
 * never alter the facilities; coverage, service areas and exports apply
 * them with `scenario=id`.
 */
export const scenarioRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const pool = app.database.pool
  const { baselines } = app.analysis

  /** Refuses changes that do not fit the kind's facilities, naming the change. */
  async function checkChanges(kind: string, changes: FacilityChange[], networkChanges: NetworkChange[]) {
    if (!(await facilityKindExists(pool, kind))) throw new HttpError(400, `unknown facility kind "${kind}"`)
    try {
      const baseline = await baselines.get(kind, 300)
      applyFacilityChanges(baseline, changes)
      applyNetworkChanges(baseline.network, networkChanges, baseline.maxSnapM)
    } catch (error) {
      if (error instanceof FacilityChangeError) throw new HttpError(400, error.message)
      throw error
    }
  }

  const nameTaken = (error: unknown) => {
    if (error instanceof ScenarioNameTakenError) throw new HttpError(409, error.message)
    throw error
  }

  app.get(
    '/api/scenarios',
    {
      schema: {
        tags: ['scenarios'],
        summary: 'Saved what-if scenarios, optionally of one kind',
        querystring: ScenarioListQuerySchema,
        response: { 200: Type.Object({ scenarios: Type.Array(ScenarioSchema) }) },
      },
    },
    async (request) => ({ scenarios: await listScenarios(pool, request.query.kind) }),
  )

  app.post(
    '/api/scenarios',
    {
      schema: {
        tags: ['scenarios'],
        summary: 'Save a what-if scenario',
        body: ScenarioCreateSchema,
        response: { 201: ScenarioSchema, 400: ProblemSchema, 409: ProblemSchema },
      },
    },
    async (request, reply) => {
      const body = request.body
      const name = body.name.trim()
      if (name === '') throw new HttpError(400, 'name: must not be blank')
      await checkChanges(body.kind, body.changes, body.networkChanges ?? [])
      const changes = normalizeFacilityChanges(body.changes)
      const networkChanges = normalizeNetworkChanges(body.networkChanges ?? [])
      const row = await auditedChange(pool, actorOf(request), async (tx) => {
        const created = await insertScenario(tx, { name, kind: body.kind, description: body.description ?? '', changes, networkChanges })
        return { result: created, audit: { entity: 'scenario', entityId: created.id, action: 'create', before: null, after: created } }
      }).catch(nameTaken)
      return reply.status(201).header('location', `/api/scenarios/${row.id}`).send(row)
    },
  )

  app.get(
    '/api/scenarios/:id',
    {
      schema: {
        tags: ['scenarios'],
        summary: 'One saved scenario',
        params: ScenarioParamsSchema,
        response: { 200: ScenarioSchema, 404: ProblemSchema },
      },
    },
    async (request) => {
      const row = await readScenario(pool, request.params.id)
      if (!row) throw new HttpError(404, `no scenario ${request.params.id}`)
      return row
    },
  )

  app.put(
    '/api/scenarios/:id',
    {
      schema: {
        tags: ['scenarios'],
        summary: 'Replace a scenario’s name, description and changes',
        description: 'The body carries the version the edit started from; if the scenario was saved since, the answer is 409 with the stored scenario.',
        params: ScenarioParamsSchema,
        body: ScenarioUpdateSchema,
        response: { 200: ScenarioSchema, 400: ProblemSchema, 404: ProblemSchema, 409: Type.Union([StaleScenarioSchema, ProblemSchema]) },
      },
    },
    async (request, reply) => {
      const { id } = request.params
      const body = request.body
      const name = body.name.trim()
      if (name === '') throw new HttpError(400, 'name: must not be blank')
      const existing = await readScenario(pool, id)
      if (!existing) throw new HttpError(404, `no scenario ${id}`)
      await checkChanges(existing.kind, body.changes, body.networkChanges ?? [])
      const changes = normalizeFacilityChanges(body.changes)
      const networkChanges = normalizeNetworkChanges(body.networkChanges ?? [])
      const result = await auditedChange(pool, actorOf(request), async (tx) => {
        const outcome = await updateScenario(tx, id, body.version, { name, description: body.description ?? '', changes, networkChanges })
        const audit = outcome !== 'missing' && 'row' in outcome ? { entity: 'scenario', entityId: id, action: 'update', before: existing, after: outcome.row } : null
        return { result: outcome, audit }
      }).catch(nameTaken)
      if (result === 'missing') throw new HttpError(404, `no scenario ${id}`)
      if ('stale' in result) {
        return sendStaleVersion(reply, `scenario ${id} is at version ${result.stale.version}, not ${body.version}: it was saved since this edit began`, result.stale)
      }
      return result.row
    },
  )

  app.delete(
    '/api/scenarios/:id',
    {
      schema: {
        tags: ['scenarios'],
        summary: 'Delete a scenario',
        params: ScenarioParamsSchema,
        response: { 204: Type.Null(), 404: ProblemSchema },
      },
    },
    async (request, reply) => {
      const { id } = request.params
      const deleted = await auditedChange(pool, actorOf(request), async (tx) => {
        const before = await readScenario(tx, id)
        if (!before || !(await deleteScenario(tx, id))) return { result: false, audit: null }
        return { result: true, audit: { entity: 'scenario', entityId: id, action: 'delete', before, after: null } }
      })
      if (!deleted) throw new HttpError(404, `no scenario ${id}`)
      return reply.status(204).send(null)
    },
  )
}
