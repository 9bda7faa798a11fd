import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../support/test-app.ts'
import { signInWithRoles, type SessionHeaders } from '../support/accounts.ts'

interface Report {
  dataVersion: number
  scenario: { id: number | null; name: string | null; changes: number } | null
  facilities: { id: number; name: string; status: string; position: [number, number]; snapped: boolean }[]
  compounds: { id: number; distanceM: number | null; band: number | null; nearestFacilityId: number | null }[]
  divisions: { code: string; bands: { households: number }[]; medianDistanceM: number | null; compoundsUnreachable: number }[]
}

let t: TestApp

let planner: SessionHeaders
let homeCare: { id: number; name: string; lng: number; lat: number }[]

beforeAll(async () => {
  t = await createTestApp('demo')
  planner = await signInWithRoles(t.app, ['planner'])
  homeCare = (await t.db.pool.query(`SELECT id, name, ST_X(geom) AS lng, ST_Y(geom) AS lat FROM facilities WHERE kind = 'home_care' ORDER BY id`)).rows
})
afterAll(async () => t?.close())

const whatIf = async (changes: unknown[], extra: Record<string, unknown> = {}) => {
  const res = await t.app.inject({ method: 'POST', headers: planner, url: '/api/coverage/what-if', payload: { kind: 'home_care', changes, ...extra } })
  return res
}
const coverageNow = async (query = '') => (await t.app.inject(`/api/coverage?kind=home_care${query}`)).json() as Report

/** Compound distances and division totals agree (distances to 1 mm; facility ids may differ for added ones). */
function expectSameCoverage(actual: Report, expected: Report) {
  expect(actual.compounds.map((c) => c.band)).toEqual(expected.compounds.map((c) => c.band))
  actual.compounds.forEach((c, i) => {
    const e = expected.compounds[i]!
    if (e.distanceM === null) expect(c.distanceM).toBeNull()
    else expect(c.distanceM).toBeCloseTo(e.distanceM, 3)
  })
  expect(actual.divisions.map((d) => d.bands.map((b) => b.households))).toEqual(expected.divisions.map((d) => d.bands.map((b) => b.households)))
}

/** Runs `edit` on the stored facilities, then puts them back as they were. */
async function withStoredEdit(edit: string, params: unknown[], check: () => Promise<void>) {
  const client = await t.db.pool.connect()
  try {
    await client.query('CREATE TEMP TABLE saved_facilities AS SELECT * FROM facilities')
    await client.query(edit, params)
  } finally {
    client.release()
  }
  try {
    await check()
  } finally {
    await t.db.pool.query(`DELETE FROM facilities; INSERT INTO facilities SELECT * FROM saved_facilities; DROP TABLE saved_facilities`)
  }
}

