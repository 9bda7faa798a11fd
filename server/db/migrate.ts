import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type pg from 'pg'
import { projectRoot } from '../config.ts'

/** Thrown when a migration fails or a landed migration was edited. */
export class MigrationError extends Error {}

export interface MigrationFile {
  /** File name, e.g. `001_base_schema.sql`. */
  file: string
  version: number
  name: string
  sql: string
  checksum: string
}

export const defaultMigrationsDir = path.join(projectRoot, 'migrations')

/** Lists `NNN_name.sql` files in version order; rejects duplicates and other names. */
export function readMigrations(dir: string = defaultMigrationsDir): MigrationFile[] {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.sql')).sort()
  const seen = new Set<number>()
  return files.map((file) => {
    const match = /^(\d{3})_([a-z0-9_]+)\.sql$/.exec(file)
    if (!match) throw new MigrationError(`Migration file name ${file} must look like 001_name.sql`)
    const version = Number(match[1])
    if (seen.has(version)) throw new MigrationError(`Two migrations have version ${match[1]}`)
    seen.add(version)
    const sql = fs.readFileSync(path.join(dir, file), 'utf8')
    return { file, version, name: match[2]!, sql, checksum: crypto.createHash('sha256').update(sql).digest('hex') }
  })
}

export interface MigrationResult {
  applied: string[]
}

/**
 * Applies the migrations not yet recorded in `schema_migrations`, each in its
 * own transaction together with its record, so a failing file leaves the
 * database as it was before that file. Refuses to run when a recorded
 * migration's file has changed since it was applied.
 */
export async function migrate(pool: pg.Pool, dir: string = defaultMigrationsDir): Promise<MigrationResult> {
  const migrations = readMigrations(dir)
  const client = await pool.connect()
  try {
    await client.query(`SELECT pg_advisory_lock(hashtext('lifecircle_migrations'))`)
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version    integer PRIMARY KEY,
      name       text NOT NULL,
      checksum   text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`)
    const recorded = await client.query<{ version: number; name: string; checksum: string }>(
      'SELECT version, name, checksum FROM schema_migrations ORDER BY version',
    )
    const done = new Map(recorded.rows.map((r) => [r.version, r]))
    for (const m of migrations) {
      const row = done.get(m.version)
      if (row && row.checksum !== m.checksum) {
        throw new MigrationError(
          `Migration ${m.file} was changed after it was applied; landed migrations are never edited, add a new one instead.`,
        )
      }
    }
    const applied: string[] = []
    for (const m of migrations) {
      if (done.has(m.version)) continue
      const label = m.file
      await client.query('BEGIN')
      try {
        await client.query(m.sql)
        await client.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
          m.version,
          m.name,
          m.checksum,
        ])
        await client.query('COMMIT')
      } catch (error) {
        await client.query('ROLLBACK')
        throw new MigrationError(`Migration ${label} failed and was rolled back: ${(error as Error).message}`)
      }
      applied.push(label)
    }
    return { applied }
  } finally {
    await client.query(`SELECT pg_advisory_unlock(hashtext('lifecircle_migrations'))`).catch(() => undefined)
    client.release()
  }
}
