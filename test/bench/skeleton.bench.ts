import { afterAll, bench, describe } from 'vitest'
import { generateDemoDistrict } from '../../geodata/generate-demo-district.ts'
import { createTestApp } from '../support/test-app.ts'
import { tileContaining } from '../support/tile-math.ts'
import { readTile } from '../../server/tiles/tiles-repository.ts'
import { tileSources } from '../../server/tiles/tile-sources.ts'

const t = await createTestApp('demo')
afterAll(() => t.close())
const centre = (await t.db.pool.query('SELECT ST_X(c) AS lng, ST_Y(c) AS lat FROM (SELECT ST_Centroid(ST_Extent(geom)::geometry) AS c FROM divisions) s')).rows[0]
const z14 = tileContaining(centre.lng, centre.lat, 14)
const z12 = tileContaining(centre.lng, centre.lat, 12)
const encoders = t.db.capabilities.mvtInSql ? [false, true] : [false]

describe('demo district', () => {
  bench('generate the demo district', () => {
    generateDemoDistrict()
  })
})

describe('vector tiles', () => {
  for (const inSql of encoders) {
    const how = inSql ? 'ST_AsMVT' : 'TypeScript encoder'
    bench(`network tile z14 (${how})`, async () => {
      await readTile(t.db.pool, tileSources.network!, 14, z14.x, z14.y, inSql)
    })
    bench(`network tile z12 (${how})`, async () => {
      await readTile(t.db.pool, tileSources.network!, 12, z12.x, z12.y, inSql)
    })
    bench(`compounds tile z14 (${how})`, async () => {
      await readTile(t.db.pool, tileSources.compounds!, 14, z14.x, z14.y, inSql)
    })
  }
})

describe('GeoJSON layers', () => {
  bench('GET /api/layers/facilities', async () => {
    await t.app.inject('/api/layers/facilities')
  })
  bench('GET /api/layers/divisions', async () => {
    await t.app.inject('/api/layers/divisions')
  })
})
