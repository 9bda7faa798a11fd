import type {
  CaseAction,
  CaseKind,
  CaseStatus,
  CorrectionProposal,
  NamingProposal,
  RenamingProposal,
  RetiringProposal,
} from '../../server/gazetteer/naming-cases.ts'
import type { SimilarName } from './gazetteer-places.ts'
import { ApiError, getJson, sendFile, sendJson, withQuery } from './http.ts'

export type { CaseAction, CaseKind, CaseStatus, CorrectionProposal, NamingProposal, RenamingProposal, RetiringProposal }

/** Every case kind, in the order menus list them. */
export const CASE_KINDS: readonly CaseKind[] = ['naming', 'renaming', 'retiring', 'correction']

/** Every case status, along the path a case takes and then the ways out of it. */
export const CASE_STATUSES: readonly CaseStatus[] = ['draft', 'submitted', 'under_review', 'approved', 'filed', 'announced', 'returned', 'rejected', 'withdrawn']

/** What a case proposes; its shape follows the kind. */
export type CaseProposal = NamingProposal | RenamingProposal | RetiringProposal | CorrectionProposal

/** A naming case (申报) as lists show it. */
export interface NamingCase {
  id: number
  kind: CaseKind
  status: CaseStatus
  placeId: number | null
  /** The place's standard name now; `null` for a naming case before approval. */
  placeName: string | null
  title: string
  proposal: CaseProposal
  reason: string
  /** The identical and same-sounding names found when the case was submitted. */
  similarNames: SimilarName[]
  similarAcknowledgedBy: string | null
  similarAcknowledgedAt: string | null
  noticeStartsOn: string | null
  noticeEndsOn: string | null
  authority: string
  documentNumber: string
  approvedOn: string | null
  filedOn: string | null
  announcedOn: string | null
  createdBy: string
  version: number
  createdAt: string
  updatedAt: string
}

/** One step a case took. */
export interface CaseEvent {
  id: number
  at: string
  actorName: string
  action: string
  fromStatus: CaseStatus | null
  toStatus: CaseStatus
  note: string
}

/** The kinds of document a case may carry. */
export type AttachmentKind = 'assessment' | 'expert' | 'consultation' | 'notice' | 'approval' | 'other'

/** Every attachment kind, in the order forms list them. */
export const ATTACHMENT_KINDS: readonly AttachmentKind[] = ['assessment', 'expert', 'consultation', 'notice', 'approval', 'other']

/** A document attached to a case, without its bytes. */
export interface CaseAttachment {
  id: number
  kind: AttachmentKind
  filename: string
  mediaType: string
  sizeBytes: number
  uploadedBy: string
  uploadedAt: string
}

/** A case with its steps and documents. */
export interface NamingCaseDetail extends NamingCase {
  events: CaseEvent[]
  attachments: CaseAttachment[]
}

/** Which cases to list. */
export interface CaseListQuery {
  status?: CaseStatus
  kind?: CaseKind
  placeId?: number
  limit: number
  offset: number
}

/** A new case, opened as a draft. */
export interface CaseDraft {
  kind: CaseKind
  /** The place a renaming, retiring or correction case changes; `null` for naming. */
  placeId: number | null
  title: string
  proposal: CaseProposal
  reason: string
}

/** What a step of a case carries besides the version it was taken from. */
export interface CaseActionInput {
  note?: string
  acknowledgeSimilar?: boolean
  noticeStartsOn?: string | null
  noticeEndsOn?: string | null
  authority?: string
  documentNumber?: string
  approvedOn?: string
  on?: string
}

/** The media types the server takes as case attachments. */
export const ATTACHMENT_MEDIA_TYPES: readonly string[] = [
  'application/pdf',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'image/jpeg',
  'image/png',
  'image/webp',
]

/** Lists cases, most recently changed first. */
export function fetchCases(query: CaseListQuery, signal?: AbortSignal): Promise<{ total: number; cases: NamingCase[] }> {
  return getJson(withQuery('/api/gazetteer/cases', { status: query.status, kind: query.kind, placeId: query.placeId, limit: query.limit, offset: query.offset }), signal)
}

/** Loads one case with its events and attachments. */
export function fetchCase(id: number, signal?: AbortSignal): Promise<NamingCaseDetail> {
  return getJson<NamingCaseDetail>(`/api/gazetteer/cases/${id}`, signal)
}

/** Opens a case as a draft; fields that cannot be accepted answer 400 with `problems`. */
export function createCase(draft: CaseDraft, signal?: AbortSignal): Promise<NamingCaseDetail> {
  return sendJson<NamingCaseDetail>('POST', '/api/gazetteer/cases', draft, signal)
}

/** Changes a draft or returned case begun from `version`. */
export function updateCase(id: number, draft: Pick<CaseDraft, 'title' | 'proposal' | 'reason'>, version: number, signal?: AbortSignal): Promise<NamingCaseDetail> {
  return sendJson<NamingCaseDetail>('PUT', `/api/gazetteer/cases/${id}`, { ...draft, version }, signal)
}

/**
 * Takes one step of a case from `version`. A submission of a name that is
 * identical to or sounds like an existing one answers 409 with
 * `similarNames` until `acknowledgeSimilar` is sent.
 */
export function actOnCase(id: number, action: CaseAction, version: number, input: CaseActionInput, signal?: AbortSignal): Promise<NamingCaseDetail> {
  return sendJson<NamingCaseDetail>('POST', `/api/gazetteer/cases/${id}/${action}`, { ...input, version }, signal)
}

/** Attaches a document to a case: the file itself is the body, its type the content type. */
export function uploadCaseAttachment(id: number, kind: AttachmentKind, file: File, signal?: AbortSignal): Promise<CaseAttachment> {
  return sendFile<CaseAttachment>(withQuery(`/api/gazetteer/cases/${id}/attachments`, { kind, filename: file.name }), file, file.type, signal)
}

/** Removes an attachment from a draft or returned case. */
export function deleteCaseAttachment(id: number, fileId: number, signal?: AbortSignal): Promise<void> {
  return sendJson<void>('DELETE', `/api/gazetteer/cases/${id}/attachments/${fileId}`, undefined, signal)
}

/** The download link of a gazetteer file (a case document or a sign photo). */
export function gazetteerFileUrl(fileId: number): string {
  return `/api/gazetteer/files/${fileId}`
}

/** The stored case a 409 for a stale version carries; `null` for any other error. */
export function staleCase(error: unknown): NamingCaseDetail | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null
  const current = error.problem?.current as Partial<NamingCaseDetail> | undefined
  return typeof current === 'object' && current !== null && typeof current.version === 'number' ? (current as NamingCaseDetail) : null
}
