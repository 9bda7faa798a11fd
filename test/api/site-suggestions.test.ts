import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../support/test-app.ts'
import { signInWithRoles, type SessionHeaders } from '../support/accounts.ts'

interface Totals {
  households: number
  householdsCovered: number
  elderlyCovered: number
  householdShare: number | null
}

interface Suggestions {
  limitM: number
  k: number
  scenario: { id: number | null; changes: number } | null
  candidates: { gates: number; searched: number; unsnapped: number }
  before: Totals
  after: Totals
  picks: {
    rank: number
    candidate: { type: string; index: number | null; compoundId: number | null; gateIndex: number | null; lng: number; lat: number; snapDistanceM: number }
    gainHouseholds: number
    gainValue: number
    compounds: number[]
    cumulativeHouseholds: number
    cumulativeShare: number | null
  }[]
  changes: { op: 'add'; lng: number; lat: number; name: string }[]
  unsnapped: { type: string; index: number | null; problem: string }[]
  divisions: { code: string; level: string; householdsBefore: number; householdsAfter: number }[]
}

interface Coverage {
  compounds: { id: number; band: number | null }[]
  divisions: { code: string; level: string; bands: { households: number }[] }[]
}

let t: TestApp

let planner: SessionHeaders
let homeCare: { id: number; lng: number; lat: number }[]

beforeAll(async () => {
  t = await createTestApp('demo')
  planner = await signInWithRoles(t.app, ['planner'])
  homeCare = (await t.db.pool.query(`SELECT id, ST_X(geom) AS lng, ST_Y(geom) AS lat FROM facilities WHERE kind = 'home_care' ORDER BY id`)).rows
})
afterAll(async () => t?.close())

const suggest = (body: Record<string, unknown>) => t.app.inject({ method: 'POST', headers: planner, url: '/api/site-suggestions', payload: { kind: 'home_care', minutes: 5, k: 3, ...body } })

async function suggestOk(body: Record<string, unknown>): Promise<Suggestions> {
  const res = await suggest(body)
  expect(res.statusCode, res.body).toBe(200)
  return res.json() as Suggestions
}

async function whatIf(changes: unknown[]): Promise<Coverage> {
  const res = await t.app.inject({ method: 'POST', headers: planner, url: '/api/coverage/what-if', payload: { kind: 'home_care', bands: '5', changes } })
  expect(res.statusCode, res.body).toBe(200)
  return res.json() as Coverage
}

const districtHouseholds = (report: Coverage) => report.divisions.find((d) => d.level === 'district')!.bands[0]!.households