describe('what-if coverage', () => {
  it('moving a facility gives the coverage the district would have if it had really moved', async () => {
    const f = homeCare[2]!
    const to = [f.lng + 0.004, f.lat - 0.003]
    const res = await whatIf([{ op: 'move', facilityId: f.id, lng: to[0], lat: to[1] }])
    expect(res.statusCode, res.body).toBe(200)
    const predicted = res.json() as Report
    expect(predicted.facilities.find((x) => x.id === f.id)).toMatchObject({ status: 'moved', position: to })
    expect(predicted.scenario).toEqual({ id: null, name: null, changes: 1, networkChanges: 0 })
    const before = await coverageNow()
    expect(predicted.compounds.map((c) => c.distanceM)).not.toEqual(before.compounds.map((c) => c.distanceM))
    await withStoredEdit(`UPDATE facilities SET geom = ST_SetSRID(ST_MakePoint($1, $2), 4326) WHERE id = $3`, [to[0], to[1], f.id], async () => {
      const after = await coverageNow()
      expect(after.dataVersion).toBeGreaterThan(before.dataVersion)
      expectSameCoverage(predicted, after)
    })
  })

  it('adding and removing facilities agree with the stored edits too, and added ones get negative ids', async () => {
    const gone = homeCare[0]!
    const near = homeCare[5]!
    const added = { lng: near.lng - 0.006, lat: near.lat + 0.004 }
    const predicted = (await whatIf([{ op: 'remove', facilityId: gone.id }, { op: 'add', name: '试点站', ...added }])).json() as Report
    expect(predicted.facilities.find((x) => x.id === -1)).toMatchObject({ name: '试点站', status: 'added', snapped: true })
    expect(predicted.facilities.find((x) => x.id === gone.id)).toMatchObject({ status: 'removed', snapped: false })
    expect(predicted.compounds.some((c) => c.nearestFacilityId === -1)).toBe(true)
    expect(predicted.compounds.some((c) => c.nearestFacilityId === gone.id)).toBe(false)
    await withStoredEdit(
      `DELETE FROM facilities WHERE id = $1;`,
      [gone.id],
      async () => {
        await t.db.pool.query(
          `INSERT INTO facilities (dataset_id, kind, name, geom) SELECT dataset_id, kind, '试点站', ST_SetSRID(ST_MakePoint($1, $2), 4326) FROM facilities WHERE kind = 'home_care' LIMIT 1`,
          [added.lng, added.lat],
        )
        expectSameCoverage(predicted, await coverageNow())
      },
    )
  })

  it('lets a later change move or remove a facility an earlier one added', async () => {
    const f = homeCare[1]!
    const res = await whatIf([
      { op: 'add', lng: f.lng + 0.01, lat: f.lat },
      { op: 'move', facilityId: -1, lng: f.lng, lat: f.lat + 0.001 },
      { op: 'remove', facilityId: -1 },
    ])
    expect(res.statusCode).toBe(200)
    expectSameCoverage(res.json(), await coverageNow())
  })

  it('refuses changes that do not fit, naming the change, and leaves nothing behind', async () => {
    const unknown = await whatIf([{ op: 'remove', facilityId: homeCare[0]!.id }, { op: 'move', facilityId: 999_999, lng: 123.4, lat: 41.7 }])
    expect(unknown.statusCode).toBe(400)
    expect(unknown.json().detail).toBe('changes[1].facilityId: 999999 is not a home_care facility')
    const twice = await whatIf([{ op: 'remove', facilityId: homeCare[0]!.id }, { op: 'remove', facilityId: homeCare[0]!.id }])
    expect(twice.json().detail).toMatch(/^changes\[1\].facilityId: facility \d+ was already removed/)
    const badOp = await whatIf([{ op: 'teleport', facilityId: 1 }])
    expect(badOp.statusCode).toBe(400)
    const outOfRange = await whatIf([{ op: 'add', lng: 200, lat: 41.7 }])
    expect(outOfRange.statusCode).toBe(400)
    expect(outOfRange.json().detail).toMatch(/changes/)
  })

  it('reports a facility added away from any street as not on the network, never moved onto it', async () => {
    const f = homeCare[0]!
    const report = (await whatIf([{ op: 'add', lng: f.lng + 0.08, lat: f.lat }])).json() as Report
    const added = report.facilities.find((x) => x.id === -1)!
    expect(added.snapped).toBe(false)
    expectSameCoverage(report, await coverageNow())
  })

  it('leaves the compound list out on request, with the same division totals', async () => {
    const full = await coverageNow()
    const brief = (await whatIf([], { compounds: false })).json() as Report
    expect(brief.compounds).toEqual([])
    expect(brief.divisions).toEqual(full.divisions)
  })

  it('exports coverage per community with the changes as a file', async () => {
    const f = homeCare[1]!
    const changes = [{ op: 'remove', facilityId: f.id }]
    const res = await t.app.inject({ method: 'POST', headers: planner, url: '/api/coverage/communities.geojson/what-if', payload: { kind: 'home_care', bands: '15', changes } })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.headers['content-disposition']).toBe('attachment; filename="coverage-home_care-what-if.geojson"')
    const file = res.json()
    expect(file.properties.scenario).toEqual({ id: null, name: null, changes: 1, networkChanges: 0 })
    const predicted = (await whatIf(changes, { bands: '15', compounds: false })).json() as Report
    for (const feature of file.features) {
      const d = predicted.divisions.find((x) => x.code === feature.id)!
      expect(feature.properties.households_15).toBe(d.bands[0]!.households)
    }
  })

  it('answers walk times with the changes', async () => {
    const f = homeCare[4]!
    const point = { lng: f.lng + 0.01, lat: f.lat + 0.002 }
    const before = (await t.app.inject(`/api/walk-time?kind=home_care&lng=${point.lng}&lat=${point.lat}`)).json()
    const after = (
      await t.app.inject({ method: 'POST', headers: planner, url: '/api/walk-time/what-if', payload: { kind: 'home_care', ...point, changes: [{ op: 'add', ...point }] } })
    ).json()
    expect(after.facility.id).toBe(-1)
    expect(after.distanceM).toBeLessThan(before.distanceM)
    expect(after.distanceM).toBeCloseTo(2 * after.point.snapDistanceM, 6)
  })
})

