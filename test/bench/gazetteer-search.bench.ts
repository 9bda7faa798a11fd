import { bench, describe } from 'vitest'
import { Prng } from '../../geodata/prng.ts'
import { searchKeys } from '../../server/gazetteer/romanize.ts'
import { PlaceSearchIndex, type PlaceSearchQuery, type SearchablePlace } from '../../server/gazetteer/search-index.ts'
import { generatePlaceNames } from '../support/generate-place-names.ts'

const PLACES = 100_000
const HOMOPHONES: Record<string, string> = {
  关: '官', 平: '苹', 华: '花', 兴: '星', 安: '庵', 明: '名', 新: '心', 河: '和', 林: '琳', 湖: '胡',
  山: '衫', 阳: '杨', 光: '广', 福: '富', 民: '敏', 泉: '全', 春: '椿', 长: '常', 园: '原', 路: '鹭',
}

interface Probe {
  kind: string
  query: PlaceSearchQuery
}

/** JS heap and typed-array backing stores, which `heapUsed` leaves out. */
function memoryMb(): { heap: number; buffers: number } {
  globalThis.gc?.()
  const usage = process.memoryUsage()
  return { heap: usage.heapUsed / 1e6, buffers: usage.arrayBuffers / 1e6 }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN
}

function chars(name: string): string[] {
  return Array.from(name)
}

/** A fixed mix of queries drawn from the generated names, the kinds a search box sees. */
function buildProbes(places: SearchablePlace[]): Probe[] {
  const prng = new Prng(99)
  const probes: Probe[] = []
  const add = (kind: string, text: string, extra: Partial<PlaceSearchQuery> = {}): void => {
    probes.push({ kind, query: { text, limit: 20, offset: 0, ...extra } })
  }
  const name = (): string => prng.pick(places).standardName
  const slice = (length: number): string => {
    const c = chars(name())
    const start = prng.int(0, Math.max(0, c.length - length))
    return c.slice(start, start + length).join('')
  }
  for (let i = 0; i < 60; i++) add('1 character', slice(1))
  for (let i = 0; i < 60; i++) add('2 characters', slice(2))
  for (let i = 0; i < 60; i++) add('full name', name())
  for (let i = 0; i < 60; i++) add('name prefix', chars(name()).slice(0, 3).join(''))
  for (let i = 0; i < 60; i++) add('toneless pinyin', searchKeys(name()).full)
  for (let i = 0; i < 60; i++) add('pinyin prefix', searchKeys(name()).full.slice(0, prng.int(3, 7)))
  for (let i = 0; i < 20; i++) add('1-2 pinyin letters', searchKeys(name()).full.slice(0, prng.int(1, 2)))
  for (let i = 0; i < 60; i++) add('initials', searchKeys(name()).initials)
  for (let homophones = 0; homophones < 40; ) {
    const c = chars(name())
    const at = c.findIndex((ch) => HOMOPHONES[ch] !== undefined)
    if (at < 0) continue
    c[at] = HOMOPHONES[c[at] as string] as string
    add('fuzzy homophone', c.join(''))
    homophones += 1
  }
  for (let i = 0; i < 40; i++) {
    const c = chars(name())
    c[prng.int(0, c.length - 1)] = prng.pick(chars('甲乙丙丁戊己庚辛壬癸'))
    add('fuzzy one off', c.join(''))
  }
  const townships = Array.from({ length: 12 }, (_, i) => `210112${String(i + 1).padStart(3, '0')}000`)
  const categories = ['transport-facilities', 'settlements', 'inland-waters', 'buildings'] as const
  const extent = (): [number, number, number, number] => {
    const lng = prng.between(123.3, 123.55)
    const lat = prng.between(41.6, 41.85)
    return [lng, lat, lng + 0.05, lat + 0.05]
  }
  for (let i = 0; i < 40; i++) add('text + category', slice(prng.int(1, 2)), { category: prng.pick(categories) })
  for (let i = 0; i < 40; i++) add('text + division', slice(prng.int(1, 2)), { divisionCode: prng.pick(townships) })
  for (let i = 0; i < 40; i++) add('text + bbox', slice(prng.int(1, 2)), { bbox: extent() })
  for (let i = 0; i < 10; i++) add('empty + category', '', { category: prng.pick(categories) })
  for (let i = 0; i < 10; i++) add('empty + division', '', { divisionCode: prng.pick(townships) })
  for (let i = 0; i < 10; i++) add('empty + bbox', '', { bbox: extent() })
  for (let i = 0; i < 10; i++) add('empty + status, page 3', '', { statuses: ['historical'], offset: 40 })
  return probes
}

