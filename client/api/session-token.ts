/**
 * What the HTTP helpers need from the session: a fresh CSRF token after the
 * server refused a stale one, and a new sign-in after a 401.
 */
export interface SessionHooks {
  /** Asks the server for the session again; resolves once the new CSRF token is held. */
  refresh(): Promise<void>
  /** Asks the user to sign in again; resolves `true` once signed in, `false` when they gave up. */
  reauthenticate(): Promise<boolean>
}

let token: string | null = null
let hooks: SessionHooks | null = null

/** The CSRF token of the latest session or login answer, sent with every write; `null` before the first. */
export function csrfToken(): string | null {
  return token
}

/** Holds the CSRF token the server just handed out. */
export function setCsrfToken(value: string | null): void {
  token = value
}

/** Installs the session's recovery hooks; without them a stale token or a 401 is simply an error. */
export function setSessionHooks(value: SessionHooks | null): void {
  hooks = value
}

/** The installed recovery hooks, if any. */
export function sessionHooks(): SessionHooks | null {
  return hooks
}
