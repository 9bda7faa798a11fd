import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { ProblemSchema } from '../schemas/common.ts'
import { BoundaryIdParamsSchema } from '../schemas/boundary-common.ts'
import { MarkerCreateSchema, MarkerDetailSchema, MarkerListQuerySchema, MarkerSchema, MarkerUpdateSchema } from '../schemas/boundary-markers.ts'
import { actorOf } from '../plugins/auth.ts'
import { HttpError, sendStaleVersion } from '../plugins/problem-errors.ts'
import { boundaryViewOf } from '../boundaries/boundary-redaction.ts'
import { listMarkerConditions, listMarkers, readMarker } from '../boundaries/markers-repository.ts'
import { listDocuments } from '../boundaries/documents-repository.ts'
import { createMarker, editMarker } from '../boundaries/markers-service.ts'

const StaleMarkerSchema = Type.Object({ ...ProblemSchema.properties, current: MarkerSchema })

/**
 * Boundary markers (界桩): listed, read with their condition history and
 * documents, recorded and edited. Coordinates, elevation and reference
 * objects are withheld (null, `coordinatesHidden: true`) from callers
 * without sensitive access, and the GeoJSON export is theirs only.
 */
export const boundaryMarkerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const pool = app.database.pool

  app.get(
    '/api/boundaries/markers',
    {
      schema: {
        tags: ['boundaries'],
        summary: 'Boundary markers, by line or condition',
        querystring: MarkerListQuerySchema,
        response: { 200: Type.Object({ markers: Type.Array(MarkerSchema) }) },
      },
    },
    async (request) => ({ markers: await listMarkers(pool, request.query, boundaryViewOf(request.user)) }),
  )

  app.get(
    '/api/boundaries/markers.geojson',
    {
      schema: {
        tags: ['boundaries'],
        summary: 'Every boundary marker as GeoJSON points (boundary editors and administrators only)',
        description: 'Properties are the marker’s fields (number, line code, type, reference objects, …); the file imports back with kind=markers. Others get 403: marker positions are sensitive.',
      },
    },
    async (request, reply) => {
      const view = boundaryViewOf(request.user)
      if (!view.sensitive) throw new HttpError(403, 'marker coordinates are for boundary editors and administrators only')
      const markers = await listMarkers(pool, {}, view)
      const features = markers.map(({ lng, lat, coordinatesHidden: _hidden, ...properties }) => ({
        type: 'Feature' as const,
        id: properties.id,
        geometry: { type: 'Point' as const, coordinates: [lng, lat] },
        properties,
      }))
      const body = JSON.stringify({ type: 'FeatureCollection', features })
      return reply.type('application/geo+json; charset=utf-8').header('content-disposition', 'attachment; filename="boundary-markers.geojson"').send(body)
    },
  )

  app.get(
    '/api/boundaries/markers/:id',
    {
      schema: {
        tags: ['boundaries'],
        summary: 'One boundary marker with its condition history and documents',
        params: BoundaryIdParamsSchema,
        response: { 200: MarkerDetailSchema, 404: ProblemSchema },
      },
    },
    async (request) => {
      const marker = await readMarker(pool, request.params.id, boundaryViewOf(request.user))
      if (!marker) throw new HttpError(404, `no boundary marker ${request.params.id}`)
      const [conditionHistory, documents] = await Promise.all([listMarkerConditions(pool, marker.id), listDocuments(pool, { markerId: marker.id })])
      return { ...marker, conditionHistory, documents }
    },
  )

  app.post(
    '/api/boundaries/markers',
    {
      schema: {
        tags: ['boundaries'],
        summary: 'Record a boundary marker',
        description:
          'The number is the line code, the three-digit sequence and the type code. A sequence holds one Q, or A and B, or C, D and E. At least three reference objects. The first condition is recorded as observed on `setOn` (today when unknown).',
        body: MarkerCreateSchema,
        response: { 201: MarkerSchema, 400: ProblemSchema },
      },
    },
    async (request, reply) => {
      const marker = await createMarker(pool, actorOf(request), request.body)
      return reply.status(201).header('location', `/api/boundaries/markers/${marker.id}`).send(marker)
    },
  )

  app.put(
    '/api/boundaries/markers/:id',
    {
      schema: {
        tags: ['boundaries'],
        summary: 'Edit a boundary marker',
        description: 'Replaces the marker’s fields; a changed condition is added to its history. A stale `version` gets 409 with the stored marker in `current`.',
        params: BoundaryIdParamsSchema,
        body: MarkerUpdateSchema,
        response: { 200: MarkerSchema, 400: ProblemSchema, 404: ProblemSchema, 409: Type.Union([StaleMarkerSchema, ProblemSchema]) },
      },
    },
    async (request, reply) => {
      const { id } = request.params
      const outcome = await editMarker(pool, actorOf(request), id, request.body)
      if (outcome === 'missing') throw new HttpError(404, `no boundary marker ${id}`)
      if ('stale' in outcome) {
        return sendStaleVersion(reply, `marker ${id} is at version ${outcome.stale.version}, not ${request.body.version}: it was saved since this edit began`, outcome.stale)
      }
      return outcome.marker
    },
  )
}
