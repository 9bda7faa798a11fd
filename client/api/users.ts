import type { Static } from 'typebox'
import type { AdminUserSchema } from '../../server/schemas/auth.ts'
import type { Role } from './auth.ts'
import { ApiError, getJson, sendJson } from './http.ts'

/** A user as administrators see them; `version` is bumped by every change, and an edit names the one it started from. */
export type AdminUser = Static<typeof AdminUserSchema>

/** What a new user is created with; the server makes up a temporary password. */
export interface UserDraft {
  username: string
  displayName: string
  roles: Role[]
  /** Why, for the audit trail. */
  reason?: string
}

/** What a user is changed to; `version` is the one the edit started from. */
export interface UserEdit {
  displayName: string
  roles: Role[]
  active: boolean
  version: number
  reason?: string
}

/** A temporary password, to be handed to the user once; they must change it when they first sign in. */
export interface TemporaryPassword {
  temporaryPassword: string
}

/** Lists every user (administrators only). */
export async function fetchUsers(signal?: AbortSignal): Promise<AdminUser[]> {
  return (await getJson<{ users: AdminUser[] }>('/api/users', signal)).users
}

/** Creates a user with a temporary password; a username already taken answers 409 with the reason in `ApiError.detail`. */
export function createUser(draft: UserDraft, signal?: AbortSignal): Promise<{ user: AdminUser } & TemporaryPassword> {
  return sendJson<{ user: AdminUser } & TemporaryPassword>('POST', '/api/users', draft, signal)
}

/**
 * Changes a user's name, roles or whether they are active. When someone
 * changed the user since `edit.version`, 409 ({@link staleUser} reads the
 * stored user); deactivating oneself or taking away one's own admin role,
 * 400 with the reason.
 */
export async function updateUser(id: number, edit: UserEdit, signal?: AbortSignal): Promise<AdminUser> {
  return (await sendJson<{ user: AdminUser }>('PUT', `/api/users/${id}`, edit, signal)).user
}

/** Gives a user a new temporary password, to be handed over once. */
export function resetUserPassword(id: number, reason?: string, signal?: AbortSignal): Promise<TemporaryPassword> {
  return sendJson<TemporaryPassword>('POST', `/api/users/${id}/reset-password`, reason ? { reason } : {}, signal)
}

/** The stored user a 409 on {@link updateUser} carries; `null` for any other error. */
export function staleUser(error: unknown): AdminUser | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null
  const current = error.problem?.current
  if (typeof current !== 'object' || current === null) return null
  const user = current as Partial<AdminUser>
  return typeof user.id === 'number' && typeof user.version === 'number' && Array.isArray(user.roles) ? (current as AdminUser) : null
}
