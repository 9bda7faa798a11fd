import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify'
import pg from 'pg'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../server/app.ts'
import { openDatabase, type Database } from '../../server/db/database.ts'
import { replaceDemoDistrict } from '../../server/demo/demo-repository.ts'
import { generateDemoDistrict } from '../../geodata/generate-demo-district.ts'
import { signInWithRoles, type SessionHeaders } from '../support/accounts.ts'
import { copyTemplateDatabase, readTemplateInfo, type TestDatabaseLocation } from '../support/test-database.ts'
import { startTcpProxy, targetOf, throughProxy, type TcpProxy } from '../support/tcp-proxy.ts'

/**
 * Faults: the database going away during requests, writes broken off
 * midway, and two people saving the same record. The app's connections run
 * through a TCP proxy of its own, so a "restart" is simulated at the network
 * level for this app only (other test files share the server). Both modes:
 * in embedded mode the proxy stands in front of the loopback port that
 * pglite-socket serves.
 */

const serverMode = readTemplateInfo().mode === 'server'
/** How long any request may take to answer while the database is away; longer is a hang. */
const PROMPT_MS = 15_000

let location: TestDatabaseLocation
let proxy: TcpProxy
let database: Database
/** The database reached directly, around the proxy: for checks "from a fresh connection" and for faults. */
let directUrl: string
let app: FastifyInstance
let planner: SessionHeaders
let editorA: SessionHeaders
let editorB: SessionHeaders

beforeAll(async () => {
  location = await copyTemplateDatabase('demo')
  if (serverMode) {
    directUrl = location.databaseUrl!
    proxy = await startTcpProxy(targetOf(directUrl))
    database = await openDatabase({ databaseUrl: throughProxy(directUrl, proxy) })
  } else {
    // openDatabase starts pglite-socket on a loopback port of its choosing and
    // gives the pool its URL. The pool reads its options for every new
    // connection, so pointing them at the proxy keeps the pool exactly as
    // openDatabase made it (size, handlers) and only changes the route.
    database = await openDatabase({ embeddedDataDir: location.dataDir })
    directUrl = database.pool.options.connectionString!
    proxy = await startTcpProxy(targetOf(directUrl))
    database.pool.options.connectionString = throughProxy(directUrl, proxy)
    // Drop the connection the start-up probe left idle, which bypasses the proxy.
    const probe = await database.pool.connect()
    probe.release(true)
  }
  app = await buildApp({ database, guestAccess: true })
  await app.ready()
  planner = await signInWithRoles(app, ['planner'])
  editorA = await signInWithRoles(app, ['planner'], 'editor-a')
  editorB = await signInWithRoles(app, ['planner'], 'editor-b')
})

/**
 * Errors nobody handled while a test ran. The app process has no handler for
 * them either, so each one is a crash of a real server: record them and fail
 * the test that caused them.
 */
const uncaught: unknown[] = []
const recordUncaught = (error: unknown) => uncaught.push(error)
beforeAll(() => {
  process.on('uncaughtException', recordUncaught)
})
afterEach(() => {
  proxy.cancelCut()
  const errors = uncaught.splice(0).map((error) => String((error as Error)?.stack ?? error))
  expect(errors, 'uncaught errors: a real server process would have crashed here').toEqual([])
})

afterAll(async () => {
  process.off('uncaughtException', recordUncaught)
  // Reset anything still held first, so no request is left waiting on the proxy.
  await proxy?.close()
  await app?.close()
  await database?.close()
  await location?.remove()
})

/** Runs `work` on a new connection straight to the database, not through the proxy nor the app's pool. */
async function fresh<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: directUrl })
  client.on('error', () => undefined)
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end().catch(() => undefined)
  }
}

const sql = (text: string, params: unknown[] = []) => fresh((client) => client.query(text, params))

