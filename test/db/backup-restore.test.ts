import { execFile, execFileSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { projectRoot } from '../../server/config.ts'
import { openDatabase } from '../../server/db/database.ts'
import { DataDirLockedError } from '../../server/db/data-dir-lock.ts'
import { migrate, readMigrations } from '../../server/db/migrate.ts'
import { startServerProcess } from '../support/server-process.ts'
import { copyTemplateDatabase, readTemplateInfo, withDatabase, type TestDatabaseLocation } from '../support/test-database.ts'

/**
 * The backup procedures of the README's "Backup and restore", run for real:
 * `pg_dump -Fc` / `pg_restore --no-owner` into a new database in server mode,
 * a copy of the stopped data folder in embedded mode. Each takes a copy of the
 * demo template, makes a change no template has, backs it up, restores it
 * elsewhere and reads the change, the demo's geometry and the migration
 * record back exactly.
 */

const run = promisify(execFile)
const lockFileName = 'lifecircle.lock'
const probeScenarioName = '备份校验 backup probe'
const probeFacilityName = '备份校验设施 backup probe facility'
const probeChanges = [{ op: 'add', lng: 123.415, lat: 41.72, name: '备份测试站' }]

/** Everything the restored database must give back unchanged. */
interface Facts {
  counts: Record<string, number>
  dataVersion: number
  networkVersion: number
  scenario: { id: number; name: string; kind: string; description: string; changes: unknown }[]
  facility: { id: number; name: string; wkt: string }
  community: { code: string; name: string; areaM2: number; ewkbMd5: string; srid: number }
  communitiesAreaM2: number
  postgisExtension: string
  migrations: { version: number; name: string; checksum: string }[]
}

/** Changes the copied demo in ways a restore can only give back if the backup carried them. */
async function makeDistinctiveChanges(pool: pg.Pool): Promise<void> {
  await pool.query(
    `INSERT INTO scenarios (name, kind, description, changes) VALUES ($1, 'home_care', 'written before the backup', $2::jsonb)`,
    [probeScenarioName, JSON.stringify(probeChanges)],
  )
  const updated = await pool.query(`UPDATE facilities SET name = $1 WHERE id = (SELECT min(id) FROM facilities)`, [probeFacilityName])
  expect(updated.rowCount).toBe(1)
}

async function readFacts(pool: pg.Pool): Promise<Facts> {
  const tables = ['divisions', 'compounds', 'compound_gates', 'facilities', 'network_edges', 'water_areas', 'place_names', 'scenarios', 'standard_sets', 'standard_set_versions']
  const counts: Record<string, number> = {}
  for (const table of tables) counts[table] = (await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n
  const one = async <T extends pg.QueryResultRow>(sql: string) => (await pool.query<T>(sql)).rows[0]!
  return {
    counts,
    dataVersion: Number((await one<{ v: string }>('SELECT version AS v FROM data_state')).v),
    networkVersion: Number((await one<{ v: string }>('SELECT version AS v FROM network_state')).v),
    scenario: (
      await pool.query(`SELECT id, name, kind, description, changes FROM scenarios WHERE name = $1`, [probeScenarioName])
    ).rows,
    facility: await one(`SELECT id, name, ST_AsText(geom) AS wkt FROM facilities ORDER BY id LIMIT 1`),
    community: await one(`SELECT code, name, ST_Area(geom::geography) AS "areaM2", md5(ST_AsEWKB(geom)) AS "ewkbMd5", ST_SRID(geom) AS srid
                            FROM divisions WHERE level = 'community' ORDER BY code LIMIT 1`),
    communitiesAreaM2: (await one<{ a: number }>(`SELECT sum(ST_Area(geom::geography) ORDER BY code) AS a FROM divisions WHERE level = 'community'`)).a,
    postgisExtension: (await one<{ v: string }>(`SELECT extversion AS v FROM pg_extension WHERE extname = 'postgis'`)).v,
    migrations: (await pool.query('SELECT version, name, checksum FROM schema_migrations ORDER BY version')).rows,
  }
}

/** The facts of a restored database: the same as before the backup, and the probe changes in them exactly. */
function expectRestored(restored: Facts, before: Facts) {
  expect(restored.scenario).toHaveLength(1)
  expect(restored.scenario[0]).toEqual({
    id: before.scenario[0]!.id,
    name: probeScenarioName,
    kind: 'home_care',
    description: 'written before the backup',
    changes: probeChanges,
  })
  expect(restored.facility.name).toBe(probeFacilityName)
  expect(restored.community.srid).toBe(4326)
  expect(restored.community.areaM2).toBeGreaterThan(10_000)
  expect(restored.counts.scenarios).toBe(1)
  expect(restored.counts.divisions).toBeGreaterThan(10)
  expect(restored.counts.network_edges).toBeGreaterThan(100)
  expect(restored.migrations.map((m) => [m.version, m.name, m.checksum])).toEqual(
    readMigrations().map((m) => [m.version, m.name, m.checksum]),
  )
  expect(restored).toEqual(before)
}

/** The sequences came back too: the next scenario gets the id after the probe's. */
async function expectSequencesRestored(pool: pg.Pool, before: Facts) {
  const next = await pool.query<{ id: number }>(
    `INSERT INTO scenarios (name, kind, changes) VALUES ('after the restore', 'home_care', '[]') RETURNING id`,
  )
  expect(next.rows[0]!.id).toBe(before.scenario[0]!.id + 1)
}

/** `npm run migrate` on the restored database, as the README says to check it. */
async function runMigrateCommand(env: Record<string, string>): Promise<{ stdout: string; stderr: string }> {
  const base = { ...process.env }
  delete base.DATABASE_URL
  delete base.LIFECIRCLE_DATA_DIR
  return run(path.join(projectRoot, 'node_modules', '.bin', 'tsx'), [path.join(projectRoot, 'server', 'cli.ts'), 'migrate'], {
    cwd: projectRoot,
    env: { ...base, ...env },
  })
}

// ---------------------------------------------------------------- server mode

interface PgTools {
  pgDump: string
  pgRestore: string
  version: string
  major: number
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK)
    return fs.statSync(file).isFile()
  } catch {
    return false
  }
}

