import type { Role } from '../../api/auth.ts'
import type { AdminUser } from '../../api/users.ts'

/** The fields of a user an administrator edits. */
export interface UserFields {
  displayName: string
  roles: readonly Role[]
  active: boolean
}

/** One edited field that differs between two versions of a user. */
export type UserChange =
  | { field: 'displayName'; before: string; after: string }
  | { field: 'roles'; before: readonly Role[]; after: readonly Role[] }
  | { field: 'active'; before: boolean; after: boolean }

/** Whether two role lists hold the same roles, in any order. */
export function sameRoles(a: readonly Role[], b: readonly Role[]): boolean {
  return a.length === b.length && a.every((role) => b.includes(role))
}

/** What differs in the edited fields between `before` and `after`, e.g. what someone else changed meanwhile. */
export function userChanges(before: UserFields, after: UserFields): UserChange[] {
  const changes: UserChange[] = []
  if (before.displayName !== after.displayName) changes.push({ field: 'displayName', before: before.displayName, after: after.displayName })
  if (!sameRoles(before.roles, after.roles)) changes.push({ field: 'roles', before: before.roles, after: after.roles })
  if (before.active !== after.active) changes.push({ field: 'active', before: before.active, after: after.active })
  return changes
}

/** The edited fields of a stored user. */
export function userFields(user: AdminUser): UserFields {
  return { displayName: user.displayName, roles: user.roles, active: user.active }
}

/**
 * Re-applies an edit to a newer version of the user: each field the edit
 * changed from the version it started from keeps the edit's value; every
 * other field takes the newer version's, so nobody's change is lost by
 * accident.
 */
export function reapplyEdit(started: UserFields, edited: UserFields, newer: UserFields): UserFields {
  return {
    displayName: edited.displayName !== started.displayName ? edited.displayName : newer.displayName,
    roles: !sameRoles(edited.roles, started.roles) ? edited.roles : newer.roles,
    active: edited.active !== started.active ? edited.active : newer.active,
  }
}
