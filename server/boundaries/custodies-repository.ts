import type { Queryable } from '../db/transaction.ts'
import { sqlDate as date, sqlTimestamp as timestamp } from '../db/sql-dates.ts'
import type { Patrol } from '../schemas/boundary-inspections.ts'
import { applyMarkerCondition, markerNumberSql } from './inspections-repository.ts'

/** A custody as stored, custodian included; the service adds the patrol schedule and redacts. */
export interface CustodyRow {
  id: number
  lineId: number
  lineCode: string
  lineName: string
  segment: string
  custodianUnit: string
  custodianPerson: string
  custodianContact: string
  patrolIntervalDays: number
  startsOn: string
  endsOn: string | null
  markerIds: number[]
  markerNumbers: string[]
  note: string
  lastPatrolledOn: string | null
  version: number
  createdAt: string
  updatedAt: string
}

const custodyColumns = `c.id, c.line_id AS "lineId", l.code AS "lineCode", l.name AS "lineName", c.segment,
  c.custodian_unit AS "custodianUnit", c.custodian_person AS "custodianPerson", c.custodian_contact AS "custodianContact",
  c.patrol_interval_days AS "patrolIntervalDays", ${date('c.starts_on')} AS "startsOn", ${date('c.ends_on')} AS "endsOn",
  coalesce((SELECT array_agg(m.id ORDER BY m.sequence, m.type_code) FROM boundary_custody_markers cm JOIN boundary_markers m ON m.id = cm.marker_id
             WHERE cm.custody_id = c.id), '{}') AS "markerIds",
  coalesce((SELECT array_agg(${markerNumberSql('m', 'l')} ORDER BY m.sequence, m.type_code) FROM boundary_custody_markers cm JOIN boundary_markers m ON m.id = cm.marker_id
             WHERE cm.custody_id = c.id), '{}') AS "markerNumbers",
  c.note, (SELECT ${date('max(p.patrolled_on)')} FROM boundary_patrols p WHERE p.custody_id = c.id) AS "lastPatrolledOn",
  c.version, ${timestamp('c.created_at')} AS "createdAt", ${timestamp('c.updated_at')} AS "updatedAt"`
const custodyFrom = 'boundary_custodies c JOIN boundary_lines l ON l.id = c.line_id'

/** Custodies, of one line or all, by line code and start. */
export async function listCustodies(db: Queryable, filter: { lineId?: number | undefined }): Promise<CustodyRow[]> {
  return (
    await db.query<CustodyRow>(
      `SELECT ${custodyColumns} FROM ${custodyFrom} WHERE ($1::int IS NULL OR c.line_id = $1) ORDER BY l.code, c.starts_on, c.id`,
      [filter.lineId ?? null],
    )
  ).rows
}

export async function readCustody(db: Queryable, id: number): Promise<CustodyRow | undefined> {
  return (await db.query<CustodyRow>(`SELECT ${custodyColumns} FROM ${custodyFrom} WHERE c.id = $1`, [id])).rows[0]
}

/** The stored fields of a custody; dates `YYYY-MM-DD`. */
export interface CustodyInput {
  segment: string
  custodianUnit: string
  custodianPerson: string
  custodianContact: string
  patrolIntervalDays: number
  startsOn: string
  endsOn: string | null
  note: string
  markerIds: number[]
}

const custodyParams = (input: CustodyInput) => [
  input.segment,
  input.custodianUnit,
  input.custodianPerson,
  input.custodianContact,
  input.patrolIntervalDays,
  input.startsOn,
  input.endsOn,
  input.note,
]

async function replaceCustodyMarkers(db: Queryable, custodyId: number, markerIds: readonly number[]): Promise<void> {
  await db.query('DELETE FROM boundary_custody_markers WHERE custody_id = $1', [custodyId])
  await db.query('INSERT INTO boundary_custody_markers (custody_id, marker_id) SELECT $1, unnest($2::int[]) ON CONFLICT DO NOTHING', [custodyId, [...markerIds]])
}

export async function insertCustody(db: Queryable, lineId: number, input: CustodyInput): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO boundary_custodies (line_id, segment, custodian_unit, custodian_person, custodian_contact, patrol_interval_days, starts_on, ends_on, note)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [lineId, ...custodyParams(input)],
  )
  await replaceCustodyMarkers(db, rows[0]!.id, input.markerIds)
  return rows[0]!.id
}