/** pg_dump and the pg_restore beside it: Debian's versioned folders first (the server's major, then 15), then PATH. */
function findPgTools(serverMajor: number): PgTools | string {
  const dirs = [`/usr/lib/postgresql/${serverMajor}/bin`, '/usr/lib/postgresql/15/bin', ...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean)]
  const dir = [...new Set(dirs)].find((d) => isExecutable(path.join(d, 'pg_dump')))
  if (!dir) return `pg_dump not found in /usr/lib/postgresql/${serverMajor}/bin, /usr/lib/postgresql/15/bin or PATH`
  const pgDump = path.join(dir, 'pg_dump')
  const pgRestore = path.join(dir, 'pg_restore')
  if (!isExecutable(pgRestore)) return `pg_restore not found beside ${pgDump}`
  const version = execFileSync(pgDump, ['--version'], { encoding: 'utf8' }).trim()
  const major = Number(/\(PostgreSQL\)\s+(\d+)/.exec(version)?.[1])
  if (!Number.isInteger(major)) return `cannot read the version of ${pgDump} ("${version}")`
  return { pgDump, pgRestore, version, major }
}

/** Why the server-mode backup test cannot run here, or the tools it runs with. */
async function serverModeSetup(): Promise<{ skip: string } | { tools: PgTools }> {
  const adminUrl = process.env.DATABASE_URL
  if (!adminUrl) return { skip: 'DATABASE_URL is not set (embedded mode)' }
  const client = new pg.Client({ connectionString: adminUrl })
  await client.connect()
  let serverMajor: number
  try {
    serverMajor = Math.floor(Number((await client.query<{ n: string }>('SHOW server_version_num')).rows[0]!.n) / 10_000)
  } finally {
    await client.end()
  }
  const tools = findPgTools(serverMajor)
  if (typeof tools === 'string') return { skip: tools }
  if (tools.major < serverMajor) {
    return { skip: `${tools.pgDump} is ${tools.version}, older than the server (PostgreSQL ${serverMajor}), and cannot dump it` }
  }
  return { tools }
}

const server = await serverModeSetup()
if ('skip' in server && process.env.DATABASE_URL) console.warn(`backup-restore: skipping the server-mode test: ${server.skip}`)
const serverTitle = 'skip' in server ? `pg_dump backup and restore (server mode; skipped: ${server.skip})` : 'pg_dump backup and restore (server mode)'

