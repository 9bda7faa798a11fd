import fs from 'node:fs'
import path from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../support/test-app.ts'
import { signInWithRoles, type SessionHeaders } from '../support/accounts.ts'

const FIXTURES = path.join(import.meta.dirname, '../fixtures/gazetteer')
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name))
/** WGS84 points and their CGCS2000 Gauss–Krüger coordinates from PROJ (see test/fixtures/boundaries/README.md). */
const GAUSS_KRUGER_PLACES = (
  JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '../fixtures/boundaries/gauss-kruger-points.json'), 'utf8')) as {
    places: { wgs84: [number, number]; 'EPSG:4529': [number, number]; 'EPSG:4550': [number, number] }[]
  }
).places
const CSV = 'text/csv'
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const ZIP = 'application/zip'
/** The WGS84 points of places-gk-zone41.zip, as `SHAPEFILE_PLACES_WGS84` in test/fixtures/gazetteer/make-fixtures.ts. */
const SHAPEFILE_PLACES: [string, [number, number]][] = [
  ['栖霞湾路', [123.412, 41.7145]],
  ['鹤鸣桥', [123.4185, 41.7195]],
  ['松韵小区', [123.428, 41.7105]],
]
/** The Shapefile's coded .dbf fields, which no header recognition reads. */
const SHAPEFILE_MAPPING = { standardName: 'DMMC', category: 'DMLB' }
const mappingQuery = (mapping: unknown) => `mapping=${encodeURIComponent(JSON.stringify(mapping))}`

interface Outcome {
  dryRun: boolean
  ok: boolean
  encoding: string | null
  coordinateSystem: string
  rows: number
  created: number
  updated: number
  problems: { row: number; field: string; message: string }[]
  warnings: { row: number; field: string; message: string }[]
  preview: { row: number; standardName: string; category: string }[]
}

