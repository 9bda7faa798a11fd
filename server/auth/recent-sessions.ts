import type { SessionUser } from './sessions-repository.ts'

/** How long a resolved session may be reused by the routes that allow it. */
export const RECENT_SESSION_MS = 10_000

/**
 * The sessions resolved in the last few seconds, by token. The embedded
 * database has a single connection, which a long import holds for its whole
 * transaction; the routes that poll and cancel that import must still
 * answer, so they may take the user from here instead of reading the
 * session again (see `REUSE_RECENT_SESSION` in access-policy.ts). A session
 * ended within the last {@link RECENT_SESSION_MS} can thus still poll its
 * own import; nothing else is served from here.
 */
export class RecentSessions {
  private readonly byToken = new Map<string, { user: SessionUser; at: number }>()

  remember(token: string, user: SessionUser, now = Date.now()): void {
    if (this.byToken.size >= 1000) {
      for (const [key, entry] of this.byToken) if (now - entry.at > RECENT_SESSION_MS) this.byToken.delete(key)
    }
    this.byToken.set(token, { user, at: now })
  }

  /** The user of a session resolved within {@link RECENT_SESSION_MS}, if any. */
  recall(token: string, now = Date.now()): SessionUser | undefined {
    const entry = this.byToken.get(token)
    return entry && now - entry.at <= RECENT_SESSION_MS ? entry.user : undefined
  }
}
