import { createHash, randomBytes } from 'node:crypto'
import type pg from 'pg'
import { withTransaction } from '../db/transaction.ts'
import { appendAudit, type Actor } from '../audit/audit-repository.ts'
import { decoyPasswordHash, generatePassword, hashPassword, passwordProblem, verifyPassword } from './password.ts'
import type { Role } from './roles.ts'
import {
  clearLoginFailures,
  countUsers,
  insertUser,
  readCredentials,
  readLock,
  readUser,
  recordLogin,
  recordLoginFailure,
  setPassword,
  updateUser,
  type UserRow,
} from './users-repository.ts'
import { deleteExpiredSessions, deleteSession, deleteUserSessions, insertSession, readSessionUser, type SessionUser } from './sessions-repository.ts'

/** How long sessions live and when repeated failures lock a user name. */
export interface SessionPolicy {
  /** A session ends this long after sign-in, whatever happens. */
  lifetimeMinutes: number
  /** A session ends after this long without a request. */
  idleMinutes: number
  /** Failed sign-ins within `windowMinutes` that lock the user name for `lockMinutes`. */
  maxFailures: number
  windowMinutes: number
  lockMinutes: number
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = { lifetimeMinutes: 12 * 60, idleMinutes: 2 * 60, maxFailures: 5, windowMinutes: 15, lockMinutes: 15 }

/** A refusal the routes answer with its status; `retryAfterS` for lockouts. */
export class AuthError extends Error {
  constructor(
    readonly statusCode: 400 | 401 | 403 | 404 | 409 | 429,
    message: string,
    readonly retryAfterS?: number,
  ) {
    super(message)
  }
}

const hashToken = (token: string) => createHash('sha256').update(token).digest()

/** User names are compared in lower case, as typed otherwise. */
export const normalizeUsername = (username: string) => username.trim().toLowerCase()

function lockedError(until: Date): AuthError {
  const seconds = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000))
  return new AuthError(429, `too many failed sign-ins for this user name; try again in ${Math.ceil(seconds / 60)} min`, seconds)
}

/**
 * Checks a user name and password and opens a session. Unknown names and
 * wrong passwords get the same answer after the same work; repeated
 * failures lock the name for a while, whether or not it exists.
 */
export async function signIn(pool: pg.Pool, policy: SessionPolicy, usernameTyped: string, password: string): Promise<{ user: SessionUser; token: string }> {
  const username = normalizeUsername(usernameTyped)
  const lockedUntil = await readLock(pool, username)
  if (lockedUntil) throw lockedError(lockedUntil)
  const credentials = await readCredentials(pool, username)
  const matches = await verifyPassword(password, credentials?.passwordHash ?? (await decoyPasswordHash()))
  if (!credentials || !matches || !credentials.active) {
    const lock = await recordLoginFailure(pool, username, policy)
    if (lock) throw lockedError(lock)
    throw new AuthError(401, 'wrong user name or password, or the account is deactivated')
  }
  const token = randomBytes(32).toString('base64url')
  await withTransaction(pool, async (client) => {
    await clearLoginFailures(client, username)
    await deleteExpiredSessions(client)
    await recordLogin(client, credentials.id)
    await insertSession(client, hashToken(token), credentials.id, policy.lifetimeMinutes)
  })
  const { id, displayName, roles, mustChangePassword } = credentials
  return { user: { id, username, displayName, roles, mustChangePassword }, token }
}

/** The user of a live session token, or `undefined`. */
export function readSession(pool: pg.Pool, policy: SessionPolicy, token: string): Promise<SessionUser | undefined> {
  return readSessionUser(pool, hashToken(token), policy.idleMinutes)
}

export async function signOut(pool: pg.Pool, token: string): Promise<void> {
  await deleteSession(pool, hashToken(token))
}

/** Changes one's own password; other sessions of the user end, this one stays. */
export async function changeOwnPassword(pool: pg.Pool, actor: Actor & { id: number }, token: string, current: string, next: string): Promise<void> {
  const user = await readUser(pool, actor.id)
  if (!user) throw new AuthError(401, 'the account no longer exists')
  const credentials = await readCredentials(pool, user.username)
  if (!credentials || !(await verifyPassword(current, credentials.passwordHash))) throw new AuthError(400, 'currentPassword: the current password is wrong')
  const problem = passwordProblem(next, user.username)
  if (problem) throw new AuthError(400, `newPassword: ${problem}`)
  if (next === current) throw new AuthError(400, 'newPassword: must differ from the current password')
  const passwordHash = await hashPassword(next)
  await withTransaction(pool, async (client) => {
    await setPassword(client, user.id, passwordHash, false)
    await deleteUserSessions(client, user.id, hashToken(token))
    await appendAudit(client, actor, { entity: 'user', entityId: user.id, action: 'change-password', before: null, after: null })
  })
}

