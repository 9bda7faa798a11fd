import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FeatureCollection, Geometry } from 'geojson'
import { createTestApp, type TestApp } from '../support/test-app.ts'

let t: TestApp
let areas: FeatureCollection & { properties: Record<string, unknown> }

beforeAll(async () => {
  t = await createTestApp('demo')
  const res = await t.app.inject('/api/service-areas?kind=home_care')
  expect(res.statusCode, res.body).toBe(200)
  areas = res.json()
})
afterAll(async () => t?.close())

const geometryOfBand = (band: number) => areas.features.find((f) => f.properties!.band === band)!.geometry as Geometry

describe('GET /api/service-areas', () => {
  it('returns one dissolved polygon per band, largest first, with its parameters in the collection', () => {
    expect(areas.features.map((f) => f.properties!.band)).toEqual([2, 1, 0])
    expect(areas.features.map((f) => f.properties!.value)).toEqual([15, 10, 5])
    for (const f of areas.features) expect(['Polygon', 'MultiPolygon']).toContain(f.geometry.type)
    expect(areas.properties).toMatchObject({ kind: 'home_care', mode: 'time', bands: [5, 10, 15], crs: 'EPSG:4326', bufferM: 50 })
    expect(typeof areas.properties.networkVersion).toBe('number')
    expect(Date.parse(String(areas.properties.generatedAt))).not.toBeNaN()
  })

  it('nests the bands: each lies within the next (to 2e-7 degrees, about 2 cm)', async () => {
    // Compared in longitude/latitude, where the outlines are drawn: a long straight edge
    // transformed vertex by vertex to UTM would sag off the parallel by centimetres.
    for (const [inner, outer] of [[0, 1], [1, 2]] as const) {
      const row = await t.db.pool.query(
        `SELECT ST_IsEmpty(ST_Difference(ST_GeomFromGeoJSON($1), ST_Buffer(ST_GeomFromGeoJSON($2), 2e-7))) AS nested`,
        [JSON.stringify(geometryOfBand(inner)), JSON.stringify(geometryOfBand(outer))],
      )
      expect(row.rows[0].nested, `band ${inner} within band ${outer}`).toBe(true)
    }
  })

  it('agrees with the coverage numbers: every compound counted in a band has a gate inside that band', async () => {
    const coverage = (await t.app.inject('/api/coverage?kind=home_care')).json()
    for (const band of [0, 1, 2]) {
      const reached = coverage.compounds.filter((c: { band: number | null }) => c.band !== null && c.band <= band).map((c: { id: number }) => c.id)
      expect(reached.length).toBeGreaterThan(0)
      const outside = await t.db.pool.query(
        `SELECT c.id FROM compounds c
          WHERE c.id = ANY($1::int[])
            AND NOT EXISTS (SELECT 1 FROM compound_gates g WHERE g.compound_id = c.id AND ST_Covers(ST_SetSRID(ST_GeomFromGeoJSON($2), 4326), g.geom))`,
        [reached, JSON.stringify(geometryOfBand(band))],
      )
      expect(outside.rows, `band ${band}`).toEqual([])
    }
  })

  it('covers every facility of the kind in the smallest band', async () => {
    const outside = await t.db.pool.query(
      `SELECT f.name FROM facilities f WHERE f.kind = 'home_care' AND NOT ST_Covers(ST_SetSRID(ST_GeomFromGeoJSON($1), 4326), f.geom)`,
      [JSON.stringify(geometryOfBand(0))],
    )
    expect(outside.rows).toEqual([])
  })

  it('keeps the smallest band from jumping the river where no bridge is near', async () => {
    const opposite = await t.db.pool.query(
      `WITH area AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON($1), 4326) AS g)
       SELECT count(*) AS n FROM network_edges s, network_edges n, area
        WHERE s.name = '南岸步道' AND n.name = '北岸步道'
          AND ST_DWithin(s.geom::geography, n.geom::geography, 140)
          AND NOT EXISTS (SELECT 1 FROM network_edges b WHERE b.bridge AND b.highway <> 'motorway'
                            AND ST_DWithin(b.geom::geography, s.geom::geography, 800))
          AND ST_Intersects(area.g, s.geom) AND ST_Intersects(area.g, n.geom)`,
      [JSON.stringify(geometryOfBand(0))],
    )
    expect(Number(opposite.rows[0].n)).toBe(0)
  })

  it('draws one set of bands per facility on request', async () => {
    const res = await t.app.inject('/api/service-areas?kind=elderly_institution&perFacility=true&bands=5')
    const body = res.json()
    const facilityIds = new Set(body.features.map((f: { properties: { facilityId: number } }) => f.properties.facilityId))
    expect(facilityIds.size).toBe(body.properties.facilities.length)
    expect(facilityIds.has(null)).toBe(false)
  })
})

