import type pg from 'pg'
import type { Actor } from '../audit/audit-repository.ts'
import { auditedChange } from '../audit/audited-change.ts'
import type { Queryable } from '../db/transaction.ts'
import { HttpError } from '../plugins/problem-errors.ts'
import type {
  Custody,
  CustodyUpdateInput,
  DamageReport,
  DamageReportCreateInput,
  Patrol,
  PatrolCreateInput,
} from '../schemas/boundary-inspections.ts'
import {
  custodyHasMarker,
  insertCustody,
  insertDamageReport,
  insertPatrol,
  listDamageReports,
  listPatrols,
  readCustody,
  readDamageReport,
  recordDamageAction,
  updateCustody,
  type CustodyInput,
  type CustodyRow,
  type DamageReportRow,
} from './custodies-repository.ts'
import { custodyPatrolStatus, damageNeedsAttention } from './inspection-schedule.ts'
import { readLineName, readMarkerLines } from './inspections-repository.ts'
import { isCalendarDate, todayInChina } from '../calendar-date.ts'

/** A custody as the API shows it: with its patrol schedule on `today`, and without the custodian's person and contact unless `sensitive`. */
export function custodyView(row: CustodyRow, sensitive: boolean, today: string): Custody {
  return {
    ...row,
    custodianPerson: sensitive ? row.custodianPerson : null,
    custodianContact: sensitive ? row.custodianContact : null,
    ...custodyPatrolStatus(row, today),
  }
}

/** A damage report as the API shows it, with whether it has waited too long at `now`. */
export function damageReportView(row: DamageReportRow, now = new Date()): DamageReport {
  return { ...row, needsAttention: damageNeedsAttention({ reportedAt: new Date(row.reportedAt), actionAt: row.actionAt === null ? null : new Date(row.actionAt) }, now) }
}

/** A custody with its patrols and damage reports; undefined when there is none. */
export async function readCustodyDetail(db: Queryable, id: number, sensitive: boolean, today = todayInChina()) {
  const row = await readCustody(db, id)
  if (!row) return undefined
  const reports = await listDamageReports(db, { custodyId: id })
  return { ...custodyView(row, sensitive, today), patrols: await listPatrols(db, id), damageReports: reports.map((report) => damageReportView(report)) }
}

/** Checks a custody's fields and markers (all on `line`); a 400 names the field. */
async function custodyInput(db: Queryable, body: Omit<CustodyUpdateInput, 'version'>, line: { id: number; code: string }): Promise<CustodyInput> {
  const segment = body.segment.trim()
  const custodianUnit = body.custodianUnit.trim()
  const custodianPerson = body.custodianPerson.trim()
  if (segment === '') throw new HttpError(400, 'segment: must not be blank')
  if (custodianUnit === '') throw new HttpError(400, 'custodianUnit: must not be blank')
  if (custodianPerson === '') throw new HttpError(400, 'custodianPerson: must not be blank')
  const endsOn = body.endsOn ?? null
  if (endsOn !== null && endsOn < body.startsOn) throw new HttpError(400, `endsOn: ${endsOn} is before the custody starts (${body.startsOn})`)
  const markerIds = [...new Set(body.markerIds ?? [])]
  const markers = await readMarkerLines(db, markerIds)
  markerIds.forEach((markerId, i) => {
    const marker = markers.get(markerId)
    if (!marker) throw new HttpError(400, `markerIds[${i}]: there is no marker ${markerId}`)
    if (marker.lineId !== line.id) throw new HttpError(400, `markerIds[${i}]: marker ${marker.number} is not on line ${line.code}`)
  })
  return {
    segment,
    custodianUnit,
    custodianPerson,
    custodianContact: (body.custodianContact ?? '').trim(),
    patrolIntervalDays: body.patrolIntervalDays ?? 30,
    startsOn: body.startsOn,
    endsOn,
    note: body.note ?? '',
    markerIds,
  }
}

/** Entrusts a segment of a line and its markers to a custodian. */
export async function createCustody(pool: pg.Pool, actor: Actor, lineId: number, body: Omit<CustodyUpdateInput, 'version'>): Promise<Custody> {
  return auditedChange(pool, actor, async (tx) => {
    const line = await readLineName(tx, lineId)
    if (!line) throw new HttpError(400, `lineId: there is no boundary line ${lineId}`)
    const id = await insertCustody(tx, lineId, await custodyInput(tx, body, line))
    const created = (await readCustody(tx, id))!
    return { result: custodyView(created, true, todayInChina()), audit: { entity: 'boundary-custody', entityId: id, action: 'create', before: null, after: created } }
  })
}

