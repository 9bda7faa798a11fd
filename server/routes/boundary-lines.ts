import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { ProblemSchema } from '../schemas/common.ts'
import { LineCreateSchema, LineDeriveBodySchema, LineDeriveResultSchema, LineDetailSchema, LineListQuerySchema, LineSchema, LineSummarySchema, LineUpdateSchema, type Line } from '../schemas/boundary-lines.ts'
import { BoundaryIdParamsSchema } from '../schemas/boundary-common.ts'
import { actorOf } from '../plugins/auth.ts'
import { HttpError, sendStaleVersion } from '../plugins/problem-errors.ts'
import { boundaryViewOf } from '../boundaries/boundary-redaction.ts'
import { listLines, listLinesWithGeometry, readLine } from '../boundaries/lines-repository.ts'
import { listMarkers } from '../boundaries/markers-repository.ts'
import { createLine, deriveLines, editLine } from '../boundaries/lines-service.ts'

const StaleLineSchema = Type.Object({ ...ProblemSchema.properties, current: LineSchema })

/** A line as a GeoJSON feature: the geometry, and every field but it as properties. */
function lineFeature(line: Line) {
  const { geometry, ...properties } = line
  return { type: 'Feature' as const, id: line.id, geometry, properties }
}

/**
 * Boundary lines (界线) between divisions: listed, read, recorded, edited
 * (never deleted) and derived from the divisions' shared edges. Callers
 * without sensitive access get each line's geometry simplified (`detailed:
 * false`) and its markers without coordinates.
 */
export const boundaryLineRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const pool = app.database.pool

  app.get(
    '/api/boundaries/lines',
    {
      schema: {
        tags: ['boundaries'],
        summary: 'Boundary lines, with their length, marker count and inspection status',
        querystring: LineListQuerySchema,
        response: { 200: Type.Object({ lines: Type.Array(LineSummarySchema) }) },
      },
    },
    async (request) => ({ lines: await listLines(pool, request.query) }),
  )

  app.get(
    '/api/boundaries/lines.geojson',
    {
      schema: {
        tags: ['boundaries'],
        summary: 'Every boundary line as GeoJSON (simplified unless the caller may see detailed lines)',
        description: 'Properties are the line’s fields (code, name, level, sides, agreement, dates, cycle, status, …); the file imports back with kind=lines.',
      },
    },
    async (request, reply) => {
      const lines = await listLinesWithGeometry(pool, boundaryViewOf(request.user))
      const body = JSON.stringify({ type: 'FeatureCollection', features: lines.map(lineFeature) })
      return reply.type('application/geo+json; charset=utf-8').header('content-disposition', 'attachment; filename="boundary-lines.geojson"').send(body)
    },
  )

  app.get(
    '/api/boundaries/lines/:id',
    {
      schema: {
        tags: ['boundaries'],
        summary: 'One boundary line with its geometry and markers',
        params: BoundaryIdParamsSchema,
        response: { 200: LineDetailSchema, 404: ProblemSchema },
      },
    },
    async (request) => {
      const view = boundaryViewOf(request.user)
      const line = await readLine(pool, request.params.id, view)
      if (!line) throw new HttpError(404, `no boundary line ${request.params.id}`)
      return { ...line, markers: await listMarkers(pool, { lineId: line.id }, view) }
    },
  )

  app.post(
    '/api/boundaries/lines',
    {
      schema: {
        tags: ['boundaries'],
        summary: 'Record a boundary line',
        description:
          'Without `geometry` the line is the edge the two divisions share (source derived); with one (LineString or MultiLineString, WGS84) it is drawn. Side names default to the divisions’ names.',
        body: LineCreateSchema,
        response: { 201: LineSchema, 400: ProblemSchema },
      },
    },
    async (request, reply) => {
      const line = await createLine(pool, actorOf(request), request.body)
      return reply.status(201).header('location', `/api/boundaries/lines/${line.id}`).send(line)
    },
  )

  app.put(
    '/api/boundaries/lines/:id',
    {
      schema: {
        tags: ['boundaries'],
        summary: 'Edit a boundary line',
        description:
          'Replaces the line’s fields (a field left out is cleared or defaulted; without `geometry` the line is re-derived from its sides). A stale `version` gets 409 with the stored line in `current`.',
        params: BoundaryIdParamsSchema,
        body: LineUpdateSchema,
        response: { 200: LineSchema, 400: ProblemSchema, 404: ProblemSchema, 409: Type.Union([StaleLineSchema, ProblemSchema]) },
      },
    },
    async (request, reply) => {
      const { id } = request.params
      const { version, ...fields } = request.body
      const outcome = await editLine(pool, actorOf(request), id, version, fields)
      if (outcome === 'missing') throw new HttpError(404, `no boundary line ${id}`)
      if ('stale' in outcome) {
        return sendStaleVersion(reply, `line ${id} is at version ${outcome.stale.version}, not ${version}: it was saved since this edit began`, outcome.stale)
      }
      return outcome.line
    },
  )

  app.post(
    '/api/boundaries/lines/derive',
    {
      schema: {
        tags: ['boundaries'],
        summary: 'Derive the lines between adjacent children of a division',
        description:
          'For every pair of children of `parentCode` that share an edge, records a line along it, named "甲—乙线" in code order, with a code made of the parent’s and the two sides’ digits. Pairs that already have a line are skipped and listed.',
        body: LineDeriveBodySchema,
        response: { 200: LineDeriveResultSchema, 400: ProblemSchema },
      },
    },
    async (request) => deriveLines(pool, actorOf(request), request.body.parentCode, request.body.level),
  )
}
