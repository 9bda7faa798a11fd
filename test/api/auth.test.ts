import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../support/test-app.ts'
import { anonymousHeaders, insertTestUser, signInAs, signInWithRoles, TEST_PASSWORD } from '../support/accounts.ts'

describe('signing in and out', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp('demo', { guestAccess: false })
    await insertTestUser(t.app.database.pool, { username: 'wang', password: TEST_PASSWORD, roles: ['planner'], displayName: '王规划' })
  })
  afterAll(() => t.close())

  it('answers the session with no user and a CSRF token, and reads need a session', async () => {
    const session = await t.app.inject({ method: 'GET', url: '/api/auth/session' })
    expect(session.statusCode).toBe(200)
    expect(session.json()).toMatchObject({ user: null, guest: false })
    expect(session.json().csrfToken).toMatch(/.{20,}/)
    const layers = await t.app.inject({ method: 'GET', url: '/api/layers/facilities' })
    expect(layers.statusCode).toBe(401)
    expect(layers.headers['content-type']).toContain('application/problem+json')
  })

  it('signs in with an HttpOnly SameSite=Strict cookie, then reads and signs out', async () => {
    const anonymous = await anonymousHeaders(t.app)
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: anonymous, payload: { username: 'Wang', password: TEST_PASSWORD } })
    expect(login.statusCode).toBe(200)
    expect(login.json().user).toMatchObject({ username: 'wang', displayName: '王规划', roles: ['planner'], mustChangePassword: false })
    const cookie = [login.headers['set-cookie']].flat().find((c) => c!.startsWith('lc_session='))!
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/SameSite=Strict/)
    const headers = await signInAs(t.app, 'wang')
    expect((await t.app.inject({ method: 'GET', url: '/api/layers/facilities', headers })).statusCode).toBe(200)
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/session', headers })).json().user.username).toBe('wang')
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers })).statusCode).toBe(204)
    expect((await t.app.inject({ method: 'GET', url: '/api/layers/facilities', headers })).statusCode).toBe(401)
  })

  it('refuses a write without the CSRF token even with a valid session', async () => {
    const headers = await signInAs(t.app, 'wang')
    const body = { name: 'x', kind: 'home_care', changes: [] }
    const without = await t.app.inject({ method: 'POST', url: '/api/scenarios', headers: { cookie: headers.cookie }, payload: body })
    expect(without.statusCode).toBe(403)
    expect(without.json().detail).toMatch(/CSRF/)
    const wrong = await t.app.inject({ method: 'POST', url: '/api/scenarios', headers: { ...headers, 'x-csrf-token': 'forged' }, payload: body })
    expect(wrong.statusCode).toBe(403)
    const right = await t.app.inject({ method: 'POST', url: '/api/scenarios', headers, payload: body })
    expect(right.statusCode).toBe(201)
  })

  it('gives the same answer for an unknown name and a wrong password, and locks a name after five failures', async () => {
    const anonymous = await anonymousHeaders(t.app)
    const attempt = (username: string, password: string) =>
      t.app.inject({ method: 'POST', url: '/api/auth/login', headers: anonymous, payload: { username, password } })
    const unknown = await attempt('nobody', 'whatever-password')
    const wrong = await attempt('wang', 'wrong-password')
    expect(unknown.statusCode).toBe(401)
    expect(wrong.statusCode).toBe(401)
    expect(unknown.json().detail).toBe(wrong.json().detail)
    for (let i = 0; i < 3; i++) expect((await attempt('wang', 'wrong-password')).statusCode).toBe(401)
    const fifth = await attempt('wang', 'wrong-password')
    expect(fifth.statusCode).toBe(429)
    expect(Number(fifth.headers['retry-after'])).toBeGreaterThan(800)
    const rightButLocked = await attempt('wang', TEST_PASSWORD)
    expect(rightButLocked.statusCode).toBe(429)
    expect(rightButLocked.json().detail).toMatch(/try again in 15 min/)
    await t.app.database.pool.query(`UPDATE login_failures SET locked_until = now() - interval '1 second' WHERE username = 'wang'`)
    expect((await attempt('wang', TEST_PASSWORD)).statusCode).toBe(200)
  })

  it('ends sessions that are past their lifetime', async () => {
    const headers = await signInAs(t.app, 'wang')
    await t.app.database.pool.query(`UPDATE sessions SET expires_at = now() - interval '1 second'`)
    expect((await t.app.inject({ method: 'GET', url: '/api/scenarios', headers })).statusCode).toBe(401)
  })

  it('makes a user whose password was reset change it before any other write', async () => {
    const admin = await signInWithRoles(t.app, ['admin'])
    const created = await t.app.inject({ method: 'POST', url: '/api/users', headers: admin, payload: { username: 'li', displayName: '李', roles: ['planner'] } })
    expect(created.statusCode).toBe(201)
    const temporary: string = created.json().temporaryPassword
    expect(temporary).toHaveLength(16)
    const li = await signInAs(t.app, 'li', temporary)
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/session', headers: li })).json().user.mustChangePassword).toBe(true)
    const blocked = await t.app.inject({ method: 'POST', url: '/api/scenarios', headers: li, payload: { name: 'y', kind: 'home_care', changes: [] } })
    expect(blocked.statusCode).toBe(403)
    expect(blocked.json().detail).toMatch(/change your password/)
    const short = await t.app.inject({ method: 'POST', url: '/api/auth/password', headers: li, payload: { currentPassword: temporary, newPassword: 'short' } })
    expect(short.statusCode).toBe(400)
    expect(short.json().detail).toMatch(/newPassword: the password must have at least 10 characters/)
    const changed = await t.app.inject({ method: 'POST', url: '/api/auth/password', headers: li, payload: { currentPassword: temporary, newPassword: 'a-much-better-one' } })
    expect(changed.statusCode).toBe(204)
    const allowed = await t.app.inject({ method: 'POST', url: '/api/scenarios', headers: li, payload: { name: 'y', kind: 'home_care', changes: [] } })
    expect(allowed.statusCode).toBe(201)
    await expect(signInAs(t.app, 'li', temporary)).rejects.toThrow(/401/)
  })

  it('stores only scrypt hashes and token hashes', async () => {
    const { rows } = await t.app.database.pool.query<{ password_hash: string }>('SELECT password_hash FROM users')
    for (const row of rows) expect(row.password_hash).toMatch(/^scrypt\$32768\$8\$3\$[\w-]{22}\$[\w-]{43}$/)
    const sessions = await t.app.database.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM sessions WHERE length(token_hash) <> 32')
    expect(sessions.rows[0]!.n).toBe(0)
  })
})
