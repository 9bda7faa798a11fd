import { afterAll, bench, describe } from 'vitest'
import { buildApp } from '../../server/app.ts'
import { createTestDatabase } from '../support/test-database.ts'
import { generatePlaceNames } from '../support/generate-place-names.ts'
import { loadPlaceNames } from '../support/load-place-names.ts'
import { signInWithRoles } from '../support/accounts.ts'

const COUNT = 100_000
const print = (line: string) => console.log(`[gazetteer search, database] ${line}`)

const db = await createTestDatabase('empty')
const places = generatePlaceNames(COUNT)
let start = performance.now()
await loadPlaceNames(db.pool, places)
print(`loaded ${COUNT.toLocaleString('en')} places into the ${db.mode} database in ${((performance.now() - start) / 1000).toFixed(1)} s`)

const app = await buildApp({ database: db, guestAccess: true })
await app.ready()
const search = async (query: string) => {
  const response = await app.inject({ url: `/api/gazetteer/places?${query}` })
  if (response.statusCode !== 200) throw new Error(`${query}: ${response.statusCode} ${response.body}`)
  return response.json() as { total: number }
}

start = performance.now()
await search('q=%E8%B7%AF')
print(`first search, building the index from the database: ${((performance.now() - start) / 1000).toFixed(1)} s`)

/** A fixed mix: one and two characters, whole names, prefixes, pinyin, initials, homophones, filters, lists. */
function queryMix(): string[] {
  const queries: string[] = []
  const enc = encodeURIComponent
  for (let k = 0; k < 60; k++) {
    const p = places[(k * 7_919) % places.length]!
    const name = p.standardName
    queries.push(`q=${enc(name)}`)
    queries.push(`q=${enc(name.slice(0, 1))}`)
    queries.push(`q=${enc(name.slice(0, 2))}`)
    queries.push(`q=${enc(name.slice(1, 3))}`)
    if (p.romanization) {
      const toneless = p.romanization.toLowerCase().replace(/[^a-z]/g, '')
      queries.push(`q=${toneless}`)
      queries.push(`q=${toneless.slice(0, 4)}`)
      queries.push(`q=${p.romanization.split(/\s+/).map((w) => w[0]).join('').toLowerCase()}`)
    }
    queries.push(`q=${enc(name.slice(0, 1))}&category=${p.category}`)
    queries.push(`q=${enc(name.slice(0, 2))}&division=${p.divisionCodes[0]!.slice(0, 9)}000&status=current`)
    if (p.bbox) queries.push(`bbox=${p.bbox[0] - 0.01},${p.bbox[1] - 0.01},${p.bbox[2] + 0.01},${p.bbox[3] + 0.01}`)
  }
  return queries
}

const queries = queryMix()
for (const q of queries.slice(0, 20)) await search(q)
const times: number[] = []
for (const q of queries) {
  const t0 = performance.now()
  await search(q)
  times.push(performance.now() - t0)
}
times.sort((a, b) => a - b)
const at = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!
print(`${times.length} queries through the HTTP stack (app.inject): p50 ${at(0.5).toFixed(2)} ms, p95 ${at(0.95).toFixed(2)} ms, max ${times.at(-1)!.toFixed(2)} ms`)

const editor = await signInWithRoles(app, ['place_name_editor'])
start = performance.now()
const registered = await app.inject({
  method: 'POST',
  url: '/api/gazetteer/places',
  headers: editor,
  payload: { category: 'transport-facilities', standardName: '基准测试路', specificPart: '基准测试', genericPart: '路', acknowledgeSimilar: true },
})
if (registered.statusCode !== 201) throw new Error(registered.body)
const saveMs = performance.now() - start
start = performance.now()
const found = await search(`q=${encodeURIComponent('基准测试路')}`)
print(`register one place: ${saveMs.toFixed(1)} ms (duplicate check skipped by acknowledgement); next search, loading the change: ${(performance.now() - start).toFixed(2)} ms, found ${found.total}`)

afterAll(async () => {
  await app.close()
  await db.destroy()
})

describe(`place search over ${COUNT.toLocaleString('en')} names, ${db.mode} database, through HTTP`, () => {
  bench('two characters', async () => {
    await search(`q=${encodeURIComponent('和平')}`)
  })
  bench('one character', async () => {
    await search(`q=${encodeURIComponent('路')}`)
  })
  bench('pinyin initials', async () => {
    await search('q=hpl')
  })
})