/** `app.inject` that fails the test when the answer takes longer than PROMPT_MS (a hang, not an answer). */
async function send(options: InjectOptions & { url: string }): Promise<LightMyRequestResponse & { ms: number }> {
  const started = performance.now()
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${options.method ?? 'GET'} ${options.url} did not answer within ${PROMPT_MS} ms`)), PROMPT_MS)
  })
  try {
    const response = await Promise.race([app.inject(options), timeout])
    return Object.assign(response, { ms: performance.now() - started })
  } finally {
    clearTimeout(timer)
  }
}

/** Fixed problem details: nothing of SQL, drivers, stack traces or the injected fault may reach the caller. */
function expectNoInternals(response: LightMyRequestResponse) {
  expect(response.body).not.toMatch(/\b(select|insert|update|delete)\b|audit_log|pg_|injected|ECONN|EPIPE|57P01|terminat|\.ts\b|node:|\bat \S+ \(/i)
  expect(response.json()).not.toHaveProperty('stack')
}

function expectUnavailable(response: LightMyRequestResponse, what: string) {
  expect(response.statusCode, `${what}: ${response.body}`).toBe(503)
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/)
  expect(Number(response.headers['retry-after'])).toBeGreaterThan(0)
  expect(response.json()).toMatchObject({ status: 503, title: 'Service Unavailable' })
  expectNoInternals(response)
}

function expectInternalError(response: LightMyRequestResponse) {
  expect(response.statusCode, response.body).toBe(500)
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/)
  expect(response.json()).toMatchObject({ status: 500, title: 'Internal Server Error' })
  expectNoInternals(response)
}

const scenarioCount = async (name: string) => (await sql(`SELECT count(*)::int AS n FROM scenarios WHERE name = $1`, [name])).rows[0].n as number
const auditEntries = async (entity: string, entityId?: number) =>
  (
    await sql(
      `SELECT actor_name AS "actorName", action, entity_id AS "entityId" FROM audit_log WHERE entity = $1 AND ($2::text IS NULL OR entity_id = $2::text) ORDER BY id`,
      [entity, entityId === undefined ? null : String(entityId)],
    )
  ).rows as { actorName: string; action: string; entityId: string }[]
/** How many scenario ids were ever drawn: it grows with every insert, also one rolled back. */
const scenarioIdsDrawn = async () => Number((await sql(`SELECT CASE WHEN is_called THEN last_value ELSE 0 END AS n FROM scenarios_id_seq`)).rows[0].n)
const auditTotal = async () => (await sql(`SELECT count(*)::int AS n FROM audit_log`)).rows[0].n as number

/** The requests checked during an outage: reads of different kinds and a write with a session made before it. */
const outageRequests = (tag: string): { what: string; options: InjectOptions & { url: string } }[] => [
  { what: 'facilities layer', options: { method: 'GET', url: '/api/layers/facilities' } },
  { what: 'scenario list', options: { method: 'GET', url: '/api/scenarios' } },
  { what: 'standard sets', options: { method: 'GET', url: '/api/standard-sets' } },
  { what: 'save a scenario', options: { method: 'POST', url: '/api/scenarios', headers: planner, payload: { name: `停库时保存 ${tag}`, kind: 'home_care', changes: [] } } },
]

describe('the database restarting during requests', () => {
  it('answers a warm-up through the proxy', async () => {
    expect((await send({ method: 'GET', url: '/api/layers/facilities' })).statusCode).toBe(200)
    expect((await send({ method: 'GET', url: '/api/coverage?kind=home_care' })).statusCode).toBe(200)
    expect(proxy.openConnections).toBeGreaterThan(0)
  })

  it('answers 503 problem+json with Retry-After while the database is away, and 200 again when it is back, without a new app', async () => {
    await proxy.stop()
    try {
      // One at a time, then all at once.
      for (const { what, options } of outageRequests('a')) {
        const response = await send(options)
        expectUnavailable(response, what)
      }
      const together = await Promise.all(outageRequests('b').map(({ options }) => send(options)))
      together.forEach((response, i) => expectUnavailable(response, outageRequests('b')[i]!.what))
      // Reading the session needs the database too.
      expectUnavailable(await send({ method: 'GET', url: '/api/auth/session', headers: planner }), 'session')
    } finally {
      await proxy.start()
    }
    for (const { what, options } of outageRequests('c')) {
      const response = await send(options)
      expect(response.statusCode, `${what}: ${response.body}`).toBe(options.method === 'POST' ? 201 : 200)
    }
    expect((await send({ method: 'GET', url: '/api/coverage?kind=home_care' })).statusCode).toBe(200)
    expect(await scenarioCount('停库时保存 a')).toBe(0)
    expect(await scenarioCount('停库时保存 b')).toBe(0)
    expect(await scenarioCount('停库时保存 c')).toBe(1)
  })

  it('recovers after several outages in a row, with requests in flight when each begins', async () => {
    for (let round = 0; round < 3; round++) {
      const inFlight = Array.from({ length: 6 }, () => send({ method: 'GET', url: '/api/scenarios' }))
      await proxy.stop()
      for (const response of await Promise.all(inFlight)) {
        expect([200, 503], response.body).toContain(response.statusCode)
        if (response.statusCode === 503) expectUnavailable(response, 'in flight')
      }
      expectUnavailable(await send({ method: 'GET', url: '/api/scenarios' }), 'during outage')
      await proxy.start()
      expect((await send({ method: 'GET', url: '/api/scenarios' })).statusCode).toBe(200)
    }
  })

  it.skipIf(!serverMode)('answers 503 promptly, not never, when the database accepts connections but does not answer: a hung server or dropped packets (server mode only: the embedded database is in-process, no network between)', async () => {
    await proxy.blackhole()
    try {
      const responses = await Promise.all(outageRequests('hung').map(({ options }) => send(options)))
      responses.forEach((response, i) => expectUnavailable(response, outageRequests('hung')[i]!.what))
    } finally {
      await proxy.start()
    }
    expect((await send({ method: 'GET', url: '/api/scenarios' })).statusCode).toBe(200)
  }, 60_000)

  it.skipIf(!serverMode)('recovers when a fast restart terminates its connections (57P01) (server mode only: PGlite has a single backend)', async () => {
    for (let round = 0; round < 3; round++) {
      // Fill the pool with idle connections, then terminate them all from outside.
      await Promise.all(Array.from({ length: 5 }, () => send({ method: 'GET', url: '/api/layers/facilities' })))
      const terminated = await sql(
        `SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
      )
      expect(terminated.rows[0].n).toBeGreaterThan(0)
      const next = await send({ method: 'GET', url: '/api/layers/facilities' })
      expect([200, 503], next.body).toContain(next.statusCode)
      if (next.statusCode === 503) expectUnavailable(next, 'right after termination')
      const after = await send({ method: 'GET', url: '/api/layers/facilities' })
      expect(after.statusCode, after.body).toBe(200)
      const write = await send({ method: 'POST', url: '/api/scenarios', headers: planner, payload: { name: `终止连接后 ${round}`, kind: 'home_care', changes: [] } })
      expect(write.statusCode, write.body).toBe(201)
    }
  })
})

