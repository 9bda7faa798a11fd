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

  it('nests the bands: each lies within the next', async () => {
    for (const [inner, outer] of [[0, 1], [1, 2]] as const) {
      const row = await t.db.pool.query(
        `SELECT ST_Area(ST_Difference(ST_GeomFromGeoJSON($1), ST_GeomFromGeoJSON($2))::geography) AS outside_m2`,
        [JSON.stringify(geometryOfBand(inner)), JSON.stringify(geometryOfBand(outer))],
      )
      expect(row.rows[0].outside_m2, `band ${inner} outside band ${outer}`).toBeLessThan(1)
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
