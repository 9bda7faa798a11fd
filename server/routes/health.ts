import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { HealthSchema } from '../schemas/common.ts'

/** GET /api/health: database mode and versions, for operators and the test suite. */
export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/health',
    { schema: { tags: ['system'], summary: 'Database mode and PostGIS version', response: { 200: HealthSchema } } },
    async () => {
      const db = app.database
      await db.pool.query('SELECT 1')
      return {
        status: 'ok' as const,
        database: {
          mode: db.mode,
          postgres: db.capabilities.postgresVersion,
          postgis: db.capabilities.postgisVersion,
          mvtInSql: db.capabilities.mvtInSql,
        },
      }
    },
  )
}