/** Adds a BEFORE INSERT trigger on audit_log running `body` (PL/pgSQL), runs `work`, and always removes the trigger. */
async function withAuditTrigger<T>(body: string, work: () => Promise<T>): Promise<T> {
  await sql(`CREATE FUNCTION fault_injected() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ${body} RETURN NEW; END $$`)
  await sql(`CREATE TRIGGER fault_injected BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION fault_injected()`)
  try {
    return await work()
  } finally {
    await sql(`DROP TRIGGER fault_injected ON audit_log; DROP FUNCTION fault_injected()`)
  }
}
const refuseAudit = `RAISE EXCEPTION 'injected fault: audit log refuses writes';`

describe('a write that fails midway leaves nothing half-written', () => {
  it('a new scenario whose audit entry fails: 500 without SQL, no scenario, no entry; without the fault, 201 and one entry', async () => {
    const name = '审计失败新建'
    const auditBefore = await auditTotal()
    const failed = await withAuditTrigger(refuseAudit, () => send({ method: 'POST', url: '/api/scenarios', headers: planner, payload: { name, kind: 'home_care', changes: [] } }))
    expectInternalError(failed)
    expect(await scenarioCount(name)).toBe(0)
    expect(await auditTotal()).toBe(auditBefore)

    const saved = await send({ method: 'POST', url: '/api/scenarios', headers: planner, payload: { name, kind: 'home_care', changes: [] } })
    expect(saved.statusCode, saved.body).toBe(201)
    expect(await scenarioCount(name)).toBe(1)
    expect(await auditEntries('scenario', saved.json().id)).toEqual([{ actorName: 'test-planner', action: 'create', entityId: String(saved.json().id) }])
    expect(await auditTotal()).toBe(auditBefore + 1)
  })

  it('an edit whose audit entry fails: 500, the scenario keeps its name and version; without the fault, 200 and one entry', async () => {
    const created = (await send({ method: 'POST', url: '/api/scenarios', headers: planner, payload: { name: '审计失败编辑', kind: 'home_care', changes: [] } })).json()
    const edit = { name: '审计失败编辑后', changes: [], version: 1 }
    const failed = await withAuditTrigger(refuseAudit, () => send({ method: 'PUT', url: `/api/scenarios/${created.id}`, headers: planner, payload: edit }))
    expectInternalError(failed)
    expect((await send({ method: 'GET', url: `/api/scenarios/${created.id}` })).json()).toEqual(created)
    expect((await auditEntries('scenario', created.id)).map((e) => e.action)).toEqual(['create'])

    const saved = await send({ method: 'PUT', url: `/api/scenarios/${created.id}`, headers: planner, payload: edit })
    expect(saved.statusCode, saved.body).toBe(200)
    expect(saved.json()).toMatchObject({ name: '审计失败编辑后', version: 2 })
    expect((await auditEntries('scenario', created.id)).map((e) => e.action)).toEqual(['create', 'update'])
  })

  it('a standard-set edit whose audit entry fails: 500, the set and its version history unchanged', async () => {
    const preset = (await send({ method: 'GET', url: '/api/standard-sets' })).json().sets[0]
    const copy = (await send({ method: 'POST', url: `/api/standard-sets/${preset.id}/copy`, headers: planner, payload: { name: '审计失败标准' } })).json()
    const failed = await withAuditTrigger(refuseAudit, () =>
      send({ method: 'PUT', url: `/api/standard-sets/${copy.id}`, headers: planner, payload: { name: '审计失败标准后', rules: copy.rules, version: 1 } }),
    )
    expectInternalError(failed)
    expect((await send({ method: 'GET', url: `/api/standard-sets/${copy.id}` })).json()).toEqual(copy)
    expect((await send({ method: 'GET', url: `/api/standard-sets/${copy.id}/versions/2` })).statusCode).toBe(404)
    expect((await auditEntries('standard-set', copy.id)).map((e) => e.action)).toEqual(['copy'])
  })

  for (const [i, marker] of ['INSERT INTO audit_log', 'COMMIT'].entries()) {
    it(`the connection breaks midway through a save (before "${marker}" reaches the database): 503, nothing stored, and the next save works`, async () => {
      // The name must not contain the marker: the proxy looks for it in every message.
      const name = `断连保存 ${i}`
      const auditBefore = await auditTotal()
      const idsBefore = await scenarioIdsDrawn()
      const cut = proxy.cutWhen(marker)
      const failed = await send({ method: 'POST', url: '/api/scenarios', headers: planner, payload: { name, kind: 'home_care', changes: [] } })
      expect(proxy.cutArmed, 'the marker never went through the proxy').toBe(false)
      await cut
      expectUnavailable(failed, 'save cut midway')
      // The scenario row had been inserted (it drew an id) before the connection broke: the break was midway.
      expect(await scenarioIdsDrawn()).toBeGreaterThan(idsBefore)
      expect(await scenarioCount(name)).toBe(0)
      expect(await auditTotal()).toBe(auditBefore)

      const saved = await send({ method: 'POST', url: '/api/scenarios', headers: planner, payload: { name, kind: 'home_care', changes: [] } })
      expect(saved.statusCode, saved.body).toBe(201)
      expect(await scenarioCount(name)).toBe(1)
      expect(await auditTotal()).toBe(auditBefore + 1)
    })
  }

  it('the connection breaks midway through an edit: 503, the scenario keeps its old name and version', async () => {
    const created = (await send({ method: 'POST', url: '/api/scenarios', headers: planner, payload: { name: '断连编辑', kind: 'home_care', changes: [] } })).json()
    const cut = proxy.cutWhen('INSERT INTO audit_log')
    const failed = await send({ method: 'PUT', url: `/api/scenarios/${created.id}`, headers: planner, payload: { name: '断连编辑后', changes: [], version: 1 } })
    expect(proxy.cutArmed, 'the marker never went through the proxy').toBe(false)
    await cut
    expectUnavailable(failed, 'edit cut midway')
    const stored = await sql(`SELECT name, version FROM scenarios WHERE id = $1`, [created.id])
    expect(stored.rows).toEqual([{ name: '断连编辑', version: 1 }])
    expect((await auditEntries('scenario', created.id)).map((e) => e.action)).toEqual(['create'])
  })

  it.skipIf(!serverMode)('the server terminates the connection while the save waits in the database: 503, nothing stored (server mode only: needs pg_sleep on a second backend)', async () => {
    const name = '等待中被终止'
    const auditBefore = await auditTotal()
    const failed = await withAuditTrigger('PERFORM pg_sleep(5);', async () => {
      const pending = send({ method: 'POST', url: '/api/scenarios', headers: planner, payload: { name, kind: 'home_care', changes: [] } })
      let terminated = 0
      for (let attempt = 0; attempt < 100 && terminated === 0; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 50))
        const result = await sql(
          `SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND wait_event = 'PgSleep'`,
        )
        terminated = result.rows[0].n
      }
      expect(terminated).toBe(1)
      return pending
    })
    expectUnavailable(failed, 'save terminated')
    expect(await scenarioCount(name)).toBe(0)
    expect(await auditTotal()).toBe(auditBefore)
    const saved = await send({ method: 'POST', url: '/api/scenarios', headers: planner, payload: { name, kind: 'home_care', changes: [] } })
    expect(saved.statusCode, saved.body).toBe(201)
  })
})

