import { afterAll, bench, describe } from 'vitest'
import { generateLargeDistrict } from '../../geodata/generate-large-district.ts'
import { buildApp } from '../../server/app.ts'
import { readNetworkEdges } from '../../server/coverage/walk-network-repository.ts'
import { collectReachedStretches, computeServiceAreas, defaultCellM, type ServiceAreaOptions } from '../../server/coverage/service-area-service.ts'
import { resolveTravelBands } from '../../server/coverage/travel-parameters.ts'
import { computeCoverage } from '../../server/coverage/coverage-service.ts'
import type { FacilityChange } from '../../server/coverage/facility-changes.ts'
import { buildWalkGraph, type WalkEdgeInput, type WalkGraph } from '../../server/geo/walk-graph.ts'
import { searchFromSources, type SearchResult, type SearchSource } from '../../server/geo/walk-search.ts'
import { nonWalkableHighways } from '../../server/geo/walk-rules.ts'
import { SnapIndex } from '../../server/geo/snap-index.ts'
import { createTestDatabase } from '../support/test-database.ts'
import { loadLargeDistrict } from '../support/load-large-district.ts'

const side = 316
const compoundCount = 20_000
const facilitiesPerKind = 300
const kind = 'home_care'
const maxSnapM = 300

const print = (line: string) => console.log(`[district] ${line}`)
const ms = (v: number) => `${v < 10 ? v.toFixed(2) : v.toFixed(0)} ms`
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`
const heapNow = () => {
  globalThis.gc?.()
  globalThis.gc?.()
  const m = process.memoryUsage()
  return m.heapUsed + m.arrayBuffers
}

async function timed<T>(fn: () => Promise<T> | T): Promise<{ value: T; ms: number }> {
  const start = performance.now()
  const value = await fn()
  return { value, ms: performance.now() - start }
}

// Median wall time of `runs` calls after one warm-up call: the bench table prints no median.
async function medianMs(runs: number, fn: () => Promise<unknown> | unknown): Promise<number> {
  await fn()
  const times: number[] = []
  for (let k = 0; k < runs; k++) times.push((await timed(fn)).ms)
  times.sort((a, b) => a - b)
  const mid = Math.floor(runs / 2)
  return runs % 2 === 1 ? times[mid]! : (times[mid - 1]! + times[mid]!) / 2
}

const db = await createTestDatabase('empty')
const counts = await (async () => {
  const generated = await timed(() => generateLargeDistrict({ side, compounds: compoundCount, facilitiesPerKind }))
  const district = generated.value
  print(
    `generated in ${ms(generated.ms)}: ${district.edges.length} edges, ${district.compounds.length} compounds, ` +
      `${district.facilities.length} facilities (${facilitiesPerKind} per kind), ${district.divisions.length} divisions`,
  )
  const loaded = await timed(() => loadLargeDistrict(db.pool, district))
  print(`loaded into the ${db.mode} database in ${(loaded.ms / 1000).toFixed(1)} s (batched, one transaction)`)
  return { edges: district.edges.length }
})()
const app = await buildApp({ database: db })
await app.ready()
afterAll(async () => {
  await app.close()
  await db.destroy()
})

const coverageUrl = `/api/coverage?kind=${kind}`
const cold = await timed(() => app.inject(coverageUrl))
if (cold.value.statusCode !== 200) throw new Error(`GET ${coverageUrl} answered ${cold.value.statusCode}: ${cold.value.body.slice(0, 500)}`)
const coverage = cold.value.json() as { compounds: unknown[]; divisions: { level: string; households: number; bands: { householdShare: number }[] }[] }
const shares = coverage.divisions.find((d) => d.level === 'district')!.bands.map((b) => `${(b.householdShare * 100).toFixed(1)} %`)
print(`coverage cold (first GET ${coverageUrl}, network read and graph built): ${ms(cold.ms)}; ${(cold.value.body.length / 1e6).toFixed(1)} MB of JSON; households reached at 5/10/15 min: ${shares.join(', ')}`)
print(`coverage warm, median of 5: ${ms(await medianMs(5, () => app.inject(coverageUrl)))}`)

// What-if: one facility moved 400 m, through the API and computed directly from the kind's baseline.
const baseline = await app.analysis.baselines.get(kind, maxSnapM)
const moved = baseline.facilities.rows[Math.floor(baseline.facilities.rows.length / 2)]!
const move: FacilityChange[] = [{ op: 'move', facilityId: moved.id, lng: moved.lng + 0.0048, lat: moved.lat }]
const whatIf = () => app.inject({ method: 'POST', url: '/api/coverage/what-if', payload: { kind, changes: move } })
const firstWhatIf = await whatIf()
if (firstWhatIf.statusCode !== 200) throw new Error(`POST /api/coverage/what-if answered ${firstWhatIf.statusCode}: ${firstWhatIf.body.slice(0, 500)}`)
const defaultBands = resolveTravelBands({})
print(
  `after moving one of ${baseline.facilities.rows.length} facilities: POST /api/coverage/what-if, median of 5: ${ms(await medianMs(5, whatIf))}; ` +
    `computed directly (computeCoverage, incremental search): ${ms(await medianMs(9, () => computeCoverage(baseline, defaultBands, move)))}, ` +
    `against ${ms(await medianMs(9, () => computeCoverage(baseline, defaultBands)))} without changes and ` +
    `${ms(await medianMs(5, () => searchFromSources(baseline.network.graph, baseline.facilities.sources, Infinity)))} for the full search alone`,
)

const heapBefore = heapNow()
let started = performance.now()
let input: WalkEdgeInput[] = await readNetworkEdges(db.pool)
const readMs = performance.now() - started
const edgeRows = input.length
started = performance.now()
const graph: WalkGraph = buildWalkGraph(input)
const buildMs = performance.now() - started
input = []
const heapGraph = heapNow()
started = performance.now()
const snapIndex = new SnapIndex(graph)
const indexMs = performance.now() - started
const heapIndex = heapNow()
const gates = (await db.pool.query<{ lng: number; lat: number }>('SELECT ST_X(geom) AS lng, ST_Y(geom) AS lat FROM compound_gates ORDER BY id')).rows
started = performance.now()
for (const g of gates) snapIndex.snap([g.lng, g.lat], maxSnapM)
const gatesMs = performance.now() - started
const arrayBytes = [graph.nodeIds, graph.edgeIds, graph.edgeSource, graph.edgeTarget, graph.edgeLengthM, graph.edgeFlags, graph.adjStart, graph.adjEdge, graph.adjNode, graph.coordStart, graph.coords]
  .reduce((n, a) => n + a.byteLength, 0)
print(
  `cold parts, measured again directly: read ${edgeRows} edges ${ms(readMs)}, build the graph ${ms(buildMs)}, snap index ${ms(indexMs)}, ` +
    `snap all ${gates.length} gates ${ms(gatesMs)} (${((gatesMs / gates.length) * 1000).toFixed(0)} µs each)`,
)
print(
  `memory: graph ${mb(heapGraph - heapBefore)} (typed arrays ${mb(arrayBytes)}, the rest mostly the node-id map), snap index ${mb(heapIndex - heapGraph)}` +
    (globalThis.gc ? '' : ' (approximate: run with --expose-gc)'),
)

const facilities = (
  await db.pool.query<{ id: number; lng: number; lat: number }>(
    `SELECT f.id, ST_X(f.geom) AS lng, ST_Y(f.geom) AS lat FROM facilities f
      WHERE f.kind = $1
      ORDER BY f.geom <-> (SELECT ST_Centroid(geom) FROM divisions WHERE level = 'district'), f.id`,
    [kind],
  )
).rows
const central = facilities[0]!
const limitM = Math.round(resolveTravelBands({ bands: [15] }).limitsM[0]!)

// The facility's search source, snapped as the service snaps it.
function sourceOf(f: { lng: number; lat: number }): SearchSource {
  const s = snapIndex.snap([f.lng, f.lat], maxSnapM)
  if (!s.ok) throw new Error(`facility at ${f.lng},${f.lat} is off the network`)
  return { position: s.position, startM: s.distanceM }
}

const serviceAreaUrl = `/api/service-areas?kind=${kind}&bands=15&facilityIds=${central.id}`
const firstArea = await app.inject(serviceAreaUrl)
if (firstArea.statusCode !== 200) throw new Error(`GET ${serviceAreaUrl} answered ${firstArea.statusCode}: ${firstArea.body.slice(0, 500)}`)
print(`service area of one facility, 15 min with its outline (GET ${serviceAreaUrl}), median of 15: ${ms(await medianMs(15, () => app.inject(serviceAreaUrl)))}`)
const centralSource = sourceOf(central)
const network = { version: 0, graph, snapIndex }
const centralOrigin = { id: central.id, position: [central.lng, central.lat] as [number, number], snap: snapIndex.snap([central.lng, central.lat], maxSnapM) }
const areaOptions: ServiceAreaOptions = { bands: resolveTravelBands({ bands: [15] }), bufferM: 50, cellM: defaultCellM(50), perFacility: false, method: 'network' }
const computeOneArea = () => computeServiceAreas(db.pool, network, [centralOrigin], areaOptions)
const centralSearch = searchFromSources(graph, [centralSource], limitM)
const searchMs = await medianMs(51, () => searchFromSources(graph, [centralSource], limitM))
const stretchesMs = await medianMs(51, () => collectReachedStretches(graph, centralSearch, [limitM]))
const areaMs = await medianMs(15, computeOneArea)
const area = (await computeOneArea()).areas[0]
print(
  `service area of one facility, 15 min (${limitM} m), computed directly in TypeScript, medians: search ${ms(searchMs)}, ` +
    `reached stretches ${ms(stretchesMs)} (${collectReachedStretches(graph, centralSearch, [limitM]).length}), ` +
    `whole area with its outline (computeServiceAreas) ${ms(areaMs)}; outline ${area ? JSON.stringify(area.geometry).length : 0} bytes of GeoJSON`,
)

// A source exactly at a node: the start or end of one of its edges.
function sourceAtNode(nodeId: number): SearchSource {
  const node = graph.nodeIndex.get(nodeId)
  if (node === undefined) throw new Error(`node ${nodeId} is not in the walk graph`)
  const edge = graph.adjEdge[graph.adjStart[node]!]!
  return { position: { edge, fraction: graph.edgeSource[edge] === node ? 0 : 1 }, startM: 0 }
}
const nearestNodeId = (s: SearchSource) => graph.nodeIds[s.position.fraction < 0.5 ? graph.edgeSource[s.position.edge]! : graph.edgeTarget[s.position.edge]!]!
const singleNode = nearestNodeId(centralSource)
const manyNodes = [...new Set(facilities.map((f) => nearestNodeId(sourceOf(f))))]
const singleSources = [sourceAtNode(singleNode)]
const manySources = manyNodes.map(sourceAtNode)
const reachedCount = (r: SearchResult) => r.nodeDistM.reduce((n, d) => (d <= limitM ? n + 1 : n), 0)
const oursSingleMs = await medianMs(101, () => searchFromSources(graph, singleSources, limitM))
const oursManyMs = await medianMs(21, () => searchFromSources(graph, manySources, limitM))
const oursSingleReached = reachedCount(searchFromSources(graph, singleSources, limitM))
const oursManyReached = reachedCount(searchFromSources(graph, manySources, limitM))
print(
  `searchFromSources on the graph of network_edges, ${limitM} m, medians: one source ${ms(oursSingleMs)} (${oursSingleReached} nodes reached), ` +
    `${manySources.length} sources at the stations' nearest nodes ${ms(oursManyMs)} (${oursManyReached} nodes reached); ` +
    `reading and building the graph once costs ${ms(readMs + buildMs)}`,
)

