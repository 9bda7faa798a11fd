import type { FastifyInstance } from 'fastify'
import type pg from 'pg'
import { openDatabase } from '../../server/db/database.ts'
import { hashPassword } from '../../server/auth/password.ts'
import type { Role } from '../../server/auth/roles.ts'
import type { TestDatabaseLocation } from './test-database.ts'

export interface TestUser {
  username: string
  password: string
  roles: Role[]
  displayName?: string
  mustChangePassword?: boolean
}

/** The password every test user gets unless the test says otherwise. */
export const TEST_PASSWORD = 'correct-horse-battery'

/** Inserts a user straight into the database; returns its id. */
export async function insertTestUser(pool: pg.Pool, user: TestUser): Promise<number> {
  const result = await pool.query<{ id: number }>(
    `INSERT INTO users (username, display_name, roles, password_hash, must_change_password) VALUES ($1, $2, $3::text[], $4, $5) RETURNING id`,
    [user.username, user.displayName ?? user.username, user.roles, await hashPassword(user.password), user.mustChangePassword ?? false],
  )
  return result.rows[0]!.id
}

/** Inserts a user into a test database copy that no server holds yet (for server-process and browser tests). */
export async function createUser(location: TestDatabaseLocation, user: Partial<TestUser> & { username: string; roles: Role[] }): Promise<number> {
  const database = await openDatabase({ databaseUrl: location.databaseUrl, embeddedDataDir: location.dataDir })
  try {
    return await insertTestUser(database.pool, { password: TEST_PASSWORD, ...user })
  } finally {
    await database.close()
  }
}

/** Headers that carry a session: the cookies and the CSRF token. */
export type SessionHeaders = Record<string, string> & { cookie: string; 'x-csrf-token': string }

/** Cookie pairs from `set-cookie` headers merged into one `cookie` header. */
function mergeCookies(existing: string, setCookie: string | string[] | undefined): string {
  const jar = new Map(existing.split('; ').filter(Boolean).map((pair) => [pair.slice(0, pair.indexOf('=')), pair] as const))
  for (const header of [setCookie ?? []].flat()) {
    const pair = header.split(';')[0]!
    jar.set(pair.slice(0, pair.indexOf('=')), pair)
  }
  return [...jar.values()].join('; ')
}

/** A CSRF cookie and token without a session, as a browser has before signing in. */
export async function anonymousHeaders(app: FastifyInstance): Promise<SessionHeaders> {
  const response = await app.inject({ method: 'GET', url: '/api/auth/session' })
  return { cookie: mergeCookies('', response.headers['set-cookie']), 'x-csrf-token': response.json<{ csrfToken: string }>().csrfToken }
}

/** Signs in through the API and returns the headers of the session. */
export async function signInAs(app: FastifyInstance, username: string, password = TEST_PASSWORD): Promise<SessionHeaders> {
  const anonymous = await anonymousHeaders(app)
  const response = await app.inject({ method: 'POST', url: '/api/auth/login', headers: anonymous, payload: { username, password } })
  if (response.statusCode !== 200) throw new Error(`sign-in as ${username} failed: ${response.statusCode} ${response.body}`)
  return { cookie: mergeCookies(anonymous.cookie, response.headers['set-cookie']), 'x-csrf-token': response.json<{ csrfToken: string }>().csrfToken }
}

/** Creates a user with the given roles (named after them unless told) and signs in as them. */
export async function signInWithRoles(app: FastifyInstance, roles: Role[], username = roles.length ? `test-${roles.join('-')}` : 'test-no-role'): Promise<SessionHeaders> {
  await insertTestUser(app.database.pool, { username: username.replaceAll('_', '-'), password: TEST_PASSWORD, roles })
  return signInAs(app, username.replaceAll('_', '-'))
}
