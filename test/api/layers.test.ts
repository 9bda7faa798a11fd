import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FeatureCollection, Point } from 'geojson'
import { createTestApp, type TestApp } from '../support/test-app.ts'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp('demo')
})
afterAll(async () => t?.close())

describe('GET /api/health', () => {
  it('reports the database mode and a PostGIS of at least 3.3', async () => {
    const res = await t.app.inject('/api/health')
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body.status).toBe('ok')
    expect(body.database.mode).toBe(process.env.DATABASE_URL ? 'server' : 'embedded')
    const [major, minor] = String(body.database.postgis).split('.').map(Number)
    expect(major! * 100 + minor!).toBeGreaterThanOrEqual(303)
  })
})

describe('GET /api/district', () => {
  it('names the demo district, its extent in Shenyang, and marks the data synthetic', async () => {
    const body = (await t.app.inject('/api/district')).json()
    expect(body.code).toMatch(/^\d{12}$/)
    expect(body.name).toMatch(/合成/)
    const [minLng, minLat, maxLng, maxLat] = body.bbox
    expect(minLng).toBeGreaterThan(123)
    expect(maxLng).toBeLessThan(124)
    expect(minLat).toBeGreaterThan(41.5)
    expect(maxLat).toBeLessThan(42)
    expect(body.datasets).toHaveLength(1)
    expect(body.datasets[0].synthetic).toBe(true)
  })
})

describe('GET /api/layers/*', () => {
  it('serves divisions with codes, levels and population figures', async () => {
    const fc = (await t.app.inject('/api/layers/divisions')).json() as FeatureCollection
    const levels = fc.features.map((f) => f.properties!.level)
    expect(levels.filter((l) => l === 'district')).toHaveLength(1)
    expect(levels.filter((l) => l === 'subdistrict').length).toBeGreaterThanOrEqual(2)
    expect(levels.filter((l) => l === 'community').length).toBeGreaterThanOrEqual(10)
    for (const f of fc.features) {
      expect(f.geometry.type).toBe('MultiPolygon')
      expect(f.properties!.code).toMatch(/^\d{12}$/)
      expect(f.properties!.households).toBeGreaterThan(0)
    }
  })

  it('serves facilities of all four kinds with their community names', async () => {
    const fc = (await t.app.inject('/api/layers/facilities')).json() as FeatureCollection<Point>
    const kinds = new Set(fc.features.map((f) => f.properties!.kind))
    expect([...kinds].sort()).toEqual(['community_service', 'day_care', 'elderly_institution', 'home_care'])
    const institution = fc.features.find((f) => f.properties!.kind === 'elderly_institution')!
    expect(institution.properties!.beds).toBeGreaterThan(0)
    expect(institution.properties!.communityName).toMatch(/社区$/)
    const [lng, lat] = institution.geometry.coordinates
    expect(lng).toBeGreaterThan(123)
    expect(lat).toBeGreaterThan(41)
  })

  it('serves the river as water', async () => {
    const fc = (await t.app.inject('/api/layers/water')).json() as FeatureCollection
    expect(fc.features.length).toBeGreaterThanOrEqual(1)
    expect(fc.features[0]!.geometry.type).toBe('MultiPolygon')
  })

  it('lists facility kinds in Chinese and English', async () => {
    const kinds = (await t.app.inject('/api/facility-kinds')).json()
    expect(kinds).toContainEqual({ code: 'home_care', nameZh: '居家养老服务站', nameEn: 'Home-care station' })
  })
})

describe('GET /api/features/:layer/:id', () => {
  it('returns every attribute of a compound', async () => {
    const row = await t.db.pool.query('SELECT id, name, households FROM compounds ORDER BY id LIMIT 1')
    const res = await t.app.inject(`/api/features/compounds/${row.rows[0].id}`)
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body.properties).toMatchObject({ name: row.rows[0].name, households: row.rows[0].households })
    expect(body.properties.gateCount).toBeGreaterThanOrEqual(1)
    expect(body.properties.communityName).toMatch(/社区$/)
  })

  it('answers 404 as problem+json for a missing feature and 400 for an unknown layer', async () => {
    const missing = await t.app.inject('/api/features/facilities/999999')
    expect(missing.statusCode).toBe(404)
    expect(missing.headers['content-type']).toMatch(/application\/problem\+json/)
    expect(missing.json()).toMatchObject({ status: 404, detail: 'No facilities feature with id 999999' })
    const unknown = await t.app.inject('/api/features/secrets/1')
    expect(unknown.statusCode).toBe(400)
    expect(unknown.json().title).toBe('Bad Request')
  })
})

describe('unknown routes and documentation', () => {
  it('answers unknown API paths with a 404 problem', async () => {
    const res = await t.app.inject('/api/nothing-here')
    expect(res.statusCode).toBe(404)
    expect(res.json()).toMatchObject({ status: 404, title: 'Not Found' })
  })

  it('describes every API route in the OpenAPI document', async () => {
    const doc = (await t.app.inject('/docs/json')).json()
    expect(doc.openapi).toMatch(/^3\./)
    for (const p of ['/api/health', '/api/district', '/api/layers/divisions', '/api/layers/facilities', '/api/tiles/{source}/{z}/{x}/{y}.pbf', '/api/features/{layer}/{id}']) {
      expect(Object.keys(doc.paths)).toContain(p)
    }
    expect((await t.app.inject('/docs')).statusCode).toBeLessThan(400)
  })
})