const pgRouting =
  db.mode === 'server' &&
  (await db.pool.query(`SELECT 1 FROM pg_available_extensions WHERE name = 'pgrouting'`)).rowCount === 1 &&
  (await db.pool.query('CREATE EXTENSION IF NOT EXISTS pgrouting').then(() => true, () => false))
const excluded = [...nonWalkableHighways].map((h) => `'${h}'`).join(', ')
const edgesSql = `SELECT id, source_node AS source, target_node AS target, length_m AS cost, length_m AS reverse_cost
                    FROM network_edges WHERE highway NOT IN (${excluded})`
// Every node within the budget and its cost, as an engine built on pgRouting would need them back.
const drivingDistance = (sources: number[]) =>
  db.pool.query<{ node: string; agg_cost: number }>(
    `SELECT node, agg_cost FROM pgr_drivingDistance($1, $2::bigint[], $3, directed => false, equicost => true)`,
    [edgesSql, sources, limitM],
  )
if (pgRouting) {
  const pgrSingleMs = await medianMs(7, () => drivingDistance([singleNode]))
  const pgrManyMs = await medianMs(5, () => drivingDistance(manyNodes))
  const pgrSingleReached = new Set((await drivingDistance([singleNode])).rows.map((r) => r.node)).size
  const pgrManyReached = new Set((await drivingDistance(manyNodes)).rows.map((r) => r.node)).size
  print(
    `pgr_drivingDistance on the same network_edges, medians: one source ${ms(pgrSingleMs)} (${pgrSingleReached} nodes), ` +
      `${manyNodes.length} sources ${ms(pgrManyMs)} (${pgrManyReached} nodes)`,
  )
  print(
    `ratio pgr_drivingDistance / searchFromSources: one source ${(pgrSingleMs / oursSingleMs).toFixed(0)}×, ${manyNodes.length} sources ${(pgrManyMs / oursManyMs).toFixed(0)}× ` +
      `(pgRouting reads the edges and builds its graph on every call; ours searches a graph held in memory)`,
  )
} else {
  print(
    db.mode === 'embedded'
      ? 'pgr_drivingDistance skipped: the embedded PGlite has no pgRouting; set DATABASE_URL to a PostgreSQL server with pgrouting for the side-by-side figures'
      : 'pgr_drivingDistance skipped: pgrouting is not installed on this server',
  )
}

