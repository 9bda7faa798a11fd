import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { once } from 'node:events'
import { afterAll, bench, describe } from 'vitest'
import { projectRoot } from '../../server/config.ts'
import { importOsmFile } from '../../server/imports/osm/import-osm-file.ts'
import { createTestDatabase } from '../support/test-database.ts'

const realdata = path.join(projectRoot, '..', 'shared', 'realdata')
const realFiles = ['haidian-zhongguancun.osm', 'guixi-centre.osm'].map((f) => path.join(realdata, f)).filter((f) => fs.existsSync(f))
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'osm-bench-'))

/**
 * Writes an OSM XML grid of `side` × `side` nodes 0.0005° apart with one
 * residential way per row and per column: 2·side·(side − 1) edges once split.
 */
async function writeGridOsm(file: string, side: number): Promise<void> {
  const out = fs.createWriteStream(file)
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain')
  }
  await write('<?xml version="1.0" encoding="UTF-8"?>\n<osm version="0.6" generator="osm-import.bench">\n')
  const id = (row: number, col: number) => row * side + col + 1
  for (let row = 0; row < side; row++) {
    let lines = ''
    for (let col = 0; col < side; col++) lines += ` <node id="${id(row, col)}" lat="${(39.9 + row * 0.0005).toFixed(7)}" lon="${(116.2 + col * 0.0005).toFixed(7)}"/>\n`
    await write(lines)
  }
  let wayId = 1
  for (const horizontal of [true, false]) {
    for (let line = 0; line < side; line++) {
      let text = ` <way id="${wayId++}">\n`
      for (let k = 0; k < side; k++) text += `  <nd ref="${horizontal ? id(line, k) : id(k, line)}"/>\n`
      await write(`${text}  <tag k="highway" v="residential"/>\n  <tag k="name" v="${horizontal ? '东西' : '南北'}街${line}"/>\n </way>\n`)
    }
  }
  await write('</osm>\n')
  out.end()
  await once(out, 'finish')
}

/**
 * Runs `work` while sampling the resident set size every 20 ms and at each
 * progress report; returns seconds, the peak in MB and its growth over the
 * start (the embedded database lives in this process, so its RSS counts too).
 */
async function measure<T>(work: (sample: () => void) => Promise<T>): Promise<{ result: T; seconds: number; peakRssMb: number; growthMb: number }> {
  globalThis.gc?.()
  const start = process.memoryUsage().rss
  let peak = start
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage().rss)
  }
  const timer = setInterval(sample, 20)
  const started = performance.now()
  try {
    const result = await work(sample)
    sample()
    return { result, seconds: (performance.now() - started) / 1000, peakRssMb: peak / 1e6, growthMb: (peak - start) / 1e6 }
  } finally {
    clearInterval(timer)
  }
}

const syntheticFile = path.join(tmp, 'grid-1m.osm')
const side = 708
await writeGridOsm(syntheticFile, side)
const syntheticMb = fs.statSync(syntheticFile).size / 1e6
const db = await createTestDatabase('empty')
afterAll(async () => {
  await db.destroy()
  fs.rmSync(tmp, { recursive: true, force: true })
})

for (const file of [...realFiles, syntheticFile]) {
  const name = path.basename(file)
  const dry = await measure((sample) => importOsmFile(undefined, file, { dryRun: true, onProgress: sample }))
  const loaded = await measure((sample) => importOsmFile(db.pool, file, { dryRun: false, batchSize: 4000, onProgress: sample }))
  const { figures } = loaded.result
  console.log(
    `${name} (${(fs.statSync(file).size / 1e6).toFixed(1)} MB${file === syntheticFile ? `, synthetic ${side}×${side} grid` : ''}): ` +
      `${figures.edgeCount} edges, ${(figures.totalLengthM / 1000).toFixed(1)} km; ` +
      `dry run ${dry.seconds.toFixed(2)} s, peak RSS ${dry.peakRssMb.toFixed(0)} MB (+${dry.growthMb.toFixed(0)}); ` +
      `import into the ${process.env.DATABASE_URL ? 'server' : 'embedded'} database ${loaded.seconds.toFixed(2)} s, peak RSS ${loaded.peakRssMb.toFixed(0)} MB (+${loaded.growthMb.toFixed(0)})`,
  )
}
console.log(`synthetic file: ${syntheticMb.toFixed(0)} MB; process peak RSS (getrusage) ${(process.resourceUsage().maxRSS / 1e3).toFixed(0)} MB`)

describe('OSM import, dry run (read, split, count)', () => {
  for (const file of realFiles) {
    bench(path.basename(file), async () => {
      await importOsmFile(undefined, file, { dryRun: true })
    })
  }
})