export interface UserInput {
  username: string
  displayName: string
  roles: Role[]
  reason?: string | undefined
}

/**
 * Creates a user with a generated password, shown once to whoever creates
 * it. Users made by an administrator must choose their own password at
 * first sign-in.
 */
export async function createUser(pool: pg.Pool, actor: Actor, input: UserInput, options: { mustChangePassword: boolean }): Promise<{ user: UserRow; temporaryPassword: string }> {
  const username = normalizeUsername(input.username)
  if (!/^[a-z0-9][a-z0-9_.@-]{1,63}$/.test(username)) {
    throw new AuthError(400, 'username: 2–64 characters, lower-case letters, digits and _ . @ -, starting with a letter or digit')
  }
  const displayName = input.displayName.trim()
  if (displayName === '') throw new AuthError(400, 'displayName: must not be blank')
  const temporaryPassword = generatePassword()
  const passwordHash = await hashPassword(temporaryPassword)
  const user = await withTransaction(pool, async (client) => {
    const row = await insertUser(client, { username, displayName, roles: [...new Set(input.roles)], passwordHash, mustChangePassword: options.mustChangePassword })
    await appendAudit(client, actor, { entity: 'user', entityId: row.id, action: 'create', before: null, after: row, reason: input.reason })
    return row
  })
  return { user, temporaryPassword }
}

/** Creates the first administrator when there is no user at all; `undefined` when there are users already. */
export async function createFirstAdmin(pool: pg.Pool, actor: Actor, username = 'admin'): Promise<{ user: UserRow; temporaryPassword: string } | undefined> {
  if ((await countUsers(pool)) > 0) return undefined
  return createUser(pool, actor, { username, displayName: '系统管理员', roles: ['admin', 'planner', 'viewer'] }, { mustChangePassword: false })
}

/**
 * Saves an administrator's edit of a user. Administrators cannot lock
 * themselves out (deactivate themselves or drop their own admin role), and
 * a deactivated user's sessions end at once.
 */
export async function editUser(
  pool: pg.Pool,
  actor: Actor,
  id: number,
  version: number,
  edit: { displayName: string; roles: Role[]; active: boolean; reason?: string | undefined },
): Promise<{ row: UserRow } | { stale: UserRow } | 'missing'> {
  const displayName = edit.displayName.trim()
  if (displayName === '') throw new AuthError(400, 'displayName: must not be blank')
  if (id === actor.id && !edit.active) throw new AuthError(400, 'active: you cannot deactivate your own account')
  if (id === actor.id && !edit.roles.includes('admin')) throw new AuthError(400, 'roles: you cannot remove your own admin role')
  return withTransaction(pool, async (client) => {
    const before = await readUser(client, id)
    if (!before) return 'missing' as const
    const result = await updateUser(client, id, version, { displayName, roles: [...new Set(edit.roles)], active: edit.active })
    if (result === 'missing' || 'stale' in result) return result
    if (!edit.active || edit.roles.length === 0) await deleteUserSessions(client, id)
    const action = before.active && !edit.active ? 'deactivate' : !before.active && edit.active ? 'reactivate' : 'update'
    await appendAudit(client, actor, { entity: 'user', entityId: id, action, before, after: result.row, reason: edit.reason })
    return result
  })
}

/** Gives a user a new generated password (shown once) that must be changed at next sign-in, ending their sessions. */
export async function resetPassword(pool: pg.Pool, actor: Actor, id: number, reason?: string): Promise<{ temporaryPassword: string; user: UserRow } | undefined> {
  const temporaryPassword = generatePassword()
  const passwordHash = await hashPassword(temporaryPassword)
  const user = await withTransaction(pool, async (client) => {
    const row = await setPassword(client, id, passwordHash, true)
    if (!row) return undefined
    await deleteUserSessions(client, id)
    await appendAudit(client, actor, { entity: 'user', entityId: id, action: 'reset-password', before: null, after: null, reason })
    return row
  })
  return user && { temporaryPassword, user }
}
