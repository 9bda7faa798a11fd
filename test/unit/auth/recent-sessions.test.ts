import { describe, expect, it } from 'vitest'
import { RECENT_SESSION_MS, RecentSessions } from '../../../server/auth/recent-sessions.ts'
import type { SessionUser } from '../../../server/auth/sessions-repository.ts'

const user = (id: number): SessionUser => ({ id, username: `u${id}`, displayName: `U${id}`, roles: ['planner'], mustChangePassword: false })

describe('RecentSessions', () => {
  it('recalls a session only within the reuse window', () => {
    const recent = new RecentSessions()
    recent.remember('token-a', user(1), 1_000)
    expect(recent.recall('token-a', 1_000 + RECENT_SESSION_MS)).toEqual(user(1))
    expect(recent.recall('token-a', 1_001 + RECENT_SESSION_MS)).toBeUndefined()
    expect(recent.recall('token-b', 1_000)).toBeUndefined()
  })

  it('drops stale sessions once it holds many, keeping fresh ones', () => {
    const recent = new RecentSessions()
    for (let i = 0; i < 999; i++) recent.remember(`old-${i}`, user(i), 0)
    recent.remember('fresh', user(5000), RECENT_SESSION_MS)
    recent.remember('newest', user(5001), RECENT_SESSION_MS + 1)
    expect(recent.recall('old-1', 0)).toBeUndefined()
    expect(recent.recall('fresh', RECENT_SESSION_MS + 1)).toEqual(user(5000))
  })
})
