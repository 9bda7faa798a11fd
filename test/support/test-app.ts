import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../server/app.ts'
import { createTestDatabase, type TemplateName, type TestDatabase } from './test-database.ts'

export interface TestApp {
  app: FastifyInstance
  db: TestDatabase
  close(): Promise<void>
}

/** The application over a fresh database of its own, for `app.inject`. */
export async function createTestApp(template: TemplateName = 'demo'): Promise<TestApp> {
  const db = await createTestDatabase(template)
  const app = await buildApp({ database: db })
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
