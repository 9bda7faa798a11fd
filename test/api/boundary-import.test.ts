import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../support/test-app.ts'
import { signInWithRoles, type SessionHeaders } from '../support/accounts.ts'

const FIXTURES = path.join(import.meta.dirname, '../fixtures/boundaries')
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name))
/** The WGS84 points behind markers-gcj02.csv (see make-fixtures.ts), shifted with the formula in test/unit/geo/china-offset-reference.ts. */
const CSV_POINTS_WGS84 = [[123.41587, 41.706], [123.41588, 41.709], [123.41586, 41.713]]
/** WGS84 points and their Gauss–Krüger coordinates from PROJ (see make-fixtures.ts). */
const GAUSS_KRUGER = JSON.parse(fixture('gauss-kruger-points.json').toString()) as Record<'csvMarkers' | 'shapefileMarkers', { wgs84: number[] }[]>
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

interface Outcome {
  dryRun: boolean
  counts: { rows: number; valid: number; problems: number }
  problems: { row: number; field: string; message: string }[]
  created: number
  updated: number
}

/** Metres between two WGS84 points (equirectangular; fine at this scale). */
const metresBetween = (a: number[], b: number[]) => {
  const k = (Math.PI / 180) * 6371008.8
  return Math.hypot((a[0]! - b[0]!) * k * Math.cos((a[1]! * Math.PI) / 180), (a[1]! - b[1]!) * k)
}

