import type { Queryable } from '../db/transaction.ts'
import type { Actor } from '../audit/audit-repository.ts'
import type { CaseKind, CaseProposal, CaseStatus } from './naming-cases.ts'
import type { SimilarName } from './places-service.ts'
import { listCaseFiles, type CaseFile } from './gazetteer-files-repository.ts'
import { sqlDate as date, sqlTimestamp as timestamp } from '../db/sql-dates.ts'

export interface CaseEvent {
  id: number
  at: string
  actorName: string
  action: string
  fromStatus: CaseStatus | null
  toStatus: CaseStatus
  note: string
}

/** A document attached to a case, without its bytes. */
export type CaseAttachment = CaseFile

export interface NamingCase {
  id: number
  kind: CaseKind
  status: CaseStatus
  placeId: number | null
  /** The place's standard name now, for lists; null for a naming case not yet approved. */
  placeName: string | null
  title: string
  proposal: CaseProposal
  reason: string
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

export interface NamingCaseDetail extends NamingCase {
  events: CaseEvent[]
  attachments: CaseAttachment[]
}


const caseColumns = `c.id, c.kind, c.status, c.place_id AS "placeId", p.standard_name AS "placeName", c.title, c.proposal, c.reason,
  c.similar_names AS "similarNames", c.similar_acknowledged_by AS "similarAcknowledgedBy", ${timestamp('c.similar_acknowledged_at')} AS "similarAcknowledgedAt",
  ${date('c.notice_starts_on')} AS "noticeStartsOn", ${date('c.notice_ends_on')} AS "noticeEndsOn", c.authority, c.document_number AS "documentNumber",
  ${date('c.approved_on')} AS "approvedOn", ${date('c.filed_on')} AS "filedOn", ${date('c.announced_on')} AS "announcedOn",
  c.created_by AS "createdBy", c.version, ${timestamp('c.created_at')} AS "createdAt", ${timestamp('c.updated_at')} AS "updatedAt"`

export interface CaseFilter {
  status?: CaseStatus | undefined
  kind?: CaseKind | undefined
  placeId?: number | undefined
  limit: number
  offset: number
}

export async function listCases(db: Queryable, filter: CaseFilter): Promise<{ total: number; cases: NamingCase[] }> {
  const where = `($1::text IS NULL OR c.status = $1) AND ($2::text IS NULL OR c.kind = $2) AND ($3::int IS NULL OR c.place_id = $3)`
  const params = [filter.status ?? null, filter.kind ?? null, filter.placeId ?? null]
  const total = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM naming_cases c WHERE ${where}`, params)).rows[0]!.n
  const cases = (
    await db.query<NamingCase>(
      `SELECT ${caseColumns} FROM naming_cases c LEFT JOIN places p ON p.id = c.place_id WHERE ${where} ORDER BY c.updated_at DESC, c.id DESC LIMIT $4 OFFSET $5`,
      [...params, filter.limit, filter.offset],
    )
  ).rows
  return { total, cases }
}

export async function readCase(db: Queryable, id: number, options: { forUpdate?: boolean } = {}): Promise<NamingCase | undefined> {
  return (
    await db.query<NamingCase>(
      `SELECT ${caseColumns} FROM naming_cases c LEFT JOIN places p ON p.id = c.place_id WHERE c.id = $1${options.forUpdate ? ' FOR UPDATE OF c' : ''}`,
      [id],
    )
  ).rows[0]
}

export async function readCaseDetail(db: Queryable, id: number): Promise<NamingCaseDetail | undefined> {
  const found = await readCase(db, id)
  if (!found) return undefined
  const events = (
    await db.query<CaseEvent>(
      `SELECT id::int, ${timestamp('at')} AS at, actor_name AS "actorName", action, from_status AS "fromStatus", to_status AS "toStatus", note
         FROM naming_case_events WHERE case_id = $1 ORDER BY id`,
      [id],
    )
  ).rows
  return { ...found, events, attachments: await listCaseFiles(db, id) }
}

export interface CaseDraft {
  kind: CaseKind
  placeId: number | null
  title: string
  proposal: CaseProposal
  reason: string
}

export async function insertCase(db: Queryable, draft: CaseDraft, actor: Actor): Promise<number> {
  const id = (
    await db.query<{ id: number }>(
      `INSERT INTO naming_cases (kind, place_id, title, proposal, reason, created_by_id, created_by) VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7) RETURNING id`,
      [draft.kind, draft.placeId, draft.title, JSON.stringify(draft.proposal), draft.reason, actor.id, actor.name],
    )
  ).rows[0]!.id
  await insertCaseEvent(db, id, actor, 'create', null, 'draft', '')
  return id
}

/** Replaces a draft's title, proposal and reason if it is still at `version`; false otherwise. */
export async function updateCaseDraft(db: Queryable, id: number, version: number, draft: Pick<CaseDraft, 'title' | 'proposal' | 'reason'>): Promise<boolean> {
  const result = await db.query(
    `UPDATE naming_cases SET title = $3, proposal = $4::jsonb, reason = $5, version = version + 1, updated_at = now(),
            similar_names = '[]', similar_acknowledged_by = NULL, similar_acknowledged_at = NULL
      WHERE id = $1 AND version = $2`,
    [id, version, draft.title, JSON.stringify(draft.proposal), draft.reason],
  )
  return result.rowCount === 1
}

/** What a transition sets besides the status; undefined fields are left as they are. */
export interface CaseTransitionFields {
  placeId?: number | undefined
  similarNames?: SimilarName[] | undefined
  similarAcknowledgedBy?: string | null | undefined
  noticeStartsOn?: string | null | undefined
  noticeEndsOn?: string | null | undefined
  authority?: string | undefined
  documentNumber?: string | undefined
  approvedOn?: string | undefined
  filedOn?: string | undefined
  announcedOn?: string | undefined
}

/** Moves a case to `to` if it is still at `version`, with the fields the step sets; false otherwise. */
export async function updateCaseStatus(db: Queryable, id: number, version: number, to: CaseStatus, set: CaseTransitionFields): Promise<boolean> {
  const has = (key: keyof CaseTransitionFields) => set[key] !== undefined
  const result = await db.query(
    `UPDATE naming_cases SET status = $3, version = version + 1, updated_at = now(),
            place_id = CASE WHEN $4 THEN $5::int ELSE place_id END,
            similar_names = CASE WHEN $6 THEN $7::jsonb ELSE similar_names END,
            similar_acknowledged_by = CASE WHEN $6 THEN $8 ELSE similar_acknowledged_by END,
            similar_acknowledged_at = CASE WHEN $6 THEN (CASE WHEN $8::text IS NULL THEN NULL ELSE now() END) ELSE similar_acknowledged_at END,
            notice_starts_on = CASE WHEN $9 THEN $10::date ELSE notice_starts_on END,
            notice_ends_on = CASE WHEN $9 THEN $11::date ELSE notice_ends_on END,
            authority = COALESCE($12, authority), document_number = COALESCE($13, document_number),
            approved_on = COALESCE($14::date, approved_on), filed_on = COALESCE($15::date, filed_on), announced_on = COALESCE($16::date, announced_on)
      WHERE id = $1 AND version = $2`,
    [
      id, version, to,
      has('placeId'), set.placeId ?? null,
      has('similarNames'), JSON.stringify(set.similarNames ?? []), set.similarAcknowledgedBy ?? null,
      has('noticeStartsOn') || has('noticeEndsOn'), set.noticeStartsOn ?? null, set.noticeEndsOn ?? null,
      set.authority ?? null, set.documentNumber ?? null, set.approvedOn ?? null, set.filedOn ?? null, set.announcedOn ?? null,
    ],
  )
  return result.rowCount === 1
}

export async function insertCaseEvent(db: Queryable, caseId: number, actor: Actor, action: string, from: CaseStatus | null, to: CaseStatus, note: string): Promise<void> {
  await db.query(
    `INSERT INTO naming_case_events (case_id, actor_id, actor_name, action, from_status, to_status, note) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [caseId, actor.id, actor.name, action, from, to, note],
  )
}

/** Cases of a place, newest first, for its timeline. */
export async function listCasesOfPlace(db: Queryable, placeId: number): Promise<NamingCase[]> {
  return (
    await db.query<NamingCase>(`SELECT ${caseColumns} FROM naming_cases c LEFT JOIN places p ON p.id = c.place_id WHERE c.place_id = $1 ORDER BY c.created_at DESC, c.id DESC`, [placeId])
  ).rows
}

/** Cases still in progress that would change the place: a second one must wait. */
export async function findOpenCaseOfPlace(db: Queryable, placeId: number, exceptCaseId: number | null): Promise<{ id: number; kind: CaseKind } | undefined> {
  return (
    await db.query<{ id: number; kind: CaseKind }>(
      `SELECT id, kind FROM naming_cases WHERE place_id = $1 AND id IS DISTINCT FROM $2 AND status IN ('submitted', 'under_review') LIMIT 1`,
      [placeId, exceptCaseId],
    )
  ).rows[0]
}