describe('service areas of some facilities, ad-hoc points and what-ifs', () => {
  it('draws the same areas for a facility, for its point given ad hoc, and for the kind with all others removed', async () => {
    const f = homeCare[3]!
    const one = (await t.app.inject(`/api/service-areas?kind=home_care&facilityIds=${f.id}`)).json()
    expect(one.properties.facilities.map((x: { id: number }) => x.id)).toEqual([f.id])
    const adHoc = (await t.app.inject(`/api/service-areas?points=${f.lng},${f.lat}`)).json()
    expect(adHoc.properties.kind).toBeNull()
    expect(adHoc.properties.facilities[0]).toMatchObject({ id: -1, snapped: true })
    const others = homeCare.filter((x) => x.id !== f.id).map((x) => ({ op: 'remove', facilityId: x.id }))
    const alone = await t.app.inject({ method: 'POST', headers: planner, url: '/api/service-areas/what-if', payload: { kind: 'home_care', changes: others } })
    expect(alone.statusCode, alone.body).toBe(200)
    const geometries = (fc: { features: { geometry: unknown }[] }) => fc.features.map((x) => JSON.stringify(x.geometry))
    expect(geometries(adHoc)).toEqual(geometries(one))
    expect(geometries(alone.json())).toEqual(geometries(one))
  })

  it('simplifies with a coarser grid and keeps the bands nested', async () => {
    const coarse = (await t.app.inject('/api/service-areas?kind=home_care&cellM=40')).json()
    const fine = (await t.app.inject('/api/service-areas?kind=home_care')).json()
    expect(coarse.properties.cellM).toBe(40)
    expect(fine.properties.cellM).toBe(10)
    const vertices = (fc: { features: { geometry: { coordinates: unknown } }[] }) => JSON.stringify(fc.features.map((x) => x.geometry.coordinates)).split('],[').length
    expect(vertices(coarse)).toBeLessThan(vertices(fine) / 2)
    const band = (b: number) => JSON.stringify(coarse.features.find((x: { properties: { band: number } }) => x.properties.band === b).geometry)
    for (const [inner, outer] of [[0, 1], [1, 2]]) {
      const row = await t.db.pool.query(`SELECT ST_IsEmpty(ST_Difference(ST_GeomFromGeoJSON($1), ST_Buffer(ST_GeomFromGeoJSON($2), 2e-7))) AS nested`, [band(inner!), band(outer!)])
      expect(row.rows[0].nested).toBe(true)
    }
  })

  it('refuses unknown facility ids and mixing points with a kind', async () => {
    const unknown = await t.app.inject('/api/service-areas?kind=home_care&facilityIds=999999')
    expect(unknown.statusCode).toBe(400)
    expect(unknown.json().detail).toBe('facilityIds: 999999 not among the home_care facilities')
    const mixed = await t.app.inject('/api/service-areas?kind=home_care&points=123.4,41.7')
    expect(mixed.statusCode).toBe(400)
    const neither = await t.app.inject('/api/service-areas')
    expect(neither.statusCode).toBe(400)
  })
})