describe('importing and exporting boundary lines and markers', () => {
  let t: TestApp
  let editor: SessionHeaders

  const upload = (query: string, body: Buffer | string, contentType: string, headers: SessionHeaders = editor) =>
    t.app.inject({ method: 'POST', url: `/api/boundaries/imports?${query}`, headers: { ...headers, 'content-type': contentType }, payload: body })
  const markerCount = async () => (await t.db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM boundary_markers')).rows[0]!.n
  const markersByNumber = async () =>
    new Map(
      (await t.app.inject({ method: 'GET', url: '/api/boundaries/markers', headers: editor })).json<{ markers: { number: string; lng: number; lat: number; condition: string; locationDescription: string; referenceObjects: unknown[] }[] }>().markers.map((m) => [m.number, m]),
    )

  beforeAll(async () => {
    t = await createTestApp()
    editor = await signInWithRoles(t.app, ['boundary_editor'])
  })
  afterAll(async () => t?.close())

  it('imports lines from GeoJSON with English or Chinese properties, dry run first', async () => {
    const dry = await upload('kind=lines&format=geojson&dryRun=true', fixture('lines.geojson'), 'application/geo+json')
    expect(dry.statusCode).toBe(200)
    expect(dry.json<Outcome>()).toMatchObject({ dryRun: true, counts: { rows: 2, valid: 2, problems: 0 }, created: 2 })
    expect((await t.app.inject({ method: 'GET', url: '/api/boundaries/lines?q=FXL' })).json<{ lines: unknown[] }>().lines).toHaveLength(0)
    const done = await upload('kind=lines&format=geojson&dryRun=false', fixture('lines.geojson'), 'application/geo+json')
    expect(done.statusCode).toBe(201)
    const { lines } = (await t.app.inject({ method: 'GET', url: '/api/boundaries/lines?q=FXL' })).json<{ lines: { code: string; level: string; source: string; leftName: string; lengthM: number }[] }>()
    expect(lines.map((l) => [l.code, l.level, l.source, l.leftName])).toEqual([
      ['FXL01', 'township', 'imported', '景星社区'],
      ['FXL02', 'township', 'imported', '文兴社区'],
    ])
    const again = await upload('kind=lines&format=geojson&dryRun=false', fixture('lines.geojson'), 'application/geo+json')
    expect(again.json<Outcome>()).toMatchObject({ created: 0, updated: 2 })
  })

  it('imports GCJ-02 markers from CSV to within a metre of their WGS84 positions', async () => {
    const response = await upload('kind=markers&format=csv&crs=gcj02&dryRun=false', fixture('markers-gcj02.csv'), 'text/csv')
    expect(response.statusCode).toBe(201)
    expect(response.json<Outcome>().created).toBe(3)
    const stored = await markersByNumber()
    CSV_POINTS_WGS84.forEach((point, i) => {
      const marker = stored.get(`210190001003${String(11 + i).padStart(3, '0')}Q`)!
      expect(metresBetween([marker.lng, marker.lat], point)).toBeLessThan(1)
      expect(marker.referenceObjects).toHaveLength(3)
    })
  })

  it('imports markers in a CGCS2000 Gauss–Krüger zone to within a metre, with crs as an EPSG code', async () => {
    const response = await upload('kind=markers&format=csv&crs=epsg:4550&dryRun=false', fixture('markers-gk-cm123e.csv'), 'text/csv')
    expect(response.statusCode, response.body).toBe(201)
    expect(response.json<Outcome>().created).toBe(3)
    const stored = await markersByNumber()
    GAUSS_KRUGER.csvMarkers.forEach(({ wgs84 }, i) => {
      const marker = stored.get(`210190001003${String(61 + i).padStart(3, '0')}Q`)!
      expect(metresBetween([marker.lng, marker.lat], wgs84)).toBeLessThan(1)
    })
  })

  it('reads the Gauss–Krüger zone of a zipped Shapefile from its .prj when crs is not given', async () => {
    const named = (await upload('kind=markers&format=shapefile&crs=wgs84&dryRun=true', fixture('markers-gk-zone41.zip'), 'application/zip')).json<Outcome>()
    expect(named.problems.map((p) => [p.row, p.field])).toEqual([[1, 'geometry'], [2, 'geometry']])
    const response = await upload('kind=markers&format=shapefile&dryRun=false', fixture('markers-gk-zone41.zip'), 'application/zip')
    expect(response.statusCode, response.body).toBe(201)
    const stored = await markersByNumber()
    GAUSS_KRUGER.shapefileMarkers.forEach(({ wgs84 }, i) => {
      const marker = stored.get(`210190001002${String(71 + i).padStart(3, '0')}Q`)!
      expect(metresBetween([marker.lng, marker.lat], wgs84)).toBeLessThan(1)
    })
  })

  it('refuses an unknown crs, naming it and what is accepted, and keeps the three old values', async () => {
    const unknown = await upload('kind=markers&format=csv&crs=EPSG:2385&dryRun=true', fixture('markers-gcj02.csv'), 'text/csv')
    expect(unknown.statusCode).toBe(400)
    expect(unknown.json<{ detail: string }>().detail).toMatch(/^crs: .*"EPSG:2385".*wgs84.*gcj02.*bd09.*EPSG:4491–4554/)
    for (const crs of ['wgs84', 'gcj02', 'bd09']) {
      const dry = await upload(`kind=markers&format=csv&crs=${crs}&dryRun=true`, fixture('markers.xlsx'), XLSX)
      expect(dry.statusCode, crs).toBe(200)
    }
  })

  it('says the coordinate system looks wrong when the points land far outside the district', async () => {
    const dry = (await upload('kind=markers&format=csv&crs=EPSG:4549&dryRun=true', fixture('markers-gk-cm123e.csv'), 'text/csv')).json<Outcome>()
    // These numbers are stored by an earlier test, which is a problem of its own ('number').
    const placed = dry.problems.filter((p) => p.field !== 'number')
    expect(placed.map((p) => [p.row, p.field])).toEqual([[2, 'lng'], [3, 'lng'], [4, 'lng']])
    expect(placed[0]!.message).toMatch(/km outside the district.*3 of 3 rows.*wrong coordinate system\?/)
    const line = 'code,name,level,leftCode,rightCode,wkt\nFAR1,远线,乡级,210190001001,210190001002,"LINESTRING(123.395 41.709, 123.45 41.709)"\n'
    const far = (await upload('kind=lines&format=csv&dryRun=true', line, 'text/csv')).json<Outcome>()
    expect(far.problems).toEqual([expect.objectContaining({ row: 2, field: 'geometry', message: expect.stringMatching(/outside the district/) })])
  })

  it('imports a C/D/E triple from XLSX and GBK attributes from a zipped Shapefile', async () => {
    expect((await upload('kind=markers&format=xlsx&dryRun=false', fixture('markers.xlsx'), XLSX)).statusCode).toBe(201)
    const shp = await upload('kind=markers&format=shapefile&dryRun=false', fixture('markers-gbk.zip'), 'application/zip')
    expect(shp.statusCode).toBe(201)
    const stored = await markersByNumber()
    expect(['210190002003021C', '210190002003021D', '210190002003021E'].every((n) => stored.has(n))).toBe(true)
    expect(stored.get('210190001002031Q')).toMatchObject({ condition: 'damaged', locationDescription: '北陵路口东侧', lng: 123.405, lat: 41.71637 })
    const history = await t.db.pool.query<{ source: string }>(
      `SELECT c.source FROM marker_conditions c JOIN boundary_markers m ON m.id = c.marker_id JOIN boundary_lines l ON l.id = m.line_id WHERE l.code = '210190001002' AND m.sequence = 31`,
    )
    expect(history.rows).toEqual([{ source: 'import' }])
  })

  it('lists every problem by row and field, and stores nothing of a file with any', async () => {
    const csv = [
      'number,lng,lat,referenceObjects',
      '210190001003041Q,123.4158,41.71,"a,1,2;b,3,4;c,5,6"',
      ',123.4158,41.71,"a,1,2;b,3,4;c,5,6"',
      '210190001003042X,123.4158,41.71,"a,1,2;b,3,4;c,5,6"',
      '210190001003043Q,123.4158,41.71,"a,1,2;b,3,4"',
      '210190001003041Q,123.4158,41.71,"a,1,2;b,3,4;c,5,6"',
      '210190001003011Q,123.4158,41.71,"a,1,2;b,3,4;c,5,6"',
      '210190001003044Q,116.39,39.9,"a,1,2;b,3,4;c,5,6"',
      'NOLINE001Q,123.4158,41.71,"a,1,2;b,3,4;c,5,6"',
    ].join('\n')
    const before = await markerCount()
    const response = await upload('kind=markers&format=csv&dryRun=false', csv, 'text/csv')
    expect(response.statusCode).toBe(400)
    const { problems } = response.json<{ problems: Outcome['problems'] }>()
    expect(problems.map((p) => [p.row, p.field])).toEqual([
      [3, 'number'],
      [4, 'number'],
      [5, 'referenceObjects'],
      [6, 'number'],
      [7, 'number'],
      [8, 'lng'],
      [9, 'lineCode'],
    ])
    expect(problems[3]!.message).toMatch(/also on row 2/)
    expect(problems[4]!.message).toMatch(/already stored/)
    expect(await markerCount()).toBe(before)

    const lines = 'code,name,level,leftCode,rightCode,wkt\nBAD1,坏线,乡级,210190001001,210190001002,"LINESTRING(1 2)"\n'
    const dry = (await upload('kind=lines&format=csv&dryRun=true', lines, 'text/csv')).json<Outcome>()
    expect(dry.problems).toEqual([expect.objectContaining({ row: 2, field: 'geometry' })])
  })

  it('exports lines and markers as GeoJSON that imports back', async () => {
    const lines = await t.app.inject({ method: 'GET', url: '/api/boundaries/lines.geojson', headers: editor })
    expect(lines.headers['content-type']).toMatch(/application\/geo\+json/)
    const back = await upload('kind=lines&format=geojson&dryRun=true', lines.body, 'application/geo+json')
    const outcome = back.json<Outcome>()
    expect(outcome.problems).toEqual([])
    expect(outcome.updated).toBe(outcome.counts.rows)
    const markers = await t.app.inject({ method: 'GET', url: '/api/boundaries/markers.geojson', headers: editor })
    const dry = (await upload('kind=markers&format=geojson&dryRun=true', markers.body, 'application/geo+json')).json<Outcome>()
    expect(dry.counts.rows).toBe(await markerCount())
    // Every exported marker is read back whole; each is refused only because it is stored already.
    expect(dry.problems.every((p) => p.field === 'number' && /already stored/.test(p.message))).toBe(true)
    expect(dry.problems).toHaveLength(dry.counts.rows)
  })
})
