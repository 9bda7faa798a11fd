import { parentPort, workerData } from 'node:worker_threads'
import autocannon from 'autocannon'

/** Paths requested with a share of the load: each request picks a group by weight, then a path of it at random. */
export interface RequestGroup {
  name: string
  weight: number
  paths: string[]
}

/** What the load script asks of one autocannon run. */
export interface FireOptions {
  url: string
  groups: RequestGroup[]
  connections: number
  durationS: number
  /** Per-request timeout. */
  timeoutS: number
  seed: number
}

/** The figures of one run, latencies in milliseconds. */
export interface FireSummary {
  requests: number
  requestsPerS: number
  p50: number
  p90: number
  p99: number
  max: number
  non2xx: number
  errors: number
  timeouts: number
  bytesPerS: number
  statusCodes: Record<string, number>
}

/** A small seeded generator (mulberry32), so two runs ask for the same sequence of paths. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function pathPicker(groups: RequestGroup[], seed: number): () => string {
  const random = seededRandom(seed)
  const total = groups.reduce((sum, g) => sum + g.weight, 0)
  return () => {
    let r = random() * total
    const group = groups.find((g) => (r -= g.weight) < 0) ?? groups[groups.length - 1]!
    return group.paths[Math.floor(random() * group.paths.length)]!
  }
}

/**
 * Off the main thread autocannon answers with encoded histograms and raw
 * totals and leaves it to the caller to aggregate them (documented as
 * `autocannon.aggregateResult`, missing from its type definitions). Only the
 * latency histogram survives that; rates come from the totals.
 */
const aggregate = (autocannon as unknown as { aggregateResult(results: unknown[], options: autocannon.Options): autocannon.Result }).aggregateResult

async function fire(options: FireOptions): Promise<FireSummary> {
  const pick = pathPicker(options.groups, options.seed)
  const settings = { url: options.url, connections: options.connections, duration: options.durationS, timeout: options.timeoutS }
  const raw = await autocannon({ ...settings, requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: pick() }) }] })
  const result = aggregate([raw], settings)
  const totals = raw as unknown as { totalCompletedRequests: number; totalBytes: number; duration: number }
  const statusCodes: Record<string, number> = {}
  for (const [code, stats] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = stats.count ?? 0
  return {
    requests: totals.totalCompletedRequests,
    requestsPerS: totals.totalCompletedRequests / totals.duration,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    bytesPerS: totals.totalBytes / totals.duration,
    statusCodes,
  }
}

if (parentPort) parentPort.postMessage(await fire(workerData as FireOptions))
