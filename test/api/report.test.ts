import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import ExcelJS from 'exceljs'
import { createTestApp, type TestApp } from '../support/test-app.ts'
import { signInWithRoles, type SessionHeaders } from '../support/accounts.ts'

interface Evaluation { rule: string; status: string; measured: number | null; shortfall: { value: number; unit: string } | null; message: string | null }
interface Unit { code: string; name: string; status: string; households: number | null; evaluations: Evaluation[]; indicators: { walks: { kind: string; covered: number; households: number }[] } }
interface Report { set: { id: number; name: string; version: number }; dataVersion: number; communities: Unit[]; subdistricts: Unit[]; district: Unit }

let t: TestApp

let planner: SessionHeaders
let report: Report

beforeAll(async () => {
  t = await createTestApp('demo')
  planner = await signInWithRoles(t.app, ['planner'])
  const res = await t.app.inject('/api/report')
  expect(res.statusCode, res.body).toBe(200)
  report = res.json()
})
afterAll(async () => t?.close())

const evaluation = (unit: Unit, rule: string) => unit.evaluations.find((e) => e.rule === rule)!

describe('GET /api/report with the default set (沈阳 2025)', () => {
  it('names the set and version, and evaluates every community against every rule', async () => {
    expect(report.set).toMatchObject({ name: '沈阳 2025（“十四五”）', version: 1 })
    const communities = await t.db.pool.query(`SELECT count(*)::int AS n FROM divisions WHERE level = 'community'`)
    expect(report.communities).toHaveLength(communities.rows[0].n)
    for (const c of report.communities) expect(c.evaluations).toHaveLength(10)
  })

  it('flags floor area per 100 households exactly as an independent SQL computation does', async () => {
    const expected = await t.db.pool.query<{ code: string; per100: number; needed: number }>(
      `SELECT d.code, coalesce(sum(f.floor_area_m2), 0)::float8 / d.households * 100 AS per100,
              40.0 * d.households / 100 - coalesce(sum(f.floor_area_m2), 0)::float8 AS needed
         FROM divisions d LEFT JOIN facilities f ON f.community_code = d.code AND f.kind = 'community_service'
        WHERE d.level = 'community' AND d.urban_rural = 'urban'
        GROUP BY d.code`,
    )
    expect(expected.rows.length).toBeGreaterThan(0)
    let failing = 0
    for (const row of expected.rows) {
      const e = evaluation(report.communities.find((c) => c.code === row.code)!, 'cs-area-per-100')
      expect(e.measured).toBeCloseTo(row.per100, 9)
      expect(e.status).toBe(row.per100 >= 40 ? 'pass' : 'fail')
      if (e.status === 'fail') {
        failing++
        expect(e.shortfall!.value).toBeCloseTo(row.needed, 6)
        expect(e.message).toBe(`还需 ${Math.round(row.needed).toLocaleString('en-US')} m²`)
      }
    }
    expect(failing).toBeGreaterThan(0)
  })

  it('flags beds per 1,000 elderly as SQL counts them', async () => {
    const expected = await t.db.pool.query<{ code: string; per1000: number }>(
      `SELECT d.code, coalesce(sum(f.beds), 0)::float8 / d.elderly_population * 1000 AS per1000
         FROM divisions d LEFT JOIN facilities f ON f.community_code = d.code
        WHERE d.level = 'community' GROUP BY d.code`,
    )
    for (const row of expected.rows) {
      const e = evaluation(report.communities.find((c) => c.code === row.code)!, 'beds-per-1000')
      expect(e.measured).toBeCloseTo(row.per1000, 9)
      expect(e.status).toBe(row.per1000 >= 40 ? 'pass' : 'fail')
    }
  })

  it('takes walk coverage from the coverage engine: households beyond 15 minutes of a home-care station', async () => {
    const coverage = (await t.app.inject('/api/coverage?kind=home_care&bands=15&compounds=false')).json()
    for (const c of report.communities) {
      const d = coverage.divisions.find((x: { code: string }) => x.code === c.code)
      const e = evaluation(c, 'care-walk-15')
      expect(e.measured).toBeCloseTo((d.bands[0].households / d.households) * 100, 9)
      if (e.status === 'fail') expect(e.shortfall).toEqual({ value: Math.ceil(0.9 * d.households - d.bands[0].households), unit: 'households' })
    }
  })

  it('rolls up to sub-districts and the district, counting communities by status', () => {
    const counts = report.district.evaluations.length
    expect(counts).toBe(10)
    const total = Object.values((report.district as unknown as { communities: Record<string, number> }).communities).reduce((a, b) => a + b, 0)
    expect(total).toBe(report.communities.length)
    expect(report.district.households).toBe(report.communities.reduce((s, c) => s + (c.households ?? 0), 0))
  })

  it('reports a community without households as cannot-evaluate, never as passing', async () => {
    const code = report.communities[0]!.code
    await t.db.pool.query(`UPDATE divisions SET households = NULL WHERE code = $1`, [code])
    await t.db.pool.query(`UPDATE compounds SET households = 0 WHERE community_code = $1`, [code])
    const after = (await t.app.inject('/api/report')).json() as Report
    const unit = after.communities.find((c) => c.code === code)!
    expect(evaluation(unit, 'cs-area-per-100')).toMatchObject({ status: 'cannot-evaluate', message: '未登记户数' })
    expect(evaluation(unit, 'care-walk-15')).toMatchObject({ status: 'cannot-evaluate' })
    expect(unit.evaluations.filter((e) => e.status === 'pass').map((e) => e.rule)).not.toContain('cs-area-per-100')
    expect(after.dataVersion).toBeGreaterThan(report.dataVersion)
  })
})

