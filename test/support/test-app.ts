import type { FastifyInstance } from 'fastify'
import { buildApp, type AppOptions } from '../../server/app.ts'
import { createTestDatabase, type TemplateName, type TestDatabase } from './test-database.ts'

export interface TestApp {
  app: FastifyInstance
  db: TestDatabase
  close(): Promise<void>
}

/**
 * The application over a fresh database of its own, for `app.inject`. Guest
 * read access is on unless the options say otherwise, so read tests need no
 * session; writes always need one (see `test/support/accounts.ts`).
 */
export async function createTestApp(template: TemplateName = 'demo', options: Omit<AppOptions, 'database'> = {}): Promise<TestApp> {
  const db = await createTestDatabase(template)
  const app = await buildApp({ guestAccess: true, ...options, database: db })
  await app.ready()
  return {
    app,
    db,
    async close() {
      await app.close()
      await db.destroy()
    },
  }
}
