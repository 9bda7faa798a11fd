import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { Worker } from 'node:worker_threads'
import type { AddressInfo } from 'node:net'
import { buildApp } from '../../server/app.ts'
import { prepareDatabase } from '../../server/db/prepare-database.ts'
import type { Database } from '../../server/db/database.ts'
import { tileContaining } from '../support/tile-math.ts'
import type { FireOptions, FireSummary, RequestGroup } from './fire-requests.ts'
import { runAdmin } from '../support/admin-sql.ts'

const usage = `Usage: npm run load -- [--duration 30] [--connections 50] [--scenarios layers,mixed] [--time-limit seconds]

Starts the app on 127.0.0.1 over a throwaway database with the demo district
(embedded in a temporary folder, or a new database on the server named by
DATABASE_URL, dropped afterwards) and runs autocannon against it, one
scenario after another. Exits 1 if any scenario saw errors or non-2xx answers,
2 when the time limit ran out.`

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '30' },
    connections: { type: 'string', default: '50' },
    scenarios: { type: 'string', default: 'layers,mixed' },
    'time-limit': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
})
if (args.help) {
  console.log(usage)
  process.exit(0)
}

const durationS = positiveInteger(args.duration, '--duration')
const connections = positiveInteger(args.connections, '--connections')
const knownScenarios = ['layers', 'mixed']
const scenarioNames = args.scenarios.split(',').map((s) => s.trim())
const unknownScenarios = scenarioNames.filter((n) => !knownScenarios.includes(n))
if (unknownScenarios.length > 0) refuse(`unknown scenarios ${unknownScenarios.join(', ')} (known: ${knownScenarios.join(', ')})`)
const setupBudgetS = 180
const timeLimitS = args['time-limit'] ? positiveInteger(args['time-limit'], '--time-limit') : setupBudgetS + scenarioNames.length * (durationS + 30)

function refuse(message: string): never {
  console.error(`load: ${message}\n\n${usage}`)
  process.exit(1)
}

function positiveInteger(value: string, name: string): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1) refuse(`${name} must be a positive integer, not "${value}"`)
  return n
}

/**
 * What to undo at the end, last first. Each step is added as soon as what it
 * removes exists, so running out of time half-way still removes it.
 */
const undo: { what: string; run: () => unknown }[] = []

async function undoAll(): Promise<void> {
  for (let step = undo.pop(); step; step = undo.pop()) {
    try {
      await step.run()
    } catch (error) {
      console.error(`load: could not ${step.what}: ${(error as Error).message}`)
    }
  }
}


/**
 * The demo district in a new database: an embedded one in a temporary folder,
 * or with `DATABASE_URL` a new database on that server. Existing data is never
 * touched; the folder or database is removed at the end.
 */
async function openThrowawayDatabase(): Promise<{ database: Database; describe: string }> {
  const adminUrl = process.env.DATABASE_URL
  const suffix = crypto.randomBytes(5).toString('hex')
  if (!adminUrl) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `lifecircle-load-${suffix}-`))
    undo.push({ what: `remove ${dir}`, run: () => fs.rmSync(dir, { recursive: true, force: true }) })
    const database = await prepareDatabase({ embeddedDataDir: path.join(dir, 'data'), loadDemoWhenEmpty: true })
    undo.push({ what: 'close the database', run: () => database.close() })
    return { database, describe: `embedded (PGlite, one connection) in ${dir}` }
  }
  const name = `lifecircle_load_${suffix}`
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  await runAdmin(adminUrl, `CREATE DATABASE ${name}`)
  undo.push({ what: `drop database ${name}`, run: () => runAdmin(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) })
  const database = await prepareDatabase({ databaseUrl: url.toString(), loadDemoWhenEmpty: true })
  undo.push({ what: 'close the database', run: () => database.close() })
  return { database, describe: `server ${url.host}, database ${name} (pool of 10)` }
}

/** Every tile of the zoom range that meets the bounds. */
function tilesOver(source: string, bounds: [number, number, number, number], zooms: number[]): string[] {
  const [west, south, east, north] = bounds
  const paths: string[] = []
  for (const z of zooms) {
    const min = tileContaining(west, north, z)
    const max = tileContaining(east, south, z)
    for (let x = min.x; x <= max.x; x++) for (let y = min.y; y <= max.y; y++) paths.push(`/api/tiles/${source}/${z}/${x}/${y}.pbf`)
  }
  return paths
}