describe('standard sets', () => {
  it('ships the three presets, each rule citing its plan', async () => {
    const sets = (await t.app.inject('/api/standard-sets')).json().sets as { name: string; presetKey: string; isDefault: boolean; rules: { source: string }[] }[]
    expect(sets.map((s) => s.presetKey).sort()).toEqual(['shenyang-2025', 'taiyuan-2020', 'wansheng-2025'])
    expect(sets[0]!.isDefault).toBe(true)
    for (const s of sets) for (const r of s.rules) expect(r.source.length).toBeGreaterThan(10)
  })

  it('copies, edits with a version check, keeps old versions, and reports with the set asked for', async () => {
    const sets = (await t.app.inject('/api/standard-sets')).json().sets as { id: number; presetKey: string }[]
    const taiyuan = sets.find((s) => s.presetKey === 'taiyuan-2020')!
    const copy = await t.app.inject({ method: 'POST', headers: planner, url: `/api/standard-sets/${taiyuan.id}/copy`, payload: { name: '本区试行标准' } })
    expect(copy.statusCode, copy.body).toBe(201)
    const set = copy.json()
    expect(set).toMatchObject({ version: 1, presetKey: null, isDefault: false })

    const before = (await t.app.inject(`/api/report?set=${set.id}`)).json() as Report
    const strict = set.rules.map((r: { code: string; threshold: number }) => (r.code === 'cs-area-per-100' ? { ...r, threshold: 60 } : r))
    const saved = await t.app.inject({ method: 'PUT', headers: planner, url: `/api/standard-sets/${set.id}`, payload: { name: set.name, rules: strict, version: 1 } })
    expect(saved.statusCode, saved.body).toBe(200)
    expect(saved.json().version).toBe(2)
    const stale = await t.app.inject({ method: 'PUT', headers: planner, url: `/api/standard-sets/${set.id}`, payload: { name: set.name, rules: set.rules, version: 1 } })
    expect(stale.statusCode).toBe(409)
    expect(stale.json().current.version).toBe(2)

    const after = (await t.app.inject(`/api/report?set=${set.id}`)).json() as Report
    expect(after.set).toMatchObject({ id: set.id, version: 2 })
    const failing = (r: Report) => r.communities.filter((c) => evaluation(c, 'cs-area-per-100').status === 'fail').length
    expect(failing(after)).toBeGreaterThan(failing(before))
    const old = (await t.app.inject(`/api/report?set=${set.id}&version=1`)).json() as Report
    expect(old.set.version).toBe(1)
    expect(failing(old)).toBe(failing(before))
    expect((await t.app.inject(`/api/standard-sets/${set.id}/versions/1`)).json().rules[0].threshold).toBe(20)
  })

  it('refuses rules that do not make sense, naming the rule', async () => {
    const base = { code: 'x', label: '测试', labelEn: 'test', indicator: 'households_within_walk_share', comparator: '>=', threshold: 90, unit: '%', appliesTo: { area: 'any', residential: 'any' }, kinds: ['home_care'], severity: 'high', source: 'test source' }
    const noWalk = await t.app.inject({ method: 'POST', headers: planner, url: '/api/standard-sets', payload: { name: '坏集', rules: [base] } })
    expect(noWalk.statusCode).toBe(400)
    expect(noWalk.json().detail).toMatch(/^rules\[0\]\.walk: /)
    const badKind = await t.app.inject({ method: 'POST', headers: planner, url: '/api/standard-sets', payload: { name: '坏集', rules: [{ ...base, walk: { metres: 500 }, kinds: ['gym'] }] } })
    expect(badKind.json().detail).toBe('rules[0].kinds: unknown facility kind "gym"')
    const badIndicator = await t.app.inject({ method: 'POST', headers: planner, url: '/api/standard-sets', payload: { name: '坏集', rules: [{ ...base, indicator: 'happiness' }] } })
    expect(badIndicator.statusCode).toBe(400)
    expect((await t.app.inject('/api/standard-sets')).json().sets.some((s: { name: string }) => s.name === '坏集')).toBe(false)
  })

  it('changes the default, and will not delete it', async () => {
    const sets = (await t.app.inject('/api/standard-sets')).json().sets as { id: number; presetKey: string }[]
    const wansheng = sets.find((s) => s.presetKey === 'wansheng-2025')!
    expect((await t.app.inject({ method: 'POST', headers: planner, url: `/api/standard-sets/${wansheng.id}/default` })).json().isDefault).toBe(true)
    expect((await t.app.inject('/api/report')).json().set.id).toBe(wansheng.id)
    expect((await t.app.inject({ method: 'DELETE', headers: planner, url: `/api/standard-sets/${wansheng.id}` })).statusCode).toBe(409)
    const shenyang = sets.find((s) => s.presetKey === 'shenyang-2025')!
    await t.app.inject({ method: 'POST', headers: planner, url: `/api/standard-sets/${shenyang.id}/default` })
  })
})

