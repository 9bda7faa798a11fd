import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { COORDINATE_SYSTEMS, parseCoordinateSystemId, type CoordinateSystemId } from '../geo/coordinate-systems.ts'
import { HttpError } from '../plugins/problem-errors.ts'
import { CoordinateSystemListSchema } from '../schemas/coordinate-systems.ts'

/**
 * The coordinate system a query parameter names, or a 400 naming the
 * parameter and listing what is accepted.
 */
export function coordinateSystemParam(name: string, value: string): CoordinateSystemId {
  try {
    return parseCoordinateSystemId(value)
  } catch (error) {
    throw new HttpError(400, `${name}: ${error instanceof Error ? error.message : String(error)}`)
  }
}

/** GET /api/coordinate-systems: the systems imports accept, labelled for the picker, in the order it shows them. */
export const coordinateSystemRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/coordinate-systems',
    {
      schema: {
        tags: ['system'],
        summary: 'Coordinate systems an import file may be in',
        description: 'Longitude/latitude systems first (WGS84, CGCS2000, GCJ-02, BD-09), then the CGCS2000 Gauss–Krüger zones EPSG:4491–4554, each with Chinese and English labels. Send `id` as the import’s coordinate system.',
        response: { 200: CoordinateSystemListSchema },
      },
    },
    async () => ({ systems: COORDINATE_SYSTEMS.map((system) => ({ ...system })) }),
  )
}
