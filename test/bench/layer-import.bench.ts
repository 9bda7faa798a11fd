import { afterAll, bench, describe } from 'vitest'
import { importLayer } from '../../server/imports/layers/layer-import-service.ts'
import { createTestDatabase } from '../support/test-database.ts'

/**
 * Facility and compound imports of the largest files a city brings: rows
 * spread over the demo district's communities, read, checked and stored
 * in one transaction, then imported again as the next version (which
 * archives the first).
 */
const db = await createTestDatabase('demo')
afterAll(() => db.destroy())
const actor = { id: null, name: 'bench', requestId: null }
const { rows: communities } = await db.pool.query<{ code: string; lng: number; lat: number }>(
  `SELECT code, ST_X(ST_PointOnSurface(geom)) AS lng, ST_Y(ST_PointOnSurface(geom)) AS lat FROM divisions WHERE level = 'community' ORDER BY code`,
)

function facilityCsv(rows: number): Uint8Array {
  const lines = ['编号,设施名称,类型,经度,纬度,建筑面积,床位数,所属社区代码']
  for (let i = 0; i < rows; i++) {
    const c = communities[i % communities.length]!
    lines.push(`B${i},设施${i},居家养老服务站,${(c.lng + ((i % 97) - 48) * 1e-5).toFixed(7)},${(c.lat + ((i % 89) - 44) * 1e-5).toFixed(7)},${100 + (i % 400)},${i % 30},${c.code}`)
  }
  return new TextEncoder().encode(lines.join('\n'))
}

function compoundGeoJson(rows: number): Uint8Array {
  const d = 0.0002
  const features = Array.from({ length: rows }, (_, i) => {
    const c = communities[i % communities.length]!
    const x = c.lng + ((i % 41) - 20) * 3e-5
    const y = c.lat + ((i % 37) - 18) * 3e-5
    return {
      type: 'Feature',
      properties: { 小区名称: `小区${i}`, 户数: 200 + (i % 300), 出入口: `${x - d},${y}` },
      geometry: { type: 'Polygon', coordinates: [[[x - d, y - d], [x + d, y - d], [x + d, y + d], [x - d, y + d], [x - d, y - d]]] },
    }
  })
  return new TextEncoder().encode(JSON.stringify({ type: 'FeatureCollection', features }))
}

const FACILITY_MAPPING = { code: '编号', name: '设施名称', kind: '类型', lng: '经度', lat: '纬度', floorAreaM2: '建筑面积', beds: '床位数', communityCode: '所属社区代码' }
const COMPOUND_MAPPING = { name: '小区名称', households: '户数', gates: '出入口' }

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; seconds: number }> {
  const started = performance.now()
  const result = await work()
  return { result, seconds: (performance.now() - started) / 1000 }
}

const mode = process.env.DATABASE_URL ? 'server' : 'embedded'
for (const [layer, rows, bytes, mapping, format] of [
  ['facilities', 50_000, facilityCsv(50_000), FACILITY_MAPPING, 'csv'],
  ['compounds', 10_000, compoundGeoJson(10_000), COMPOUND_MAPPING, 'geojson'],
] as const) {
  const request = { layer, format, crs: null, mapping, series: `bench ${layer}`, replaces: null, fileName: `bench.${format}`, bytes }
  const dry = await timed(() => importLayer(db.pool, actor, { ...request, dryRun: true }))
  const first = await timed(() => importLayer(db.pool, actor, { ...request, dryRun: false }))
  const second = await timed(() => importLayer(db.pool, actor, { ...request, dryRun: false, replaces: first.result.dataset!.id }))
  const problems = first.result.problems.length + second.result.problems.length
  console.log(
    `${layer}: ${rows} rows (${(bytes.byteLength / 1e6).toFixed(1)} MB ${format}), ${mode} database: dry run ${dry.seconds.toFixed(2)} s, ` +
      `load ${first.seconds.toFixed(2)} s, next version (archiving ${second.result.archived}) ${second.seconds.toFixed(2)} s; problems ${problems}; ` +
      `process peak RSS ${(process.resourceUsage().maxRSS / 1e3).toFixed(0)} MB`,
  )
}

describe('layer import, dry run of 5,000 facilities', () => {
  const bytes = facilityCsv(5000)
  bench('facilities csv', async () => {
    await importLayer(db.pool, actor, { layer: 'facilities', format: 'csv', crs: null, mapping: FACILITY_MAPPING, dryRun: true, series: 'b', replaces: null, fileName: 'b.csv', bytes })
  })
})
