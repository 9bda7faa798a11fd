import type { Static } from 'typebox'
import type { RoleSchema, SessionSchema, SessionUserSchema } from '../../server/schemas/auth.ts'
import { getJson, sendJson } from './http.ts'
import { setCsrfToken } from './session-token.ts'

/** A role a user can hold; each grants its own tools, and any role lets its holder read maps and reports. */
export type Role = Static<typeof RoleSchema>

/** Every role, in the order forms list them. */
export const ROLES = [
  'viewer',
  'planner',
  'place_name_editor',
  'place_name_approver',
  'boundary_editor',
  'admin',
] as const satisfies readonly Role[]

/** A signed-in user as the session describes them; `mustChangePassword` blocks every write but the password change. */
export type User = Static<typeof SessionUserSchema>

/** Answer of `GET /api/auth/session`: the user (`null` when nobody is signed in), whether guests may read, and the CSRF token. */
export type SessionAnswer = Static<typeof SessionSchema>

/** Answer of a successful login. */
export interface LoginAnswer {
  user: User
  csrfToken: string
}

/** Asks who is signed in, and holds the CSRF token the answer carries for the writes that follow. */
export async function fetchSession(signal?: AbortSignal): Promise<SessionAnswer> {
  const answer = await getJson<SessionAnswer>('/api/auth/session', signal)
  setCsrfToken(answer.csrfToken)
  return answer
}

/**
 * Signs in and holds the new CSRF token. Wrong credentials answer 401, a
 * locked account or too many attempts 429; both say why (and for 429 when
 * to try again) in `ApiError.detail`.
 */
export async function login(username: string, password: string, signal?: AbortSignal): Promise<LoginAnswer> {
  const answer = await sendJson<LoginAnswer>('POST', '/api/auth/login', { username, password }, signal)
  setCsrfToken(answer.csrfToken)
  return answer
}

/** Signs out; the session cookie is dropped by the server. */
export function logout(signal?: AbortSignal): Promise<void> {
  return sendJson<void>('POST', '/api/auth/logout', undefined, signal)
}

/** The shortest new password the server accepts. */
export const MIN_PASSWORD_LENGTH = 10

/** Changes the signed-in user's password; a new password the server refuses answers 400 with the reason in `ApiError.detail`. */
export function changePassword(currentPassword: string, newPassword: string, signal?: AbortSignal): Promise<void> {
  return sendJson<void>('POST', '/api/auth/password', { currentPassword, newPassword }, signal)
}
