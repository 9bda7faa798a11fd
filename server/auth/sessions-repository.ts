import type { Queryable } from '../db/transaction.ts'
import type { Role } from './roles.ts'

/** The signed-in user behind a session token. */
export interface SessionUser {
  id: number
  username: string
  displayName: string
  roles: Role[]
  mustChangePassword: boolean
}

export async function insertSession(db: Queryable, tokenHash: Buffer, userId: number, lifetimeMinutes: number): Promise<void> {
  await db.query(
    `INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ($1, $2, now() + make_interval(mins => $3))`,
    [tokenHash, userId, lifetimeMinutes],
  )
}

/**
 * The active user of a live session: not expired, not idle longer than
 * `idleMinutes`, user still active. Marks the session seen at most once a
 * minute, so reads stay reads.
 */
export async function readSessionUser(db: Queryable, tokenHash: Buffer, idleMinutes: number): Promise<SessionUser | undefined> {
  const result = await db.query<SessionUser & { seenAgo: boolean }>(
    `SELECT u.id, u.username, u.display_name AS "displayName", u.roles, u.must_change_password AS "mustChangePassword",
            s.last_seen_at < now() - interval '1 minute' AS "seenAgo"
       FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.token_hash = $1 AND s.expires_at > now() AND s.last_seen_at > now() - make_interval(mins => $2) AND u.active`,
    [tokenHash, idleMinutes],
  )
  const row = result.rows[0]
  if (!row) return undefined
  if (row.seenAgo) await db.query('UPDATE sessions SET last_seen_at = now() WHERE token_hash = $1', [tokenHash])
  const { seenAgo: _seenAgo, ...user } = row
  return user
}

export async function deleteSession(db: Queryable, tokenHash: Buffer): Promise<void> {
  await db.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash])
}

/** Ends every session of a user (deactivation, password reset), or all but one. */
export async function deleteUserSessions(db: Queryable, userId: number, except?: Buffer): Promise<void> {
  await db.query('DELETE FROM sessions WHERE user_id = $1 AND ($2::bytea IS NULL OR token_hash <> $2)', [userId, except ?? null])
}

export async function deleteExpiredSessions(db: Queryable): Promise<void> {
  await db.query('DELETE FROM sessions WHERE expires_at <= now()')
}