const slow = { iterations: 5, time: 0, warmupIterations: 1, warmupTime: 0 }

describe(`district of ${counts.edges} edges, ${compoundCount} compounds, ${facilitiesPerKind} home-care stations (app.inject)`, () => {
  bench(`GET ${coverageUrl} (warm)`, async () => {
    await app.inject(coverageUrl)
  }, slow)
  bench('POST /api/coverage/what-if, one facility moved', async () => {
    await whatIf()
  }, slow)
  bench('coverage after moving one facility, computed directly (computeCoverage)', () => {
    computeCoverage(baseline, defaultBands, move)
  })
  bench('GET /api/service-areas, one facility, 15 min with its outline', async () => {
    await app.inject(serviceAreaUrl)
  })
  bench('service area of one facility, 15 min, computed directly (computeServiceAreas)', async () => {
    await computeOneArea()
  })
})

describe(`searches of ${limitM} m side by side on the same network_edges`, () => {
  bench('searchFromSources, one source', () => {
    searchFromSources(graph, singleSources, limitM)
  })
  bench.skipIf(!pgRouting)('pgr_drivingDistance, one source', async () => {
    await drivingDistance([singleNode])
  }, slow)
  bench(`searchFromSources, ${manySources.length} sources`, () => {
    searchFromSources(graph, manySources, limitM)
  })
  bench.skipIf(!pgRouting)(`pgr_drivingDistance, ${manyNodes.length} sources`, async () => {
    await drivingDistance(manyNodes)
  }, slow)
})
