import type { Queryable } from '../db/transaction.ts'
import { sqlDate as date } from '../db/sql-dates.ts'

/** A line in force with what the line-status rule reads; status and due year are computed by the caller. */
export interface LineScheduleRow {
  id: number
  code: string
  name: string
  level: string
  leftCode: string
  leftName: string
  rightCode: string
  rightName: string
  lengthM: number
  source: string
  agreementNumber: string
  agreementDate: string | null
  validFrom: string | null
  validTo: string | null
  inspectionCycleYears: number
  markerCount: number
  lastInspectedOn: string | null
  plannedOn: string | null
}

/**
 * The lines in force on `today` (not ended before it) with their last done
 * inspection, periodic or ad hoc, and the latest planned date of an
 * inspection not yet done; by line code.
 */
export async function listLineSchedules(db: Queryable, today: string): Promise<LineScheduleRow[]> {
  return (
    await db.query<LineScheduleRow>(
      `SELECT l.id, l.code, l.name, l.level, l.left_code AS "leftCode", l.left_name AS "leftName", l.right_code AS "rightCode",
              l.right_name AS "rightName", ST_Length(l.geom::geography) AS "lengthM", l.source, l.agreement_number AS "agreementNumber",
              ${date('l.agreement_date')} AS "agreementDate", ${date('l.valid_from')} AS "validFrom", ${date('l.valid_to')} AS "validTo",
              l.inspection_cycle_years AS "inspectionCycleYears",
              (SELECT count(*)::int FROM boundary_markers m WHERE m.line_id = l.id) AS "markerCount",
              (SELECT ${date('max(i.done_on)')} FROM boundary_inspections i WHERE i.line_id = l.id AND i.done_on <= $1::date) AS "lastInspectedOn",
              (SELECT ${date('max(i.planned_on)')} FROM boundary_inspections i WHERE i.line_id = l.id AND i.done_on IS NULL) AS "plannedOn"
         FROM boundary_lines l
        WHERE l.valid_to IS NULL OR l.valid_to >= $1::date
        ORDER BY l.code`,
      [today],
    )
  ).rows
}

/** How many markers on lines in force on `today` are in each condition (conditions without markers left out). */
export async function countMarkersByCondition(db: Queryable, today: string): Promise<Record<string, number>> {
  const { rows } = await db.query<{ condition: string; n: number }>(
    `SELECT m.condition, count(*)::int AS n FROM boundary_markers m JOIN boundary_lines l ON l.id = m.line_id
      WHERE l.valid_to IS NULL OR l.valid_to >= $1::date GROUP BY m.condition`,
    [today],
  )
  return Object.fromEntries(rows.map((row) => [row.condition, row.n]))
}
