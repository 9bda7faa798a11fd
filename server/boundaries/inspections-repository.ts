import type { Queryable } from '../db/transaction.ts'
import { sqlDate as date, sqlTimestamp as timestamp } from '../db/sql-dates.ts'
import type { Finding, Inspection } from '../schemas/boundary-inspections.ts'

/** SQL for a marker's number (line code, three-digit sequence, type code) from a marker alias `m` and its line alias `l`. */
export const markerNumberSql = (m: string, l: string) => `(${l}.code || lpad(${m}.sequence::text, 3, '0') || ${m}.type_code)`

const columns = `i.id, i.line_id AS "lineId", l.code AS "lineCode", l.name AS "lineName", i.kind, i.reason,
  ${date('i.planned_on')} AS "plannedOn", ${date('i.done_on')} AS "doneOn", i.office_check AS "officeCheck",
  i.field_check AS "fieldCheck", i.parties, i.summary,
  (SELECT count(*)::int FROM inspection_findings f WHERE f.inspection_id = i.id) AS "findingCount",
  i.recorded_by AS "recordedBy", i.version, ${timestamp('i.created_at')} AS "createdAt", ${timestamp('i.updated_at')} AS "updatedAt"`
const from = 'boundary_inspections i JOIN boundary_lines l ON l.id = i.line_id'

/** Inspections, of one line or all, the latest first (planned rounds by their planned date). */
export async function listInspections(db: Queryable, filter: { lineId?: number | undefined }): Promise<Inspection[]> {
  return (
    await db.query<Inspection>(
      `SELECT ${columns} FROM ${from} WHERE ($1::int IS NULL OR i.line_id = $1)
        ORDER BY coalesce(i.done_on, i.planned_on) DESC, i.id DESC`,
      [filter.lineId ?? null],
    )
  ).rows
}

/** Inspections not yet done, planned on `from` or later, the soonest first. */
export async function listPlannedInspections(db: Queryable, fromDay: string): Promise<Inspection[]> {
  return (
    await db.query<Inspection>(
      `SELECT ${columns} FROM ${from} WHERE i.done_on IS NULL AND i.planned_on >= $1::date ORDER BY i.planned_on, l.code, i.id`,
      [fromDay],
    )
  ).rows
}

export async function readInspection(db: Queryable, id: number): Promise<Inspection | undefined> {
  return (await db.query<Inspection>(`SELECT ${columns} FROM ${from} WHERE i.id = $1`, [id])).rows[0]
}

/** An inspection's findings in the order they were recorded. */
export async function listFindings(db: Queryable, inspectionId: number): Promise<Finding[]> {
  return (
    await db.query<Finding>(
      `SELECT f.id, f.marker_id AS "markerId", CASE WHEN m.id IS NULL THEN NULL ELSE ${markerNumberSql('m', 'l')} END AS "markerNumber",
              f.segment, f.condition, f.finding, f.action_taken AS "actionTaken"
         FROM inspection_findings f
         LEFT JOIN boundary_markers m ON m.id = f.marker_id
         LEFT JOIN boundary_lines l ON l.id = m.line_id
        WHERE f.inspection_id = $1 ORDER BY f.id`,
      [inspectionId],
    )
  ).rows
}

/** A line's code and name, or undefined when there is no such line. */
export async function readLineName(db: Queryable, lineId: number): Promise<{ id: number; code: string; name: string } | undefined> {
  return (await db.query<{ id: number; code: string; name: string }>('SELECT id, code, name FROM boundary_lines WHERE id = $1', [lineId])).rows[0]
}

/** The line, number and condition of each of the given markers that exists. */
export async function readMarkerLines(db: Queryable, markerIds: readonly number[]): Promise<Map<number, { lineId: number; number: string; condition: string }>> {
  const { rows } = await db.query<{ id: number; lineId: number; number: string; condition: string }>(
    `SELECT m.id, m.line_id AS "lineId", ${markerNumberSql('m', 'l')} AS number, m.condition
       FROM boundary_markers m JOIN boundary_lines l ON l.id = m.line_id WHERE m.id = ANY($1::int[])`,
    [[...markerIds]],
  )
  return new Map(rows.map((row) => [row.id, row]))
}

