import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import fastifyStatic from '@fastify/static'
import helmet from '@fastify/helmet'
import fs from 'node:fs'
import { randomUUID } from 'node:crypto'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { Database } from './db/database.ts'
import { registerProblemErrors } from './plugins/problem-errors.ts'
import { registerAuth } from './plugins/auth.ts'
import { requireRouteSchemas } from './plugins/route-schemas.ts'
import { refuseUnusableValues } from './plugins/input-values.ts'
import { DEFAULT_SESSION_POLICY, type SessionPolicy } from './auth/auth-service.ts'
import { authRoutes } from './routes/auth.ts'
import { userRoutes } from './routes/users.ts'
import { auditRoutes } from './routes/audit.ts'
import { publicRoutes } from './routes/public.ts'
import { healthRoutes } from './routes/health.ts'
import { coordinateSystemRoutes } from './routes/coordinate-systems.ts'
import { layerRoutes } from './routes/layers.ts'
import { featureRoutes } from './routes/features.ts'
import { tileRoutes } from './routes/tiles.ts'
import { coverageRoutes } from './routes/coverage.ts'
import { scenarioRoutes } from './routes/scenarios.ts'
import { standardSetRoutes } from './routes/standard-sets.ts'
import { reportRoutes } from './routes/report.ts'
import { siteSuggestionRoutes } from './routes/site-suggestions.ts'
import { protectedNameRoutes } from './routes/gazetteer-protected-names.ts'
import { signRoutes } from './routes/gazetteer-signs.ts'
import { doorPlateRoutes } from './routes/gazetteer-door-plates.ts'
import { gazetteerFileRoutes } from './routes/gazetteer-files.ts'
import { gazetteerPlaceRoutes } from './routes/gazetteer-places.ts'
import { gazetteerCaseRoutes } from './routes/gazetteer-cases.ts'
import { gazetteerImportRoutes } from './routes/gazetteer-imports.ts'
import { divisionRoutes } from './routes/divisions.ts'
import { boundaryLineRoutes } from './routes/boundary-lines.ts'
import { boundaryMarkerRoutes } from './routes/boundary-markers.ts'
import { boundaryImportRoutes } from './routes/boundary-imports.ts'
import { datasetRoutes } from './routes/datasets.ts'
import { layerImportRoutes } from './routes/layer-imports.ts'
import { networkImportRoutes } from './routes/network-imports.ts'
import { boundaryInspectionRoutes } from './routes/boundary-inspections.ts'
import { boundaryCustodyRoutes } from './routes/boundary-custodies.ts'
import { boundaryDocumentRoutes } from './routes/boundary-documents.ts'
import { PlaceSearch } from './gazetteer/place-search.ts'
import { NamingCaseService } from './gazetteer/cases-service.ts'
import { WalkNetworkCache } from './coverage/walk-network-cache.ts'
import { BaselineCache } from './coverage/coverage-baseline.ts'

declare module 'fastify' {
  interface FastifyInstance {
    database: Database
    /** The walk network and the kinds' baseline searches held in memory, shared by the analysis routes. */
    analysis: { networks: WalkNetworkCache; baselines: BaselineCache }
    /** The place-name search index (kept in step with the database) and the naming-case workflow. */
    gazetteer: { search: PlaceSearch; cases: NamingCaseService }
  }
}

export interface AppOptions {
  database: Database
  /** Folder with the built client; served with an index.html fallback when it exists. */
  clientDir?: string | undefined
  logger?: FastifyServerOptions['logger']
  /** Let callers without a session read maps and reports (default off). */
  guestAccess?: boolean | undefined
  /** Mark cookies `Secure` and send HSTS: for serving over HTTPS (default off). */
  secureCookies?: boolean | undefined
  /** Trust `X-Forwarded-*` from a reverse proxy (default off). */
  trustProxy?: boolean | undefined
  sessionPolicy?: SessionPolicy | undefined
}