describe('two editors saving the same record', () => {
  it('a scenario: the second save, from the older version, gets 409 with the first one’s scenario; nothing of the first is lost', async () => {
    const facility = (await sql(`SELECT id, ST_X(geom) AS lng, ST_Y(geom) AS lat FROM facilities WHERE kind = 'home_care' ORDER BY id LIMIT 1`)).rows[0]
    const created = await send({ method: 'POST', url: '/api/scenarios', headers: editorA, payload: { name: '两人同改', kind: 'home_care', changes: [] } })
    expect(created.statusCode, created.body).toBe(201)
    const id = created.json().id as number
    const seenByA = (await send({ method: 'GET', url: `/api/scenarios/${id}`, headers: editorA })).json()
    const seenByB = (await send({ method: 'GET', url: `/api/scenarios/${id}`, headers: editorB })).json()
    expect([seenByA.version, seenByB.version]).toEqual([1, 1])

    const changesA = [{ op: 'move', facilityId: facility.id, lng: facility.lng + 0.002, lat: facility.lat }]
    const savedA = await send({ method: 'PUT', url: `/api/scenarios/${id}`, headers: editorA, payload: { name: '甲的方案', changes: changesA, version: seenByA.version } })
    expect(savedA.statusCode, savedA.body).toBe(200)
    expect(savedA.json()).toMatchObject({ name: '甲的方案', changes: changesA, version: 2 })

    const savedB = await send({ method: 'PUT', url: `/api/scenarios/${id}`, headers: editorB, payload: { name: '乙的方案', changes: [{ op: 'remove', facilityId: facility.id }], version: seenByB.version } })
    expect(savedB.statusCode, savedB.body).toBe(409)
    expect(savedB.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(savedB.json().current).toEqual(savedA.json())

    expect((await send({ method: 'GET', url: `/api/scenarios/${id}` })).json()).toEqual(savedA.json())
    const entries = await auditEntries('scenario', id)
    expect(entries.filter((e) => e.action === 'update')).toEqual([{ actorName: 'editor-a', action: 'update', entityId: String(id) }])
    expect(entries.filter((e) => e.actorName === 'editor-b')).toEqual([])
  })

  it('a scenario saved by both at the same moment: one 200, one 409 with the winner’s scenario, one audit entry', async () => {
    const created = (await send({ method: 'POST', url: '/api/scenarios', headers: editorA, payload: { name: '同时保存', kind: 'home_care', changes: [] } })).json()
    const [a, b] = await Promise.all([
      send({ method: 'PUT', url: `/api/scenarios/${created.id}`, headers: editorA, payload: { name: '同时保存甲', changes: [], version: 1 } }),
      send({ method: 'PUT', url: `/api/scenarios/${created.id}`, headers: editorB, payload: { name: '同时保存乙', changes: [], version: 1 } }),
    ])
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409])
    const [winner, loser, winnerName] = a.statusCode === 200 ? [a, b, 'editor-a'] : [b, a, 'editor-b']
    expect(loser.json().current).toEqual(winner.json())
    expect((await send({ method: 'GET', url: `/api/scenarios/${created.id}` })).json()).toEqual(winner.json())
    expect((await auditEntries('scenario', created.id)).filter((e) => e.action === 'update').map((e) => e.actorName)).toEqual([winnerName])
  })

  it('a standard set: the second save gets 409 with the first one’s set; the version history holds the original and the first save', async () => {
    const preset = (await send({ method: 'GET', url: '/api/standard-sets' })).json().sets.find((s: { presetKey: string | null }) => s.presetKey === 'taiyuan-2020')
    const copied = await send({ method: 'POST', url: `/api/standard-sets/${preset.id}/copy`, headers: editorA, payload: { name: '两人同改标准' } })
    expect(copied.statusCode, copied.body).toBe(201)
    const original = copied.json()
    const id = original.id as number
    const seenByA = (await send({ method: 'GET', url: `/api/standard-sets/${id}`, headers: editorA })).json()
    const seenByB = (await send({ method: 'GET', url: `/api/standard-sets/${id}`, headers: editorB })).json()
    expect([seenByA.version, seenByB.version]).toEqual([1, 1])

    const rulesA = seenByA.rules.map((r: { threshold: number }, i: number) => (i === 0 ? { ...r, threshold: r.threshold + 5 } : r))
    const savedA = await send({ method: 'PUT', url: `/api/standard-sets/${id}`, headers: editorA, payload: { name: '甲的标准', rules: rulesA, version: seenByA.version } })
    expect(savedA.statusCode, savedA.body).toBe(200)
    expect(savedA.json()).toMatchObject({ name: '甲的标准', rules: rulesA, version: 2 })

    const rulesB = seenByB.rules.slice(1)
    const savedB = await send({ method: 'PUT', url: `/api/standard-sets/${id}`, headers: editorB, payload: { name: '乙的标准', rules: rulesB, version: seenByB.version } })
    expect(savedB.statusCode, savedB.body).toBe(409)
    expect(savedB.json().current).toEqual(savedA.json())

    expect((await send({ method: 'GET', url: `/api/standard-sets/${id}` })).json()).toEqual(savedA.json())
    expect((await send({ method: 'GET', url: `/api/standard-sets/${id}/versions/1` })).json()).toMatchObject({ name: original.name, rules: original.rules, version: 1 })
    expect((await send({ method: 'GET', url: `/api/standard-sets/${id}/versions/2` })).json()).toMatchObject({ name: '甲的标准', rules: rulesA, version: 2 })
    expect((await send({ method: 'GET', url: `/api/standard-sets/${id}/versions/3` })).statusCode).toBe(404)
    const entries = await auditEntries('standard-set', id)
    expect(entries.filter((e) => e.action === 'update')).toEqual([{ actorName: 'editor-a', action: 'update', entityId: String(id) }])
    expect(entries.filter((e) => e.actorName === 'editor-b')).toEqual([])
  })
})