describe('importing and exporting place records', () => {
  let t: TestApp
  let editor: SessionHeaders
  beforeAll(async () => {
    t = await createTestApp('demo', { guestAccess: false })
    editor = await signInWithRoles(t.app, ['place_name_editor'])
  })
  afterAll(() => t.close())

  const count = async () => (await t.db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM places')).rows[0]!.n
  const upload = (body: Buffer, contentType: string, query: string) =>
    t.app.inject({ method: 'POST', url: `/api/gazetteer/imports?${query}`, headers: { ...editor, 'content-type': contentType }, payload: body })

  it('lists every problem of a broken file by row and field on a dry run, and a load stores nothing', async () => {
    const before = await count()
    const dry = await upload(fixture('places-broken.csv'), CSV, 'dryRun=true')
    expect(dry.statusCode, dry.body).toBe(200)
    const outcome = dry.json() as Outcome
    expect(outcome).toMatchObject({ dryRun: true, ok: false, encoding: 'utf-8' })
    const found = new Set(outcome.problems.map((p) => `${p.row}:${p.field}`))
    for (const expected of ['3:establishedOn', '4:lng', '5:category', '7:standardName', '8:abolishedOn', '10:altNames[0].validTo', '15:standardName']) {
      expect(found, expected).toContain(expected)
    }
    const load = await upload(fixture('places-broken.csv'), CSV, 'dryRun=false')
    expect(load.statusCode).toBe(400)
    expect(load.json().detail).toMatch(/nothing was imported/)
    expect(load.json().problems.length).toBe(outcome.problems.length)
    expect(await count()).toBe(before)
  })

  it('reads a GBK file like its UTF-8 twin, loads it all at once, and refuses the same rows a second time', async () => {
    const gbk = (await upload(fixture('places-gbk.csv'), CSV, 'dryRun=true')).json() as Outcome
    const utf8 = (await upload(fixture('places-utf8.csv'), CSV, 'dryRun=true')).json() as Outcome
    expect(gbk.problems).toEqual([])
    expect(gbk).toMatchObject({ ok: true, encoding: 'gb18030', rows: utf8.rows })
    expect(utf8).toMatchObject({ ok: true, encoding: 'utf-8', problems: [] })

    const before = await count()
    const loaded = await upload(fixture('places-gbk.csv'), CSV, 'dryRun=false&filename=places-gbk.csv')
    expect(loaded.statusCode, loaded.body).toBe(201)
    expect(await count()).toBe(before + utf8.rows)
    const search = (await t.app.inject({ url: `/api/gazetteer/places?q=${encodeURIComponent('云杉路')}`, headers: editor })).json()
    const record = (await t.app.inject({ url: `/api/gazetteer/places/${search.items[0].placeId}`, headers: editor })).json()
    expect(record).toMatchObject({ standardName: '云杉路', placeCode: '21011200112201000001', romanization: 'Yunshan Lu', namedOn: '2008-05-01' })
    const versions = (await t.app.inject({ url: `/api/gazetteer/places/${record.id}/versions`, headers: editor })).json().versions
    expect(versions[0].change).toBe('import')

    const again = (await upload(fixture('places-utf8.csv'), CSV, 'dryRun=true')).json() as Outcome
    const withCode = utf8.rows - again.created
    expect(again.updated).toBe(withCode)
    expect(withCode).toBeGreaterThan(0)
    expect(again.problems.length).toBe(again.created)
    expect(again.problems.every((p) => p.field === 'standardName' && /already recorded as place \d+/.test(p.message))).toBe(true)
    const withoutCodes = fs.readFileSync(path.join(FIXTURES, 'places-utf8.csv'), 'utf8').replace(/^\uFEFF?([^\n]*\n)/, '$1').replace(/^21011200112201000001,/m, ',')
    const duplicate = (await upload(Buffer.from(withoutCodes), CSV, 'dryRun=true')).json() as Outcome
    expect(duplicate.problems).toContainEqual(expect.objectContaining({ row: 2, field: 'standardName', message: expect.stringMatching(/already recorded/) }))
  })

  it('converts GCJ-02 coordinates to WGS84 on import', async () => {
    const csv = '标准名称,类别,经度,纬度\n偏移测试点,居民点,123.4612,41.7385\n'
    const wgs = await upload(Buffer.from(csv.replace('偏移测试点', '偏移测试点甲')), CSV, 'dryRun=false')
    const gcj = await upload(Buffer.from(csv.replace('偏移测试点', '偏移测试点乙')), CSV, 'dryRun=false&coordinateSystem=gcj02')
    expect(wgs.statusCode, wgs.body).toBe(201)
    expect(gcj.statusCode, gcj.body).toBe(201)
    const rows = (await t.db.pool.query<{ name: string; lng: number; lat: number }>(
      `SELECT standard_name AS name, ST_X(geom) AS lng, ST_Y(geom) AS lat FROM places WHERE standard_name = '偏移测试点甲'`,
    )).rows
    const shiftM = (await t.db.pool.query<{ m: number }>(
      `SELECT ST_Distance(a.geom::geography, b.geom::geography) AS m FROM places a, places b WHERE a.standard_name = '偏移测试点甲' AND b.standard_name = '偏移测试点乙'`,
    )).rows[0]!.m
    expect(rows[0]!.lng).toBeCloseTo(123.4612, 6)
    expect(shiftM).toBeGreaterThan(200)
    expect(shiftM).toBeLessThan(800)
  })

  it('converts CGCS2000 Gauss–Krüger coordinates to within a metre, and warns by row when the zone is wrong', async () => {
    const csvIn = (system: 'EPSG:4529' | 'EPSG:4550', name: string) =>
      Buffer.from(['标准名称,类别,经度,纬度', ...GAUSS_KRUGER_PLACES.map((p, i) => `${name}${i + 1},居民点,${p[system][0]},${p[system][1]}`)].join('\n') + '\n')
    const wrongZone = (await upload(csvIn('EPSG:4550', '错带点'), CSV, 'dryRun=true&crs=EPSG:4549')).json() as Outcome
    expect(wrongZone.warnings.map((w) => [w.row, w.field])).toEqual([[2, 'lng'], [3, 'lng'], [4, 'lng']])
    expect(wrongZone.warnings[0]!.message).toMatch(/km outside the district.*wrong coordinate system\?/)

    const loaded = await upload(csvIn('EPSG:4529', '高斯点'), CSV, 'dryRun=false&coordinateSystem=EPSG:4529')
    expect(loaded.statusCode, loaded.body).toBe(201)
    expect((loaded.json() as Outcome).warnings).toEqual([])
    const distances = await t.db.pool.query<{ name: string; m: number }>(
      `SELECT p.standard_name AS name, ST_Distance(p.geom::geography, ST_SetSRID(ST_MakePoint(k.lng, k.lat), 4326)::geography) AS m
         FROM places p JOIN unnest($1::text[], $2::float8[], $3::float8[]) AS k(name, lng, lat) ON k.name = p.standard_name ORDER BY 1`,
      [GAUSS_KRUGER_PLACES.map((_, i) => `高斯点${i + 1}`), GAUSS_KRUGER_PLACES.map((p) => p.wgs84[0]), GAUSS_KRUGER_PLACES.map((p) => p.wgs84[1])],
    )
    expect(distances.rows).toHaveLength(GAUSS_KRUGER_PLACES.length)
    for (const row of distances.rows) expect(row.m, row.name).toBeLessThan(1)
  })

  it('refuses an unknown coordinate system by name, listing what is accepted, and keeps wgs84, gcj02 and bd09', async () => {
    const body = Buffer.from('标准名称,类别,经度,纬度\n坐标系测试点,居民点,123.41,41.715\n')
    for (const query of ['crs=EPSG:3857', 'coordinateSystem=beijing54']) {
      const refused = await upload(body, CSV, `dryRun=true&${query}`)
      expect(refused.statusCode, query).toBe(400)
      expect(refused.json().detail).toMatch(new RegExp(`^${query.split('=')[0]}: Unknown coordinate system .*wgs84.*gcj02.*bd09.*EPSG:4491–4554`))
    }
    for (const system of ['wgs84', 'gcj02', 'bd09']) {
      const dry = await upload(body, CSV, `dryRun=true&coordinateSystem=${system}`)
      expect(dry.statusCode, system).toBe(200)
      expect((dry.json() as Outcome).problems, system).toEqual([])
    }
  })

  it('refuses files of other types and bodies that are not what they claim', async () => {
    const pdf = await upload(Buffer.from('%PDF-1.4'), 'application/pdf', 'dryRun=true')
    expect(pdf.statusCode).toBe(415)
    const fakeXlsx = await upload(Buffer.from('standardName,category\n'), XLSX, 'dryRun=true')
    expect(fakeXlsx.statusCode).toBe(415)
    const viewer = await signInWithRoles(t.app, ['viewer'])
    const forbidden = await t.app.inject({ method: 'POST', url: '/api/gazetteer/imports?dryRun=true', headers: { ...viewer, 'content-type': CSV }, payload: fixture('places-utf8.csv') })
    expect(forbidden.statusCode).toBe(403)
  })

  it('reads the columns of a Shapefile for the mapping step: cut and coded .dbf names, the .prj, the suggested mapping', async () => {
    const inspect = (body: Buffer, contentType: string, query = '') =>
      t.app.inject({ method: 'POST', url: `/api/gazetteer/imports/inspect${query}`, headers: { ...editor, 'content-type': contentType }, payload: body })
    const answer = await inspect(fixture('places-gk-zone41.zip'), ZIP)
    expect(answer.statusCode, answer.body).toBe(200)
    const inspection = answer.json()
    expect(inspection).toMatchObject({
      format: 'shapefile',
      headers: ['DMMC', 'DMLB', '罗马字母拼', '所在行政区', '命名日期', 'OBJECTID'],
      rowCount: 3,
      hasGeometry: true,
      prjCrs: 'EPSG:4529',
      encoding: 'gbk',
      suggested: { romanization: '罗马字母拼', divisionCodes: '所在行政区', namedOn: '命名日期' },
      problems: [],
    })
    expect(inspection.sample[0]).toEqual({ DMMC: '栖霞湾路', DMLB: '交通运输设施', 罗马字母拼: 'Qixiawan Lu', 所在行政区: '210190001001', 命名日期: '2015-06-01', OBJECTID: '1' })
    expect(inspection.sample[1]['命名日期'], 'an empty .dbf date').toBe('')
    const column = (key: string) => inspection.columns.find((c: { key: string }) => c.key === key)
    expect(column('standardName')).toEqual({ key: 'standardName', header: '标准名称', required: true, mappable: true })
    expect(column('lng')).toMatchObject({ mappable: false })

    const named = (await inspect(fixture('places-gk-zone41.zip'), ZIP, '?crs=wgs84')).json()
    expect(named.prjCrs, 'a named system overrides the .prj').toBeNull()
    const csv = (await inspect(fixture('places-utf8.csv'), CSV)).json()
    expect(csv).toMatchObject({ format: 'csv', encoding: 'utf-8', prjCrs: null, hasGeometry: false })
    expect(csv.suggested).toMatchObject({ standardName: '标准名称', category: '类别', lng: '经度', lat: '纬度', geometry: '几何' })
    expect((await inspect(Buffer.from('%PDF-1.4'), 'application/pdf')).statusCode).toBe(415)
    const unreadable = await inspect(Buffer.from('{"type":'), 'application/geo+json')
    expect(unreadable.statusCode).toBe(400)
    expect(unreadable.json()).toMatchObject({ detail: expect.stringMatching(/^the file cannot be read: the file is not valid JSON/), problems: [{ row: 0, field: '' }] })
  })

  it('imports a GBK Shapefile through a column mapping, its .prj deciding the coordinate system when the request names none', async () => {
    const zip = fixture('places-gk-zone41.zip')
    const unmapped = (await upload(zip, ZIP, 'dryRun=true')).json() as Outcome
    expect(unmapped).toMatchObject({ ok: false, rows: 0, encoding: 'gbk', coordinateSystem: 'EPSG:4529' })
    expect(unmapped.problems.map((p) => [p.row, p.field])).toEqual([[0, '标准名称'], [0, '类别']])
    expect(unmapped.warnings.map((w) => w.field), 'unknown .dbf fields are not read, which does not stop a Shapefile').toEqual(['DMMC', 'DMLB', 'OBJECTID'])

    const dry = (await upload(zip, ZIP, `dryRun=true&${mappingQuery(SHAPEFILE_MAPPING)}`)).json() as Outcome
    expect(dry.problems).toEqual([])
    expect(dry).toMatchObject({ ok: true, rows: 3, created: 3, coordinateSystem: 'EPSG:4529' })
    expect(dry.warnings).toEqual([{ row: 0, field: 'OBJECTID', message: expect.stringMatching(/"OBJECTID" is not read/) }])

    const asWgs84 = (await upload(zip, ZIP, `dryRun=true&crs=wgs84&${mappingQuery(SHAPEFILE_MAPPING)}`)).json() as Outcome
    expect(asWgs84).toMatchObject({ ok: false, coordinateSystem: 'wgs84' })
    expect(new Set(asWgs84.problems.map((p) => p.row)), 'metres read as degrees are out of range').toEqual(new Set([1, 2, 3]))

    const before = await count()
    const loaded = await upload(zip, ZIP, `dryRun=false&filename=places-gk-zone41.zip&${mappingQuery(SHAPEFILE_MAPPING)}`)
    expect(loaded.statusCode, loaded.body).toBe(201)
    expect(await count()).toBe(before + 3)
    const stored = await t.db.pool.query<{ name: string; romanization: string; division_codes: string[]; named_on: string | null; m: number }>(
      `SELECT p.standard_name AS name, p.romanization, p.division_codes, to_char(p.named_on, 'YYYY-MM-DD') AS named_on,
              ST_Distance(p.geom::geography, ST_SetSRID(ST_MakePoint(k.lng, k.lat), 4326)::geography) AS m
         FROM places p JOIN unnest($1::text[], $2::float8[], $3::float8[]) AS k(name, lng, lat) ON k.name = p.standard_name ORDER BY k.lng`,
      [SHAPEFILE_PLACES.map(([name]) => name), SHAPEFILE_PLACES.map(([, p]) => p[0]), SHAPEFILE_PLACES.map(([, p]) => p[1])],
    )
    expect(stored.rows.map((r) => [r.name, r.romanization, r.named_on])).toEqual([
      ['栖霞湾路', 'Qixiawan Lu', '2015-06-01'],
      ['鹤鸣桥', 'Heming Qiao', null],
      ['松韵小区', 'Songyun Xiaoqu', '2019-11-20'],
    ])
    expect(stored.rows[0]!.division_codes, 'read from the cut field 所在行政区').toEqual(['210190001001'])
    for (const row of stored.rows) expect(row.m, row.name).toBeLessThan(1)
    const audit = await t.db.pool.query<{ after: { coordinateSystem: string; mapping: unknown } }>(
      `SELECT after FROM audit_log WHERE entity = 'gazetteer-import' AND entity_id = 'places-gk-zone41.zip'`,
    )
    expect(audit.rows[0]?.after).toMatchObject({ coordinateSystem: 'EPSG:4529', mapping: SHAPEFILE_MAPPING })
  })

  it('lets a mapping override the headers it names, and names what is wrong with a mapping', async () => {
    const csv = Buffer.from('NAME_CN,标准名称,类别,备注\n映射测试路,旧名称,交通运输设施,说明\n')
    const plain = (await upload(csv, CSV, 'dryRun=true')).json() as Outcome
    expect(plain.problems.map((p) => [p.row, p.field]), 'without a mapping, unknown columns stop a CSV').toEqual([[0, 'NAME_CN'], [0, '备注']])
    expect(plain.warnings).toEqual([])

    const mapped = (await upload(csv, CSV, `dryRun=true&${mappingQuery({ standardName: 'NAME_CN' })}`)).json() as Outcome
    expect(mapped.problems).toEqual([])
    expect(mapped.preview[0]).toMatchObject({ standardName: '映射测试路', category: 'transport-facilities' })
    expect(mapped.warnings.map((w) => [w.field, w.message])).toEqual([
      ['标准名称', '"标准名称" is not read: standardName comes from "NAME_CN" as mapped'],
      ['备注', expect.stringMatching(/^"备注" is not read: it names no place column/)],
    ])

    const wrong = (await upload(fixture('places-gk-zone41.zip'), ZIP, `dryRun=true&${mappingQuery({ standardName: 'NAME', colour: 'DMLB', lng: 'OBJECTID' })}`)).json() as Outcome
    expect(wrong.ok).toBe(false)
    expect(wrong.problems.filter((p) => p.row === 0).map((p) => p.field)).toEqual(['standardName', 'colour', 'lng', '标准名称', '类别'])
    const message = (field: string) => wrong.problems.find((p) => p.field === field)!.message
    expect(message('standardName')).toMatch(/^the column "NAME" mapped to standardName is not in the file; its columns are "DMMC", "DMLB"/)
    expect(message('colour')).toMatch(/^the mapping names "colour", which is not a place column; the columns are placeCode, standardName, /)
    expect(message('lng')).toMatch(/geometry gives the position/)

    for (const bad of ['{"standardName":', '["DMMC"]', '{"standardName":1}']) {
      const refused = await upload(fixture('places-gk-zone41.zip'), ZIP, `dryRun=true&mapping=${encodeURIComponent(bad)}`)
      expect(refused.statusCode, bad).toBe(400)
      expect(refused.json().detail, bad).toMatch(/^mapping: /)
    }
  })

  it('keeps saved column mappings of place records for place-name editors only', async () => {
    const planner = await signInWithRoles(t.app, ['planner'])
    const put = (headers: SessionHeaders, layer: string) =>
      t.app.inject({ method: 'PUT', url: '/api/import-mappings', headers, payload: { layer, name: '地名普查 Shapefile', mapping: SHAPEFILE_MAPPING } })
    const saved = await put(editor, 'places')
    expect(saved.statusCode, saved.body).toBe(200)
    expect(saved.json()).toMatchObject({ layer: 'places', mapping: SHAPEFILE_MAPPING })
    expect((await put(editor, 'facilities')).statusCode, 'a place-name editor keeps no facility mappings').toBe(403)
    expect((await put(planner, 'places')).statusCode, 'a planner keeps no place mappings').toBe(403)

    const listed = (await t.app.inject({ url: '/api/import-mappings', headers: editor })).json().mappings as { id: number; layer: string }[]
    expect(listed.map((m) => m.layer)).toEqual(['places'])
    expect((await t.app.inject({ url: '/api/import-mappings', headers: planner })).json().mappings.some((m: { layer: string }) => m.layer === 'places')).toBe(false)
    expect((await t.app.inject({ url: '/api/import-mappings?layer=places', headers: planner })).statusCode).toBe(403)

    const id = saved.json().id as number
    expect((await t.app.inject({ method: 'DELETE', url: `/api/import-mappings/${id}`, headers: planner })).statusCode).toBe(403)
    expect((await t.app.inject({ method: 'DELETE', url: `/api/import-mappings/${id}`, headers: editor })).statusCode).toBe(204)
    expect((await t.app.inject({ url: '/api/import-mappings?layer=places', headers: editor })).json().mappings).toEqual([])
  })

  it('exports every record as GeoJSON, CSV and XLSX that import back', async () => {
    const total = await count()
    const geojson = await t.app.inject({ url: '/api/gazetteer/places.geojson', headers: editor })
    expect(geojson.statusCode).toBe(200)
    expect(geojson.headers['content-type']).toMatch(/geo\+json/)
    expect(geojson.json().features).toHaveLength(total)

    const csv = await t.app.inject({ url: '/api/gazetteer/places.csv', headers: editor })
    expect(csv.headers['content-type']).toMatch(/text\/csv/)
    expect(csv.body.startsWith('\uFEFF')).toBe(true)
    const csvBack = (await upload(csv.rawPayload, CSV, 'dryRun=true')).json() as Outcome
    expect(csvBack.rows).toBe(total)

    const xlsx = await t.app.inject({ url: '/api/gazetteer/places.xlsx', headers: editor })
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer)
    expect(workbook.worksheets[0]!.actualRowCount).toBe(total + 1)
    const xlsxBack = (await upload(xlsx.rawPayload, XLSX, 'dryRun=true')).json() as Outcome
    expect(xlsxBack.rows).toBe(total)
    expect(xlsxBack.problems.filter((p) => !/already recorded/.test(p.message))).toEqual([])
  })
})
