import { afterAll, bench, describe } from 'vitest'
import { generateDemoDistrict } from '../../geodata/generate-demo-district.ts'
import { createTestApp } from '../support/test-app.ts'
import { tileContaining } from '../support/tile-math.ts'
import { readTile } from '../../server/tiles/tiles-repository.ts'
import { tileSources } from '../../server/tiles/tile-sources.ts'
import { computeCoverage, computeServiceAreas, WalkNetworkCache } from '../../server/coverage/coverage-service.ts'
import { resolveTravelBands } from '../../server/coverage/travel-parameters.ts'

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

const network = await new WalkNetworkCache(t.db.pool).get()
const bands = resolveTravelBands({})

describe('coverage on the demo district', () => {
  bench('coverage of all compounds and divisions by home-care stations (5/10/15 min)', async () => {
    await computeCoverage(t.db.pool, network, { kind: 'home_care', bands, maxSnapM: 300 })
  })
  bench('service areas of home-care stations, 3 nested bands with polygons', async () => {
    await computeServiceAreas(t.db.pool, network, { kind: 'home_care', bands, maxSnapM: 300, bufferM: 50, perFacility: false, method: 'network' })
  })
})