async function getJson<T>(origin: string, path: string): Promise<T> {
  const res = await fetch(origin + path)
  if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}: ${(await res.text()).slice(0, 300)}`)
  return (await res.json()) as T
}

interface Scenario {
  name: string
  description: string
  groups: RequestGroup[]
}

/** The scenarios' request mixes, built from what the running app says about the demo district. */
async function buildScenarios(origin: string): Promise<Scenario[]> {
  const tileJson = await getJson<{ bounds?: [number, number, number, number] }>(origin, '/api/tiles/network.json')
  if (!tileJson.bounds) throw new Error('The TileJSON has no bounds: is the demo district loaded?')
  const bounds = tileJson.bounds
  const facilities = await getJson<{ features: { properties: { id: number; kind: string } }[] }>(origin, '/api/layers/facilities')
  const kinds = [...new Set(facilities.features.map((f) => f.properties.kind))].sort()
  const homeCareIds = facilities.features.filter((f) => f.properties.kind === 'home_care').map((f) => f.properties.id)

  const geojson: RequestGroup = { name: 'GeoJSON layers', weight: 1, paths: ['/api/layers/divisions', '/api/layers/facilities', '/api/layers/water'] }
  const tiles: RequestGroup = {
    name: 'vector tiles',
    weight: 3,
    paths: [...tilesOver('network', bounds, [12, 13, 14, 15]), ...tilesOver('compounds', bounds, [13, 14, 15])],
  }
  const [west, south, east, north] = bounds
  const inner = (i: number, n: number, from: number, to: number) => (from + ((to - from) * (i + 1)) / (n + 1)).toFixed(6)
  const walkPoints: string[] = []
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) walkPoints.push(`lng=${inner(i, 3, west, east)}&lat=${inner(j, 3, south, north)}`)

  return [
    { name: 'layers', description: 'cached map layers: 3 GeoJSON layers (1 in 4 requests) and vector tiles', groups: [geojson, tiles] },
    {
      name: 'mixed',
      description: 'map layers 60 %, coverage 20 %, service areas 10 %, walk times 10 %',
      groups: [
        { ...geojson, weight: 1.5 },
        { ...tiles, weight: 4.5 },
        { name: 'coverage', weight: 2, paths: kinds.map((k) => `/api/coverage?kind=${k}&compounds=false`) },
        {
          name: 'service areas',
          weight: 1,
          paths: ['/api/service-areas?kind=home_care', ...homeCareIds.slice(0, 3).map((id) => `/api/service-areas?kind=home_care&facilityIds=${id}`)],
        },
        { name: 'walk times', weight: 1, paths: walkPoints.map((p) => `/api/walk-time?kind=home_care&${p}`) },
      ],
    },
  ]
}

/** Asks every path once and fails loudly on any answer but 200; this also fills the caches. */
async function checkPaths(origin: string, scenario: Scenario): Promise<void> {
  const failures: string[] = []
  for (const p of new Set(scenario.groups.flatMap((g) => g.paths))) {
    const res = await fetch(origin + p)
    const body = await res.arrayBuffer()
    if (res.status !== 200) failures.push(`${res.status} ${p}: ${Buffer.from(body).toString('utf8').slice(0, 200)}`)
  }
  if (failures.length > 0) throw new Error(`Scenario ${scenario.name}: ${failures.length} paths do not answer 200:\n  ${failures.join('\n  ')}`)
}

/** Runs autocannon in a worker thread, so that firing requests does not share the server's event loop. */
function fire(options: FireOptions): Promise<FireSummary> {
  const tsx = import.meta.resolve('tsx/esm/api')
  const entry = new URL('./fire-requests.ts', import.meta.url).href
  const worker = new Worker(
    `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}) })`,
    { eval: true, workerData: options },
  )
  return new Promise((resolve, reject) => {
    worker.once('message', (summary: FireSummary) => resolve(summary))
    worker.once('error', reject)
    worker.once('exit', (code) => reject(new Error(`The load worker stopped (exit code ${code}) without a result`)))
  })
}

const ms = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1))
const loadAverage = () => os.loadavg().map((l) => l.toFixed(2)).join(' ')

function printTable(rows: { scenario: Scenario; summary: FireSummary }[]): void {
  console.log('\n| scenario | requests | req/s | p50 ms | p90 ms | p99 ms | max ms | non-2xx | errors | timeouts |')
  console.log('|---|---|---|---|---|---|---|---|---|---|')
  for (const { scenario, summary: s } of rows) {
    console.log(
      `| ${scenario.name} | ${s.requests} | ${s.requestsPerS.toFixed(0)} | ${ms(s.p50)} | ${ms(s.p90)} | ${ms(s.p99)} | ${ms(s.max)} | ${s.non2xx} | ${s.errors} | ${s.timeouts} |`,
    )
  }
}

async function main(): Promise<number> {
  const limit = setTimeout(() => {
    console.error(`load: the time limit of ${timeLimitS} s ran out`)
    void Promise.race([undoAll(), new Promise((resolve) => setTimeout(resolve, 10_000))]).finally(() => process.exit(2))
  }, timeLimitS * 1000)

  try {
    const throwaway = await openThrowawayDatabase()
    const { capabilities } = throwaway.database
    const app = await buildApp({ database: throwaway.database, guestAccess: true })
    undo.push({ what: 'close the app', run: () => app.close() })
    await app.listen({ host: '127.0.0.1', port: 0 })
    const origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
    console.log(`database: ${throwaway.describe}; PostgreSQL ${capabilities.postgresVersion}, PostGIS ${capabilities.postgisVersion}`)
    console.log(`machine: ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; load average ${loadAverage()}`)
    console.log(`${connections} connections, ${durationS} s per scenario, time limit ${timeLimitS} s; app at ${origin}`)

    const scenarios = (await buildScenarios(origin)).filter((s) => scenarioNames.includes(s.name))

    const rows: { scenario: Scenario; summary: FireSummary }[] = []
    for (const [i, scenario] of scenarios.entries()) {
      await checkPaths(origin, scenario)
      const paths = scenario.groups.reduce((n, g) => n + g.paths.length, 0)
      console.log(`\n${scenario.name}: ${scenario.description} (${paths} paths); load average before ${loadAverage()}`)
      const summary = await fire({ url: origin, groups: scenario.groups, connections, durationS, timeoutS: 10, seed: 20261123 + i })
      console.log(`  status codes ${JSON.stringify(summary.statusCodes)}, ${(summary.bytesPerS / 2 ** 20).toFixed(1)} MiB/s; load average after ${loadAverage()}`)
      rows.push({ scenario, summary })
    }
    printTable(rows)
    const failed = rows.filter((r) => r.summary.errors > 0 || r.summary.non2xx > 0)
    for (const r of failed) console.error(`load: ${r.scenario.name} had ${r.summary.errors} errors and ${r.summary.non2xx} non-2xx answers`)
    return failed.length > 0 ? 1 : 0
  } finally {
    clearTimeout(limit)
    await undoAll()
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`load: ${error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
  },
)
