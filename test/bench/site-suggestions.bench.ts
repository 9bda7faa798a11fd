import { afterAll, bench, describe } from 'vitest'
import { generateLargeDistrict } from '../../geodata/generate-large-district.ts'
import { buildApp } from '../../server/app.ts'
import { computeSiteSuggestions, readGatePoints } from '../../server/coverage/site-suggestion-service.ts'
import { resolveTravelBands } from '../../server/coverage/travel-parameters.ts'
import { createTestDatabase } from '../support/test-database.ts'
import { loadLargeDistrict } from '../support/load-large-district.ts'

const side = 316
const compoundCount = 20_000
const facilitiesPerKind = 300
const kind = 'home_care'
const minutes = 15
const k = 5

const print = (line: string) => console.log(`[site-suggestions] ${line}`)
const ms = (v: number) => `${v < 10 ? v.toFixed(2) : v.toFixed(0)} ms`
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`

async function timed<T>(fn: () => Promise<T> | T): Promise<{ value: T; ms: number }> {
  const start = performance.now()
  const value = await fn()
  return { value, ms: performance.now() - start }
}

// Median wall time of `runs` calls after one warm-up call.
async function medianMs(runs: number, fn: () => Promise<unknown> | unknown): Promise<number> {
  await fn()
  const times: number[] = []
  for (let i = 0; i < runs; i++) times.push((await timed(fn)).ms)
  times.sort((a, b) => a - b)
  const mid = Math.floor(runs / 2)
  return runs % 2 === 1 ? times[mid]! : (times[mid - 1]! + times[mid]!) / 2
}

const db = await createTestDatabase('empty')
const district = generateLargeDistrict({ side, compounds: compoundCount, facilitiesPerKind })
await loadLargeDistrict(db.pool, district)
print(`district: ${district.edges.length} edges, ${district.compounds.length} compounds, ${facilitiesPerKind} ${kind} facilities, ${db.mode} database`)
const app = await buildApp({ database: db })
await app.ready()
afterAll(async () => {
  await app.close()
  await db.destroy()
})

const payload = { kind, minutes, k, candidates: { gates: true } }
const suggest = () => app.inject({ method: 'POST', url: '/api/site-suggestions', payload })

const cold = await timed(suggest)
if (cold.value.statusCode !== 200) throw new Error(`POST /api/site-suggestions answered ${cold.value.statusCode}: ${cold.value.body.slice(0, 500)}`)
const report = cold.value.json() as {
  candidates: { gates: number; gatesMerged: number; searched: number; reachedNodes: number }
  before: { householdsCovered: number; householdShare: number }
  after: { householdShare: number }
  picks: { gainHouseholds: number; compounds: number[] }[]
}
print(
  `k=${k}, gate candidates, ${minutes} min: ${report.candidates.searched} candidates searched (${report.candidates.gates} gates of uncovered compounds, ` +
    `${report.candidates.gatesMerged} merged), ${report.candidates.reachedNodes} nodes reached in all; households within ${minutes} min ` +
    `${(report.before.householdShare * 100).toFixed(1)} % → ${(report.after.householdShare * 100).toFixed(1)} %; gains ${report.picks.map((p) => p.gainHouseholds).join(', ')}`,
)
print(`cold (network, baseline and gate points read on first use): ${ms(cold.ms)}; ${(cold.value.body.length / 1e3).toFixed(0)} kB of JSON`)
print(`POST /api/site-suggestions warm, median of 5: ${ms(await medianMs(5, suggest))}`)

const baseline = await app.analysis.baselines.get(kind, 300)
const gatePoints = await readGatePoints(db.pool, baseline.places)
const request = { bands: resolveTravelBands({ bands: [minutes] }), k, weightElderly: 0, candidates: { gates: true }, changes: [] }
globalThis.gc?.()
const heapBefore = process.memoryUsage().heapUsed
let peak = 0
const direct = await medianMs(5, () => {
  computeSiteSuggestions(baseline, gatePoints, request)
  peak = Math.max(peak, process.memoryUsage().heapUsed - heapBefore)
})
print(
  `computed directly (computeSiteSuggestions), median of 5: ${ms(direct)}; ` +
    `${((direct / report.candidates.searched) * 1000).toFixed(0)} µs per candidate; heap growth seen after a run up to ${mb(peak)}` +
    (globalThis.gc ? '' : ' (run with --expose-gc for a steadier figure)'),
)

describe(`site suggestions on ${district.edges.length} edges, ${compoundCount} compounds`, () => {
  bench(`POST /api/site-suggestions, k=${k}, gate candidates, ${minutes} min`, async () => {
    await suggest()
  }, { iterations: 5, time: 0, warmupIterations: 1, warmupTime: 0 })
})
