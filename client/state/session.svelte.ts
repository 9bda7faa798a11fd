import { changePassword, fetchSession, login, logout, type Role, type User } from '../api/auth.ts'
import { ApiError } from '../api/http.ts'
import { setSessionHooks } from '../api/session-token.ts'
import type { MessageKey } from '../i18n/catalogues.ts'
import type { RequestStatus } from './coverage-analysis.svelte.ts'
import { describeError, type LoadError } from './load-error.ts'

/** Why the login dialog is shown: the user asked for it, or their session ran out while they worked. */
export type LoginPrompt = 'asked' | 'expired'

/**
 * Who is signed in, whether guests may read, and the CSRF token writes
 * carry (held by `api/session-token.ts`). `epoch` counts the times the user
 * changed from someone to someone else or to nobody: the workspace is
 * rebuilt then, so that nothing one user did or loaded stays for the next.
 * Signing in from guest access, or again as the same user after the session
 * ran out, keeps it.
 */
export class Session {
  status = $state<RequestStatus>('idle')
  failure = $state.raw<LoadError | null>(null)
  user = $state.raw<User | null>(null)
  /** Whether anonymous read-only access is on. */
  guest = $state(false)
  /** Why the login dialog is open; `null` while it is closed. */
  loginPrompt = $state<LoginPrompt | null>(null)
  /** Whether the user opened the password dialog themselves (a temporary password forces it anyway). */
  changingPassword = $state(false)
  epoch = $state(0)

  #waiting: ((signedIn: boolean) => void)[] = []
  #loading: Promise<void> | null = null

  /** Whether the map and reports can be read: signed in with a password of one's own, or as a guest. */
  get canRead(): boolean {
    return this.guest || (this.user !== null && !this.user.mustChangePassword)
  }

  /** Whether the signed-in user must replace a temporary password before anything else. */
  get mustChangePassword(): boolean {
    return this.user?.mustChangePassword ?? false
  }

  /** Whether the signed-in user holds `role` (and has a password of their own); guests hold none. */
  can(role: Role): boolean {
    return this.user !== null && !this.user.mustChangePassword && this.user.roles.includes(role)
  }

  /**
   * Why a tool that needs `role` is not available, to show beside it; `null`
   * when it is. Guests are told to sign in.
   */
  lockedHint(role: Role): MessageKey | null {
    if (this.can(role)) return null
    if (this.user === null) return role === 'planner' ? 'auth.needsLoginPlanner' : 'auth.needsLogin'
    return role === 'planner' ? 'auth.needsPlanner' : role === 'admin' ? 'auth.needsAdmin' : 'auth.needsRole'
  }

  /** Asks the server who is signed in; concurrent calls share one request. */
  load(): Promise<void> {
    this.#loading ??= this.#load().finally(() => (this.#loading = null))
    return this.#loading
  }

  async #load(): Promise<void> {
    if (this.status !== 'ready') this.status = 'loading'
    try {
      const answer = await fetchSession()
      this.guest = answer.guest
      this.#become(answer.user)
      this.status = 'ready'
      this.failure = null
    } catch (error) {
      if (this.status !== 'ready') this.status = 'failed'
      this.failure = describeError('auth.sessionFailed', error)
      throw error
    }
  }

  /** Signs in; throws the server's refusal ({@link ApiError} with `detail`) for the form to show. */
  async login(username: string, password: string): Promise<void> {
    const answer = await login(username, password)
    this.#become(answer.user)
    this.status = 'ready'
    this.loginPrompt = null
    this.#settle(true)
  }

  /** Signs out, then asks the server for the session it now has (a guest's, or none). */
  async logout(): Promise<void> {
    try {
      await logout()
    } catch (error) {
      if (!(error instanceof ApiError)) throw error
    }
    this.changingPassword = false
    this.#become(null)
    await this.load().catch(() => undefined)
  }

  /** Changes the password, then reads the session again (which clears `mustChangePassword`). */
  async changePassword(currentPassword: string, newPassword: string): Promise<void> {
    await changePassword(currentPassword, newPassword)
    this.changingPassword = false
    await this.load()
  }

  /** Opens the login dialog at the user's wish. */
  askLogin(): void {
    this.loginPrompt = 'asked'
  }

  /**
   * Closes the login dialog without signing in. Requests waiting for a new
   * sign-in fail; after an expired session the session is asked again, so
   * the app shows what a visitor may see.
   */
  cancelLogin(): void {
    const expired = this.loginPrompt === 'expired'
    this.loginPrompt = null
    this.#settle(false)
    if (expired) {
      this.#become(null)
      void this.load().catch(() => undefined)
    }
  }

  /** Whether the open login dialog may be closed without signing in: not when nothing could be read without it. */
  get loginDismissible(): boolean {
    return this.loginPrompt === 'asked' || this.guest
  }

  /**
   * Called when a request was answered 401: opens the login dialog over
   * whatever the user was doing and resolves once they signed in again
   * (`true`) or gave up (`false`).
   */
  reauthenticate(): Promise<boolean> {
    this.loginPrompt = 'expired'
    return new Promise((resolve) => this.#waiting.push(resolve))
  }

  #settle(signedIn: boolean): void {
    const waiting = this.#waiting
    this.#waiting = []
    for (const resolve of waiting) resolve(signedIn)
  }

  #become(user: User | null): void {
    const before = this.user
    if (before !== null && before.id !== user?.id) this.epoch += 1
    this.user = user
  }
}

/** The one session of the app; the HTTP helpers ask it for a fresh token or a new sign-in. */
export const session = new Session()

setSessionHooks({
  refresh: () => session.load(),
  reauthenticate: () => session.reauthenticate(),
})
