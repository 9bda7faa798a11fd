import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { ProblemSchema } from '../schemas/common.ts'
import { AdminUserSchema, ReasonBodySchema, UserCreateBodySchema, UserParamsSchema, UserUpdateBodySchema } from '../schemas/auth.ts'
import { createUser, editUser, resetPassword } from '../auth/auth-service.ts'
import { listUsers, UsernameTakenError } from '../auth/users-repository.ts'
import { actorOf } from '../plugins/auth.ts'
import { HttpError, sendStaleVersion } from '../plugins/problem-errors.ts'

const StaleUserSchema = Type.Object({ ...ProblemSchema.properties, current: AdminUserSchema })

/** Administration of users and their roles; every change goes to the audit trail. */
export const userRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const pool = app.database.pool

  app.get(
    '/api/users',
    { schema: { tags: ['users'], summary: 'All users', response: { 200: Type.Object({ users: Type.Array(AdminUserSchema) }) } } },
    async () => ({ users: await listUsers(pool) }),
  )

  app.post(
    '/api/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Create a user with a generated password',
        description: 'The temporary password is in this answer only; the user must change it at first sign-in.',
        body: UserCreateBodySchema,
        response: { 201: Type.Object({ user: AdminUserSchema, temporaryPassword: Type.String() }), 400: ProblemSchema, 409: ProblemSchema },
      },
    },
    async (request, reply) => {
      try {
        const created = await createUser(pool, actorOf(request), request.body, { mustChangePassword: true })
        return reply.status(201).header('location', `/api/users/${created.user.id}`).send(created)
      } catch (error) {
        if (error instanceof UsernameTakenError) throw new HttpError(409, error.message)
        throw error
      }
    },
  )

  app.put(
    '/api/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: 'Change a user’s name, roles or active state',
        description: 'Carries the version the edit started from; 409 with the stored user when it was saved since. Deactivating ends the user’s sessions.',
        params: UserParamsSchema,
        body: UserUpdateBodySchema,
        response: { 200: Type.Object({ user: AdminUserSchema }), 400: ProblemSchema, 404: ProblemSchema, 409: StaleUserSchema },
      },
    },
    async (request, reply) => {
      const { id } = request.params
      const { version, ...edit } = request.body
      const result = await editUser(pool, actorOf(request), id, version, edit)
      if (result === 'missing') throw new HttpError(404, `no user ${id}`)
      if ('stale' in result) return sendStaleVersion(reply, `user ${id} is at version ${result.stale.version}, not ${version}: it was saved since this edit began`, result.stale)
      return { user: result.row }
    },
  )

  app.post(
    '/api/users/:id/reset-password',
    {
      schema: {
        tags: ['users'],
        summary: 'Give a user a new generated password',
        description: 'Ends the user’s sessions; the user must change the password at next sign-in.',
        params: UserParamsSchema,
        body: ReasonBodySchema,
        response: { 200: Type.Object({ temporaryPassword: Type.String() }), 404: ProblemSchema },
      },
    },
    async (request) => {
      const result = await resetPassword(pool, actorOf(request), request.params.id, request.body.reason)
      if (!result) throw new HttpError(404, `no user ${request.params.id}`)
      return { temporaryPassword: result.temporaryPassword }
    },
  )
}