describe('saved scenarios', () => {
  it('saves, lists, applies, exports, updates with a version check, and deletes a scenario', async () => {
    const f = homeCare[2]!
    const changes = [{ op: 'move', facilityId: f.id, lng: f.lng + 0.004, lat: f.lat - 0.003 }, { op: 'add', lng: f.lng - 0.01, lat: f.lat }]
    const created = await t.app.inject({ method: 'POST', headers: planner, url: '/api/scenarios', payload: { name: ' 东片挪站 ', kind: 'home_care', changes } })
    expect(created.statusCode, created.body).toBe(201)
    const scenario = created.json()
    expect(scenario).toMatchObject({ name: '东片挪站', kind: 'home_care', version: 1, changes })
    expect(created.headers.location).toBe(`/api/scenarios/${scenario.id}`)

    const list = (await t.app.inject('/api/scenarios?kind=home_care')).json()
    expect(list.scenarios.map((s: { id: number }) => s.id)).toContain(scenario.id)
    expect((await t.app.inject('/api/scenarios?kind=day_care')).json().scenarios).toEqual([])

    const applied = await coverageNow(`&scenario=${scenario.id}`)
    expect(applied.scenario).toEqual({ id: scenario.id, name: '东片挪站', changes: 2, networkChanges: 0 })
    expectSameCoverage(applied, (await whatIf(changes)).json())
    const exported = await t.app.inject(`/api/coverage/communities.geojson?kind=home_care&scenario=${scenario.id}`)
    expect(exported.json().properties.scenario).toEqual({ id: scenario.id, name: '东片挪站', changes: 2, networkChanges: 0 })
    expect(exported.headers['content-disposition']).toBe(`attachment; filename="coverage-home_care-scenario-${scenario.id}.geojson"`)

    const duplicate = await t.app.inject({ method: 'POST', headers: planner, url: '/api/scenarios', payload: { name: '东片挪站', kind: 'home_care', changes: [] } })
    expect(duplicate.statusCode).toBe(409)

    const updated = await t.app.inject({ method: 'PUT', headers: planner, url: `/api/scenarios/${scenario.id}`, payload: { name: '东片挪站二', changes: changes.slice(0, 1), version: 1 } })
    expect(updated.statusCode, updated.body).toBe(200)
    expect(updated.json()).toMatchObject({ version: 2, name: '东片挪站二' })
    const stale = await t.app.inject({ method: 'PUT', headers: planner, url: `/api/scenarios/${scenario.id}`, payload: { name: '别的', changes: [], version: 1 } })
    expect(stale.statusCode).toBe(409)
    expect(stale.json().current).toMatchObject({ version: 2, name: '东片挪站二' })
    expect((await t.app.inject(`/api/scenarios/${scenario.id}`)).json().name).toBe('东片挪站二')

    const wrongKind = await t.app.inject(`/api/coverage?kind=day_care&scenario=${scenario.id}`)
    expect(wrongKind.statusCode).toBe(400)
    expect((await t.app.inject({ method: 'DELETE', headers: planner, url: `/api/scenarios/${scenario.id}` })).statusCode).toBe(204)
    expect((await t.app.inject(`/api/scenarios/${scenario.id}`)).statusCode).toBe(404)
    expect((await t.app.inject(`/api/coverage?kind=home_care&scenario=${scenario.id}`)).statusCode).toBe(404)
  })

  it('refuses a scenario whose changes do not fit, and keeps nothing of it', async () => {
    const bad = await t.app.inject({ method: 'POST', headers: planner, url: '/api/scenarios', payload: { name: '坏的', kind: 'home_care', changes: [{ op: 'remove', facilityId: 999_999 }] } })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().detail).toBe('changes[0].facilityId: 999999 is not a home_care facility')
    const blank = await t.app.inject({ method: 'POST', headers: planner, url: '/api/scenarios', payload: { name: '   ', kind: 'home_care', changes: [] } })
    expect(blank.statusCode).toBe(400)
    const count = await t.db.pool.query(`SELECT count(*)::int AS n FROM scenarios WHERE btrim(name) IN ('坏的', '')`)
    expect(count.rows[0].n).toBe(0)
  })
})