/** Saves an edit of a custody (the line stays), its markers replaced by those given. */
export async function saveCustody(pool: pg.Pool, actor: Actor, id: number, body: CustodyUpdateInput): Promise<{ saved: Custody } | { stale: Custody } | 'missing'> {
  const { version, ...fields } = body
  const today = todayInChina()
  return auditedChange<{ saved: Custody } | { stale: Custody } | 'missing'>(pool, actor, async (tx) => {
    const before = await readCustody(tx, id)
    if (!before) return { result: 'missing', audit: null }
    const input = await custodyInput(tx, fields, { id: before.lineId, code: before.lineCode })
    if (!(await updateCustody(tx, id, version, input))) return { result: { stale: custodyView(before, true, today) }, audit: null }
    const after = (await readCustody(tx, id))!
    return { result: { saved: custodyView(after, true, today) }, audit: { entity: 'boundary-custody', entityId: id, action: 'update', before, after } }
  })
}

/** Logs a patrol of a custody: not in the future, nor outside the custody's dates. */
export async function recordPatrol(pool: pg.Pool, actor: Actor, custodyId: number, body: PatrolCreateInput, today = todayInChina()): Promise<Patrol> {
  const patroller = body.patroller.trim()
  if (patroller === '') throw new HttpError(400, 'patroller: must not be blank')
  if (body.patrolledOn > today) throw new HttpError(400, `patrolledOn: ${body.patrolledOn} is in the future (today is ${today})`)
  return auditedChange(pool, actor, async (tx) => {
    const custody = await readCustody(tx, custodyId)
    if (!custody) throw new HttpError(404, `no custody ${custodyId}`)
    if (body.patrolledOn < custody.startsOn) throw new HttpError(400, `patrolledOn: ${body.patrolledOn} is before the custody starts (${custody.startsOn})`)
    if (custody.endsOn !== null && body.patrolledOn > custody.endsOn) throw new HttpError(400, `patrolledOn: ${body.patrolledOn} is after the custody ended (${custody.endsOn})`)
    const patrol = await insertPatrol(tx, custodyId, { patrolledOn: body.patrolledOn, patroller, findings: (body.findings ?? '').trim() }, actor.name)
    return { result: patrol, audit: { entity: 'boundary-patrol', entityId: patrol.id, action: 'create', before: null, after: patrol } }
  })
}

/** How far ahead of the server's clock a report's time may be (clocks of phones in the field drift). */
const CLOCK_SKEW_MS = 5 * 60_000

/**
 * Records damage to a marker: it enters the marker's condition history and
 * sets its condition, and waits for action (flagged after 12 hours).
 */
export async function reportDamage(pool: pg.Pool, actor: Actor, body: DamageReportCreateInput, now = new Date()): Promise<DamageReport> {
  const reportedAt = new Date(body.reportedAt)
  if (Number.isNaN(reportedAt.getTime()) || !isCalendarDate(body.reportedAt.slice(0, 10))) throw new HttpError(400, `reportedAt: ${body.reportedAt} is not a time that exists`)
  if (reportedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) throw new HttpError(400, `reportedAt: ${body.reportedAt} is in the future`)
  const reportedBy = body.reportedBy.trim()
  if (reportedBy === '') throw new HttpError(400, 'reportedBy: must not be blank')
  const custodyId = body.custodyId ?? null
  return auditedChange(pool, actor, async (tx) => {
    if ((await readMarkerLines(tx, [body.markerId])).size === 0) throw new HttpError(400, `markerId: there is no marker ${body.markerId}`)
    if (custodyId !== null) {
      if (!(await readCustody(tx, custodyId))) throw new HttpError(400, `custodyId: there is no custody ${custodyId}`)
      if (!(await custodyHasMarker(tx, custodyId, body.markerId))) throw new HttpError(400, `custodyId: custody ${custodyId} does not look after marker ${body.markerId}`)
    }
    const id = await insertDamageReport(
      tx,
      { markerId: body.markerId, custodyId, reportedAt: reportedAt.toISOString(), reportedBy, condition: body.condition, description: (body.description ?? '').trim() },
      actor.name,
    )
    const report = damageReportView((await readDamageReport(tx, id))!, now)
    return { result: report, audit: { entity: 'boundary-damage-report', entityId: id, action: 'create', before: null, after: report } }
  })
}

/** Records what was done about a damage report, which closes it; 409 when it was acted on already. */
export async function actOnDamage(pool: pg.Pool, actor: Actor, id: number, actionTaken: string): Promise<DamageReport> {
  const action = actionTaken.trim()
  if (action === '') throw new HttpError(400, 'actionTaken: must not be blank')
  return auditedChange(pool, actor, async (tx) => {
    const before = await readDamageReport(tx, id)
    if (!before) throw new HttpError(404, `no damage report ${id}`)
    if (!(await recordDamageAction(tx, id, action))) throw new HttpError(409, `damage report ${id} was acted on already (${before.actionAt}): ${before.actionTaken}`)
    const after = damageReportView((await readDamageReport(tx, id))!)
    return { result: after, audit: { entity: 'boundary-damage-report', entityId: id, action: 'act', before, after } }
  })
}
