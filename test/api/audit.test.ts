import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../support/test-app.ts'
import { signInAs, signInWithRoles, type SessionHeaders } from '../support/accounts.ts'

interface Entry {
  id: number
  actorId: number | null
  actorName: string
  entity: string
  entityId: string
  action: string
  before: Record<string, unknown> | null
  after: Record<string, unknown> | null
  reason: string | null
  requestId: string | null
}

describe('the audit trail', () => {
  let t: TestApp
  let admin: SessionHeaders
  let planner: SessionHeaders
  let otherPlanner: SessionHeaders
  beforeAll(async () => {
    t = await createTestApp('demo', { guestAccess: false })
    admin = await signInWithRoles(t.app, ['admin'])
    planner = await signInWithRoles(t.app, ['planner'])
    otherPlanner = await signInWithRoles(t.app, ['planner', 'viewer'])
  })
  afterAll(() => t.close())

  const entries = async (headers: SessionHeaders, query = '') => {
    const response = await t.app.inject({ url: `/api/audit${query}`, headers })
    expect(response.statusCode, response.body).toBe(200)
    return response.json().entries as Entry[]
  }

  it('records who created, changed and deleted a scenario, with the states before and after', async () => {
    const created = await t.app.inject({ method: 'POST', url: '/api/scenarios', headers: planner, payload: { name: '审计一', kind: 'home_care', changes: [] } })
    expect(created.statusCode).toBe(201)
    const id = created.json().id as number
    const updated = await t.app.inject({ method: 'PUT', url: `/api/scenarios/${id}`, headers: planner, payload: { name: '审计二', changes: [], version: 1 } })
    expect(updated.statusCode).toBe(200)
    expect((await t.app.inject({ method: 'DELETE', url: `/api/scenarios/${id}`, headers: planner })).statusCode).toBe(204)

    const trail = await entries(admin, `?entity=scenario&entityId=${id}`)
    expect(trail.map((e) => e.action)).toEqual(['delete', 'update', 'create'])
    expect(new Set(trail.map((e) => e.actorName))).toEqual(new Set(['test-planner']))
    expect(trail.every((e) => typeof e.requestId === 'string' && e.requestId.length > 0)).toBe(true)
    const [deleted, update, create] = trail as [Entry, Entry, Entry]
    expect(create.before).toBeNull()
    expect(create.after).toMatchObject({ id, name: '审计一', version: 1 })
    expect(update.before).toMatchObject({ name: '审计一', version: 1 })
    expect(update.after).toMatchObject({ name: '审计二', version: 2 })
    expect(deleted.before).toMatchObject({ name: '审计二', version: 2 })
    expect(deleted.after).toBeNull()
  })

  it('records standard-set copies, edits and the default switch', async () => {
    const sets = (await t.app.inject({ url: '/api/standard-sets', headers: planner })).json().sets as { id: number; isDefault: boolean }[]
    const source = sets.find((s) => !s.isDefault)!
    const copy = await t.app.inject({ method: 'POST', url: `/api/standard-sets/${source.id}/copy`, headers: planner, payload: { name: '审计用标准' } })
    expect(copy.statusCode).toBe(201)
    const setId = copy.json().id as number
    const before = sets.find((s) => s.isDefault)!.id
    expect((await t.app.inject({ method: 'POST', url: `/api/standard-sets/${setId}/default`, headers: planner })).statusCode).toBe(200)
    expect((await t.app.inject({ method: 'POST', url: `/api/standard-sets/${before}/default`, headers: planner })).statusCode).toBe(200)
    const trail = await entries(admin, '?entity=standard-set')
    expect(trail.map((e) => [e.action, e.entityId])).toEqual([
      ['make-default', String(before)],
      ['make-default', String(setId)],
      ['copy', String(setId)],
    ])
    expect(trail[1]!.before).toEqual({ defaultSetId: before })
    expect(trail[2]!.before).toEqual({ copiedFrom: source.id })
  })

  it('lets administrators read everything and everyone else only their own entries', async () => {
    await t.app.inject({ method: 'POST', url: '/api/scenarios', headers: otherPlanner, payload: { name: '别人的', kind: 'home_care', changes: [] } })
    const mine = await entries(planner)
    expect(mine.length).toBeGreaterThan(0)
    expect(mine.every((e) => e.actorName === 'test-planner')).toBe(true)
    const asked = await entries(planner, `?actorId=${(await entries(admin, '?entity=scenario')).find((e) => e.actorName === 'test-planner-viewer')!.actorId}`)
    expect(asked.every((e) => e.actorName === 'test-planner')).toBe(true)
    const all = await entries(admin)
    expect(new Set(all.map((e) => e.actorName))).toEqual(new Set(['test-planner', 'test-planner-viewer']))
  })

  it('records user administration with the reason, and keeps administrators from locking themselves out', async () => {
    const created = await t.app.inject({ method: 'POST', url: '/api/users', headers: admin, payload: { username: 'zhao', displayName: '赵', roles: ['viewer'], reason: '新入职' } })
    expect(created.statusCode).toBe(201)
    const user = created.json().user as { id: number; version: number }
    const taken = await t.app.inject({ method: 'POST', url: '/api/users', headers: admin, payload: { username: 'ZHAO', displayName: '另一个', roles: [] } })
    expect(taken.statusCode).toBe(409)
    const zhao = await signInAs(t.app, 'zhao', created.json().temporaryPassword)
    const deactivated = await t.app.inject({
      method: 'PUT',
      url: `/api/users/${user.id}`,
      headers: admin,
      payload: { displayName: '赵', roles: ['viewer'], active: false, version: user.version, reason: '调离' },
    })
    expect(deactivated.statusCode, deactivated.body).toBe(200)
    expect((await t.app.inject({ url: '/api/auth/session', headers: zhao })).json().user).toBeNull()
    const stale = await t.app.inject({ method: 'PUT', url: `/api/users/${user.id}`, headers: admin, payload: { displayName: '赵', roles: [], active: true, version: user.version } })
    expect(stale.statusCode).toBe(409)
    expect(stale.json().current).toMatchObject({ active: false, version: user.version + 1 })

    const self = (await t.app.inject({ url: '/api/auth/session', headers: admin })).json().user as { id: number }
    const selfUser = ((await t.app.inject({ url: '/api/users', headers: admin })).json().users as { id: number; version: number }[]).find((u) => u.id === self.id)!
    const lockout = await t.app.inject({ method: 'PUT', url: `/api/users/${self.id}`, headers: admin, payload: { displayName: 'x', roles: ['admin'], active: false, version: selfUser.version } })
    expect(lockout.statusCode).toBe(400)
    expect(lockout.json().detail).toBe('active: you cannot deactivate your own account')

    const trail = await entries(admin, `?entity=user&entityId=${user.id}`)
    expect(trail.map((e) => [e.action, e.reason])).toEqual([
      ['deactivate', '调离'],
      ['create', '新入职'],
    ])
    expect(JSON.stringify(trail)).not.toMatch(/scrypt|password_?hash/i)
  })

  it('cannot be changed or emptied, not even by SQL', async () => {
    const pool = t.app.database.pool
    const count = async () => (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log')).rows[0]!.n
    const before = await count()
    expect(before).toBeGreaterThan(0)
    await expect(pool.query(`UPDATE audit_log SET actor_name = 'someone else'`)).rejects.toThrow(/append-only/)
    await expect(pool.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/)
    await expect(pool.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/)
    expect(await count()).toBe(before)
    expect((await pool.query(`SELECT count(*)::int AS n FROM audit_log WHERE actor_name = 'someone else'`)).rows[0].n).toBe(0)
  })
})
