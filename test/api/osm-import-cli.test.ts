import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { projectRoot } from '../../server/config.ts'
import { openDatabase } from '../../server/db/database.ts'
import { copyTemplateDatabase, type TestDatabaseLocation } from '../support/test-database.ts'

const fixture = path.join('test', 'fixtures', 'osm', 'haidian-tiny.osm')
let location: TestDatabaseLocation

function runCli(args: string[]) {
  const env = { ...process.env, ...location.env }
  if (!location.databaseUrl) delete env.DATABASE_URL
  const result = spawnSync(path.join(projectRoot, 'node_modules', '.bin', 'tsx'), ['server/cli.ts', ...args], { cwd: projectRoot, env, encoding: 'utf8', timeout: 120_000 })
  return { code: result.status, stdout: result.stdout, output: `${result.stdout}${result.stderr}` }
}

beforeAll(async () => {
  location = await copyTemplateDatabase('empty')
})
afterAll(async () => location?.remove())

describe('npm run cli -- import:osm', () => {
  it('reports the figures of a dry run with plain percentage lines when not on a terminal', () => {
    const result = runCli(['import:osm', fixture, '--dry-run'])
    expect(result.code, result.output).toBe(0)
    expect(result.stdout).toContain('reading 100%')
    expect(result.stdout).toMatch(/walk network: 84 edges, 6\.896 km, 72 nodes, 2 connected components/)
    expect(result.stdout).toMatch(/largest component: 83 edges/)
    expect(result.stdout).toContain('dry run: nothing was written')
  }, 60_000)

  it('loads the PBF file as an attributed dataset', async () => {
    const result = runCli(['import:osm', `${fixture}.pbf`])
    expect(result.code, result.output).toBe(0)
    expect(result.stdout).toContain('loading 100%')
    const db = await openDatabase({ databaseUrl: location.databaseUrl, embeddedDataDir: location.dataDir })
    try {
      const rows = await db.pool.query(
        `SELECT d.source, d.attribution, count(e.id)::int AS edges
           FROM datasets d JOIN network_edges e ON e.dataset_id = d.id GROUP BY d.id`,
      )
      expect(rows.rows).toEqual([{ source: 'openstreetmap:haidian-tiny.osm.pbf', attribution: '© OpenStreetMap contributors, ODbL 1.0', edges: 84 }])
    } finally {
      await db.close()
    }
  }, 120_000)

  it('writes the facilities and residential areas a file names as GeoJSON files to check and import', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'osm-candidates-cli-'))
    try {
      const result = runCli(['import:osm', fixture, '--dry-run', '--candidates', dir])
      expect(result.code, result.output).toBe(0)
      expect(result.stdout).toContain(`candidate compounds: 0 in ${path.join(dir, 'haidian-tiny-compounds.geojson')} (fill in 户数, then: npm run cli -- import compounds`)
      expect(JSON.parse(fs.readFileSync(path.join(dir, 'haidian-tiny-facilities.geojson'), 'utf8'))).toEqual({ type: 'FeatureCollection', features: [] })
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  }, 60_000)

  it('refuses files that are not OSM, before opening the database', () => {
    const result = runCli(['import:osm', 'places.csv'])
    expect(result.code).toBe(2)
    expect(result.output).toContain('import:osm reads .osm and .osm.pbf files')
  })
})