describe('report exports', () => {
  it('writes CSV with a byte-order mark, Chinese headers and the set on every row', async () => {
    const res = await t.app.inject('/api/report/communities.csv')
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8')
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="report-set-\d+-v\d+\.csv"$/)
    expect(res.body.startsWith('\ufeff代码,名称,层级')).toBe(true)
    const lines = res.body.trim().split('\n')
    expect(lines).toHaveLength(1 + 1 + report.subdistricts.length + report.communities.length)
    for (const line of lines.slice(1)) expect(line).toContain('沈阳 2025（“十四五”）')
  })

  it('writes an Excel workbook whose sheets hold the table and what it was measured against', async () => {
    const res = await t.app.inject('/api/report/communities.xlsx')
    expect(res.statusCode).toBe(200)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
    const table = workbook.getWorksheet('达标评估')!
    expect(table.getRow(1).getCell(1).value).toBe('代码')
    expect(table.rowCount).toBe(1 + 1 + report.subdistricts.length + report.communities.length)
    const about = workbook.getWorksheet('说明')!
    expect(about.getRow(1).values).toContain('沈阳 2025（“十四五”）')
    expect(about.getRow(7).getCell(1).value).toBe('数据版本')
  })

  it('writes GeoJSON of communities with indicators and flags, naming the set and data version', async () => {
    const body = (await t.app.inject('/api/report/communities.geojson')).json()
    expect(body.properties.standardSet.name).toBe('沈阳 2025（“十四五”）')
    expect(typeof body.properties.dataVersion).toBe('number')
    expect(body.features).toHaveLength(report.communities.length)
    const flagged = body.features.find((f: { properties: { flags: unknown[] } }) => f.properties.flags.length > 0)
    expect(flagged.geometry.type).toBe('MultiPolygon')
    expect(flagged.properties.flags[0]).toHaveProperty('shortfall')
  })
})

describe('facilities serving several communities', () => {
  it('split their floor area among the communities they serve, in proportion to households', async () => {
    // Not the first community: an earlier test took its households away.
    const [, a, b] = report.communities
    const facility = await t.db.pool.query<{ id: number }>(
      `INSERT INTO facilities (dataset_id, kind, name, community_code, floor_area_m2, geom)
       SELECT dataset_id, 'community_service', '联合服务中心', $1, 1000, geom FROM facilities WHERE kind = 'community_service' LIMIT 1 RETURNING id`,
      [a!.code],
    )
    await t.db.pool.query(`INSERT INTO facility_service_communities VALUES ($1, $2), ($1, $3)`, [facility.rows[0]!.id, a!.code, b!.code])
    const now = (await t.app.inject('/api/report')).json() as Report
    const area = (r: Report, code: string) => (r.communities.find((c) => c.code === code)!.indicators as unknown as { areaM2ByKind: Record<string, number> }).areaM2ByKind['community_service']!
    const hh = (code: string) => now.communities.find((c) => c.code === code)!.households!
    const shareA = hh(a!.code) / (hh(a!.code) + hh(b!.code))
    expect(shareA).toBeGreaterThan(0.1)
    expect(shareA).toBeLessThan(0.9)
    await t.db.pool.query('DELETE FROM facilities WHERE id = $1', [facility.rows[0]!.id])
    const without = (await t.app.inject('/api/report')).json() as Report
    expect(area(now, a!.code) - area(without, a!.code)).toBeCloseTo(1000 * shareA, 6)
    expect(area(now, b!.code) - area(without, b!.code)).toBeCloseTo(1000 * (1 - shareA), 6)
  })
})