describe('an import that fails midway leaves nothing half-written', () => {
  let district: ReturnType<typeof generateDemoDistrict>
  beforeAll(() => {
    district = generateDemoDistrict()
  })
  const snapshot = async () =>
    (
      await sql(`SELECT (SELECT array_agg(id ORDER BY id) FROM datasets) AS datasets,
                        (SELECT count(*)::int FROM divisions) AS divisions, (SELECT count(*)::int FROM compounds) AS compounds,
                        (SELECT count(*)::int FROM compound_gates) AS gates, (SELECT count(*)::int FROM facilities) AS facilities,
                        (SELECT count(*)::int FROM network_edges) AS edges, (SELECT count(*)::int FROM water_areas) AS water,
                        (SELECT count(*)::int FROM place_names) AS places`)
    ).rows[0] as Record<string, unknown>

  it('a demo-district reload refused at its last table: the earlier district is all still there', async () => {
    const before = await snapshot()
    await sql(`CREATE FUNCTION fault_injected() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected fault: place names refused'; END $$`)
    await sql(`CREATE TRIGGER fault_injected BEFORE INSERT ON place_names FOR EACH STATEMENT EXECUTE FUNCTION fault_injected()`)
    try {
      await expect(replaceDemoDistrict(database.pool, district)).rejects.toThrow(/injected fault/)
    } finally {
      await sql(`DROP TRIGGER fault_injected ON place_names; DROP FUNCTION fault_injected()`)
    }
    expect(await snapshot()).toEqual(before)
    expect((await send({ method: 'GET', url: '/api/layers/facilities' })).statusCode).toBe(200)
  })

  it('a demo-district reload whose connection breaks before its last table: the earlier district is all still there, and a reload afterwards works', async () => {
    const before = await snapshot()
    const cut = proxy.cutWhen('INSERT INTO place_names')
    await expect(replaceDemoDistrict(database.pool, district)).rejects.toThrow()
    expect(proxy.cutArmed, 'the marker never went through the proxy').toBe(false)
    await cut
    expect(await snapshot()).toEqual(before)

    const datasetId = await replaceDemoDistrict(database.pool, district)
    const after = await snapshot()
    expect(after.datasets).toEqual([datasetId])
    expect({ ...after, datasets: null }).toEqual({ ...before, datasets: null })
    const layer = await send({ method: 'GET', url: '/api/layers/facilities' })
    expect(layer.statusCode).toBe(200)
    expect(layer.json().features).toHaveLength(before.facilities as number)
  }, 60_000)
})
