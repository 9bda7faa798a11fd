import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { AuditEntrySchema, AuditQuerySchema } from '../schemas/auth.ts'
import { listAudit } from '../audit/audit-repository.ts'
import { actorOf } from '../plugins/auth.ts'

/** The audit trail: administrators read all of it, everyone else their own entries. */
export const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/audit',
    {
      schema: {
        tags: ['users'],
        summary: 'Audit entries, newest first',
        description: 'Administrators see every entry; other users see the entries of their own changes (`actorId` is then forced to theirs).',
        querystring: AuditQuerySchema,
        response: { 200: Type.Object({ entries: Type.Array(AuditEntrySchema) }) },
      },
    },
    async (request) => {
      const actor = actorOf(request)
      const isAdmin = request.user!.roles.includes('admin')
      const query = request.query
      return { entries: await listAudit(app.database.pool, { ...query, actorId: isAdmin ? query.actorId : actor.id }) }
    },
  )
}
