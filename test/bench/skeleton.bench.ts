import { afterAll, bench, describe } from 'vitest'
import { generateDemoDistrict } from '../../geodata/generate-demo-district.ts'
import { createTestApp } from '../support/test-app.ts'
import { tileContaining } from '../support/tile-math.ts'
import { readTile } from '../../server/tiles/tiles-repository.ts'
import { tileSources } from '../../server/tiles/tile-sources.ts'
import { computeCoverage, searchWithChanges } from '../../server/coverage/coverage-service.ts'
import { computeServiceAreas, defaultCellM } from '../../server/coverage/service-area-service.ts'
import { WalkNetworkCache } from '../../server/coverage/walk-network-cache.ts'
import { BaselineCache } from '../../server/coverage/coverage-baseline.ts'
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

const baselines = new BaselineCache(t.db.pool, new WalkNetworkCache(t.db.pool))
const baseline = await baselines.get('home_care', 300)
const bands = resolveTravelBands({})
const origins = searchWithChanges(baseline, []).placed.map((f) => ({ id: f.id, position: [f.lng, f.lat] as [number, number], snap: f.snap! }))

describe('coverage on the demo district', () => {
  bench('coverage of all compounds and divisions by home-care stations (5/10/15 min)', async () => {
    computeCoverage(baseline, bands)
  })
  bench('coverage after moving one home-care station (what-if, incremental)', () => {
    const f = baseline.facilities.rows[3]!
    computeCoverage(baseline, bands, [{ op: 'move', facilityId: f.id, lng: f.lng + 0.002, lat: f.lat + 0.001 }])
  })
  bench('service areas of home-care stations, 3 nested bands with polygons', async () => {
    await computeServiceAreas(t.db.pool, baseline.network, origins, { bands, bufferM: 50, cellM: defaultCellM(50), perFacility: false, method: 'network' })
  })
  bench('service areas of one home-care station, 3 nested bands with polygons', async () => {
    await computeServiceAreas(t.db.pool, baseline.network, origins.slice(0, 1), { bands, bufferM: 50, cellM: defaultCellM(50), perFacility: false, method: 'network' })
  })
})
