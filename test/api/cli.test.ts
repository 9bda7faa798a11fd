import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { projectRoot } from '../../server/config.ts'
import { openDatabase } from '../../server/db/database.ts'
import { copyTemplateDatabase, type TestDatabaseLocation } from '../support/test-database.ts'

let location: TestDatabaseLocation

function runCli(args: string[]) {
  const env = { ...process.env, ...location.env }
  if (!location.databaseUrl) delete env.DATABASE_URL
  const result = spawnSync(path.join(projectRoot, 'node_modules', '.bin', 'tsx'), ['server/cli.ts', ...args], {
    cwd: projectRoot,
    env,
    encoding: 'utf8',
    timeout: 120_000,
  })
  return { code: result.status, output: `${result.stdout}${result.stderr}` }
}

async function readDemoState(): Promise<{ datasetId: number; fingerprint: string }> {
  const db = await openDatabase({ databaseUrl: location.databaseUrl, embeddedDataDir: location.dataDir })
  try {
    const row = (await db.pool.query<{ id: number; name: string }>(
      `SELECT (SELECT id FROM datasets) AS id,
              (SELECT md5(string_agg(c.name || c.households || ST_AsText(c.geom), ',' ORDER BY c.name)) FROM compounds c) AS name`,
    )).rows[0]!
    return { datasetId: row.id, fingerprint: row.name }
  } finally {
    await db.close()
  }
}

beforeAll(async () => {
  location = await copyTemplateDatabase('demo')
})
afterAll(async () => location?.remove())

describe('the CLI', () => {
  it('reports migrations up to date', () => {
    const result = runCli(['migrate'])
    expect(result.output).toContain('migrations are up to date')
    expect(result.code).toBe(0)
  }, 120_000)

  it('reloads the demo district: same seed, same data; another seed, other data', async () => {
    const before = await readDemoState()
    const same = runCli(['demo:reload'])
    expect(same.code, same.output).toBe(0)
    const afterSame = await readDemoState()
    expect(afterSame.datasetId).not.toBe(before.datasetId)
    expect(afterSame.fingerprint).toBe(before.fingerprint)
    const other = runCli(['demo:reload', '7'])
    expect(other.code, other.output).toBe(0)
    expect((await readDemoState()).fingerprint).not.toBe(before.fingerprint)
  }, 180_000)

  it('rejects unknown commands and bad seeds with usage help', () => {
    const unknown = runCli(['frobnicate'])
    expect(unknown.code).toBe(2)
    expect(unknown.output).toMatch(/unknown command "frobnicate"[\s\S]*demo:reload/)
    const badSeed = runCli(['demo:reload', 'abc'])
    expect(badSeed.code).toBe(2)
    expect(badSeed.output).toContain('seed must be an integer')
  }, 60_000)

  it('creates a user with a generated password shown once, refuses a taken name, and resets a password', async () => {
    const created = runCli(['user:create', 'Chen', '--roles', 'admin,planner', '--name', '陈主任'])
    expect(created.code, created.output).toBe(0)
    const password = /password: (\S+)/.exec(created.output)?.[1]
    expect(password).toMatch(/^[A-Za-z0-9]{16}$/)
    expect(runCli(['user:create', 'chen', '--roles', 'viewer']).output).toContain('the user name "chen" is taken')
    const badRole = runCli(['user:create', 'li', '--roles', 'boss'])
    expect(badRole.code).toBe(2)
    expect(badRole.output).toContain('unknown role "boss"')
    const reset = runCli(['user:reset-password', 'chen'])
    expect(reset.code, reset.output).toBe(0)
    const newPassword = /new password for "chen": (\S+)/.exec(reset.output)?.[1]
    expect(newPassword).toMatch(/^[A-Za-z0-9]{16}$/)
    expect(newPassword).not.toBe(password)
    expect(runCli(['user:reset-password', 'nobody']).output).toContain('no user "nobody"')

    const db = await openDatabase({ databaseUrl: location.databaseUrl, embeddedDataDir: location.dataDir })
    try {
      const user = (await db.pool.query('SELECT username, display_name, roles, must_change_password FROM users')).rows
      expect(user).toEqual([{ username: 'chen', display_name: '陈主任', roles: ['admin', 'planner'], must_change_password: true }])
      const trail = (await db.pool.query(`SELECT actor_id, actor_name, action FROM audit_log WHERE entity = 'user' ORDER BY id`)).rows
      expect(trail).toEqual([
        { actor_id: null, actor_name: 'command line', action: 'create' },
        { actor_id: null, actor_name: 'command line', action: 'reset-password' },
      ])
    } finally {
      await db.close()
    }
  }, 300_000)
})
