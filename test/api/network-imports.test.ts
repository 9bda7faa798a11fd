import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../support/test-app.ts'
import { signInWithRoles, type SessionHeaders } from '../support/accounts.ts'

const FIXTURE = path.join(import.meta.dirname, '../fixtures/osm/haidian-tiny.osm')

interface Job {
  id: string
  state: string
  phase: string
  error: string | null
  outcome: {
    dryRun: boolean
    fileName: string
    figures: { edgeCount: number; totalLengthM: number; componentCount: number; largestComponent: { edgeCount: number } }
    dataset: { id: number; series: string; version: number } | null
    replaced: { id: number; version: number; archivedEdges: number } | null
    attribution: string
  } | null
}

describe('importing a walk network from an OSM file uploaded in the browser', () => {
  let t: TestApp
  let planner: SessionHeaders

  beforeAll(async () => {
    t = await createTestApp('empty')
    planner = await signInWithRoles(t.app, ['planner'])
  }, 120_000)
  afterAll(async () => t?.close())

  async function run(query: Record<string, string>, body: Buffer | string): Promise<Job> {
    const started = await t.app.inject({ method: 'POST', url: `/api/network-imports?${new URLSearchParams(query)}`, headers: { ...planner, 'content-type': 'application/octet-stream' }, payload: body })
    expect(started.statusCode, started.body).toBe(202)
    for (;;) {
      const job = (await t.app.inject({ method: 'GET', url: `/api/network-imports/${started.json<Job>().id}`, headers: planner })).json<Job>()
      if (job.state !== 'running') return job
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  }
  const edges = async () => (await t.db.pool.query<{ dataset_id: number; n: number }>('SELECT dataset_id, count(*)::int AS n FROM network_edges GROUP BY dataset_id')).rows

  it('dry-runs the file: the same figures as the command line, nothing stored', async () => {
    const job = await run({ fileName: 'haidian-tiny.osm', dryRun: 'true' }, fs.readFileSync(FIXTURE))
    expect(job.state, job.error ?? '').toBe('done')
    expect(job.outcome).toMatchObject({ dryRun: true, fileName: 'haidian-tiny.osm', figures: { edgeCount: 84, componentCount: 2, largestComponent: { edgeCount: 83 } }, dataset: null })
    expect(Math.round(job.outcome!.figures.totalLengthM)).toBe(6896)
    expect(await edges()).toEqual([])
  })

  it('loads it as a dataset, then a PBF upload replaces it as version 2 and archives its edges', async () => {
    const first = await run({ fileName: 'haidian-tiny.osm', dryRun: 'false', series: '海淀路网' }, fs.readFileSync(FIXTURE))
    expect(first.outcome).toMatchObject({ dataset: { series: '海淀路网', version: 1 }, replaced: null, attribution: '© OpenStreetMap contributors, ODbL 1.0' })
    const id = first.outcome!.dataset!.id
    expect(await edges()).toEqual([{ dataset_id: id, n: 84 }])
    const second = await run({ fileName: 'haidian-tiny.osm.pbf', dryRun: 'false', replaces: String(id) }, fs.readFileSync(`${FIXTURE}.pbf`))
    expect(second.outcome).toMatchObject({ dataset: { series: '海淀路网', version: 2 }, replaced: { id, version: 1, archivedEdges: 84 } })
    expect(await edges()).toEqual([{ dataset_id: second.outcome!.dataset!.id, n: 84 }])
  })

  it('fails a file that is not OSM with the reader’s message, and refuses other names and types', async () => {
    const broken = await run({ fileName: 'broken.osm', dryRun: 'true' }, '<osm><node id="1" lat="x"')
    expect(broken.state).toBe('failed')
    expect(broken.error).toBeTruthy()
    const named = await t.app.inject({ method: 'POST', url: '/api/network-imports?fileName=roads.csv&dryRun=true', headers: { ...planner, 'content-type': 'application/octet-stream' }, payload: 'a' })
    expect(named.statusCode).toBe(400)
    const typed = await t.app.inject({ method: 'POST', url: '/api/network-imports?fileName=a.osm&dryRun=true', headers: { ...planner, 'content-type': 'application/json' }, payload: '{}' })
    expect(typed.statusCode).toBe(415)
    const empty = await t.app.inject({ method: 'POST', url: '/api/network-imports?fileName=a.osm&dryRun=true', headers: { ...planner, 'content-type': 'application/octet-stream' }, payload: '' })
    expect(empty.statusCode).toBe(400)
  })
})
