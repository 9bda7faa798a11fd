import type { Queryable } from '../db/transaction.ts'
import type { Role } from './roles.ts'

/** A user as the API shows it: never the password hash. */
export interface UserRow {
  id: number
  username: string
  displayName: string
  roles: Role[]
  active: boolean
  mustChangePassword: boolean
  lastLoginAt: string | null
  createdAt: string
  version: number
}

export interface NewUser {
  username: string
  displayName: string
  roles: Role[]
  passwordHash: string
  mustChangePassword: boolean
}

export interface UserEdit {
  displayName: string
  roles: Role[]
  active: boolean
}

/** Thrown when the user name is taken. */
export class UsernameTakenError extends Error {}

const timestamp = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`
const columns = `id, username, display_name AS "displayName", roles, active, must_change_password AS "mustChangePassword",
                 ${timestamp('last_login_at')} AS "lastLoginAt", ${timestamp('created_at')} AS "createdAt", version`

export async function listUsers(db: Queryable): Promise<UserRow[]> {
  return (await db.query<UserRow>(`SELECT ${columns} FROM users ORDER BY username`)).rows
}

export async function readUser(db: Queryable, id: number): Promise<UserRow | undefined> {
  return (await db.query<UserRow>(`SELECT ${columns} FROM users WHERE id = $1`, [id])).rows[0]
}

/** The user row and password hash for a sign-in, by user name. */
export async function readCredentials(db: Queryable, username: string): Promise<(UserRow & { passwordHash: string }) | undefined> {
  const result = await db.query<UserRow & { passwordHash: string }>(
    `SELECT ${columns}, password_hash AS "passwordHash" FROM users WHERE username = $1`,
    [username],
  )
  return result.rows[0]
}

export async function countUsers(db: Queryable): Promise<number> {
  return (await db.query<{ n: number }>('SELECT count(*)::integer AS n FROM users')).rows[0]!.n
}

export async function insertUser(db: Queryable, user: NewUser): Promise<UserRow> {
  try {
    const result = await db.query<UserRow>(
      `INSERT INTO users (username, display_name, roles, password_hash, must_change_password)
       VALUES ($1, $2, $3::text[], $4, $5) RETURNING ${columns}`,
      [user.username, user.displayName, user.roles, user.passwordHash, user.mustChangePassword],
    )
    return result.rows[0]!
  } catch (error) {
    if ((error as { code?: string }).code === '23505') throw new UsernameTakenError(`the user name "${user.username}" is taken`)
    throw error
  }
}

/** Saves an edit made from `version`; `stale` carries the stored user when someone saved since. */
export async function updateUser(db: Queryable, id: number, version: number, edit: UserEdit): Promise<{ row: UserRow } | { stale: UserRow } | 'missing'> {
  const result = await db.query<UserRow>(
    `UPDATE users SET display_name = $3, roles = $4::text[], active = $5, version = version + 1, updated_at = now()
      WHERE id = $1 AND version = $2 RETURNING ${columns}`,
    [id, version, edit.displayName, edit.roles, edit.active],
  )
  if (result.rows[0]) return { row: result.rows[0] }
  const current = await readUser(db, id)
  return current ? { stale: current } : 'missing'
}

/** Replaces the password hash and bumps the version. */
export async function setPassword(db: Queryable, id: number, passwordHash: string, mustChangePassword: boolean): Promise<UserRow | undefined> {
  const result = await db.query<UserRow>(
    `UPDATE users SET password_hash = $2, must_change_password = $3, version = version + 1, updated_at = now()
      WHERE id = $1 RETURNING ${columns}`,
    [id, passwordHash, mustChangePassword],
  )
  return result.rows[0]
}

export async function recordLogin(db: Queryable, id: number): Promise<void> {
  await db.query('UPDATE users SET last_login_at = now() WHERE id = $1', [id])
}

/** The lock on a user name, if any, after failed sign-ins. */
export async function readLock(db: Queryable, username: string): Promise<Date | null> {
  const result = await db.query<{ lockedUntil: Date }>(
    'SELECT locked_until AS "lockedUntil" FROM login_failures WHERE username = $1 AND locked_until > now()',
    [username],
  )
  return result.rows[0]?.lockedUntil ?? null
}

/**
 * Counts one more failure for a user name within `windowMinutes`, locking
 * it for `lockMinutes` once `maxFailures` is reached; returns the lock end.
 */
export async function recordLoginFailure(
  db: Queryable,
  username: string,
  policy: { maxFailures: number; windowMinutes: number; lockMinutes: number },
): Promise<Date | null> {
  const result = await db.query<{ lockedUntil: Date | null }>(
    `INSERT INTO login_failures AS f (username, failures, last_failure_at) VALUES ($1, 1, now())
     ON CONFLICT (username) DO UPDATE SET
       failures = CASE WHEN f.last_failure_at < now() - make_interval(mins => $2) OR f.locked_until <= now() THEN 1 ELSE f.failures + 1 END,
       last_failure_at = now(),
       locked_until = CASE WHEN f.locked_until > now() THEN f.locked_until END
     RETURNING locked_until AS "lockedUntil", failures`,
    [username, policy.windowMinutes],
  )
  const row = result.rows[0] as { lockedUntil: Date | null; failures: number }
  if (row.lockedUntil) return row.lockedUntil
  if (row.failures < policy.maxFailures) return null
  const locked = await db.query<{ lockedUntil: Date }>(
    `UPDATE login_failures SET locked_until = now() + make_interval(mins => $2) WHERE username = $1 RETURNING locked_until AS "lockedUntil"`,
    [username, policy.lockMinutes],
  )
  return locked.rows[0]!.lockedUntil
}

export async function clearLoginFailures(db: Queryable, username: string): Promise<void> {
  await db.query('DELETE FROM login_failures WHERE username = $1', [username])
}
