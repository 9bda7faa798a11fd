import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { migrate, MigrationError, readMigrations, defaultMigrationsDir } from '../../server/db/migrate.ts'
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts'

let db: TestDatabase
let scratch: string

beforeAll(async () => {
  db = await createTestDatabase('empty')
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'lifecircle-migrations-'))
})
afterAll(async () => {
  await db?.destroy()
  fs.rmSync(scratch, { recursive: true, force: true })
})

function writeMigrations(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(scratch, 'set-'))
  for (const file of fs.readdirSync(defaultMigrationsDir)) fs.copyFileSync(path.join(defaultMigrationsDir, file), path.join(dir, file))
  for (const [name, sql] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), sql)
  return dir
}

describe('migrations', () => {
  it('records every migration file once, in order, and applies nothing twice', async () => {
    const files = readMigrations()
    const rows = await db.pool.query('SELECT version, name FROM schema_migrations ORDER BY version')
    expect(rows.rows.map((r) => r.version)).toEqual(files.map((f) => f.version))
    expect(await migrate(db.pool)).toEqual({ applied: [] })
  })

  it('creates typed, spatially indexed geometry columns in SRID 4326', async () => {
    const columns = await db.pool.query(
      `SELECT f_table_name AS t, type, srid FROM geometry_columns WHERE f_table_schema = 'public' ORDER BY 1`,
    )
    const byTable = Object.fromEntries(columns.rows.map((r) => [r.t, `${r.type}/${r.srid}`]))
    expect(byTable).toMatchObject({
      divisions: 'MULTIPOLYGON/4326',
      compounds: 'MULTIPOLYGON/4326',
      compound_gates: 'POINT/4326',
      facilities: 'POINT/4326',
      network_edges: 'LINESTRING/4326',
      water_areas: 'MULTIPOLYGON/4326',
      place_names: 'GEOMETRY/4326',
      places: 'GEOMETRY/4326',
      place_signs: 'POINT/4326',
      door_plates: 'POINT/4326',
    })
    const indexes = await db.pool.query(
      `SELECT tablename FROM pg_indexes WHERE schemaname = 'public' AND indexdef ILIKE '%USING gist (geom)%'`,
    )
    // Archived versions are read whole, by dataset, never searched by place: no spatial index to slow the archiving down.
    const readByDatasetOnly = ['archived_features']
    expect(byTable).toMatchObject({ archived_features: 'GEOMETRY/4326' })
    expect(indexes.rows.map((r) => r.tablename).sort()).toEqual(Object.keys(byTable).filter((t) => !readByDatasetOnly.includes(t)).sort())
  })

  it('rolls a failing migration back entirely and leaves earlier ones in place', async () => {
    const dir = writeMigrations({
      '900_good.sql': 'CREATE TABLE migration_probe_good (id integer);',
      '901_bad.sql': 'CREATE TABLE migration_probe_bad (id integer);\nINSERT INTO no_such_table VALUES (1);',
    })
    await expect(migrate(db.pool, dir)).rejects.toThrow(/901_bad\.sql failed and was rolled back: .*no_such_table/)
    const tables = await db.pool.query(
      `SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'migration_probe_%' ORDER BY 1`,
    )
    expect(tables.rows.map((r) => r.table_name)).toEqual(['migration_probe_good'])
    const recorded = await db.pool.query('SELECT version FROM schema_migrations WHERE version >= 900')
    expect(recorded.rows.map((r) => r.version)).toEqual([900])
  })

  it('refuses to run when an applied migration file was edited', async () => {
    const dir = writeMigrations({})
    fs.appendFileSync(path.join(dir, '001_base_schema.sql'), '\n-- edited\n')
    await expect(migrate(db.pool, dir)).rejects.toThrow(MigrationError)
    await expect(migrate(db.pool, dir)).rejects.toThrow(/001_base_schema\.sql was changed after it was applied/)
  })

  it('rejects file names that do not follow NNN_name.sql', () => {
    const dir = writeMigrations({ '1-bad name.sql': 'SELECT 1;' })
    expect(() => readMigrations(dir)).toThrow(/must look like 001_name\.sql/)
  })
})
