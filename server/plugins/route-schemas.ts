import type { FastifyInstance } from 'fastify'

/**
 * Stops the app from starting when an /api/ route could take input it does
 * not validate: every such route declares its path parameters when the URL
 * has any, and its body for POST and PUT unless it reads none.
 */
export function requireRouteSchemas(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/')) return
    const schema = route.schema ?? {}
    const methods = [route.method].flat()
    const where = `${methods.join(',')} ${route.url}`
    const missing: string[] = []
    if (route.url.includes(':') && !schema.params) missing.push('params')
    if (methods.some((m) => m === 'POST' || m === 'PUT') && !schema.body && !NO_BODY.has(`${methods[0]} ${route.url}`)) missing.push('body')
    if (missing.length > 0) throw new Error(`${where} has no ${missing.join(', ')} schema`)
  })
}

/** Writes that read nothing but their URL and session. */
const NO_BODY = new Set(['POST /api/auth/logout', 'POST /api/standard-sets/:id/default'])
