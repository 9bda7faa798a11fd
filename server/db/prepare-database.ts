import { openDatabase, type Database, type OpenDatabaseOptions } from './database.ts'
import { migrate } from './migrate.ts'
import { loadDemoIfEmpty } from '../demo/demo-service.ts'
import { createFirstAdmin } from '../auth/auth-service.ts'

export interface PrepareOptions extends OpenDatabaseOptions {
  loadDemoWhenEmpty: boolean
  onProgress?: (message: string) => void
}

/**
 * Opens the database, applies pending migrations and, if asked, loads the
 * demo into an empty database. With the demo, a database without users gets
 * a first administrator whose generated password is said once, here.
 */
export async function prepareDatabase(options: PrepareOptions): Promise<Database> {
  const say = options.onProgress ?? (() => undefined)
  const database = await openDatabase(options)
  try {
    const { applied } = await migrate(database.pool)
    if (applied.length > 0) say(`applied migrations: ${applied.join(', ')}`)
    if (options.loadDemoWhenEmpty && (await loadDemoIfEmpty(database.pool))) say('loaded the synthetic demo district')
    if (options.loadDemoWhenEmpty) {
      const admin = await createFirstAdmin(database.pool, { id: null, name: 'start-up', requestId: null })
      if (admin) {
        say(`created the first administrator: user name "${admin.user.username}", password "${admin.temporaryPassword}" (shown only this once; change it after signing in)`)
      }
    }
    return database
  } catch (error) {
    await database.close()
    throw error
  }
}
