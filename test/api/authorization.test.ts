import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ACCESS_POLICY, type Access } from '../../server/auth/access-policy.ts'
import { ROLES, type Role } from '../../server/auth/roles.ts'
import { createTestApp, type TestApp } from '../support/test-app.ts'
import { anonymousHeaders, signInWithRoles, type SessionHeaders } from '../support/accounts.ts'

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE'

/** A concrete URL for a route pattern: parameters filled with values the route accepts, ids of nothing stored (no test call may change a user). */
function exampleUrl(pattern: string): string {
  const values: Record<string, string> = { id: '999999', version: '1', layer: 'facilities', source: 'network', z: '14', x: '13700', y: '6150' }
  return pattern.replace(/:(\w+)/g, (_, name: string) => values[name] ?? '1')
}

const endpoints = Object.entries(ACCESS_POLICY).map(([key, access]) => {
  const [method, pattern] = key.split(' ') as [Method, string]
  return { method, pattern, url: exampleUrl(pattern), access }
})
const restricted = (access: Access): access is readonly Role[] => Array.isArray(access)

describe('who may call what, endpoint by endpoint', () => {
  let t: TestApp
  const sessions = new Map<string, SessionHeaders>()
  beforeAll(async () => {
    t = await createTestApp('demo', { guestAccess: false })
    for (const role of ROLES) sessions.set(role, await signInWithRoles(t.app, [role]))
    sessions.set('none', await signInWithRoles(t.app, []))
  })
  afterAll(() => t.close())

  const call = (method: Method, url: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method, url, headers, ...(method === 'GET' ? {} : { payload: {} }) })

  it('lists every /api route of the app and no route that does not exist', () => {
    const missing = endpoints.filter(({ method, pattern }) => !t.app.hasRoute({ method, url: pattern }))
    expect(missing).toEqual([])
  })

  it.each(endpoints.filter((e) => e.access !== 'public'))('$method $pattern answers 401 without a session', async ({ method, url }) => {
    const response = await call(method, url, await anonymousHeaders(t.app))
    expect(response.statusCode).toBe(401)
    expect(response.json()).toMatchObject({ status: 401, detail: expect.stringMatching(/sign in/) })
  })

  it.each(endpoints.filter((e) => restricted(e.access)))('$method $pattern answers 403 to every role but $access', async ({ method, url, access }) => {
    const wrong = ROLES.filter((role) => !(access as readonly Role[]).includes(role))
    expect(wrong.length).toBeGreaterThan(0)
    for (const role of wrong) {
      const response = await call(method, url, sessions.get(role))
      expect(response.statusCode, role).toBe(403)
      expect(response.json().detail, role).toMatch(/this needs the role/)
    }
    const right = await call(method, url, sessions.get((access as readonly Role[])[0]!))
    expect([401, 403]).not.toContain(right.statusCode)
  })

  it.each(endpoints.filter((e) => e.access === 'read'))('$method $pattern answers 403 to a user without any role and lets a viewer read', async ({ method, url }) => {
    expect((await call(method, url, sessions.get('none'))).statusCode).toBe(403)
    expect([401, 403]).not.toContain((await call(method, url, sessions.get('viewer'))).statusCode)
  })

  it.each(endpoints.filter((e) => e.method !== 'GET' && e.access !== 'public'))('$method $pattern answers 403 without the CSRF token, even with the right role', async ({ method, url, access }) => {
    const role = restricted(access) ? access[0]! : 'viewer'
    const { cookie } = sessions.get(role)!
    const response = await call(method, url, { cookie })
    expect(response.statusCode).toBe(403)
    expect(response.json().detail).toMatch(/CSRF/)
  })

  it('answers the public API without a session', async () => {
    const flags = await t.app.inject('/api/public/flags')
    expect(flags.statusCode).toBe(200)
    expect(flags.json().flags.length).toBeGreaterThan(0)
    expect(Object.keys(flags.json().flags[0]).sort()).toEqual(
      ['communityCode', 'communityName', 'measured', 'message', 'messageEn', 'required', 'rule', 'severity', 'shortfall', 'unit'].sort(),
    )
    expect((await t.app.inject('/api/health')).statusCode).toBe(200)
  })
})

describe('guest read access', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp('demo', { guestAccess: true })
  })
  afterAll(() => t.close())

  it('lets anyone read maps and reports but nothing else', async () => {
    expect((await t.app.inject('/api/auth/session')).json()).toMatchObject({ user: null, guest: true })
    for (const { method, url } of endpoints.filter((e) => e.access === 'read')) {
      expect([401, 403], url).not.toContain((await t.app.inject({ method, url })).statusCode)
    }
    for (const { method, url } of endpoints.filter((e) => e.access !== 'read' && e.access !== 'public')) {
      const response = await t.app.inject({ method, url, headers: await anonymousHeaders(t.app), ...(method === 'GET' ? {} : { payload: {} }) })
      expect(response.statusCode, `${method} ${url}`).toBe(401)
    }
  })
})

describe('security headers', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp('empty')
  })
  afterAll(() => t.close())

  it('sends a content security policy and the usual protections, and no CORS headers to other origins', async () => {
    const response = await t.app.inject({ url: '/api/health', headers: { origin: 'https://elsewhere.example' } })
    expect(response.headers['content-security-policy']).toMatch(/default-src 'self'/)
    expect(response.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/)
    expect(response.headers['x-content-type-options']).toBe('nosniff')
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN')
    expect(response.headers['access-control-allow-origin']).toBeUndefined()
    const preflight = await t.app.inject({ method: 'OPTIONS', url: '/api/scenarios', headers: { origin: 'https://elsewhere.example', 'access-control-request-method': 'POST' } })
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined()
  })
})

describe('request ids', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp('empty')
  })
  afterAll(() => t.close())

  it('answers with the request id, keeping a well-formed one from a proxy and replacing anything else', async () => {
    const own = await t.app.inject('/api/health')
    expect(own.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/)
    expect((await t.app.inject({ url: '/api/health', headers: { 'x-request-id': 'edge-42.a' } })).headers['x-request-id']).toBe('edge-42.a')
    const forged = await t.app.inject({ url: '/api/health', headers: { 'x-request-id': 'x\r\nlevel: 60 <script>' } })
    expect(forged.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/)
  })
})