describe('POST /api/site-suggestions', () => {
  it('suggests gates whose gains add up exactly to what the what-if of the returned changes reports', async () => {
    const s = await suggestOk({ k: 5, candidates: { gates: true } })
    expect(s.picks.length).toBeGreaterThan(1)
    expect(s.picks.every((p) => p.candidate.type === 'gate' && p.candidate.compoundId !== null && p.candidate.gateIndex !== null)).toBe(true)
    const gains = s.picks.map((p) => p.gainHouseholds)
    expect(gains).toEqual([...gains].sort((a, b) => b - a))
    expect(gains.every((g) => g > 0)).toBe(true)
    const total = gains.reduce((a, b) => a + b, 0)

    const before = await whatIf([])
    expect(s.before.householdsCovered).toBe(districtHouseholds(before))
    const after = await whatIf(s.changes)
    expect(districtHouseholds(after) - districtHouseholds(before)).toBe(total)
    expect(s.after.householdsCovered).toBe(districtHouseholds(after))
    expect(s.picks.at(-1)!.cumulativeHouseholds).toBe(s.before.householdsCovered + total)
    expect(s.picks.at(-1)!.cumulativeShare).toBeCloseTo(s.after.householdShare!, 12)

    // The compounds each pick names are exactly those the what-if brings within 5 minutes.
    const newly = new Set(after.compounds.filter((c, i) => c.band === 0 && before.compounds[i]!.band !== 0).map((c) => c.id))
    expect(new Set(s.picks.flatMap((p) => p.compounds))).toEqual(newly)
    expect(s.changes.map((c) => c.name)).toEqual(s.picks.map((p) => `建议点 ${p.rank}`))

    const community = (r: Coverage, code: string) => r.divisions.find((d) => d.code === code)!.bands[0]!.households
    for (const d of s.divisions.filter((x) => x.level === 'community')) {
      expect([d.householdsBefore, d.householdsAfter], d.code).toEqual([community(before, d.code), community(after, d.code)])
    }
  })

  it('builds on a what-if or a saved scenario: a facility removed leaves more to cover, and the picks add to it', async () => {
    const remove = [{ op: 'remove', facilityId: homeCare[0]!.id }]
    const plain = await suggestOk({ k: 1, candidates: { gates: true } })
    const removed = await suggestOk({ k: 2, candidates: { gates: true }, changes: remove })
    expect(removed.scenario).toEqual({ id: null, name: null, changes: 1, networkChanges: 0 })
    expect(removed.before.householdsCovered).toBeLessThan(plain.before.householdsCovered)

    const saved = await t.app.inject({ method: 'POST', headers: planner, url: '/api/scenarios', payload: { kind: 'home_care', name: '撤站', changes: remove } })
    expect(saved.statusCode, saved.body).toBe(201)
    const id = saved.json().id as number
    const fromSaved = await suggestOk({ k: 2, candidates: { gates: true }, scenario: id })
    expect(fromSaved.scenario).toEqual({ id, name: '撤站', changes: 1, networkChanges: 0 })
    expect(fromSaved.picks).toEqual(removed.picks)
    const res = await t.app.inject({ method: 'POST', headers: planner, url: '/api/coverage/what-if', payload: { kind: 'home_care', bands: '5', scenario: id, changes: fromSaved.changes } })
    expect(districtHouseholds(res.json() as Coverage)).toBe(fromSaved.after.householdsCovered)
    expect(fromSaved.after.householdsCovered - fromSaved.before.householdsCovered).toBe(fromSaved.picks.reduce((n, p) => n + p.gainHouseholds, 0))
  })

  it('reports drawn points far from any street as unsnapped, never moved', async () => {
    const f = homeCare[2]!
    const far: [number, number] = [f.lng + 0.08, f.lat]
    const near: [number, number] = [f.lng + 0.006, f.lat + 0.004]
    const s = await suggestOk({ k: 2, candidates: { points: [far, near] } })
    expect(s.unsnapped).toEqual([expect.objectContaining({ type: 'point', index: 0, lng: far[0], lat: far[1], problem: expect.stringMatching(/no walkable street within 300 m/) })])
    expect(s.candidates).toMatchObject({ searched: 1, unsnapped: 1 })
    expect(s.picks.every((p) => p.candidate.type === 'point' && p.candidate.index === 1)).toBe(true)
  })

  it('tries a parcel at the point of its boundary nearest a street', async () => {
    const gate = (await suggestOk({ k: 1, candidates: { gates: true } })).picks[0]!.candidate
    const d = 0.0004
    const ring = [[gate.lng - d, gate.lat - d], [gate.lng + d, gate.lat - d], [gate.lng + d, gate.lat + d], [gate.lng - d, gate.lat + d], [gate.lng - d, gate.lat - d]]
    const s = await suggestOk({ k: 1, candidates: { parcels: [[ring]] } })
    const pick = s.picks[0]!
    expect(pick.candidate).toMatchObject({ type: 'parcel', index: 0 })
    const onBoundary = [pick.candidate.lng, pick.candidate.lat].some((v, i) => Math.abs(Math.abs(v - [gate.lng, gate.lat][i]!) - d) < 1e-9)
    expect(onBoundary).toBe(true)
    const after = await whatIf(s.changes)
    expect(districtHouseholds(after) - s.before.householdsCovered).toBe(pick.gainHouseholds)
  })

  it('is documented in the OpenAPI description with the coverage endpoints', async () => {
    const spec = (await t.app.inject('/docs/json')).json()
    expect(spec.paths['/api/site-suggestions'].post.tags).toEqual(['coverage'])
  })

  it('answers 400 naming the field for bad input', async () => {
    const detail = async (body: Record<string, unknown>) => {
      const res = await suggest(body)
      expect(res.statusCode, res.body).toBe(400)
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/)
      return res.json().detail as string
    }
    expect(await detail({ k: 0, candidates: { gates: true } })).toMatch(/k must be >= 1/)
    expect(await detail({ k: 21, candidates: { gates: true } })).toMatch(/k must be <= 20/)
    expect(await detail({ kind: 'bath_house', candidates: { gates: true } })).toBe('kind: unknown facility kind "bath_house"')
    expect(await detail({ candidates: {} })).toMatch(/^candidates: give gates/)
    const bowtie = [[[123.4, 41.8], [123.41, 41.81], [123.41, 41.8], [123.4, 41.81], [123.4, 41.8]]]
    expect(await detail({ candidates: { parcels: [bowtie] } })).toBe(
      'candidates.parcels[0]: ring 0 of the polygon crosses itself at [123.405, 41.805] (the edges from position 0 to 1 and from position 2 to 3)',
    )
    expect(await detail({ candidates: { points: [[123.4, 91]] } })).toMatch(/^candidates\.points\[0\]: .*latitude/)
    const many = Array.from({ length: 5001 }, (_, i) => [123.4 + i * 1e-5, 41.7])
    expect(await detail({ candidates: { points: many } })).toMatch(/^candidates: 5001 points and 0 parcels given; at most 5000/)
    expect(await detail({ candidates: { points: [[123.4, 41.7], [123.4, 41.7], [123.4, 41.7], [200, 41.7]] } })).toMatch(/^candidates\.points\[3\]: /)
    const open = [[[123.4, 41.7], [123.41, 41.7], [123.41, 41.71], [123.4, 41.71]]]
    expect(await detail({ candidates: { parcels: [open] } })).toMatch(/^candidates\.parcels\[0\]: ring 0 of the polygon is not closed/)
    expect(await detail({ candidates: { parcels: [[[[123.4, 41.7], [123.41, 41.7], [123.4, 41.7]]]] } })).toMatch(/^candidates\.parcels\[0\]: ring 0 of the polygon has 3 positions/)
    expect(await detail({ minutes: 200, candidates: { gates: true } })).toMatch(/minutes/)
    expect(await detail({ mode: 'distance', minutes: 5, candidates: { gates: true } })).toMatch(/^minutes: give metres/)
    expect(await detail({ weightElderly: -1, candidates: { gates: true } })).toMatch(/weightElderly/)
    expect(await detail({ candidates: { gates: true }, changes: [{ op: 'remove', facilityId: 999_999 }] })).toMatch(/^changes\[0\]\.facilityId/)
  })
})
