import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { projectRoot } from '../../server/config.ts'
import { openDatabase } from '../../server/db/database.ts'
import { copyTemplateDatabase, type TestDatabaseLocation } from '../support/test-database.ts'

const layers = path.join('test', 'fixtures', 'layers')
const osm = path.join('test', 'fixtures', 'osm', 'haidian-tiny.osm')
let location: TestDatabaseLocation
let scratch: string

function runCli(args: string[]) {
  const env = { ...process.env, ...location.env }
  if (!location.databaseUrl) delete env.DATABASE_URL
  const result = spawnSync(path.join(projectRoot, 'node_modules', '.bin', 'tsx'), ['server/cli.ts', ...args], { cwd: projectRoot, env, encoding: 'utf8', timeout: 120_000 })
  return { code: result.status, stdout: result.stdout, output: `${result.stdout}${result.stderr}` }
}

async function query<T extends object>(sql: string): Promise<T[]> {
  const db = await openDatabase({ databaseUrl: location.databaseUrl, embeddedDataDir: location.dataDir })
  try {
    return (await db.pool.query<T>(sql)).rows
  } finally {
    await db.close()
  }
}

beforeAll(async () => {
  location = await copyTemplateDatabase('empty')
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'layer-import-cli-'))
})
afterAll(async () => {
  await location?.remove()
  if (scratch) fs.rmSync(scratch, { recursive: true, force: true })
})

describe('npm run cli -- import and datasets', () => {
  it('lists the problems of a file by row and field and exits 1, writing nothing', async () => {
    const result = runCli(['import', 'divisions', path.join(layers, 'divisions.geojson'), '--dry-run'])
    expect(result.code, result.output).toBe(1)
    expect(result.stdout).toMatch(/columns: .*code ← 区划代码/)
    expect(result.stdout).toMatch(/problem row 5, households: /)
    expect(result.stdout).toMatch(/problem row 6, code: .*row 4/)
    expect(await query('SELECT code FROM divisions')).toEqual([])
  }, 60_000)

  it('loads a clean file as a named series and lists it', async () => {
    const collection = JSON.parse(fs.readFileSync(path.join(projectRoot, layers, 'divisions.geojson'), 'utf8')) as { features: unknown[] }
    const clean = path.join(scratch, '区划2025.geojson')
    fs.writeFileSync(clean, JSON.stringify({ ...collection, features: collection.features.slice(0, 4) }))
    const result = runCli(['import', 'divisions', clean, '--series', '区划'])
    expect(result.code, result.output).toBe(0)
    expect(result.stdout).toMatch(/loaded as dataset \d+, “区划” v1: 4 created, 0 updated/)
    expect(await query<{ code: string; level: string }>('SELECT code, level FROM divisions ORDER BY code')).toEqual([
      { code: '210190000000', level: 'district' },
      { code: '210190001000', level: 'subdistrict' },
      { code: '210190001001', level: 'community' },
      { code: '210190001002', level: 'community' },
    ])
    const listed = runCli(['datasets'])
    expect(listed.code, listed.output).toBe(0)
    expect(listed.stdout).toMatch(/区划 v1 +divisions 4/)
  }, 60_000)

  it('replaces an OSM network with the next version and archives the earlier edges', async () => {
    const first = runCli(['import:osm', osm])
    expect(first.code, first.output).toBe(0)
    const id = /loaded as dataset (\d+), “OpenStreetMap haidian-tiny\.osm” v1/.exec(first.stdout)?.[1]
    expect(id, first.stdout).toBeDefined()
    const second = runCli(['import:osm', `${osm}.pbf`, '--replaces', id!])
    expect(second.code, second.output).toBe(0)
    expect(second.stdout).toMatch(/“OpenStreetMap haidian-tiny\.osm” v2/)
    expect(second.stdout).toContain(`replaced dataset ${id} (“OpenStreetMap haidian-tiny.osm” v1): its 84 edges are archived`)
    expect(await query('SELECT dataset_id, count(*)::int AS n FROM network_edges GROUP BY dataset_id')).toEqual([{ dataset_id: Number(id) + 1, n: 84 }])
    expect(await query(`SELECT dataset_id, count(*)::int AS n FROM archived_features WHERE layer = 'network' GROUP BY dataset_id`)).toEqual([{ dataset_id: Number(id), n: 84 }])
    const again = runCli(['import:osm', osm, '--replaces', id!])
    expect(again.code).toBe(1)
    expect(again.output).toContain('were replaced already')
  }, 120_000)

  it('refuses an unknown layer or file type before opening the database', () => {
    expect(runCli(['import', 'roads', 'x.csv']).output).toContain('unknown layer "roads"')
    const wrong = runCli(['import', 'facilities', 'x.docx'])
    expect(wrong.code).toBe(2)
    expect(wrong.output).toContain('import reads .geojson, .json, .csv, .xlsx and .zip')
  })
})
