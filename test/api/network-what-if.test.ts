import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../support/test-app.ts'
import { signInWithRoles, type SessionHeaders } from '../support/accounts.ts'

interface Report {
  scenario: { id: number | null; changes: number; networkChanges: number } | null
  compounds: { id: number; distanceM: number | null; band: number | null }[]
  divisions: { code: string; bands: { households: number }[] }[]
}

let t: TestApp

let planner: SessionHeaders
beforeAll(async () => {
  t = await createTestApp('demo')
  planner = await signInWithRoles(t.app, ['planner'])
})
afterAll(async () => t?.close())

const whatIf = async (body: Record<string, unknown>) => t.app.inject({ method: 'POST', headers: planner, url: '/api/coverage/what-if', payload: { kind: 'home_care', changes: [], ...body } })
const coverageNow = async () => (await t.app.inject('/api/coverage?kind=home_care')).json() as Report

function expectSameCoverage(actual: Report, expected: Report) {
  expect(actual.compounds.map((c) => c.band)).toEqual(expected.compounds.map((c) => c.band))
  actual.compounds.forEach((c, i) => {
    const e = expected.compounds[i]!
    if (e.distanceM === null) expect(c.distanceM).toBeNull()
    else expect(c.distanceM).toBeCloseTo(e.distanceM, 3)
  })
  expect(actual.divisions.map((d) => d.bands.map((b) => b.households))).toEqual(expected.divisions.map((d) => d.bands.map((b) => b.households)))
}

/** Runs `edit` on the stored network, checks, and puts the network back. */
async function withStoredNetworkEdit(edit: () => Promise<unknown>, check: () => Promise<void>) {
  await t.db.pool.query('CREATE TABLE saved_edges AS SELECT * FROM network_edges')
  try {
    await edit()
    await check()
  } finally {
    await t.db.pool.query('DELETE FROM network_edges; INSERT INTO network_edges SELECT * FROM saved_edges; DROP TABLE saved_edges')
  }
}

describe('what-if edits of the walk network', () => {
  it('closing the river crossings gives the coverage the district would have without them', async () => {
    const bridges = (await t.db.pool.query<{ id: string }>(`SELECT id FROM network_edges WHERE bridge AND highway NOT IN ('motorway', 'trunk') ORDER BY id`)).rows.map((r) => Number(r.id))
    expect(bridges.length).toBeGreaterThan(0)
    const res = await whatIf({ networkChanges: bridges.map((edgeId) => ({ op: 'close', edgeId })) })
    expect(res.statusCode, res.body).toBe(200)
    const predicted = res.json() as Report
    expect(predicted.scenario).toEqual({ id: null, name: null, changes: 0, networkChanges: bridges.length })
    const before = await coverageNow()
    expect(predicted.divisions[0]!.bands[2]!.households).toBeLessThan(before.divisions[0]!.bands[2]!.households)
    await withStoredNetworkEdit(
      () => t.db.pool.query('DELETE FROM network_edges WHERE id = ANY($1::bigint[])', [bridges]),
      async () => expectSameCoverage(predicted, await coverageNow()),
    )
  })

  it('a new footbridge between two junctions gives the coverage of a stored edge between them', async () => {
    // Two junctions of the riverside paths facing each other across the river.
    const pair = (
      await t.db.pool.query<{ s: string; n: string; slng: number; slat: number; nlng: number; nlat: number }>(
        `WITH south AS (SELECT source_node AS node, ST_StartPoint(geom) AS p FROM network_edges WHERE name = '南岸步道'),
              north AS (SELECT source_node AS node, ST_StartPoint(geom) AS p FROM network_edges WHERE name = '北岸步道')
         SELECT s.node AS s, n.node AS n, ST_X(s.p) AS slng, ST_Y(s.p) AS slat, ST_X(n.p) AS nlng, ST_Y(n.p) AS nlat
           FROM south s, north n ORDER BY ST_Distance(s.p::geography, n.p::geography), s.node, n.node LIMIT 1`,
      )
    ).rows[0]!
    const link = { op: 'link', lng: pair.slng, lat: pair.slat, toLng: pair.nlng, toLat: pair.nlat, name: '新人行桥' }
    const res = await whatIf({ networkChanges: [link] })
    expect(res.statusCode, res.body).toBe(200)
    const predicted = res.json() as Report
    const metresPerDegreeLng = 111_320 * Math.cos((((pair.slat + pair.nlat) / 2) * Math.PI) / 180)
    const lengthM = Math.hypot((pair.nlng - pair.slng) * metresPerDegreeLng, (pair.nlat - pair.slat) * 110_574)
    await withStoredNetworkEdit(
      () =>
        t.db.pool.query(
          `INSERT INTO network_edges (dataset_id, source_node, target_node, name, highway, length_m, bridge, geom)
           SELECT dataset_id, $1, $2, '新人行桥', 'footway', $3, true, ST_MakeLine(ST_SetSRID(ST_MakePoint($4, $5), 4326), ST_SetSRID(ST_MakePoint($6, $7), 4326))
             FROM network_edges LIMIT 1`,
          [pair.s, pair.n, lengthM, pair.slng, pair.slat, pair.nlng, pair.nlat],
        ),
      async () => expectSameCoverage(predicted, await coverageNow()),
    )
  })

  it('draws service areas over the edited network, and keeps network edits with a saved scenario', async () => {
    const bridges = (await t.db.pool.query<{ id: string }>(`SELECT id FROM network_edges WHERE bridge AND highway NOT IN ('motorway', 'trunk')`)).rows.map((r) => ({ op: 'close', edgeId: Number(r.id) }))
    const areas = await t.app.inject({ method: 'POST', headers: planner, url: '/api/service-areas/what-if', payload: { kind: 'home_care', changes: [], networkChanges: bridges } })
    expect(areas.statusCode, areas.body).toBe(200)
    const today = (await t.app.inject('/api/service-areas?kind=home_care')).json()
    const area = async (geometry: unknown) => (await t.db.pool.query(`SELECT ST_Area(ST_GeomFromGeoJSON($1)::geography) AS a`, [JSON.stringify(geometry)])).rows[0].a as number
    expect(await area(areas.json().features[0].geometry)).toBeLessThan(await area(today.features[0].geometry))

    const saved = await t.app.inject({ method: 'POST', headers: planner, url: '/api/scenarios', payload: { name: '桥梁检修', kind: 'home_care', changes: [], networkChanges: bridges } })
    expect(saved.statusCode, saved.body).toBe(201)
    expect(saved.json().networkChanges).toEqual(bridges)
    const applied = (await t.app.inject(`/api/coverage?kind=home_care&scenario=${saved.json().id}`)).json() as Report
    expectSameCoverage(applied, (await whatIf({ networkChanges: bridges })).json())
  })

  it('refuses edits that do not fit the network, naming them', async () => {
    const unknown = await whatIf({ networkChanges: [{ op: 'close', edgeId: 99_999_999 }] })
    expect(unknown.statusCode).toBe(400)
    expect(unknown.json().detail).toBe('networkChanges[0].edgeId: 99999999 is not a walkable edge of the network')
    const far = await whatIf({ networkChanges: [{ op: 'link', lng: 123.0, lat: 41.0, toLng: 123.001, toLat: 41.0 }] })
    expect(far.statusCode).toBe(400)
    expect(far.json().detail).toMatch(/^networkChanges\[0\]: the link's start is not within 300 m of a walkable street/)
  })
})
