import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../support/test-app.ts'
import { signInWithRoles, type SessionHeaders } from '../support/accounts.ts'
import { referenceWgs84ToGcj02 } from '../unit/geo/china-offset-reference.ts'

interface Problem {
  row: number
  field: string
  message: string
}
interface Outcome {
  dryRun: boolean
  counts: { rows: number; valid: number; problems: number; warnings: number }
  problems: Problem[]
  warnings: Problem[]
  created: number
  updated: number
  archived: number
  dataset: { id: number; series: string; version: number } | null
  replaces: { id: number; series: string; version: number } | null
  preview: { features: { geometry: { type: string; coordinates: number[] }; properties: { row: number; name: string; problem: boolean } }[] }
}
interface Job {
  id: string
  state: string
  phase: string
  done: number
  total: number
  outcome: Outcome | null
  error: string | null
}
interface DatasetInfo {
  id: number
  series: string
  version: number
  layer: string | null
  synthetic: boolean
  fileName: string
  crs: string
  importedBy: string
  layers: { layer: string; count: number; current: boolean; replacedBy: number | null }[]
}

/** Metres between two WGS84 points (equirectangular; fine at this scale). */
const metresBetween = (a: readonly number[], b: readonly number[]) => {
  const k = (Math.PI / 180) * 6371008.8
  return Math.hypot((a[0]! - b[0]!) * k * Math.cos((a[1]! * Math.PI) / 180), (a[1]! - b[1]!) * k)
}

const FACILITY_MAPPING = { name: '设施名称', kind: '类型', lng: '经度', lat: '纬度', floorAreaM2: '建筑面积', beds: '床位数', communityCode: '所属社区代码', code: '编号' }