const generateStarted = performance.now()
const places = generatePlaceNames(PLACES)
const generateMs = performance.now() - generateStarted

/** In a function of its own, so that no temporary of the build is still on the stack when memory is measured. */
function buildIndex(): { index: PlaceSearchIndex; upsertMs: number; buildMs: number } {
  const started = performance.now()
  const built = new PlaceSearchIndex()
  for (const p of places) built.upsert(p)
  const upserted = performance.now()
  built.search({ text: '', limit: 1, offset: 0 })
  return { index: built, upsertMs: upserted - started, buildMs: performance.now() - started }
}

const memoryBefore = memoryMb()
const { index, upsertMs, buildMs } = buildIndex()
const memoryAfter = memoryMb()
const heapMb = memoryAfter.heap - memoryBefore.heap
const buffersMb = memoryAfter.buffers - memoryBefore.buffers

const distinctNames = [...new Set(places.flatMap((p) => p.names.map((n) => n.name)))]
const keysStarted = performance.now()
for (const n of distinctNames) searchKeys(n)
const keysMs = performance.now() - keysStarted

console.log(
  `search index: ${PLACES} places generated in ${generateMs.toFixed(0)} ms, ${places.reduce((n, p) => n + p.names.length, 0)} names ` +
    `(${distinctNames.length} distinct); build ${buildMs.toFixed(0)} ms (upserts ${upsertMs.toFixed(0)} ms, ` +
    `first pinyin ordering ${(buildMs - upsertMs).toFixed(0)} ms); searchKeys alone on the distinct names ${keysMs.toFixed(0)} ms ` +
    `= ${((keysMs / distinctNames.length) * 1000).toFixed(1)} µs each; memory held by the index ${(heapMb + buffersMb).toFixed(0)} MB ` +
    `(JS heap ${heapMb.toFixed(0)} MB, typed arrays ${buffersMb.toFixed(0)} MB; name strings shared with the input)` +
    `${globalThis.gc ? '' : ' (no --expose-gc: rough)'}`,
)

const probes = buildProbes(places)
for (const probe of probes) index.search(probe.query)
const byKind = new Map<string, number[]>()
const all: number[] = []
for (let round = 0; round < 3; round++) {
  for (const probe of probes) {
    const started = performance.now()
    index.search(probe.query)
    const ms = performance.now() - started
    all.push(ms)
    const times = byKind.get(probe.kind) ?? []
    times.push(ms)
    byKind.set(probe.kind, times)
  }
}
all.sort((a, b) => a - b)
console.log(
  `${probes.length} queries × 3: p50 ${percentile(all, 0.5).toFixed(3)} ms, p95 ${percentile(all, 0.95).toFixed(3)} ms, max ${(all.at(-1) ?? NaN).toFixed(3)} ms`,
)
for (const [kind, times] of byKind) {
  times.sort((a, b) => a - b)
  console.log(`  ${kind.padEnd(24)} p50 ${percentile(times, 0.5).toFixed(3)} ms  p95 ${percentile(times, 0.95).toFixed(3)} ms  max ${(times.at(-1) ?? NaN).toFixed(3)} ms`)
}

const probeOf = (kind: string): PlaceSearchQuery => (probes.find((p) => p.kind === kind) as Probe).query
const updated = { ...places[500]!, standardName: `${places[500]!.standardName}新`, names: [{ name: `${places[500]!.standardName}新`, kind: 'standard' as const }] }

describe(`gazetteer search over ${PLACES} places`, () => {
  bench('one character', () => {
    index.search({ text: '路', limit: 20, offset: 0 })
  })
  bench('two characters', () => {
    index.search(probeOf('2 characters'))
  })
  bench('toneless pinyin', () => {
    index.search(probeOf('toneless pinyin'))
  })
  bench('initials', () => {
    index.search(probeOf('initials'))
  })
  bench('one pinyin letter', () => {
    index.search({ text: 'z', limit: 20, offset: 0 })
  })
  bench('fuzzy homophone', () => {
    index.search(probeOf('fuzzy homophone'))
  })
  bench('empty text in one township', () => {
    index.search(probeOf('empty + division'))
  })
  bench('upsert one renamed place, then search', () => {
    index.upsert(updated)
    index.search({ text: '路', limit: 20, offset: 0 })
  })
})
