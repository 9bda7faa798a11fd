import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { ProblemSchema } from '../schemas/common.ts'
import { DashboardQuerySchema, DashboardSchema, InspectionCreateSchema, InspectionDetailSchema, InspectionListQuerySchema, InspectionSchema, InspectionUpdateSchema } from '../schemas/boundary-inspections.ts'
import { BoundaryIdParamsSchema } from '../schemas/boundary-common.ts'
import { actorOf } from '../plugins/auth.ts'
import { HttpError, sendStaleVersion } from '../plugins/problem-errors.ts'
import { listInspections } from '../boundaries/inspections-repository.ts'
import { createInspection, readInspectionDetail, saveInspection } from '../boundaries/inspections-service.ts'
import { buildDashboard } from '../boundaries/dashboard-service.ts'
import { seesSensitiveBoundaryData } from '../boundaries/sensitive-access.ts'
import { todayInChina } from '../calendar-date.ts'

const StaleInspectionSchema = Type.Object({ ...ProblemSchema.properties, current: InspectionDetailSchema })

/**
 * Joint inspections (联检) of boundary lines, periodic and ad hoc, with
 * their findings per marker and segment, and the boundary dashboard of
 * what is overdue.
 */
export const boundaryInspectionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const pool = app.database.pool

  app.get(
    '/api/boundaries/inspections',
    {
      schema: {
        tags: ['boundaries'],
        summary: 'Joint inspections, of one line or all, the latest first',
        querystring: InspectionListQuerySchema,
        response: { 200: Type.Object({ inspections: Type.Array(InspectionSchema) }) },
      },
    },
    async (request) => ({ inspections: await listInspections(pool, request.query) }),
  )

  app.get(
    '/api/boundaries/inspections/:id',
    {
      schema: {
        tags: ['boundaries'],
        summary: 'One inspection with its findings and documents',
        params: BoundaryIdParamsSchema,
        response: { 200: InspectionDetailSchema, 404: ProblemSchema },
      },
    },
    async (request) => {
      const inspection = await readInspectionDetail(pool, request.params.id)
      if (!inspection) throw new HttpError(404, `no inspection ${request.params.id}`)
      return inspection
    },
  )

  app.post(
    '/api/boundaries/inspections',
    {
      schema: {
        tags: ['boundaries'],
        summary: 'Plan or record a joint inspection of a line',
        description:
          'Give `plannedOn` to plan a round, `doneOn` (not in the future) once it is done. An ad hoc round needs its `reason`. A finding names a marker of the line or a segment; a finding with a marker and a `condition` (only once done) enters the marker’s condition history and sets its condition.',
        body: InspectionCreateSchema,
        response: { 201: InspectionDetailSchema, 400: ProblemSchema },
      },
    },
    async (request, reply) => {
      const inspection = await createInspection(pool, actorOf(request), request.body)
      return reply.status(201).header('location', `/api/boundaries/inspections/${inspection.id}`).send(inspection)
    },
  )

  app.put(
    '/api/boundaries/inspections/:id',
    {
      schema: {
        tags: ['boundaries'],
        summary: 'Edit an inspection, e.g. record it done with its findings',
        description:
          'Replaces the inspection’s fields (the line stays; a field left out is cleared or defaulted). `findings` given replace the stored ones; left out, they are kept. The body carries the version the edit started from; if the inspection was saved since, the answer is 409 with the stored one in `current`.',
        params: BoundaryIdParamsSchema,
        body: InspectionUpdateSchema,
        response: { 200: InspectionDetailSchema, 400: ProblemSchema, 404: ProblemSchema, 409: Type.Union([StaleInspectionSchema, ProblemSchema]) },
      },
    },
    async (request, reply) => {
      const { id } = request.params
      const outcome = await saveInspection(pool, actorOf(request), id, request.body)
      if (outcome === 'missing') throw new HttpError(404, `no inspection ${id}`)
      if ('stale' in outcome) {
        return sendStaleVersion(reply, `inspection ${id} is at version ${outcome.stale.version}, not ${request.body.version}: it was saved since this edit began`, outcome.stale)
      }
      return outcome.saved
    },
  )

  app.get(
    '/api/boundaries/dashboard',
    {
      schema: {
        tags: ['boundaries'],
        summary: 'What needs doing: lines overdue and due for inspection, planned rounds, overdue patrols, damage left without action, markers by condition',
        description: '`today` (YYYY-MM-DD) sets the day the dashboard is judged on; by default the date in China (UTC+8).',
        querystring: DashboardQuerySchema,
        response: { 200: DashboardSchema },
      },
    },
    async (request) => buildDashboard(pool, request.query.today ?? todayInChina(), seesSensitiveBoundaryData(request.user)),
  )
}
