import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { ProblemSchema } from '../schemas/common.ts'
import { LoginBodySchema, PasswordChangeBodySchema, SessionSchema, SessionUserSchema } from '../schemas/auth.ts'
import { AuthError, changeOwnPassword, signIn, signOut } from '../auth/auth-service.ts'
import { actorOf, SESSION_COOKIE } from '../plugins/auth.ts'

/** Signing in and out, the current session and one's own password. */
export const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const pool = app.database.pool
  const { policy, secureCookies } = app.auth

  app.get(
    '/api/auth/session',
    {
      schema: {
        tags: ['auth'],
        summary: 'Who is signed in, whether guests may read, and the CSRF token for writes',
        response: { 200: SessionSchema },
      },
    },
    async (request, reply) => {
      void reply.header('cache-control', 'no-store')
      return { user: request.user, guest: app.auth.guestAccess, csrfToken: reply.generateCsrf() }
    },
  )

  app.post(
    '/api/auth/login',
    {
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with user name and password',
        description: 'Sets an HttpOnly, SameSite=Strict session cookie. Five failed attempts within 15 minutes lock the user name for 15 minutes (429 with Retry-After); more than 20 attempts a minute from one address are refused too.',
        body: LoginBodySchema,
        response: { 200: Type.Object({ user: SessionUserSchema, csrfToken: Type.String() }), 401: ProblemSchema, 429: ProblemSchema },
      },
    },
    async (request, reply) => {
      try {
        const { user, token } = await signIn(pool, policy, request.body.username, request.body.password)
        request.log.info({ userId: user.id }, 'signed in')
        void reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'strict', secure: secureCookies, maxAge: policy.lifetimeMinutes * 60 })
        return { user, csrfToken: reply.generateCsrf() }
      } catch (error) {
        if (error instanceof AuthError) {
          request.log.warn({ username: request.body.username, status: error.statusCode }, 'sign-in refused')
          if (error.retryAfterS) void reply.header('retry-after', String(error.retryAfterS))
        }
        throw error
      }
    },
  )

  app.post(
    '/api/auth/logout',
    {
      schema: { tags: ['auth'], summary: 'End the current session', response: { 204: Type.Null() } },
    },
    async (request, reply) => {
      if (request.sessionToken) await signOut(pool, request.sessionToken)
      void reply.clearCookie(SESSION_COOKIE, { path: '/' })
      return reply.status(204).send(null)
    },
  )

  app.post(
    '/api/auth/password',
    {
      schema: {
        tags: ['auth'],
        summary: 'Change one’s own password',
        description: 'Needs the current password. The user’s other sessions end; this one stays.',
        body: PasswordChangeBodySchema,
        response: { 204: Type.Null(), 400: ProblemSchema },
      },
    },
    async (request, reply) => {
      await changeOwnPassword(pool, actorOf(request), request.sessionToken!, request.body.currentPassword, request.body.newPassword)
      return reply.status(204).send(null)
    },
  )
}