describe('importing facilities, compounds and divisions as dataset versions', () => {
  let t: TestApp
  let planner: SessionHeaders
  /** Points inside the demo district (WGS84), one per community. */
  let inside: { code: string; lng: number; lat: number }[]
  let demoFacilities: number

  const count = async (table: string) => (await t.db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n
  const datasets = async () => (await t.app.inject({ method: 'GET', url: '/api/datasets' })).json<{ datasets: DatasetInfo[] }>().datasets

  /** Starts a job and polls it until it has finished. */
  async function run(query: Record<string, string | number | boolean>, body: string | Buffer, contentType = 'text/csv'): Promise<Job> {
    const qs = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, typeof v === 'object' ? JSON.stringify(v) : String(v)]))
    const started = await t.app.inject({ method: 'POST', url: `/api/layer-imports?${qs}`, headers: { ...planner, 'content-type': contentType }, payload: body })
    expect(started.statusCode, started.body).toBe(202)
    const { id } = started.json<Job>()
    for (;;) {
      const job = (await t.app.inject({ method: 'GET', url: `/api/layer-imports/${id}`, headers: planner })).json<Job>()
      if (job.state !== 'running') return job
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  }

  const facilityCsv = (rows: (string | number)[][]) =>
    ['编号,设施名称,类型,经度,纬度,建筑面积,床位数,所属社区代码', ...rows.map((r) => r.join(','))].join('\n')

  beforeAll(async () => {
    t = await createTestApp()
    planner = await signInWithRoles(t.app, ['planner'])
    const { rows } = await t.db.pool.query<{ code: string; lng: number; lat: number }>(
      `SELECT code, ST_X(ST_PointOnSurface(geom)) AS lng, ST_Y(ST_PointOnSurface(geom)) AS lat FROM divisions WHERE level = 'community' ORDER BY code`,
    )
    inside = rows
    demoFacilities = await count('facilities')
  }, 120_000)
  afterAll(async () => t?.close())

  it('inspects a file: headers, a sample and the mapping suggested from Chinese headers', async () => {
    const csv = facilityCsv([['F1', '甲站', '居家养老服务站', inside[0]!.lng, inside[0]!.lat, 120, 0, inside[0]!.code]])
    const response = await t.app.inject({ method: 'POST', url: '/api/layer-imports/inspect?layer=facilities&format=csv', headers: { ...planner, 'content-type': 'text/csv' }, payload: csv })
    expect(response.statusCode, response.body).toBe(200)
    const inspection = response.json<{ headers: string[]; rowCount: number; sample: Record<string, string>[]; suggested: Record<string, string>; fields: { key: string; required: boolean }[] }>()
    expect(inspection.headers).toEqual(['编号', '设施名称', '类型', '经度', '纬度', '建筑面积', '床位数', '所属社区代码'])
    expect(inspection.rowCount).toBe(1)
    expect(inspection.sample[0]!['设施名称']).toBe('甲站')
    expect(inspection.suggested).toMatchObject(FACILITY_MAPPING)
    expect(inspection.fields.filter((f) => f.required).map((f) => f.key)).toEqual(expect.arrayContaining(['name', 'kind']))

    const unreadable = await t.app.inject({ method: 'POST', url: '/api/layer-imports/inspect?layer=facilities&format=geojson', headers: { ...planner, 'content-type': 'application/geo+json' }, payload: '{"type": "FeatureCollection", "features": [' })
    expect(unreadable.statusCode).toBe(400)
    expect(unreadable.json<{ detail: string }>().detail).toMatch(/^the file cannot be read as geojson: .*JSON/)
  })

  it('dry-runs a GCJ-02 file: problems by row and field, a preview, and nothing stored', async () => {
    const [a, b, c] = inside
    const gcj = (p: { lng: number; lat: number }) => referenceWgs84ToGcj02([p.lng, p.lat])
    const csv = facilityCsv([
      ['F1', '甲站', '居家养老服务站', ...gcj(a!), 120, 0, a!.code],
      ['F2', '乙中心', '日间照料中心', ...gcj(b!), -5, 10, b!.code],
      ['F3', '丙所', '托儿所', ...gcj(c!), 80, 0, c!.code],
      ['F4', '丁院', '养老院', 100.5, 30.2, 900, 50, ''],
      ['F1', '戊站', '居家养老服务站', ...gcj(a!), 60, 0, a!.code],
      ['F5', '己站', '居家养老服务站', ...gcj(a!), 60, 0, '999999999999'],
    ])
    const before = await datasets()
    const job = await run({ layer: 'facilities', format: 'csv', crs: 'gcj02', mapping: JSON.stringify(FACILITY_MAPPING), dryRun: true, fileName: 'facilities.csv' }, csv)
    expect(job.state, job.error ?? '').toBe('done')
    const outcome = job.outcome!
    expect(outcome.dryRun).toBe(true)
    expect(outcome.counts.rows).toBe(6)
    const at = (row: number) => outcome.problems.filter((p) => p.row === row).map((p) => p.field)
    expect(at(2)).toEqual([])
    expect(at(3)).toContain('floorAreaM2')
    expect(at(4)).toContain('kind')
    expect(outcome.problems.find((p) => p.row === 4 && p.field === 'kind')!.message).toContain('托儿所')
    expect(at(5)).toContain('lng')
    expect(outcome.problems.find((p) => p.row === 5 && p.field === 'lng')!.message).toMatch(/outside/)
    expect(at(6)).toEqual(['code'])
    expect(outcome.problems.find((p) => p.row === 6)!.message).toContain('row 2')
    expect(at(7)).toEqual(['communityCode'])
    expect(outcome.counts.valid).toBe(1)
    expect(outcome.created).toBe(1)
    expect(outcome.dataset).toBeNull()
    // The preview holds the valid row converted from GCJ-02 to within a metre of the WGS84 point.
    const valid = outcome.preview.features.find((f) => !f.properties.problem)!
    expect(valid.properties).toMatchObject({ row: 2, name: '甲站' })
    expect(metresBetween(valid.geometry.coordinates, [a!.lng, a!.lat])).toBeLessThan(1)
    expect(await count('facilities')).toBe(demoFacilities)
    expect(await datasets()).toEqual(before)
  })

  it('refuses to load a file with problems and stores nothing', async () => {
    const csv = facilityCsv([
      ['G1', '甲站', '居家养老服务站', inside[0]!.lng, inside[0]!.lat, 120, 0, inside[0]!.code],
      ['G2', '乙站', '居家养老服务站', inside[1]!.lng, inside[1]!.lat, 'abc', 0, inside[1]!.code],
    ])
    const job = await run({ layer: 'facilities', format: 'csv', mapping: JSON.stringify(FACILITY_MAPPING), dryRun: false, series: '拒收' }, csv)
    expect(job.state).toBe('done')
    expect(job.outcome!.dataset).toBeNull()
    expect(job.outcome!.created).toBe(0)
    expect(job.outcome!.problems).toEqual([expect.objectContaining({ row: 3, field: 'floorAreaM2' })])
    expect(await count('facilities')).toBe(demoFacilities)
    expect((await datasets()).some((d) => d.series === '拒收')).toBe(false)
  })

  let first: { id: number; series: string; version: number }

  it('loads a file as version 1 of a new series, which analyses then name', async () => {
    const rows = inside.slice(0, 3).map((p, i) => [`H${i + 1}`, `新站${i + 1}`, 'home_care', p.lng, p.lat, 100 + i, 0, p.code])
    const job = await run({ layer: 'facilities', format: 'csv', crs: 'wgs84', mapping: JSON.stringify(FACILITY_MAPPING), dryRun: false, series: '养老设施台账', fileName: '台账2025.csv' }, facilityCsv(rows))
    expect(job.state, job.error ?? '').toBe('done')
    expect(job.outcome!.problems).toEqual([])
    expect(job.outcome!.dataset).toMatchObject({ series: '养老设施台账', version: 1 })
    first = job.outcome!.dataset!
    expect(job.outcome!.created).toBe(3)
    expect(job.phase).toBe('finished')
    expect(await count('facilities')).toBe(demoFacilities + 3)
    const info = (await datasets()).find((d) => d.id === first.id)!
    expect(info).toMatchObject({ layer: 'facilities', fileName: '台账2025.csv', crs: 'wgs84', synthetic: false, layers: [{ layer: 'facilities', count: 3, current: true, replacedBy: null }] })
    expect(info.importedBy).toMatch(/^test-planner/)
    const stored = await t.db.pool.query<{ code: string; name: string; floor_area_m2: string }>('SELECT code, name, floor_area_m2 FROM facilities WHERE dataset_id = $1 ORDER BY code', [first.id])
    expect(stored.rows.map((r) => [r.code, r.name, Number(r.floor_area_m2)])).toEqual([['H1', '新站1', 100], ['H2', '新站2', 101], ['H3', '新站3', 102]])

    const coverage = (await t.app.inject({ method: 'GET', url: '/api/coverage?kind=home_care' })).json<{ sources: { layer: string; series: string; version: number }[] }>()
    expect(coverage.sources).toEqual(expect.arrayContaining([expect.objectContaining({ layer: 'facilities', series: '养老设施台账', version: 1 })]))
    const report = (await t.app.inject({ method: 'GET', url: '/api/report' })).json<{ sources: { layer: string; series: string; version: number }[] }>()
    expect(report.sources).toEqual(expect.arrayContaining([expect.objectContaining({ layer: 'facilities', series: '养老设施台账', version: 1 })]))
  })

  it('re-imports as version 2: version 1 is archived, still downloadable, and no longer counted', async () => {
    const rows = inside.slice(0, 2).map((p, i) => [`H${i + 1}`, `改名站${i + 1}`, 'home_care', p.lng, p.lat, 200, 0, p.code])
    const job = await run({ layer: 'facilities', format: 'csv', mapping: JSON.stringify(FACILITY_MAPPING), dryRun: false, replaces: first.id, fileName: '台账2026.csv' }, facilityCsv(rows))
    expect(job.outcome!.problems).toEqual([])
    expect(job.outcome!.dataset).toMatchObject({ series: '养老设施台账', version: 2 })
    expect(job.outcome!.replaces).toEqual(first)
    expect(job.outcome!.archived).toBe(3)
    expect(await count('facilities')).toBe(demoFacilities + 2)
    const all = await datasets()
    expect(all.find((d) => d.id === first.id)!.layers).toEqual([expect.objectContaining({ layer: 'facilities', count: 3, current: false, replacedBy: job.outcome!.dataset!.id })])
    expect(all.find((d) => d.id === job.outcome!.dataset!.id)!.layers).toEqual([expect.objectContaining({ layer: 'facilities', count: 2, current: true })])

    const old = await t.app.inject({ method: 'GET', url: `/api/datasets/${first.id}/features?layer=facilities` })
    expect(old.statusCode).toBe(200)
    const oldFeatures = old.json<{ features: { properties: { name: string; code: string }; geometry: { type: string } }[] }>().features
    expect(oldFeatures.map((f) => f.properties.name)).toEqual(['新站1', '新站2', '新站3'])
    expect(oldFeatures[0]!.geometry.type).toBe('Point')

    const coverage = (await t.app.inject({ method: 'GET', url: '/api/coverage?kind=home_care' })).json<{ sources: { series: string; version: number }[] }>()
    expect(coverage.sources.filter((s) => s.series === '养老设施台账')).toEqual([expect.objectContaining({ version: 2 })])

    const sameName = await run({ layer: 'facilities', format: 'csv', mapping: JSON.stringify(FACILITY_MAPPING), dryRun: true, series: '养老设施台账' }, facilityCsv(rows))
    expect(sameName.outcome!.problems).toEqual(
      expect.arrayContaining([{ row: 0, field: 'series', message: `a dataset series “养老设施台账” exists already (dataset ${job.outcome!.dataset!.id}, v2): import the file as its next version, or name a new series` }]),
    )

    const again = await run({ layer: 'facilities', format: 'csv', mapping: JSON.stringify(FACILITY_MAPPING), dryRun: true, replaces: first.id }, facilityCsv(rows))
    expect(again.outcome!.problems).toEqual(expect.arrayContaining([expect.objectContaining({ row: 0, field: 'replaces', message: expect.stringContaining('replaced already') })]))
    // Without the version to replace, the codes count as stored in another dataset.
    expect(again.outcome!.problems.filter((p) => p.field === 'code').map((p) => p.row)).toEqual([2, 3])
  })

  it('imports compounds from GeoJSON; one without gates gets an estimated gate on its outline', async () => {
    const square = (p: { lng: number; lat: number }, d = 0.0008) => [[[p.lng - d, p.lat - d], [p.lng + d, p.lat - d], [p.lng + d, p.lat + d], [p.lng - d, p.lat + d], [p.lng - d, p.lat - d]]]
    const [a, b] = inside
    const geojson = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { 小区名称: '新苑', 户数: 420, 出入口: `${a!.lng - 0.0008},${a!.lat}` }, geometry: { type: 'Polygon', coordinates: square(a!) } },
        { type: 'Feature', properties: { 小区名称: '北里', 户数: 300 }, geometry: { type: 'Polygon', coordinates: square(b!) } },
        { type: 'Feature', properties: { 小区名称: '无户数', 户数: '' }, geometry: { type: 'Polygon', coordinates: square(b!, 0.0003) } },
      ],
    }
    const mapping = { name: '小区名称', households: '户数', gates: '出入口' }
    const dry = await run({ layer: 'compounds', format: 'geojson', mapping: JSON.stringify(mapping), dryRun: true }, JSON.stringify(geojson), 'application/geo+json')
    expect(dry.outcome!.problems).toEqual([expect.objectContaining({ row: 3, field: 'households' })])
    const fixed = { ...geojson, features: geojson.features.slice(0, 2) }
    const compoundsBefore = await count('compounds')
    const job = await run({ layer: 'compounds', format: 'geojson', mapping: JSON.stringify(mapping), dryRun: false, series: '小区台账' }, JSON.stringify(fixed), 'application/geo+json')
    expect(job.outcome!.problems).toEqual([])
    expect(job.outcome!.created).toBe(2)
    expect(job.outcome!.warnings).toEqual([expect.objectContaining({ field: 'gates', message: expect.stringContaining('1 compound') })])
    expect(await count('compounds')).toBe(compoundsBefore + 2)
    const gates = await t.db.pool.query<{ name: string; households: number; on_outline: boolean }>(
      `SELECT c.name, g.name AS gate, c.households, ST_DWithin(ST_Boundary(c.geom)::geography, g.geom::geography, 0.5) AS on_outline
         FROM compounds c JOIN compound_gates g ON g.compound_id = c.id WHERE c.dataset_id = $1 ORDER BY c.name`,
      [job.outcome!.dataset!.id],
    )
    expect(gates.rows.map((r) => [r.name, r.households, r.on_outline])).toEqual([['北里', 300, true], ['新苑', 420, true]])
  })

  it('imports divisions as a new version of the demo: stored units update in place, and none may be left out', async () => {
    const demo = (await datasets()).find((d) => d.synthetic && d.layers.some((l) => l.layer === 'divisions' && l.current))!
    const exported = (await t.app.inject({ method: 'GET', url: `/api/datasets/${demo.id}/features?layer=divisions` })).json<{
      features: { properties: Record<string, unknown>; geometry: unknown }[]
    }>()
    const units = exported.features.length
    expect(units).toBeGreaterThan(3)
    const mapping = { code: 'code', name: 'name', level: 'level', parentCode: 'parent_code', urbanRural: 'urban_rural', households: 'households', population: 'population', elderlyPopulation: 'elderly_population' }
    const community = exported.features.find((f) => f.properties.level === 'community')!
    community.properties.households = 4321
    const missingOne = { type: 'FeatureCollection', features: exported.features.filter((f) => f !== community) }
    const refused = await run({ layer: 'divisions', format: 'geojson', mapping: JSON.stringify(mapping), dryRun: true, replaces: demo.id }, JSON.stringify(missingOne), 'application/geo+json')
    expect(refused.outcome!.problems).toEqual([expect.objectContaining({ row: 0, field: 'code', message: expect.stringContaining(String(community.properties.code)) })])

    const asNewSeries = await run({ layer: 'divisions', format: 'geojson', mapping: JSON.stringify(mapping), dryRun: true, series: '区划' }, JSON.stringify(exported), 'application/geo+json')
    expect(asNewSeries.outcome!.problems.length).toBe(units)
    expect(asNewSeries.outcome!.problems[0]!.message).toContain('stored already')

    const job = await run({ layer: 'divisions', format: 'geojson', mapping: JSON.stringify(mapping), dryRun: false, replaces: demo.id }, JSON.stringify(exported), 'application/geo+json')
    expect(job.outcome!.problems).toEqual([])
    expect(job.outcome).toMatchObject({ created: 0, updated: units, archived: units })
    const stored = await t.db.pool.query<{ households: number; dataset_id: number }>('SELECT households, dataset_id FROM divisions WHERE code = $1', [community.properties.code])
    expect(stored.rows[0]).toEqual({ households: 4321, dataset_id: job.outcome!.dataset!.id })
    const archived = (await t.app.inject({ method: 'GET', url: `/api/datasets/${demo.id}/features?layer=divisions` })).json<{ features: { properties: Record<string, unknown> }[] }>()
    expect(archived.features.find((f) => f.properties.code === community.properties.code)!.properties.households).not.toBe(4321)
    // The demo's facilities stay current: only its divisions were replaced.
    expect((await datasets()).find((d) => d.id === demo.id)!.layers.find((l) => l.layer === 'facilities')!.current).toBe(true)
  })

  it('keeps column mappings under a name per layer', async () => {
    const put = (name: string, mapping: Record<string, string>) =>
      t.app.inject({ method: 'PUT', url: '/api/import-mappings', headers: planner, payload: { layer: 'facilities', name, mapping } })
    expect((await put('民政局台账', { name: '机构名称' })).statusCode).toBe(200)
    const saved = (await put('民政局台账', FACILITY_MAPPING)).json<{ id: number; mapping: Record<string, string> }>()
    expect(saved.mapping).toEqual(FACILITY_MAPPING)
    const list = (await t.app.inject({ method: 'GET', url: '/api/import-mappings?layer=facilities', headers: planner })).json<{ mappings: { name: string }[] }>()
    expect(list.mappings.map((m) => m.name)).toEqual(['民政局台账'])
    expect((await t.app.inject({ method: 'DELETE', url: `/api/import-mappings/${saved.id}`, headers: planner })).statusCode).toBe(204)
    expect((await t.app.inject({ method: 'DELETE', url: `/api/import-mappings/${saved.id}`, headers: planner })).statusCode).toBe(404)
  })

  it('cancels a running load: the job ends cancelled and nothing is stored', async () => {
    const rows = Array.from({ length: 40_000 }, (_, i) => {
      const p = inside[i % inside.length]!
      return [`C${i}`, `批量${i}`, 'home_care', p.lng, p.lat, 50, 0, p.code]
    })
    const before = await count('facilities')
    const qs = new URLSearchParams({ layer: 'facilities', format: 'csv', mapping: JSON.stringify(FACILITY_MAPPING), dryRun: 'false', series: '取消' })
    const started = await t.app.inject({ method: 'POST', url: `/api/layer-imports?${qs}`, headers: { ...planner, 'content-type': 'text/csv' }, payload: facilityCsv(rows) })
    const { id } = started.json<Job>()
    const cancelled = await t.app.inject({ method: 'DELETE', url: `/api/layer-imports/${id}`, headers: planner })
    expect(cancelled.statusCode).toBe(200)
    expect(cancelled.json<Job>()).toMatchObject({ state: 'cancelled', outcome: null })
    expect(await count('facilities')).toBe(before)
    expect((await datasets()).some((d) => d.series === '取消')).toBe(false)
  }, 120_000)

  it('lets only planners and admins import, and only the job’s owner poll it', async () => {
    const viewer = await signInWithRoles(t.app, ['viewer'])
    const refused = await t.app.inject({ method: 'POST', url: '/api/layer-imports/inspect?layer=facilities&format=csv', headers: { ...viewer, 'content-type': 'text/csv' }, payload: 'a,b\n1,2' })
    expect(refused.statusCode).toBe(403)
    const qs = new URLSearchParams({ layer: 'facilities', format: 'csv', mapping: '{}', dryRun: 'true' })
    const started = await t.app.inject({ method: 'POST', url: `/api/layer-imports?${qs}`, headers: { ...planner, 'content-type': 'text/csv' }, payload: 'a,b\n1,2' })
    const other = await signInWithRoles(t.app, ['planner'], 'another-planner')
    expect((await t.app.inject({ method: 'GET', url: `/api/layer-imports/${started.json<Job>().id}`, headers: other })).statusCode).toBe(404)
    const bad = await t.app.inject({ method: 'POST', url: `/api/layer-imports?${new URLSearchParams({ layer: 'facilities', format: 'csv', mapping: 'not json', dryRun: 'true' })}`, headers: { ...planner, 'content-type': 'text/csv' }, payload: 'a\n1' })
    expect(bad.statusCode).toBe(400)
    expect(bad.json<{ detail: string }>().detail).toMatch(/^mapping:/)
  })
})
