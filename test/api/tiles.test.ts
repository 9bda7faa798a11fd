import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { VectorTile } from '@mapbox/vector-tile'
import { PbfReader } from 'pbf'
import { createTestApp, type TestApp } from '../support/test-app.ts'
import { tileContaining } from '../support/tile-math.ts'
import { readTile } from '../../server/tiles/tiles-repository.ts'
import { tileSources } from '../../server/tiles/tile-sources.ts'

let t: TestApp
let gate: { lng: number; lat: number; compoundId: number }

beforeAll(async () => {
  t = await createTestApp('demo')
  const row = await t.db.pool.query(
    'SELECT ST_X(geom) AS lng, ST_Y(geom) AS lat, compound_id FROM compound_gates ORDER BY id LIMIT 1',
  )
  gate = { lng: row.rows[0].lng, lat: row.rows[0].lat, compoundId: row.rows[0].compound_id }
})
afterAll(async () => t?.close())

function decode(body: Buffer | Uint8Array) {
  return new VectorTile(new PbfReader(new Uint8Array(body)))
}

function layerSummary(tile: VectorTile) {
  const out: Record<string, string[]> = {}
  for (const [name, layer] of Object.entries(tile.layers)) {
    out[name] = []
    for (let i = 0; i < layer.length; i++) {
      const f = layer.feature(i)
      const geom = f.loadGeometry().map((ring) => ring.map((p) => `${p.x},${p.y}`).join(' '))
      out[name].push(`${f.id}|${f.type}|${JSON.stringify(f.properties, Object.keys(f.properties).sort())}|${geom.join(';')}`)
    }
    out[name].sort()
  }
  return out
}

describe('vector tiles', () => {
  it('serve compounds and their gates around a gate at zoom 15', async () => {
    const { x, y } = tileContaining(gate.lng, gate.lat, 15)
    const res = await t.app.inject(`/api/tiles/compounds/15/${x}/${y}.pbf`)
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('application/vnd.mapbox-vector-tile')
    const tile = decode(res.rawPayload)
    const gates = tile.layers.compound_gates!
    const compoundIds = Array.from({ length: gates.length }, (_, i) => gates.feature(i).properties.compoundId)
    expect(compoundIds).toContain(gate.compoundId)
    const compounds = tile.layers.compounds!
    const names = Array.from({ length: compounds.length }, (_, i) => compounds.feature(i).properties.name)
    expect(names.some((n) => typeof n === 'string' && n.length > 1)).toBe(true)
    expect(compounds.feature(0).type).toBe(3)
    const labels = tile.layers.compound_labels!
    const labelIds = Array.from({ length: labels.length }, (_, i) => labels.feature(i).id)
    expect(labels.feature(0).type).toBe(1)
    expect(new Set(labelIds).size).toBe(labelIds.length)
  })

  it('serve the street network with highway classes, and only major roads at low zoom', async () => {
    const near = tileContaining(gate.lng, gate.lat, 15)
    const detailed = decode((await t.app.inject(`/api/tiles/network/15/${near.x}/${near.y}.pbf`)).rawPayload).layers.network!
    const classesAt15 = new Set(Array.from({ length: detailed.length }, (_, i) => detailed.feature(i).properties.highway))
    expect(classesAt15.size).toBeGreaterThan(1)
    const far = tileContaining(gate.lng, gate.lat, 11)
    const overview = decode((await t.app.inject(`/api/tiles/network/11/${far.x}/${far.y}.pbf`)).rawPayload).layers.network!
    const classesAt11 = new Set(Array.from({ length: overview.length }, (_, i) => overview.feature(i).properties.highway))
    expect([...classesAt11].every((c) => ['motorway', 'trunk', 'primary', 'secondary', 'motorway_link', 'trunk_link', 'primary_link', 'secondary_link'].includes(String(c)))).toBe(true)
    expect(classesAt11.size).toBeGreaterThan(0)
  })

  it('answer an empty tile far from the district and 400 for a tile that cannot exist', async () => {
    const empty = await t.app.inject('/api/tiles/network/15/0/0.pbf')
    expect(empty.statusCode).toBe(200)
    expect(Object.keys(decode(empty.rawPayload).layers)).toHaveLength(0)
    const impossible = await t.app.inject('/api/tiles/network/3/8/0.pbf')
    expect(impossible.statusCode).toBe(400)
    expect(impossible.json().detail).toMatch(/below 8/)
    expect((await t.app.inject('/api/tiles/secret/3/1/1.pbf')).statusCode).toBe(400)
  })

  it('describe each source as TileJSON with the district bounds', async () => {
    const res = await t.app.inject({ url: '/api/tiles/network.json', headers: { host: 'example.test:8080' } })
    const body = res.json()
    expect(body.tiles).toEqual(['http://example.test:8080/api/tiles/network/{z}/{x}/{y}.pbf'])
    expect(body.vector_layers.map((l: { id: string }) => l.id)).toEqual(['network'])
    expect(body.bounds[0]).toBeGreaterThan(123)
    const compounds = (await t.app.inject('/api/tiles/compounds.json')).json()
    expect(compounds.vector_layers.map((l: { id: string }) => l.id)).toEqual(['compounds', 'compound_gates', 'compound_labels'])
  })

  it.skipIf(!process.env.DATABASE_URL)('encode the same tile in SQL (ST_AsMVT) and in TypeScript (server mode only: the embedded PostGIS has no ST_AsMVT)', async () => {
    expect(t.db.capabilities.mvtInSql).toBe(true)
    for (const [name, source] of Object.entries(tileSources)) {
      for (const z of [13, 15]) {
        const { x, y } = tileContaining(gate.lng, gate.lat, z)
        const inSql = decode(await readTile(t.db.pool, source, z, x, y, true))
        const inTs = decode(await readTile(t.db.pool, source, z, x, y, false))
        expect(layerSummary(inTs), `${name} ${z}/${x}/${y}`).toEqual(layerSummary(inSql))
      }
    }
  })

  it.skipIf(!process.env.DATABASE_URL)('place geometry in tiles as ST_AsMVTGeom does (server mode only: the embedded PostGIS has no ST_AsMVTGeom)', async () => {
    const { x, y } = tileContaining(gate.lng, gate.lat, 15)
    const rows = (
      await t.db.pool.query(
        `SELECT r.fid, ST_HausdorffDistance(r.geom, reference.geom) AS distance,
                ST_Area(r.geom) AS area, ST_Area(reference.geom) AS reference_area,
                ST_IsPolygonCCW(r.geom) AS ccw, ST_IsPolygonCCW(reference.geom) AS reference_ccw
           FROM tile_compounds_rows(15, $1, $2) AS r
           JOIN compounds c ON c.id = r.fid
          CROSS JOIN LATERAL (SELECT ST_AsMVTGeom(ST_Transform(c.geom, 3857), ST_TileEnvelope(15, $1, $2), 4096, 64, true) AS geom) AS reference`,
        [x, y],
      )
    ).rows
    expect(rows.length).toBeGreaterThan(0)
    for (const row of rows) {
      expect(row.distance, `compound ${row.fid}`).toBeLessThanOrEqual(1.5)
      expect(Math.abs(row.area - row.reference_area) / row.reference_area, `compound ${row.fid}`).toBeLessThan(0.01)
      expect(row.ccw, `winding of compound ${row.fid}`).toBe(row.reference_ccw)
    }
  })
})
