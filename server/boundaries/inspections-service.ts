import type pg from 'pg'
import type { Actor } from '../audit/audit-repository.ts'
import { auditedChange } from '../audit/audited-change.ts'
import type { Queryable } from '../db/transaction.ts'
import { HttpError } from '../plugins/problem-errors.ts'
import type { Finding, FindingInput, Inspection, InspectionCreateInput, InspectionUpdateInput } from '../schemas/boundary-inspections.ts'
import type { BoundaryDocument } from '../schemas/boundary-common.ts'
import { listDocuments } from './documents-repository.ts'
import {
  insertInspection,
  listFindings,
  readInspection,
  readLineName,
  readMarkerLines,
  replaceFindings,
  updateInspection,
  type FindingRow,
  type InspectionRow,
} from './inspections-repository.ts'
import { todayInChina } from '../calendar-date.ts'

type InspectionFields = Omit<InspectionUpdateInput, 'version' | 'findings'>
/** A finding as given, or as stored when an edit keeps the findings. */
type FindingFields = Omit<FindingInput, 'condition'> & { condition?: string | null | undefined }

/** An inspection with its findings and documents, as GET /api/boundaries/inspections/:id answers. */
export type InspectionDetail = Inspection & { findings: Finding[]; documents: BoundaryDocument[] }

/** The inspection with its findings and documents; undefined when there is none. */
export async function readInspectionDetail(db: Queryable, id: number): Promise<InspectionDetail | undefined> {
  const inspection = await readInspection(db, id)
  if (!inspection) return undefined
  return { ...inspection, findings: await listFindings(db, id), documents: await listDocuments(db, { inspectionId: id }) }
}

/** Checks an inspection's fields and trims its texts; a 400 names the field. */
function inspectionRow(body: InspectionFields, today: string): InspectionRow {
  const reason = (body.reason ?? '').trim()
  if (body.kind === 'ad_hoc' && reason === '') throw new HttpError(400, 'reason: an ad hoc inspection needs its reason (a flood, a river change, a dispute…)')
  const plannedOn = body.plannedOn ?? null
  const doneOn = body.doneOn ?? null
  if (plannedOn === null && doneOn === null) throw new HttpError(400, 'plannedOn: give the date the inspection is planned for, or doneOn when it was done')
  if (doneOn !== null && doneOn > today) throw new HttpError(400, `doneOn: ${doneOn} is in the future (today is ${today}); plan the round with plannedOn instead`)
  const parties = (body.parties ?? []).map((party) => party.trim())
  const blank = parties.findIndex((party) => party === '')
  if (blank >= 0) throw new HttpError(400, `parties[${blank}]: must not be blank`)
  return {
    kind: body.kind,
    reason,
    plannedOn,
    doneOn,
    officeCheck: body.officeCheck ?? true,
    fieldCheck: body.fieldCheck ?? true,
    parties,
    summary: body.summary ?? '',
  }
}

/** Checks findings against the inspection's line and state; a 400 names the finding and its field. */
async function findingRows(db: Queryable, findings: readonly FindingFields[], line: { id: number; code: string }, doneOn: string | null): Promise<FindingRow[]> {
  const markerIds = findings.flatMap((finding) => (finding.markerId == null ? [] : [finding.markerId]))
  const markers = await readMarkerLines(db, markerIds)
  return findings.map((finding, i) => {
    const markerId = finding.markerId ?? null
    const segment = (finding.segment ?? '').trim()
    const condition = finding.condition ?? null
    if (markerId === null && segment === '') throw new HttpError(400, `findings[${i}].segment: name the marker (markerId) or the segment the finding is about`)
    if (markerId !== null) {
      const marker = markers.get(markerId)
      if (!marker) throw new HttpError(400, `findings[${i}].markerId: there is no marker ${markerId}`)
      if (marker.lineId !== line.id) throw new HttpError(400, `findings[${i}].markerId: marker ${marker.number} is not on line ${line.code}`)
    }
    if (condition !== null && markerId === null) throw new HttpError(400, `findings[${i}].condition: only a marker has a condition; give its markerId`)
    if (condition !== null && doneOn === null) {
      throw new HttpError(400, `findings[${i}].condition: a marker’s condition is recorded once the inspection is done (give doneOn)`)
    }
    return { markerId, segment, condition, finding: (finding.finding ?? '').trim(), actionTaken: (finding.actionTaken ?? '').trim() }
  })
}

/**
 * Records an inspection round and its findings. A finding with a marker and
 * a condition on a done round enters the marker's condition history and
 * sets the marker's condition (unless the field observed it later). A done
 * date before the planned one is fine (rounds are brought forward).
 */
export async function createInspection(pool: pg.Pool, actor: Actor, body: InspectionCreateInput, today = todayInChina()) {
  const { lineId, findings = [], ...fields } = body
  const row = inspectionRow(fields, today)
  return auditedChange(pool, actor, async (tx) => {
    const line = await readLineName(tx, lineId)
    if (!line) throw new HttpError(400, `lineId: there is no boundary line ${lineId}`)
    const rows = await findingRows(tx, findings, line, row.doneOn)
    const id = await insertInspection(tx, lineId, row, actor.name)
    await replaceFindings(tx, id, rows, row.doneOn, actor.name)
    const created = (await readInspectionDetail(tx, id))!
    return { result: created, audit: { entity: 'boundary-inspection', entityId: id, action: 'create', before: null, after: created } }
  })
}

/** What saving an inspection came to: the saved detail, the stored one when the edit was stale, or nothing found. */
export type InspectionSaveOutcome = { saved: InspectionDetail } | { stale: InspectionDetail } | 'missing'

/**
 * Saves an edit of an inspection (the line stays). Findings given replace
 * the stored ones, with the condition history they brought (a marker's
 * condition stays as it is until a new finding sets it); left out, the
 * stored findings are kept and recorded again (following a changed done date).
 */
export async function saveInspection(pool: pg.Pool, actor: Actor, id: number, body: InspectionUpdateInput, today = todayInChina()): Promise<InspectionSaveOutcome> {
  const { version, findings, ...fields } = body
  const row = inspectionRow(fields, today)
  return auditedChange<InspectionSaveOutcome>(pool, actor, async (tx) => {
    const before = await readInspectionDetail(tx, id)
    if (!before) return { result: 'missing' as const, audit: null }
    if (before.version !== version) return { result: { stale: before }, audit: null }
    const line = { id: before.lineId, code: before.lineCode }
    const rows = await findingRows(tx, findings ?? before.findings, line, row.doneOn)
    if (!(await updateInspection(tx, id, version, row))) return { result: { stale: (await readInspectionDetail(tx, id))! }, audit: null }
    await replaceFindings(tx, id, rows, row.doneOn, actor.name)
    const saved = (await readInspectionDetail(tx, id))!
    return { result: { saved }, audit: { entity: 'boundary-inspection', entityId: id, action: 'update', before, after: saved } }
  })
}