/**
 * Builds the Fastify application without listening. Plugins load in a fixed
 * order: error shape and OpenAPI first, then the database decorator, then the
 * routes, then the static client.
 */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 1024 * 1024,
    // A proxy's request id is kept when it looks like one; otherwise a new one is made.
    requestIdHeader: false,
    genReqId: (request) => {
      const given = request.headers['x-request-id']
      return typeof given === 'string' && /^[\w.:-]{1,64}$/.test(given) ? given : randomUUID()
    },
    trustProxy: options.trustProxy ?? false,
  }).withTypeProvider<TypeBoxTypeProvider>()

  registerProblemErrors(app)
  requireRouteSchemas(app)
  refuseUnusableValues(app)
  app.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id)
  })
  // Bodies are JSON or nothing: without the text/plain parser other types get 415.
  app.removeContentTypeParser('text/plain')
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // MapLibre and Svelte set inline styles; MapLibre runs its workers from blob: URLs.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        workerSrc: ["'self'", 'blob:'],
        childSrc: ["'self'", 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(options.secureCookies ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: options.secureCookies ? { maxAge: 180 * 24 * 3600 } : false,
  })
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'LifeCircle (生活圈) API',
        version: '0.1.0',
        description: 'Service areas, coverage against standards, gazetteer and boundaries for civil-affairs departments.',
      },
      tags: [
        { name: 'system', description: 'Health and metadata' },
        { name: 'layers', description: 'Map layers as GeoJSON and single features' },
        { name: 'tiles', description: 'Vector tiles of large layers' },
        { name: 'coverage', description: 'Walking coverage over the street network' },
        { name: 'scenarios', description: 'Named what-if scenarios: facilities added, moved or removed' },
        { name: 'standards', description: 'Standard sets, communities measured against them, flags and reports' },
        { name: 'auth', description: 'Sessions: sign in and out, CSRF token, own password' },
        { name: 'users', description: 'Users, roles and the audit trail (administrators)' },
        { name: 'gazetteer', description: 'Place names: records, search, naming cases, history, signs, door plates, import and export' },
        { name: 'divisions', description: 'Administrative divisions over time: change events, as-of reads, the national code registry, topology checks' },
        { name: 'boundaries', description: 'Boundary lines and markers, joint inspections, custody and archives (coordinates for boundary editors only)' },
        { name: 'public', description: 'The public read-only API: open to anyone, no sensitive fields' },
      ],
    },
  })
  await app.register(swaggerUi, { routePrefix: '/docs' })

  app.decorate('database', options.database)
  const networks = new WalkNetworkCache(options.database.pool)
  app.decorate('analysis', { networks, baselines: new BaselineCache(options.database.pool, networks) })
  const placeSearch = new PlaceSearch(options.database.pool)
  app.decorate('gazetteer', { search: placeSearch, cases: new NamingCaseService(options.database.pool, placeSearch) })

  await registerAuth(app, {
    policy: options.sessionPolicy ?? DEFAULT_SESSION_POLICY,
    guestAccess: options.guestAccess ?? false,
    secureCookies: options.secureCookies ?? false,
  })

  await app.register(healthRoutes)
  await app.register(coordinateSystemRoutes)
  await app.register(authRoutes)
  await app.register(userRoutes)
  await app.register(auditRoutes)
  await app.register(publicRoutes)
  await app.register(layerRoutes)
  await app.register(featureRoutes)
  await app.register(tileRoutes)
  await app.register(coverageRoutes)
  await app.register(scenarioRoutes)
  await app.register(standardSetRoutes)
  await app.register(reportRoutes)
  await app.register(siteSuggestionRoutes)
  await app.register(protectedNameRoutes)
  await app.register(signRoutes)
  await app.register(doorPlateRoutes)
  await app.register(gazetteerFileRoutes)
  await app.register(gazetteerPlaceRoutes)
  await app.register(gazetteerCaseRoutes)
  await app.register(gazetteerImportRoutes)
  await app.register(divisionRoutes)
  await app.register(boundaryLineRoutes)
  await app.register(boundaryMarkerRoutes)
  await app.register(boundaryImportRoutes)
  await app.register(datasetRoutes)
  await app.register(layerImportRoutes)
  await app.register(networkImportRoutes)
  await app.register(boundaryInspectionRoutes)
  await app.register(boundaryCustodyRoutes)
  await app.register(boundaryDocumentRoutes)

  if (options.clientDir && fs.existsSync(options.clientDir)) {
    await app.register(fastifyStatic, { root: options.clientDir, wildcard: false })
    app.get('/*', { schema: { hide: true } }, (request, reply) => {
      if (request.url.startsWith('/api/')) return reply.callNotFound()
      return reply.sendFile('index.html')
    })
  }
  return app
}
