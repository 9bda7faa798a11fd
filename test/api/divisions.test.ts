import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as turf from '@turf/turf'
import { createTestApp, type TestApp } from '../support/test-app.ts'
import { signInWithRoles, type SessionHeaders } from '../support/accounts.ts'

interface Unit {
  code: string
  name: string
  level: string
  parentCode: string | null
  households: number | null
  validFrom: string | null
  validTo: string | null
}

describe('divisions over time', () => {
  let t: TestApp
  let editor: SessionHeaders
  let viewer: SessionHeaders

  const send = (method: 'GET' | 'POST', url: string, payload?: object, headers: SessionHeaders = editor) =>
    t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) })
  const sql = async <T = Record<string, unknown>>(text: string, params: unknown[] = []) => (await t.db.pool.query(text, params)).rows as T[]
  const divisionsAsOf = async (asOf: string, level = 'community') => {
    const response = await send('GET', `/api/divisions?asOf=${asOf}&level=${level}`)
    expect(response.statusCode, response.body).toBe(200)
    return response.json<{ asOf: string; divisions: Unit[]; counts: Record<string, number> }>()
  }
  /** The two halves of a unit cut at the middle of its extent (west, east), as GeoJSON. */
  const halves = async (code: string) =>
    (
      await sql<{ west: object; east: object; cut: number }>(
        `WITH d AS (SELECT geom, (ST_XMin(geom) + ST_XMax(geom)) / 2 AS cut FROM divisions WHERE code = $1)
         SELECT ST_AsGeoJSON(ST_Intersection(geom, ST_MakeEnvelope(ST_XMin(geom) - 1, ST_YMin(geom) - 1, cut, ST_YMax(geom) + 1, 4326)))::json AS west,
                ST_AsGeoJSON(ST_Intersection(geom, ST_MakeEnvelope(cut, ST_YMin(geom) - 1, ST_XMax(geom) + 1, ST_YMax(geom) + 1, 4326)))::json AS east, cut
           FROM d`,
        [code],
      )
    )[0]!
  const communitiesOf = async (subdistrict: string) =>
    sql<{ code: string; name: string; households: number }>(`SELECT code::text AS code, name, households FROM divisions WHERE parent_code = $1 ORDER BY code`, [subdistrict])

  beforeAll(async () => {
    t = await createTestApp('demo', { guestAccess: false })
    editor = await signInWithRoles(t.app, ['boundary_editor'])
    viewer = await signInWithRoles(t.app, ['viewer'])
  })
  afterAll(() => t?.close())

  it('splits a community: history, "as of" reads, successors, and compounds, facilities and places linked to the right new unit', async () => {
    const [x] = await communitiesOf('210190001000')
    const newCode = '210190001901'
    const { west, east, cut } = await halves(x!.code)
    const countsBefore = (await divisionsAsOf('2025-02-28')).counts

    // A compound, a facility and a place in the east half (the new unit), and a compound in the west half (keeps the code).
    const { eastLng, eastLat, westLng, westLat } = (
      await sql<{ eastLng: number; eastLat: number; westLng: number; westLat: number }>(
      `WITH d AS (SELECT geom FROM divisions WHERE code = $1)
       SELECT ST_X(e) AS "eastLng", ST_Y(e) AS "eastLat", ST_X(w) AS "westLng", ST_Y(w) AS "westLat" FROM d,
              LATERAL (SELECT ST_PointOnSurface(ST_Intersection(geom, ST_MakeEnvelope($2 + 0.0005, -90, 180, 90, 4326))) AS e,
                              ST_PointOnSurface(ST_Intersection(geom, ST_MakeEnvelope(-180, -90, $2 - 0.0005, 90, 4326))) AS w) p`,
        [x!.code, cut],
      )
    )[0]!
    const square = (lng: number, lat: number) => `ST_Multi(ST_MakeEnvelope(${lng} - 0.0001, ${lat} - 0.0001, ${lng} + 0.0001, ${lat} + 0.0001, 4326))`
    const dataset = (await sql<{ id: number }>('SELECT dataset_id AS id FROM divisions WHERE code = $1', [x!.code]))[0]!.id
    const [eastCompound] = await sql<{ id: number }>(
      `INSERT INTO compounds (dataset_id, name, community_code, households, population, elderly_population, geom) VALUES ($1, '东半小区', $2, 321, 800, 150, ${square(eastLng, eastLat)}) RETURNING id`,
      [dataset, x!.code],
    )
    const [westCompound] = await sql<{ id: number }>(
      `INSERT INTO compounds (dataset_id, name, community_code, households, population, elderly_population, geom) VALUES ($1, '西半小区', $2, 123, 300, 50, ${square(westLng, westLat)}) RETURNING id`,
      [dataset, x!.code],
    )
    const [facility] = await sql<{ id: number }>(
      `INSERT INTO facilities (dataset_id, kind, name, community_code, geom) VALUES ($1, 'home_care', '东半养老站', $2, ST_SetSRID(ST_MakePoint($3, $4), 4326)) RETURNING id`,
      [dataset, x!.code, eastLng, eastLat],
    )
    await sql('INSERT INTO facility_service_communities (facility_id, community_code) VALUES ($1, $2)', [facility!.id, x!.code])
    const [place] = await sql<{ id: number }>(
      `INSERT INTO places (category, standard_name, division_codes, geom) VALUES ('buildings', '东半楼', ARRAY[$1::text], ST_SetSRID(ST_MakePoint($2, $3), 4326)) RETURNING id`,
      [x!.code, eastLng, eastLat],
    )
    const seqBefore = (await sql<{ seq: string }>('SELECT change_seq::text AS seq FROM places WHERE id = $1', [place!.id]))[0]!.seq

    const response = await send('POST', '/api/division-events', {
      kind: 'split',
      effectiveOn: '2025-03-01',
      authority: '沈阳市人民政府',
      documentNumber: '沈政〔2025〕1号',
      before: [x!.code],
      after: [
        { code: x!.code, name: `${x!.name}（西）`, geometry: west },
        { code: newCode, name: '新东社区', geometry: east },
      ],
    })
    expect(response.statusCode, response.body).toBe(201)
    const event = response.json<{ id: number; kind: string; before: { code: string; name: string }[]; after: { code: string; name: string }[]; relinked: Record<string, number> }>()
    expect(response.headers.location).toBe(`/api/division-events/${event.id}`)
    expect(event).toMatchObject({ kind: 'split', effectiveOn: '2025-03-01', documentNumber: '沈政〔2025〕1号', before: [{ code: x!.code, name: x!.name }] })
    expect(event.after.map((a) => a.code)).toEqual([x!.code, newCode])
    expect(event.relinked.places).toBeGreaterThanOrEqual(1)
    expect(event.relinked.compounds).toBeGreaterThanOrEqual(1)

    // The day before: the old unit with its old counts; that day: the two new ones.
    const before = await divisionsAsOf('2025-02-28')
    expect(before.divisions.find((d) => d.code === x!.code)).toMatchObject({ name: x!.name, households: x!.households, validTo: '2025-03-01' })
    expect(before.divisions.some((d) => d.code === newCode)).toBe(false)
    expect(before.counts).toEqual(countsBefore)
    const after = await divisionsAsOf('2025-03-01')
    expect(after.divisions.find((d) => d.code === x!.code)).toMatchObject({ name: `${x!.name}（西）`, validFrom: '2025-03-01', validTo: null })
    const created = after.divisions.find((d) => d.code === newCode)
    expect(created).toMatchObject({ name: '新东社区', parentCode: '210190001000', validFrom: '2025-03-01' })
    expect(after.counts.community).toBe(countsBefore.community! + 1)
    // Households of the new unit: the compounds whose surface point lies inside it.
    const [inside] = await sql<{ households: number }>(
      `SELECT sum(c.households)::int AS households FROM compounds c, divisions d WHERE d.code = $1 AND ST_Contains(d.geom, ST_PointOnSurface(c.geom))`,
      [newCode],
    )
    expect(created!.households).toBe(inside!.households)
    expect(created!.households).toBeGreaterThanOrEqual(321)

    const geojson = await send('GET', '/api/divisions.geojson?asOf=2025-02-28&level=community')
    expect(geojson.statusCode).toBe(200)
    const features = geojson.json<{ features: { id: string; geometry: { type: string } }[] }>().features
    expect(features.map((f) => f.id)).toContain(x!.code)
    expect(features.map((f) => f.id)).not.toContain(newCode)

    // Successors and history.
    const newDetail = (await send('GET', `/api/divisions/${newCode}`)).json()
    expect(newDetail).toMatchObject({ code: newCode, current: true, supersedes: [{ code: x!.code, name: x!.name, eventId: event.id }], supersededBy: [], history: [] })
    expect(newDetail.ancestors.map((a: { code: string }) => a.code)).toEqual(['210000000000', '210100000000', '210190000000', '210190001000'])
    expect(newDetail.ancestors[0]).toMatchObject({ name: '辽宁省', level: 'province', source: 'registry' })
    const oldDetail = (await send('GET', `/api/divisions/${x!.code}`)).json()
    expect(oldDetail.supersededBy).toEqual([{ code: newCode, name: '新东社区', eventId: event.id, kind: 'split', effectiveOn: '2025-03-01' }])
    expect(oldDetail.history).toMatchObject([{ code: x!.code, name: x!.name, validTo: '2025-03-01', endedByEvent: event.id }])
    expect(oldDetail.events.map((e: { id: number }) => e.id)).toEqual([event.id])

    // Links follow the territory.
    const links = await sql<{ id: number; code: string }>('SELECT id, community_code::text AS code FROM compounds WHERE id = ANY($1::int[]) ORDER BY id', [[eastCompound!.id, westCompound!.id]])
    expect(links).toEqual([{ id: eastCompound!.id, code: newCode }, { id: westCompound!.id, code: x!.code }])
    expect((await sql<{ code: string }>('SELECT community_code::text AS code FROM facilities WHERE id = $1', [facility!.id]))[0]!.code).toBe(newCode)
    const served = await sql<{ code: string }>('SELECT community_code::text AS code FROM facility_service_communities WHERE facility_id = $1 ORDER BY 1', [facility!.id])
    expect(served.map((s) => s.code)).toEqual([x!.code, newCode])
    const [stored] = await sql<{ codes: string[]; version: number; seq: string }>('SELECT division_codes AS codes, version, change_seq::text AS seq FROM places WHERE id = $1', [place!.id])
    expect(stored!.codes).toEqual([newCode])
    expect(BigInt(stored!.seq)).toBeGreaterThan(BigInt(seqBefore))
    const versions = await sql<{ version: number; change: string; codes: string[] }>(`SELECT version, change, record->'divisionCodes' AS codes FROM place_versions WHERE place_id = $1`, [place!.id])
    expect(versions).toEqual([{ version: stored!.version, change: 'edit', codes: [newCode] }])
    const audit = await sql<{ action: string }>(`SELECT action FROM audit_log WHERE entity = 'division-event' AND entity_id = $1`, [String(event.id)])
    expect(audit).toEqual([{ action: 'split' }])

    const listed = (await send('GET', `/api/division-events?code=${newCode}`)).json<{ events: { id: number }[] }>().events
    expect(listed.map((e) => e.id)).toEqual([event.id])
  })

  it('merges two communities into one whose counts are theirs together', async () => {
    const [a, b] = await communitiesOf('210190003000')
    const merged = '210190003901'
    const { geometry } = (await sql<{ geometry: object }>('SELECT ST_AsGeoJSON(ST_Union(geom))::json AS geometry FROM divisions WHERE code = ANY($1::text[])', [[a!.code, b!.code]]))[0]!
    const response = await send('POST', '/api/division-events', { kind: 'merge', effectiveOn: '2025-04-01', before: [a!.code, b!.code], after: [{ code: merged, name: '合并社区', geometry }] })
    expect(response.statusCode, response.body).toBe(201)

    const after = await divisionsAsOf('2025-04-01')
    expect(after.divisions.some((d) => d.code === a!.code || d.code === b!.code)).toBe(false)
    expect(after.divisions.find((d) => d.code === merged)).toMatchObject({ households: a!.households + b!.households, parentCode: '210190003000' })
    const before = await divisionsAsOf('2025-03-31')
    expect(before.divisions.filter((d) => d.code === a!.code || d.code === b!.code)).toHaveLength(2)
    const orphans = await sql(`SELECT id FROM compounds WHERE community_code IS NULL OR community_code = ANY($1::text[])`, [[a!.code, b!.code]])
    expect(orphans).toEqual([])
    const detail = (await send('GET', `/api/divisions/${merged}`)).json()
    expect(detail.supersedes.map((s: { code: string }) => s.code).sort()).toEqual([a!.code, b!.code].sort())
    const ended = (await send('GET', `/api/divisions/${a!.code}`)).json()
    expect(ended).toMatchObject({ current: false, validTo: '2025-04-01', supersededBy: [{ code: merged }] })
  })

  it('renames a unit, keeping its territory and its old name in its history', async () => {
    const [, , c] = await communitiesOf('210190002000')
    const response = await send('POST', '/api/division-events', { kind: 'rename', effectiveOn: '2025-05-01', before: [c!.code], after: [{ code: c!.code, name: '更名社区' }] })
    expect(response.statusCode, response.body).toBe(201)
    expect((await divisionsAsOf('2025-04-30')).divisions.find((d) => d.code === c!.code)?.name).toBe(c!.name)
    expect((await divisionsAsOf('2025-05-01')).divisions.find((d) => d.code === c!.code)).toMatchObject({ name: '更名社区', households: c!.households })
    const detail = (await send('GET', `/api/divisions/${c!.code}`)).json()
    expect(detail.history.map((h: { name: string }) => h.name)).toEqual([c!.name])

    const moved = await send('POST', '/api/division-events', { kind: 'rename', effectiveOn: '2025-06-01', before: [c!.code], after: [{ code: c!.code, name: '又更名', geometry: (await halves(c!.code)).west }] })
    expect(moved.statusCode).toBe(400)
    expect(moved.json().detail).toMatch(/^after\[0\]\.geometry: .* m²/)
  })

  it('refuses a split whose parts do not cover the unit, saying by how much, and changes nothing', async () => {
    const [, y] = await communitiesOf('210190002000')
    const { west } = await halves(y!.code)
    const count = async () => (await sql<{ n: number }>('SELECT (SELECT count(*) FROM divisions) + (SELECT count(*) FROM division_events) + (SELECT count(*) FROM division_versions) AS n'))[0]!.n
    const n = await count()
    const response = await send('POST', '/api/division-events', {
      kind: 'split',
      effectiveOn: '2025-03-01',
      before: [y!.code],
      after: [
        { code: y!.code, name: '半个', geometry: west },
        { code: '210190002902', name: '另一半', geometry: west },
      ],
    })
    expect(response.statusCode).toBe(400)
    expect(response.json().detail).toMatch(/^after: the new units differ from the units they replace by [\d,]+ m² \(\d+\.\d+ %/)
    expect(await count()).toBe(n)
    expect((await sql<{ name: string }>('SELECT name FROM divisions WHERE code = $1', [y!.code]))[0]!.name).toBe(y!.name)

    const wrongCount = await send('POST', '/api/division-events', { kind: 'split', effectiveOn: '2025-03-01', before: [y!.code], after: [{ code: y!.code, name: '一个', geometry: west }] })
    expect(wrongCount.json().detail).toMatch(/^after: a split takes one unit before and at least two after/)
    const unknown = await send('POST', '/api/division-events', { kind: 'rename', effectiveOn: '2025-03-01', before: ['210190002999'], after: [{ code: '210190002999', name: '无' }] })
    expect(unknown.json().detail).toMatch(/^before\[0\]: 210190002999 is not a division kept here/)
  })

  it('abolishes a unit only with a successor for what hangs on it', async () => {
    const [first, second] = await communitiesOf('210190002000')
    const refused = await send('POST', '/api/division-events', { kind: 'abolish', effectiveOn: '2025-07-01', before: [first!.code], after: [] })
    expect(refused.statusCode).toBe(400)
    expect(refused.json().detail).toMatch(/^successorCode: required: .*compound/)
    const done = await send('POST', '/api/division-events', { kind: 'abolish', effectiveOn: '2025-07-01', before: [first!.code], after: [], successorCode: second!.code })
    expect(done.statusCode, done.body).toBe(201)
    expect(await sql(`SELECT id FROM compounds WHERE community_code IS NULL OR community_code = $1`, [first!.code])).toEqual([])
  })

  it('finds a planted gap and a planted overlap between sibling units, with their areas', async () => {
    const box = (w: number, s: number, e: number, n: number) => `ST_Multi(ST_MakeEnvelope(${w}, ${s}, ${e}, ${n}, 4326))`
    const dataset = (await sql<{ id: number }>('SELECT id FROM datasets ORDER BY id LIMIT 1'))[0]!.id
    await sql(`INSERT INTO divisions (code, dataset_id, name, level, parent_code, urban_rural, geom) VALUES ('219901000000', $1, '测试区', 'district', NULL, 'urban', ${box(100, 30, 100.01, 30.01)})`, [dataset])
    await sql(
      `INSERT INTO divisions (code, dataset_id, name, level, parent_code, urban_rural, geom)
       VALUES ('219901001000', $1, '甲街道', 'subdistrict', '219901000000', 'urban', ${box(100, 30, 100.006, 30.01)}),
              ('219901002000', $1, '乙街道', 'subdistrict', '219901000000', 'urban', ${box(100.005, 30, 100.009, 30.01)})`,
      [dataset],
    )
    const rect = (w: number, s: number, e: number, n: number) => turf.area(turf.bboxPolygon([w, s, e, n]))
    const response = await send('GET', '/api/divisions/topology?parent=219901000000', undefined, viewer)
    expect(response.statusCode, response.body).toBe(200)
    const topology = response.json<{ parentCode: string; gaps: { areaM2: number; location: { lng: number; lat: number } }[]; overlaps: { codes: string[]; names: string[]; areaM2: number; location: { lng: number; lat: number } }[] }>()
    expect(topology.parentCode).toBe('219901000000')
    expect(topology.gaps).toHaveLength(1)
    expect(topology.gaps[0]!.areaM2 / rect(100.009, 30, 100.01, 30.01)).toBeCloseTo(1, 2)
    expect(topology.gaps[0]!.location.lng).toBeGreaterThan(100.009)
    expect(topology.overlaps).toHaveLength(1)
    expect(topology.overlaps[0]).toMatchObject({ codes: ['219901001000', '219901002000'], names: ['甲街道', '乙街道'] })
    expect(topology.overlaps[0]!.areaM2 / rect(100.005, 30, 100.006, 30.01)).toBeCloseTo(1, 2)
    expect(topology.overlaps[0]!.location.lng).toBeGreaterThan(100.005)
    expect(topology.overlaps[0]!.location.lng).toBeLessThan(100.006)

    const demo = (await send('GET', '/api/divisions/topology?parent=210190000000')).json()
    expect(demo).toMatchObject({ gaps: [], overlaps: [] })
    const top = await send('GET', '/api/divisions/topology')
    expect(top.statusCode).toBe(200)
    expect(top.json()).toMatchObject({ parentCode: null, overlaps: [] })
    expect((await send('GET', '/api/divisions/topology?parent=219999000000')).statusCode).toBe(404)
  })

  it('lists national names and codes from the registry', async () => {
    const byName = (await send('GET', `/api/divisions/registry?q=${encodeURIComponent('沈阳')}`, undefined, viewer)).json()
    expect(byName.entries).toContainEqual({ code: '210100000000', name: '沈阳市', level: 'city', parentCode: '210000000000' })
    const byCode = (await send('GET', '/api/divisions/registry?code=2101', undefined, viewer)).json()
    expect(byCode.entries[0]).toMatchObject({ code: '210100000000', name: '沈阳市' })
    expect(byCode.entries).toHaveLength(50)
    expect(byCode.total).toBeGreaterThan(50)
  })

  it('lets a viewer read but not record changes', async () => {
    expect((await send('GET', '/api/divisions', undefined, viewer)).statusCode).toBe(200)
    expect((await send('GET', '/api/division-events', undefined, viewer)).statusCode).toBe(200)
    const [c] = await communitiesOf('210190001000')
    const refused = await send('POST', '/api/division-events', { kind: 'rename', effectiveOn: '2026-01-01', before: [c!.code], after: [{ code: c!.code, name: '不许' }] }, viewer)
    expect(refused.statusCode).toBe(403)
  })
})