describe.skipIf('skip' in server)(serverTitle, () => {
  let source: TestDatabaseLocation | undefined
  let scratch: string
  let restoredName: string
  let restoredUrl: string
  let before: Facts
  let restoreOutput: string

  beforeAll(async () => {
    const { tools } = server as { tools: PgTools }
    const adminUrl = readTemplateInfo().adminUrl!
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'lifecircle-backup-'))
    restoredName = `lifecircle_test_restored_${crypto.randomBytes(4).toString('hex')}`
    restoredUrl = withDatabase(adminUrl, restoredName)

    source = await copyTemplateDatabase('demo')
    const db = await openDatabase({ databaseUrl: source.databaseUrl })
    try {
      await makeDistinctiveChanges(db.pool)
      before = await readFacts(db.pool)
    } finally {
      await db.close()
    }

    const dumpFile = path.join(scratch, 'lifecircle.dump')
    await run(tools.pgDump, ['-Fc', '-f', dumpFile, `--dbname=${source.databaseUrl}`])
    expect(fs.readFileSync(dumpFile).subarray(0, 5).toString()).toBe('PGDMP')
    // The source goes before the restore, so nothing can come from it but the dump.
    await source.remove()
    source = undefined

    const admin = new pg.Client({ connectionString: adminUrl })
    await admin.connect()
    try {
      await admin.query(`CREATE DATABASE ${restoredName} TEMPLATE template0`)
    } finally {
      await admin.end()
    }
    // pg_restore exits non-zero when it ignored any error, so this throws on a partial restore.
    const restored = await run(tools.pgRestore, ['--no-owner', `--dbname=${restoredUrl}`, dumpFile])
    restoreOutput = restored.stdout + restored.stderr
  }, 120_000)

  afterAll(async () => {
    await source?.remove()
    if (restoredName) {
      const admin = new pg.Client({ connectionString: readTemplateInfo().adminUrl! })
      await admin.connect()
      try {
        await admin.query(`DROP DATABASE IF EXISTS ${restoredName} WITH (FORCE)`)
      } finally {
        await admin.end()
      }
    }
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true })
  })

  it('restores with pg_restore --no-owner into an empty database without errors', () => {
    expect(restoreOutput).toBe('')
  })

  it('gives back the change made before the dump, the demo data and its PostGIS geometry exactly', async () => {
    const db = await openDatabase({ databaseUrl: restoredUrl })
    try {
      expect(db.mode).toBe('server')
      expectRestored(await readFacts(db.pool), before)
      expect(db.capabilities.postgisVersion.split('.')[0]).toBe(before.postgisExtension.split('.')[0])
    } finally {
      await db.close()
    }
  })

  it('has every migration recorded, so the migration runner applies nothing', async () => {
    const db = await openDatabase({ databaseUrl: restoredUrl })
    try {
      expect(await migrate(db.pool)).toEqual({ applied: [] })
      expect((await db.pool.query('SELECT count(*)::int AS n FROM schema_migrations')).rows[0].n).toBe(readMigrations().length)
    } finally {
      await db.close()
    }
  })

  it('says "migrations are up to date" for npm run migrate, and keeps the sequences', async () => {
    const result = await runMigrateCommand({ DATABASE_URL: restoredUrl })
    expect(result.stdout).toBe('migrations are up to date\n')
    const db = await openDatabase({ databaseUrl: restoredUrl })
    try {
      await expectSequencesRestored(db.pool, before)
    } finally {
      await db.close()
    }
  }, 60_000)
})

// -------------------------------------------------------------- embedded mode

describe.skipIf(Boolean(process.env.DATABASE_URL))('copy-the-folder backup and restore (embedded mode)', () => {
  let location: TestDatabaseLocation
  let dataDir: string
  let backupRoot: string
  let backupDir: string
  let before: Facts

  beforeAll(async () => {
    location = await copyTemplateDatabase('demo')
    dataDir = location.dataDir!
    const db = await openDatabase({ embeddedDataDir: dataDir })
    try {
      expect(fs.readFileSync(path.join(dataDir, lockFileName), 'utf8')).toBe(String(process.pid))
      await makeDistinctiveChanges(db.pool)
      before = await readFacts(db.pool)
    } finally {
      await db.close()
    }
    // Stopped: the lock is gone and the folder can be copied.
    expect(fs.existsSync(path.join(dataDir, lockFileName))).toBe(false)
    backupRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'lifecircle-backup-'))
    backupDir = path.join(backupRoot, 'pglite-backup')
    await run('cp', ['-a', dataDir, backupDir])
  }, 120_000)

  afterAll(async () => {
    await location?.remove()
    if (backupRoot) fs.rmSync(backupRoot, { recursive: true, force: true })
  })

  it('restores by putting the copy back in place of the folder', async () => {
    fs.rmSync(dataDir, { recursive: true, force: true })
    await run('cp', ['-a', backupDir, dataDir])
    const db = await openDatabase({ embeddedDataDir: dataDir })
    try {
      expect(db.mode).toBe('embedded')
      expectRestored(await readFacts(db.pool), before)
      expect(await migrate(db.pool)).toEqual({ applied: [] })
    } finally {
      await db.close()
    }
  }, 60_000)

  it('opens the copy itself through LIFECIRCLE_DATA_DIR: npm run migrate is up to date, the app serves the change', async () => {
    const target = path.join(backupRoot, 'pglite-from-backup')
    await run('cp', ['-a', backupDir, target])
    const result = await runMigrateCommand({ LIFECIRCLE_DATA_DIR: target })
    expect(result.stdout).toBe('migrations are up to date\n')

    const app = await startServerProcess({ LIFECIRCLE_DATA_DIR: target, LIFECIRCLE_DEMO: '0' })
    try {
      const res = await fetch(`${app.url}/api/scenarios?kind=home_care`)
      expect(res.status).toBe(200)
      const body = (await res.json()) as { scenarios: { name: string; changes: unknown }[] }
      expect(body.scenarios.map((s) => s.name)).toEqual([probeScenarioName])
      expect(body.scenarios[0]!.changes).toEqual(probeChanges)

      // While the app runs the folder is locked: no second opener, and so no copy should be taken now.
      const lock = fs.readFileSync(path.join(target, lockFileName), 'utf8')
      expect(Number(lock)).toBeGreaterThan(0)
      expect(Number(lock)).not.toBe(process.pid)
      const second = openDatabase({ embeddedDataDir: target })
      await expect(second).rejects.toThrow(DataDirLockedError)
      await expect(second).rejects.toThrow(`The embedded database folder ${target} is in use by process ${lock}.`)
    } finally {
      await app.stop()
    }
    expect(fs.existsSync(path.join(target, lockFileName))).toBe(false)
  }, 90_000)
})
