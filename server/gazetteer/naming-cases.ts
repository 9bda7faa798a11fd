import type { PlaceFields } from './place-record.ts'

export type CaseKind = 'naming' | 'renaming' | 'retiring' | 'correction'
export const CASE_KINDS: readonly CaseKind[] = ['naming', 'renaming', 'retiring', 'correction']

export type CaseStatus = 'draft' | 'submitted' | 'under_review' | 'approved' | 'filed' | 'announced' | 'returned' | 'rejected' | 'withdrawn'

export type CaseAction = 'submit' | 'withdraw' | 'start-review' | 'return' | 'reject' | 'approve' | 'file' | 'announce'
export const CASE_ACTIONS: readonly CaseAction[] = ['submit', 'withdraw', 'start-review', 'return', 'reject', 'approve', 'file', 'announce']

/** A new place: every field of its record. */
export interface NamingProposal {
  fields: PlaceFields
}

/** A new standard name for an existing place, in force from `effectiveOn` (the approval date when null). */
export interface RenamingProposal {
  standardName: string
  specificPart: string
  genericPart: string
  romanization: string
  romanizationConfirmed: boolean
  effectiveOn: string | null
}

/** The place ceases on `abolishedOn` (the approval date when null); its record stays, as historical. */
export interface RetiringProposal {
  abolishedOn: string | null
}

/** A data fix: the record's fields as they should be. Not a legal event: no approval document is needed. */
export interface CorrectionProposal {
  fields: PlaceFields
}

export type CaseProposal = NamingProposal | RenamingProposal | RetiringProposal | CorrectionProposal

/** Where each action may start from and where it leads. */
const TRANSITIONS: Record<CaseAction, { from: readonly CaseStatus[]; to: CaseStatus }> = {
  submit: { from: ['draft', 'returned'], to: 'submitted' },
  withdraw: { from: ['draft', 'submitted', 'under_review', 'returned'], to: 'withdrawn' },
  'start-review': { from: ['submitted'], to: 'under_review' },
  return: { from: ['submitted', 'under_review'], to: 'returned' },
  reject: { from: ['submitted', 'under_review'], to: 'rejected' },
  approve: { from: ['under_review'], to: 'approved' },
  file: { from: ['approved'], to: 'filed' },
  announce: { from: ['filed'], to: 'announced' },
}

/** The statuses in which the proposal may still be edited. */
export const EDITABLE_STATUSES: readonly CaseStatus[] = ['draft', 'returned']

/**
 * The status an action leads to, or why it cannot be taken now. Corrections
 * end at approval: they are not filed or announced, being no legal event.
 */
export function nextCaseStatus(kind: CaseKind, status: CaseStatus, action: CaseAction): { to: CaseStatus } | { refused: string } {
  const transition = TRANSITIONS[action]
  if (kind === 'correction' && (action === 'file' || action === 'announce')) {
    return { refused: `a correction is not a legal event: it is not filed or announced (it ended when approved)` }
  }
  if (!transition.from.includes(status)) {
    return { refused: `a case that is ${status.replace('_', ' ')} cannot be ${PAST[action]}; that needs a case that is ${transition.from.map((s) => s.replace('_', ' ')).join(' or ')}` }
  }
  return { to: transition.to }
}

const PAST: Record<CaseAction, string> = {
  submit: 'submitted',
  withdraw: 'withdrawn',
  'start-review': 'taken into review',
  return: 'returned',
  reject: 'rejected',
  approve: 'approved',
  file: 'filed',
  announce: 'announced',
}

/** Whether a kind needs the approving authority, document number and date when approved. */
export const needsApprovalDocument = (kind: CaseKind) => kind !== 'correction'