describe('straight-line circles, walk times and exports', () => {
  it('draws straight-line circles of the same distances for comparison, and they cover more than the network areas', async () => {
    const res = await t.app.inject('/api/service-areas?kind=home_care&method=circle')
    expect(res.statusCode).toBe(200)
    const circles = res.json()
    expect(circles.properties.method).toBe('circle')
    expect(circles.features.map((f: { properties: { band: number } }) => f.properties.band)).toEqual([2, 1, 0])
    const areas = await t.db.pool.query(
      `SELECT ST_Area(ST_SetSRID(ST_GeomFromGeoJSON($1), 4326)::geography) AS circle, ST_Area(ST_SetSRID(ST_GeomFromGeoJSON($2), 4326)::geography) AS network`,
      [JSON.stringify(circles.features[2].geometry), JSON.stringify(geometryOfBand(0))],
    )
    expect(areas.rows[0].circle).toBeGreaterThan(areas.rows[0].network)
  })

  it('sends service areas as a file on request', async () => {
    const res = await t.app.inject('/api/service-areas?kind=home_care&download=true')
    expect(res.headers['content-disposition']).toBe('attachment; filename="service-areas-home_care.geojson"')
    expect(res.json().features).toHaveLength(3)
  })

  it('gives the walking time from any point to the nearest facility, with the snapped point', async () => {
    const facility = (await t.db.pool.query(`SELECT id, name, ST_X(geom) AS lng, ST_Y(geom) AS lat FROM facilities WHERE kind = 'home_care' ORDER BY id LIMIT 1`)).rows[0]
    const near = (await t.app.inject(`/api/walk-time?kind=home_care&lng=${facility.lng}&lat=${facility.lat}`)).json()
    expect(near.facility).toEqual({ id: facility.id, name: facility.name })
    expect(near.point.snapped).toBe(true)
    expect(near.distanceM).toBeCloseTo(2 * near.point.snapDistanceM, 6)
    const away = (await t.app.inject(`/api/walk-time?kind=home_care&lng=${facility.lng + 0.05}&lat=${facility.lat}`)).json()
    expect(away.point.snapped).toBe(false)
    expect(away.point.problem).toMatch(/no walkable street within 300 m/)
    expect(away.minutes).toBeNull()
  })

  it('exports coverage per community as GeoJSON carrying its parameters', async () => {
    const res = await t.app.inject('/api/coverage/communities.geojson?kind=home_care&bands=5,15')
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-disposition']).toBe('attachment; filename="coverage-home_care.geojson"')
    const body = res.json()
    expect(body.properties).toMatchObject({ kind: 'home_care', bands: [5, 15], crs: 'EPSG:4326' })
    const communities = await t.db.pool.query(`SELECT count(*) AS n FROM divisions WHERE level = 'community'`)
    expect(body.features).toHaveLength(Number(communities.rows[0].n))
    const first = body.features[0].properties
    expect(first.households_15).toBeGreaterThanOrEqual(first.households_5)
    expect(first.share_15).toBeLessThanOrEqual(1)
    expect(body.features[0].geometry.type).toBe('MultiPolygon')
  })
})