/** Saves a custody and its markers if it is still at `version`; false when it was saved since (or is gone). */
export async function updateCustody(db: Queryable, id: number, version: number, input: CustodyInput): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE boundary_custodies SET segment = $3, custodian_unit = $4, custodian_person = $5, custodian_contact = $6, patrol_interval_days = $7,
            starts_on = $8, ends_on = $9, note = $10, version = version + 1, updated_at = now()
      WHERE id = $1 AND version = $2`,
    [id, version, ...custodyParams(input)],
  )
  if (rowCount !== 1) return false
  await replaceCustodyMarkers(db, id, input.markerIds)
  return true
}

const patrolColumns = `p.id, p.custody_id AS "custodyId", ${date('p.patrolled_on')} AS "patrolledOn", p.patroller, p.findings,
  p.recorded_by AS "recordedBy", ${timestamp('p.recorded_at')} AS "recordedAt"`

/** A custody's patrols, the latest first. */
export async function listPatrols(db: Queryable, custodyId: number): Promise<Patrol[]> {
  return (await db.query<Patrol>(`SELECT ${patrolColumns} FROM boundary_patrols p WHERE p.custody_id = $1 ORDER BY p.patrolled_on DESC, p.id DESC`, [custodyId])).rows
}

export async function insertPatrol(
  db: Queryable,
  custodyId: number,
  patrol: { patrolledOn: string; patroller: string; findings: string },
  recordedBy: string,
): Promise<Patrol> {
  return (
    await db.query<Patrol>(
      `INSERT INTO boundary_patrols AS p (custody_id, patrolled_on, patroller, findings, recorded_by) VALUES ($1, $2, $3, $4, $5) RETURNING ${patrolColumns}`,
      [custodyId, patrol.patrolledOn, patrol.patroller, patrol.findings, recordedBy],
    )
  ).rows[0]!
}

/** A damage report as stored; the service adds whether it needs attention. */
export interface DamageReportRow {
  id: number
  markerId: number
  markerNumber: string
  lineId: number
  lineCode: string
  lineName: string
  custodyId: number | null
  reportedAt: string
  reportedBy: string
  condition: string
  description: string
  actionTaken: string
  actionAt: string | null
  recordedBy: string
  recordedAt: string
}

const damageColumns = `d.id, d.marker_id AS "markerId", ${markerNumberSql('m', 'l')} AS "markerNumber", l.id AS "lineId", l.code AS "lineCode",
  l.name AS "lineName", d.custody_id AS "custodyId", ${timestamp('d.reported_at')} AS "reportedAt", d.reported_by AS "reportedBy",
  d.condition, d.description, d.action_taken AS "actionTaken", ${timestamp('d.action_at')} AS "actionAt",
  d.recorded_by AS "recordedBy", ${timestamp('d.recorded_at')} AS "recordedAt"`
const damageFrom = 'boundary_damage_reports d JOIN boundary_markers m ON m.id = d.marker_id JOIN boundary_lines l ON l.id = m.line_id'

export interface DamageReportFilter {
  markerId?: number | undefined
  custodyId?: number | undefined
  /** Only reports not yet acted on. */
  open?: boolean | undefined
  /** Only reports not acted on and reported before this instant. */
  unattendedBefore?: Date | undefined
}

/** Damage reports matching the filter, the latest reported first (with `unattendedBefore`, the longest waiting first). */
export async function listDamageReports(db: Queryable, filter: DamageReportFilter): Promise<DamageReportRow[]> {
  return (
    await db.query<DamageReportRow>(
      `SELECT ${damageColumns} FROM ${damageFrom}
        WHERE ($1::int IS NULL OR d.marker_id = $1) AND ($2::int IS NULL OR d.custody_id = $2)
          AND (NOT $3::boolean OR d.action_at IS NULL)
          AND ($4::timestamptz IS NULL OR (d.action_at IS NULL AND d.reported_at < $4::timestamptz))
        ORDER BY CASE WHEN $4::timestamptz IS NULL THEN d.reported_at END DESC, d.reported_at, d.id`,
      [filter.markerId ?? null, filter.custodyId ?? null, filter.open ?? false, filter.unattendedBefore?.toISOString() ?? null],
    )
  ).rows
}

export async function readDamageReport(db: Queryable, id: number): Promise<DamageReportRow | undefined> {
  return (await db.query<DamageReportRow>(`SELECT ${damageColumns} FROM ${damageFrom} WHERE d.id = $1`, [id])).rows[0]
}

/** Whether the custody looks after the marker. */
export async function custodyHasMarker(db: Queryable, custodyId: number, markerId: number): Promise<boolean> {
  const { rowCount } = await db.query('SELECT 1 FROM boundary_custody_markers WHERE custody_id = $1 AND marker_id = $2', [custodyId, markerId])
  return rowCount === 1
}

/**
 * Stores a damage report, adds it to the marker's condition history
 * (source 'damage_report', observed on the day reported in UTC+8) and sets
 * the marker's condition ({@link applyMarkerCondition}).
 */
export async function insertDamageReport(
  db: Queryable,
  report: { markerId: number; custodyId: number | null; reportedAt: string; reportedBy: string; condition: string; description: string },
  recordedBy: string,
): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO boundary_damage_reports (marker_id, custody_id, reported_at, reported_by, condition, description, recorded_by)
     VALUES ($1, $2, $3::timestamptz, $4, $5, $6, $7) RETURNING id`,
    [report.markerId, report.custodyId, report.reportedAt, report.reportedBy, report.condition, report.description, recordedBy],
  )
  const id = rows[0]!.id
  await db.query(
    `INSERT INTO marker_conditions (marker_id, condition, observed_on, source, damage_report_id, note, recorded_by)
     VALUES ($1, $2, (($3::timestamptz AT TIME ZONE 'UTC') + interval '8 hours')::date, 'damage_report', $4, $5, $6)`,
    [report.markerId, report.condition, report.reportedAt, id, report.description, recordedBy],
  )
  const { rows: observed } = await db.query<{ day: string }>(
    `SELECT to_char(($1::timestamptz AT TIME ZONE 'UTC') + interval '8 hours', 'YYYY-MM-DD') AS day`,
    [report.reportedAt],
  )
  await applyMarkerCondition(db, report.markerId, report.condition, observed[0]!.day)
  return id
}

/** Records the action on a report not yet acted on; false when it already was. */
export async function recordDamageAction(db: Queryable, id: number, actionTaken: string): Promise<boolean> {
  const { rowCount } = await db.query(
    'UPDATE boundary_damage_reports SET action_taken = $2, action_at = now() WHERE id = $1 AND action_at IS NULL',
    [id, actionTaken],
  )
  return rowCount === 1
}
