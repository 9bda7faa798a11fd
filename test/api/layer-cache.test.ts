import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FeatureCollection } from 'geojson'
import { VectorTile } from '@mapbox/vector-tile'
import { PbfReader } from 'pbf'
import { createTestApp, type TestApp } from '../support/test-app.ts'
import { tileContaining } from '../support/tile-math.ts'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp('demo')
})
afterAll(async () => t?.close())

const get = (url: string, etag?: string) => t.app.inject({ url, headers: etag ? { 'if-none-match': etag } : {} })

function featureNames(fc: FeatureCollection): Map<unknown, unknown> {
  return new Map(fc.features.map((f) => [f.id, f.properties!.name]))
}

function tileFeatureName(body: Buffer, layer: string, id: number): unknown {
  const tile = new VectorTile(new PbfReader(new Uint8Array(body))).layers[layer]!
  for (let i = 0; i < tile.length; i++) if (tile.feature(i).id === id) return tile.feature(i).properties.name
  return undefined
}

describe('map layers kept in memory', () => {
  it('carry an ETag, ask browsers to revalidate, and answer 304 while nothing changed', async () => {
    for (const url of ['/api/layers/divisions', '/api/layers/facilities', '/api/layers/water']) {
      const first = await get(url)
      expect(first.statusCode).toBe(200)
      expect(first.headers['content-type']).toMatch(/^application\/json/)
      expect(first.headers['cache-control']).toBe('no-cache')
      const etag = String(first.headers.etag)
      expect(etag).toMatch(/^"[\w-]+"$/)
      const again = await get(url, etag)
      expect(again.statusCode).toBe(304)
      expect(again.rawPayload).toHaveLength(0)
      expect(again.headers.etag).toBe(etag)
    }
  })

  it('show a renamed facility at once, under a new ETag', async () => {
    const before = await get('/api/layers/facilities')
    const etag = String(before.headers.etag)
    const { rows } = await t.db.pool.query<{ id: number; name: string }>(
      `UPDATE facilities SET name = name || '（新）' WHERE id = (SELECT min(id) FROM facilities) RETURNING id, name`,
    )
    const after = await get('/api/layers/facilities', etag)
    expect(after.statusCode).toBe(200)
    expect(after.headers.etag).not.toBe(etag)
    expect(featureNames(after.json()).get(rows[0]!.id)).toBe(rows[0]!.name)
    expect((await get('/api/layers/facilities', String(after.headers.etag))).statusCode).toBe(304)
  })

  it('show a renamed community at once, in the divisions and in the facilities of that community', async () => {
    const divisionsEtag = String((await get('/api/layers/divisions')).headers.etag)
    const facilitiesEtag = String((await get('/api/layers/facilities')).headers.etag)
    const { rows } = await t.db.pool.query<{ code: string; name: string }>(
      `UPDATE divisions SET name = '更名社区' WHERE code = (SELECT community_code FROM facilities ORDER BY id LIMIT 1) RETURNING code, name`,
    )
    const divisions = await get('/api/layers/divisions', divisionsEtag)
    expect(divisions.statusCode).toBe(200)
    expect(featureNames(divisions.json()).get(rows[0]!.code)).toBe('更名社区')
    const facilities = await get('/api/layers/facilities', facilitiesEtag)
    expect(facilities.statusCode).toBe(200)
    const communityNames = (facilities.json() as FeatureCollection).features.map((f) => f.properties!.communityName)
    expect(communityNames).toContain('更名社区')
  })

  it('show a renamed water area at once (water has no version counter and is read every time)', async () => {
    const etag = String((await get('/api/layers/water')).headers.etag)
    const { rows } = await t.db.pool.query<{ id: number }>(`UPDATE water_areas SET name = '新河' WHERE id = (SELECT min(id) FROM water_areas) RETURNING id`)
    const after = await get('/api/layers/water', etag)
    expect(after.statusCode).toBe(200)
    expect(featureNames(after.json()).get(rows[0]!.id)).toBe('新河')
  })
})

describe('vector tiles kept in memory', () => {
  it('show a renamed street in its tile at once, under a new ETag', async () => {
    const edge = await t.db.pool.query<{ id: string; lng: number; lat: number }>(
      `SELECT id, ST_X(p) AS lng, ST_Y(p) AS lat
         FROM (SELECT id, ST_LineInterpolatePoint(geom, 0.5) AS p FROM network_edges WHERE highway = 'primary' ORDER BY id LIMIT 1) AS e`,
    )
    const { id, lng, lat } = edge.rows[0]!
    const { x, y } = tileContaining(lng, lat, 15)
    const url = `/api/tiles/network/15/${x}/${y}.pbf`
    const before = await get(url)
    expect(before.headers['cache-control']).toBe('no-cache')
    const etag = String(before.headers.etag)
    expect((await get(url, etag)).statusCode).toBe(304)

    await t.db.pool.query(`UPDATE network_edges SET name = '新路' WHERE id = $1`, [id])
    const after = await get(url, etag)
    expect(after.statusCode).toBe(200)
    expect(after.headers.etag).not.toBe(etag)
    expect(tileFeatureName(after.rawPayload, 'network', Number(id))).toBe('新路')
  })

  it('show a renamed compound in its tile at once, and keep street tiles valid when only facilities change', async () => {
    const compound = await t.db.pool.query<{ id: number; lng: number; lat: number }>(
      `SELECT id, ST_X(p) AS lng, ST_Y(p) AS lat FROM (SELECT id, ST_PointOnSurface(geom) AS p FROM compounds ORDER BY id LIMIT 1) AS c`,
    )
    const { id, lng, lat } = compound.rows[0]!
    const { x, y } = tileContaining(lng, lat, 15)
    const compoundsUrl = `/api/tiles/compounds/15/${x}/${y}.pbf`
    const networkUrl = `/api/tiles/network/15/${x}/${y}.pbf`
    const compoundsEtag = String((await get(compoundsUrl)).headers.etag)
    const networkEtag = String((await get(networkUrl)).headers.etag)

    await t.db.pool.query(`UPDATE facilities SET beds = coalesce(beds, 0) + 1 WHERE id = (SELECT min(id) FROM facilities)`)
    expect((await get(networkUrl, networkEtag)).statusCode).toBe(304)
    expect((await get(compoundsUrl, compoundsEtag)).statusCode).toBe(304)

    await t.db.pool.query(`UPDATE compounds SET name = '新小区' WHERE id = $1`, [id])
    const after = await get(compoundsUrl, compoundsEtag)
    expect(after.statusCode).toBe(200)
    expect(after.headers.etag).not.toBe(compoundsEtag)
    expect(tileFeatureName(after.rawPayload, 'compounds', id)).toBe('新小区')
  })
})
