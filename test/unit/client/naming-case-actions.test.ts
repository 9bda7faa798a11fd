import { describe, expect, it } from 'vitest'
import { CASE_KINDS, CASE_STATUSES, type CaseAction } from '../../../client/api/gazetteer-cases.ts'
import type { Role } from '../../../client/api/auth.ts'
import { availableActions, casePath, isEditable, mayAttach } from '../../../client/state/naming-case.svelte.ts'
import { ACCESS_POLICY } from '../../../server/auth/access-policy.ts'
import { ROLES } from '../../../server/auth/roles.ts'
import { CASE_ACTIONS, EDITABLE_STATUSES, nextCaseStatus } from '../../../server/gazetteer/naming-cases.ts'

const holding =
  (...roles: Role[]) =>
  (role: Role) =>
    roles.includes(role)

describe('the steps a case page offers', () => {
  it('gives an editor submission and withdrawal of a draft, and an approver nothing on it', () => {
    expect(availableActions('naming', 'draft', holding('place_name_editor'))).toEqual(['submit', 'withdraw'])
    expect(availableActions('naming', 'draft', holding('place_name_approver'))).toEqual([])
  })

  it('gives an approver the review, and then the approval, with return and rejection beside it', () => {
    expect(availableActions('renaming', 'submitted', holding('place_name_approver'))).toEqual(['start-review', 'return', 'reject'])
    expect(availableActions('renaming', 'under_review', holding('place_name_approver'))).toEqual(['approve', 'return', 'reject'])
    expect(availableActions('renaming', 'under_review', holding('place_name_editor')), 'an editor may still withdraw').toEqual(['withdraw'])
  })

  it('files and announces an approved naming, but ends a correction at its approval', () => {
    expect(availableActions('naming', 'approved', holding('place_name_editor'))).toEqual(['file'])
    expect(availableActions('naming', 'filed', holding('place_name_approver'))).toEqual(['announce'])
    expect(availableActions('correction', 'approved', holding('place_name_editor', 'place_name_approver'))).toEqual([])
  })

  it('offers nothing to readers, nor on a case that has ended', () => {
    expect(availableActions('naming', 'submitted', holding('viewer', 'planner', 'admin'))).toEqual([])
    for (const status of ['announced', 'rejected', 'withdrawn'] as const) {
      expect(availableActions('naming', status, holding(...ROLES)), status).toEqual([])
    }
  })

  it('offers exactly the steps the server’s state machine and access table allow, for every kind, status and role', () => {
    for (const kind of CASE_KINDS) {
      for (const status of CASE_STATUSES) {
        for (const role of ROLES) {
          const expected = CASE_ACTIONS.filter((action: CaseAction) => {
            const allowed = ACCESS_POLICY[`POST /api/gazetteer/cases/:id/${action}`]
            return 'to' in nextCaseStatus(kind, status, action) && Array.isArray(allowed) && allowed.includes(role)
          })
          expect(new Set(availableActions(kind, status, holding(role))), `${kind} ${status} ${role}`).toEqual(new Set(expected))
        }
      }
    }
  })
})

describe('case statuses', () => {
  it('lead a correction to its approval and the other kinds on to the announcement', () => {
    expect(casePath('correction')).toEqual(['draft', 'submitted', 'under_review', 'approved'])
    expect(casePath('naming')).toEqual(['draft', 'submitted', 'under_review', 'approved', 'filed', 'announced'])
  })

  it('let a proposal be edited where the server lets it be, and take only the approval and notices once decided', () => {
    for (const status of CASE_STATUSES) expect(isEditable(status), status).toBe(EDITABLE_STATUSES.includes(status))
    expect(mayAttach('draft', 'expert')).toBe(true)
    expect(mayAttach('approved', 'expert')).toBe(false)
    expect(mayAttach('approved', 'approval')).toBe(true)
    expect(mayAttach('announced', 'notice')).toBe(true)
  })
})