/** The stored fields of an inspection; dates `YYYY-MM-DD` or null. */
export interface InspectionRow {
  kind: string
  reason: string
  plannedOn: string | null
  doneOn: string | null
  officeCheck: boolean
  fieldCheck: boolean
  parties: string[]
  summary: string
}

/** A finding to store; `condition` only with a marker. */
export interface FindingRow {
  markerId: number | null
  segment: string
  condition: string | null
  finding: string
  actionTaken: string
}

const rowParams = (row: InspectionRow) => [row.kind, row.reason, row.plannedOn, row.doneOn, row.officeCheck, row.fieldCheck, row.parties, row.summary]

export async function insertInspection(db: Queryable, lineId: number, row: InspectionRow, recordedBy: string): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO boundary_inspections (line_id, kind, reason, planned_on, done_on, office_check, field_check, parties, summary, recorded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::text[], $9, $10) RETURNING id`,
    [lineId, ...rowParams(row), recordedBy],
  )
  return rows[0]!.id
}

/** Saves an inspection if it is still at `version`; false when it was saved since (or is gone). */
export async function updateInspection(db: Queryable, id: number, version: number, row: InspectionRow): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE boundary_inspections SET kind = $3, reason = $4, planned_on = $5, done_on = $6, office_check = $7, field_check = $8,
            parties = $9::text[], summary = $10, version = version + 1, updated_at = now()
      WHERE id = $1 AND version = $2`,
    [id, version, ...rowParams(row)],
  )
  return rowCount === 1
}

/**
 * Replaces an inspection's findings. Each finding with a marker and a
 * condition on a done inspection adds a row to the marker's condition
 * history (source 'inspection', observed on `doneOn`) and sets the
 * marker's condition ({@link applyMarkerCondition}); the history rows of
 * the findings replaced go with them, the markers' conditions stay.
 */
export async function replaceFindings(db: Queryable, inspectionId: number, findings: readonly FindingRow[], doneOn: string | null, recordedBy: string): Promise<void> {
  await db.query('DELETE FROM inspection_findings WHERE inspection_id = $1', [inspectionId])
  for (const finding of findings) {
    const { rows } = await db.query<{ id: number }>(
      `INSERT INTO inspection_findings (inspection_id, marker_id, segment, condition, finding, action_taken)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [inspectionId, finding.markerId, finding.segment, finding.condition, finding.finding, finding.actionTaken],
    )
    if (finding.markerId === null || finding.condition === null || doneOn === null) continue
    await db.query(
      `INSERT INTO marker_conditions (marker_id, condition, observed_on, source, finding_id, note, recorded_by)
       VALUES ($1, $2, $3, 'inspection', $4, $5, $6)`,
      [finding.markerId, finding.condition, doneOn, rows[0]!.id, finding.finding, recordedBy],
    )
    await applyMarkerCondition(db, finding.markerId, finding.condition, doneOn)
  }
}

/**
 * Sets a marker's condition as observed on `observedOn`, bumping its
 * version when that changes it; unless an inspection or damage report
 * observed the marker later, so a back-dated round does not overwrite a
 * newer observation from the field.
 */
export async function applyMarkerCondition(db: Queryable, markerId: number, condition: string, observedOn: string): Promise<void> {
  await db.query(
    `UPDATE boundary_markers m SET condition = $2, version = m.version + 1, updated_at = now()
      WHERE m.id = $1 AND m.condition <> $2
        AND NOT EXISTS (SELECT 1 FROM marker_conditions c WHERE c.marker_id = m.id AND c.source IN ('inspection', 'damage_report') AND c.observed_on > $3::date)`,
    [markerId, condition, observedOn],
  )
}

/** A line's markers by sequence and type code, with their numbers. */
export async function listLineMarkers(db: Queryable, lineId: number): Promise<{ id: number; number: string }[]> {
  return (
    await db.query<{ id: number; number: string }>(
      `SELECT m.id, ${markerNumberSql('m', 'l')} AS number FROM boundary_markers m JOIN boundary_lines l ON l.id = m.line_id
        WHERE m.line_id = $1 ORDER BY m.sequence, m.type_code`,
      [lineId],
    )
  ).rows
}
