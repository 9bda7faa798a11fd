import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { inject } from 'vitest'
import { openDatabase, type Database } from '../../server/db/database.ts'
import { runAdmin } from './admin-sql.ts'

/** Which prepared database a test starts from: migrated only, or migrated with the demo district. */
export type TemplateName = 'empty' | 'demo'

/** Set by the global setup: where the templates are (embedded folders or server databases). */
export interface TemplateInfo {
  mode: 'embedded' | 'server'
  /** Embedded: folder holding one data folder per template. */
  dir?: string
  /** Server: admin URL and template database names. */
  adminUrl?: string
}

declare module 'vitest' {
  export interface ProvidedContext {
    templates: TemplateInfo
  }
}

export function readTemplateInfo(): TemplateInfo {
  const info = inject('templates')
  if (!info) throw new Error('Test templates are missing: run the tests through vitest (its global setup prepares them).')
  return info
}

export const templateDatabaseName = (name: TemplateName) => `lifecircle_template_${name}`

/** Connection URL of `database` on the server named by `adminUrl`. */
export function withDatabase(adminUrl: string, database: string): string {
  const url = new URL(adminUrl)
  url.pathname = `/${database}`
  return url.toString()
}

/** A database of its own, not yet opened: where it is and how to remove it. */
export interface TestDatabaseLocation {
  /** `DATABASE_URL` (server mode) or `LIFECIRCLE_DATA_DIR` (embedded) for a child process. */
  env: { DATABASE_URL?: string; LIFECIRCLE_DATA_DIR?: string }
  databaseUrl?: string
  dataDir?: string
  remove(): Promise<void>
}

/**
 * Copies a prepared template into a new database: a copied PGlite folder in
 * embedded mode, `CREATE DATABASE … TEMPLATE` in server mode. Never the data
 * folder of a running app.
 */
export async function copyTemplateDatabase(template: TemplateName): Promise<TestDatabaseLocation> {
  const info = readTemplateInfo()
  const suffix = crypto.randomBytes(5).toString('hex')
  if (info.mode === 'embedded') {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `lifecircle-test-${suffix}-`))
    fs.cpSync(path.join(info.dir!, template), dataDir, { recursive: true })
    return {
      env: { LIFECIRCLE_DATA_DIR: dataDir },
      dataDir,
      async remove() {
        fs.rmSync(dataDir, { recursive: true, force: true })
      },
    }
  }
  const name = `lifecircle_test_${suffix}`
  await runAdmin(info.adminUrl!, `CREATE DATABASE ${name} TEMPLATE ${templateDatabaseName(template)}`)
  const databaseUrl = withDatabase(info.adminUrl!, name)
  return {
    env: { DATABASE_URL: databaseUrl },
    databaseUrl,
    remove: () => runAdmin(info.adminUrl!, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  }
}


export interface TestDatabase extends Database {
  /** Closes and removes the database. */
  destroy(): Promise<void>
}

/** A fresh, open database of its own for one test file, copied from a prepared template. */
export async function createTestDatabase(template: TemplateName): Promise<TestDatabase> {
  const location = await copyTemplateDatabase(template)
  const database = await openDatabase({ databaseUrl: location.databaseUrl, embeddedDataDir: location.dataDir })
  return {
    ...database,
    async destroy() {
      await database.close()
      await location.remove()
    },
  }
}
