import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { openDatabase } from '../../server/db/database.ts'
import { migrate } from '../../server/db/migrate.ts'
import { reloadDemoDistrict } from '../../server/demo/demo-service.ts'
import type { TestProject } from 'vitest/node'
import { templateDatabaseName, withDatabase, type TemplateInfo, type TemplateName } from './test-database.ts'

const templates: TemplateName[] = ['empty', 'demo']

async function fillTemplate(database: Awaited<ReturnType<typeof openDatabase>>, name: TemplateName) {
  await migrate(database.pool)
  if (name === 'demo') await reloadDemoDistrict(database.pool)
}

/**
 * Prepares the template databases once per run: in embedded mode PGlite data
 * folders in a temporary directory (creating PostGIS takes seconds, copying a
 * folder does not); in server mode (DATABASE_URL) template databases on that
 * server. Each test file then copies a template.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const adminUrl = process.env.DATABASE_URL
  if (!adminUrl) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifecircle-templates-'))
    for (const name of templates) {
      const database = await openDatabase({ embeddedDataDir: path.join(dir, name) })
      try {
        await fillTemplate(database, name)
      } finally {
        await database.close()
      }
    }
    const info: TemplateInfo = { mode: 'embedded', dir }
    project.provide('templates', info)
    return async () => fs.rmSync(dir, { recursive: true, force: true })
  }

  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  const dropAll = async () => {
    const leftovers = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE 'lifecircle\\_test\\_%' OR datname LIKE 'lifecircle\\_template\\_%'`,
    )
    for (const row of leftovers.rows) {
      await admin.query(`UPDATE pg_database SET datistemplate = false WHERE datname = $1`, [row.datname])
      await admin.query(`DROP DATABASE IF EXISTS ${row.datname} WITH (FORCE)`)
    }
  }
  await dropAll()
  for (const name of templates) {
    const dbName = templateDatabaseName(name)
    await admin.query(`CREATE DATABASE ${dbName}`)
    const database = await openDatabase({ databaseUrl: withDatabase(adminUrl, dbName) })
    try {
      await fillTemplate(database, name)
    } finally {
      await database.close()
    }
  }
  const info: TemplateInfo = { mode: 'server', adminUrl }
  project.provide('templates', info)
  return async () => {
    await dropAll()
    await admin.end()
  }
}
