import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { ProblemSchema } from '../schemas/common.ts'
import { CustodyCreateSchema, CustodyDetailSchema, CustodyListQuerySchema, CustodySchema, CustodyUpdateSchema, DamageActionSchema, DamageReportCreateSchema, DamageReportListQuerySchema, DamageReportSchema, PatrolCreateSchema, PatrolSchema } from '../schemas/boundary-inspections.ts'
import { BoundaryIdParamsSchema } from '../schemas/boundary-common.ts'
import { actorOf } from '../plugins/auth.ts'
import { HttpError, sendStaleVersion } from '../plugins/problem-errors.ts'
import { listCustodies, listDamageReports } from '../boundaries/custodies-repository.ts'
import { actOnDamage, createCustody, custodyView, damageReportView, readCustodyDetail, recordPatrol, reportDamage, saveCustody } from '../boundaries/custodies-service.ts'
import { seesSensitiveBoundaryData } from '../boundaries/sensitive-access.ts'
import { todayInChina } from '../calendar-date.ts'

const StaleCustodySchema = Type.Object({ ...ProblemSchema.properties, current: CustodySchema })

/**
 * Entrusted custody (委托管理) of boundary segments and their markers, the
 * custodians' patrols, and damage reports, which must be acted on within
 * 12 hours. The custodian's person and contact are shown to boundary
 * editors and administrators only.
 */
export const boundaryCustodyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const pool = app.database.pool

  app.get(
    '/api/boundaries/custodies',
    {
      schema: {
        tags: ['boundaries'],
        summary: 'Custodies, of one line or all, with their patrol schedule',
        querystring: CustodyListQuerySchema,
        response: { 200: Type.Object({ custodies: Type.Array(CustodySchema) }) },
      },
    },
    async (request) => {
      const sensitive = seesSensitiveBoundaryData(request.user)
      const today = todayInChina()
      return { custodies: (await listCustodies(pool, request.query)).map((row) => custodyView(row, sensitive, today)) }
    },
  )

  app.get(
    '/api/boundaries/custodies/:id',
    {
      schema: {
        tags: ['boundaries'],
        summary: 'One custody with its patrols and damage reports',
        params: BoundaryIdParamsSchema,
        response: { 200: CustodyDetailSchema, 404: ProblemSchema },
      },
    },
    async (request) => {
      const custody = await readCustodyDetail(pool, request.params.id, seesSensitiveBoundaryData(request.user))
      if (!custody) throw new HttpError(404, `no custody ${request.params.id}`)
      return custody
    },
  )

  app.post(
    '/api/boundaries/custodies',
    {
      schema: {
        tags: ['boundaries'],
        summary: 'Entrust a segment of a line and its markers to a custodian',
        description: 'The markers must be on the line. The patrol interval defaults to 30 days.',
        body: CustodyCreateSchema,
        response: { 201: CustodySchema, 400: ProblemSchema },
      },
    },
    async (request, reply) => {
      const { lineId, ...fields } = request.body
      const custody = await createCustody(pool, actorOf(request), lineId, fields)
      return reply.status(201).header('location', `/api/boundaries/custodies/${custody.id}`).send(custody)
    },
  )

  app.put(
    '/api/boundaries/custodies/:id',
    {
      schema: {
        tags: ['boundaries'],
        summary: 'Edit a custody: custodian, interval, dates, markers',
        description: 'Replaces the custody’s fields and markers (the line stays). A stale `version` gets 409 with the stored custody in `current`.',
        params: BoundaryIdParamsSchema,
        body: CustodyUpdateSchema,
        response: { 200: CustodySchema, 400: ProblemSchema, 404: ProblemSchema, 409: Type.Union([StaleCustodySchema, ProblemSchema]) },
      },
    },
    async (request, reply) => {
      const { id } = request.params
      const outcome = await saveCustody(pool, actorOf(request), id, request.body)
      if (outcome === 'missing') throw new HttpError(404, `no custody ${id}`)
      if ('stale' in outcome) {
        return sendStaleVersion(reply, `custody ${id} is at version ${outcome.stale.version}, not ${request.body.version}: it was saved since this edit began`, outcome.stale)
      }
      return outcome.saved
    },
  )

  app.post(
    '/api/boundaries/custodies/:id/patrols',
    {
      schema: {
        tags: ['boundaries'],
        summary: 'Log a patrol of a custody',
        description: 'The day is not in the future and within the custody’s dates.',
        params: BoundaryIdParamsSchema,
        body: PatrolCreateSchema,
        response: { 201: PatrolSchema, 400: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await recordPatrol(pool, actorOf(request), request.params.id, request.body)),
  )

  app.get(
    '/api/boundaries/damage-reports',
    {
      schema: {
        tags: ['boundaries'],
        summary: 'Damage reports, by marker or custody, the latest first',
        querystring: DamageReportListQuerySchema,
        response: { 200: Type.Object({ damageReports: Type.Array(DamageReportSchema) }) },
      },
    },
    async (request) => ({ damageReports: (await listDamageReports(pool, request.query)).map((row) => damageReportView(row)) }),
  )

  app.post(
    '/api/boundaries/damage-reports',
    {
      schema: {
        tags: ['boundaries'],
        summary: 'Report damage to a marker',
        description:
          'Sets the marker’s condition and enters it in its history. `custodyId`, when given, must look after the marker. The report needs action within 12 hours.',
        body: DamageReportCreateSchema,
        response: { 201: DamageReportSchema, 400: ProblemSchema },
      },
    },
    async (request, reply) => {
      const report = await reportDamage(pool, actorOf(request), request.body)
      return reply.status(201).send(report)
    },
  )

  app.post(
    '/api/boundaries/damage-reports/:id/action',
    {
      schema: {
        tags: ['boundaries'],
        summary: 'Record the action taken on a damage report, which closes it',
        params: BoundaryIdParamsSchema,
        body: DamageActionSchema,
        response: { 200: DamageReportSchema, 400: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema },
      },
    },
    async (request) => actOnDamage(pool, actorOf(request), request.params.id, request.body.actionTaken),
  )
}
