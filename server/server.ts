import { buildApp } from './app.ts'
import { readConfig } from './config.ts'
import { prepareDatabase } from './db/prepare-database.ts'
import type { Database } from './db/database.ts'
import { describeStartupFailure } from './startup-errors.ts'

const config = readConfig()
let database: Database
try {
  database = await prepareDatabase({
    databaseUrl: config.databaseUrl,
    embeddedDataDir: config.embeddedDataDir,
    loadDemoWhenEmpty: config.loadDemoWhenEmpty,
    onProgress: (message) => console.log(`lifecircle: ${message}`),
  })
} catch (error) {
  console.error(`lifecircle: ${describeStartupFailure(error)}`)
  process.exit(1)
}

const app = await buildApp({
  database,
  clientDir: config.clientDir,
  logger: { level: config.logLevel },
  guestAccess: config.guestAccess,
  secureCookies: config.secureCookies,
  trustProxy: config.trustProxy,
})
let closing = false
async function shutdown(signal: string) {
  if (closing) return
  closing = true
  app.log.info({ signal }, 'shutting down')
  await app.close()
  await database.close()
  process.exit(0)
}
process.on('SIGINT', () => void shutdown('SIGINT'))
process.on('SIGTERM', () => void shutdown('SIGTERM'))

try {
  await app.listen({ port: config.port, host: config.host })
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : config.port
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host
  console.log(`lifecircle: database ${database.mode} (PostgreSQL ${database.capabilities.postgresVersion}, PostGIS ${database.capabilities.postgisVersion})`)
  if (config.guestAccess) console.log('lifecircle: guests may read maps and reports without signing in (LIFECIRCLE_GUEST=0 turns this off)')
  console.log(`lifecircle: open http://${shownHost}:${port}/ (API docs at /docs)`)
  // The name search index is built on its first use; build it now so the first search is fast.
  app.gazetteer.search.refresh().catch((error: unknown) => app.log.warn({ err: error }, 'the place-name search index could not be built ahead of time'))
} catch (error) {
  console.error(`lifecircle: cannot listen on ${config.host}:${config.port}: ${(error as Error).message}. Set PORT to a free port.`)
  await database.close()
  process.exit(1)
}
