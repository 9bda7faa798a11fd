import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import cookie from '@fastify/cookie'
import csrfProtection from '@fastify/csrf-protection'
import rateLimit from '@fastify/rate-limit'
import { REUSE_RECENT_SESSION, accessFor, isWriteMethod, type Access } from '../auth/access-policy.ts'
import { RecentSessions } from '../auth/recent-sessions.ts'
import { readSession, type SessionPolicy } from '../auth/auth-service.ts'
import type { SessionUser } from '../auth/sessions-repository.ts'
import type { Actor } from '../audit/audit-repository.ts'
import { HttpError } from './problem-errors.ts'

/** The cookie that carries the session token. */
export const SESSION_COOKIE = 'lc_session'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set from the access table for every /api/ route. */
    access?: Access
    /** The route may use a session resolved in the last seconds (REUSE_RECENT_SESSION). */
    reuseRecentSession?: boolean
  }
  interface FastifyRequest {
    /** The signed-in user, `null` for guests and anonymous callers. */
    user: SessionUser | null
    /** The raw session token of the request's cookie, when it named a live session. */
    sessionToken: string | null
  }
  interface FastifyInstance {
    auth: { policy: SessionPolicy; guestAccess: boolean; secureCookies: boolean; recent: RecentSessions }
  }
}

export interface AuthOptions {
  policy: SessionPolicy
  /** Let callers without a session read maps and reports (the demo's guest view). */
  guestAccess: boolean
  /** Mark cookies `Secure` (serve over HTTPS, directly or behind a proxy). */
  secureCookies: boolean
}

/** The actor of a signed-in request, for the audit trail. */
export function actorOf(request: FastifyRequest): Actor & { id: number } {
  if (!request.user) throw new HttpError(401, 'sign in first')
  return { id: request.user.id, name: request.user.username, requestId: request.id }
}

const ROLE_NAMES: Record<string, string> = {
  viewer: '只读用户',
  planner: '规划人员',
  place_name_editor: '地名编辑',
  place_name_approver: '地名审批',
  boundary_editor: '界线编辑',
  admin: '系统管理员',
}

/**
 * Sessions, roles and CSRF for every /api/ route. Each route's access comes
 * from the table in `server/auth/access-policy.ts`; a route missing there
 * stops the app from starting. Checks run before the body is read: first
 * the session (401), then the role (403), then for writes the CSRF token
 * (403), so nothing of a refused request is parsed.
 */
export async function registerAuth(app: FastifyInstance, options: AuthOptions): Promise<void> {
  app.decorate('auth', { ...options, recent: new RecentSessions() })
  app.decorateRequest('user', null)
  app.decorateRequest('sessionToken', null)
  await app.register(cookie)
  await app.register(csrfProtection, {
    cookieOpts: { path: '/', sameSite: 'strict', httpOnly: true, secure: options.secureCookies },
    getToken: (request) => {
      const header = request.headers['x-csrf-token']
      return typeof header === 'string' ? header : ''
    },
  })
  await app.register(rateLimit, { global: false })

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/')) return
    const methods = Array.isArray(route.method) ? route.method : [route.method]
    for (const method of methods) {
      const access = accessFor(method, route.url)
      if (!access) throw new Error(`no access policy for ${method} ${route.url}: add it to server/auth/access-policy.ts`)
      route.config = { ...route.config, access, reuseRecentSession: REUSE_RECENT_SESSION.has(`${method} ${route.url}`) }
    }
  })

  app.addHook('onRequest', async (request, reply) => {
    const access = request.routeOptions.config?.access
    if (!access) return
    await resolveSession(app, request, reply)
    authorize(app, request, access)
  })

  app.addHook('onRequest', (request, reply, done) => {
    if (!request.routeOptions.config?.access || !isWriteMethod(request.method)) return done()
    app.csrfProtection(request, reply, done)
  })
}

async function resolveSession(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const token = request.cookies[SESSION_COOKIE]
  if (!token) return
  const recent = request.routeOptions.config?.reuseRecentSession ? app.auth.recent.recall(token) : undefined
  const user = recent ?? (await readSession(app.database.pool, app.auth.policy, token))
  if (!user) {
    void reply.clearCookie(SESSION_COOKIE, { path: '/' })
    return
  }
  if (!recent) app.auth.recent.remember(token, user)
  request.user = user
  request.sessionToken = token
}

function authorize(app: FastifyInstance, request: FastifyRequest, access: Access): void {
  if (access === 'public') return
  const user = request.user
  if (!user) {
    if (access === 'read' && app.auth.guestAccess && !isWriteMethod(request.method)) return
    throw new HttpError(401, 'sign in first: this needs a session (POST /api/auth/login)')
  }
  if (user.mustChangePassword && isWriteMethod(request.method) && request.url !== '/api/auth/password') {
    throw new HttpError(403, 'change your password first (POST /api/auth/password)')
  }
  if (access === 'signed-in') return
  if (access === 'read') {
    if (user.roles.length === 0) throw new HttpError(403, 'this account holds no role; ask an administrator')
    return
  }
  if (!access.some((role) => user.roles.includes(role))) {
    throw new HttpError(403, `this needs the role ${access.map((role) => `${role} (${ROLE_NAMES[role]})`).join(' or ')}`)
  }
}
