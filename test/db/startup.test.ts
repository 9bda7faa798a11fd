import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { openDatabase, DatabaseStartupError } from '../../server/db/database.ts'
import { lockDataDir, DataDirLockedError } from '../../server/db/data-dir-lock.ts'
import { readTemplateInfo, withDatabase } from '../support/test-database.ts'

async function closedPort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as net.AddressInfo).port
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

describe('database start-up', () => {
  it('explains in one line when the database server cannot be reached', async () => {
    const port = await closedPort()
    const failure = openDatabase({ databaseUrl: `postgres://postgres@127.0.0.1:${port}/lifecircle` })
    await expect(failure).rejects.toThrow(DatabaseStartupError)
    await expect(failure).rejects.toThrow(`Cannot connect to the database at 127.0.0.1:${port}/lifecircle (ECONNREFUSED)`)
    const message = await failure.catch((e: Error) => e.message)
    expect(message).not.toContain('\n')
    expect(message).toMatch(/DATABASE_URL/)
  })

  it('refuses a second holder of the embedded data folder while the first is alive', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifecircle-lock-'))
    const first = lockDataDir(dir)
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError)
    expect(() => lockDataDir(dir)).toThrow(`is in use by process ${process.pid}`)
    first.release()
    const second = lockDataDir(dir)
    second.release()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  it('takes over a lock left behind by a process that has ended', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifecircle-lock-'))
    fs.writeFileSync(path.join(dir, 'lifecircle.lock'), '2147483646')
    const lock = lockDataDir(dir)
    expect(fs.readFileSync(path.join(dir, 'lifecircle.lock'), 'utf8')).toBe(String(process.pid))
    lock.release()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  it.skipIf(!process.env.DATABASE_URL)('explains in one line when PostGIS is not enabled and cannot be (server mode only)', async () => {
    const adminUrl = readTemplateInfo().adminUrl!
    const admin = new pg.Client({ connectionString: adminUrl })
    await admin.connect()
    const suffix = String(process.pid)
    const role = `lifecircle_plain_${suffix}`
    const database = `lifecircle_test_nopostgis_${suffix}`
    try {
      await admin.query(`DROP DATABASE IF EXISTS ${database}`)
      await admin.query(`DROP ROLE IF EXISTS ${role}`)
      await admin.query(`CREATE ROLE ${role} LOGIN NOSUPERUSER`)
      await admin.query(`CREATE DATABASE ${database} OWNER ${role}`)
      const url = new URL(withDatabase(adminUrl, database))
      url.username = role
      const failure = openDatabase({ databaseUrl: url.toString() })
      await expect(failure).rejects.toThrow(DatabaseStartupError)
      const message = await failure.catch((e: Error) => e.message)
      expect(message).toMatch(/PostGIS is installed at .* but not enabled in this database/)
      expect(message).toMatch(/CREATE EXTENSION postgis/)
      expect(message).not.toContain('\n')
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)
      await admin.query(`DROP ROLE IF EXISTS ${role}`)
      await admin.end()
    }
  })
})
