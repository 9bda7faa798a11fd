import { addDays } from '../calendar-date.ts'

/** Where a line stands in its joint-inspection cycle. */
export type LineInspectionStatus = 'ok' | 'due' | 'overdue' | 'planned'

/** What the line-status rule reads about one line. */
export interface LineScheduleFacts {
  /** Years between periodic joint inspections (boundary_lines.inspection_cycle_years). */
  inspectionCycleYears: number
  /** Date of the line's last done inspection, periodic or ad hoc; null when never inspected. */
  lastInspectedOn: string | null
  /** Date of the boundary agreement; the cycle starts here when the line was never inspected. */
  agreementDate: string | null
  /** Date the line came into force; used when there is neither an inspection nor an agreement date. */
  validFrom: string | null
  /** The latest planned date among the line's inspections not yet done; null when none is planned. */
  latestPlannedOn: string | null
}

/** A line's next due year (null when nothing dates the line) and its status. */
export interface LineSchedule {
  nextDueYear: number | null
  status: LineInspectionStatus
}

/**
 * The shared line-status rule of the boundary register. The next due year
 * is the year of the last done inspection plus the cycle; a line never
 * inspected counts from its agreement date, else from the day it came into
 * force, and is overdue when none of these is known. The line is overdue
 * when the due year has passed, due in the due year, otherwise ok; an
 * undone inspection planned for this year or later turns due or overdue
 * into 'planned' (an ok line stays ok).
 *
 * @param today `YYYY-MM-DD`, normally today's date in China (`todayInChina`).
 */
export function lineInspectionStatus(facts: LineScheduleFacts, today: string): LineSchedule {
  const thisYear = yearOf(today)
  const start = facts.lastInspectedOn ?? facts.agreementDate ?? facts.validFrom
  const nextDueYear = start === null ? null : yearOf(start) + facts.inspectionCycleYears
  let status: LineInspectionStatus
  if (nextDueYear === null || nextDueYear < thisYear) status = 'overdue'
  else if (nextDueYear === thisYear) status = 'due'
  else status = 'ok'
  if (status !== 'ok' && facts.latestPlannedOn !== null && yearOf(facts.latestPlannedOn) >= thisYear) {
    status = 'planned'
  }
  return { nextDueYear, status }
}

/** What the patrol rule reads about one custody. */
export interface CustodyPatrolFacts {
  startsOn: string
  endsOn: string | null
  patrolIntervalDays: number
  /** Date of the custody's latest patrol; null when none was logged. */
  lastPatrolledOn: string | null
}

/** When the next patrol is due (null when the custody has ended) and whether that day has passed. */
export interface CustodyPatrolStatus {
  patrolDueOn: string | null
  patrolOverdue: boolean
}

/**
 * The next patrol is due the interval after the last patrol, or after the
 * start of the custody when none was logged; it is overdue once that day
 * is before `today`. A custody that ended before `today` owes no patrol.
 */
export function custodyPatrolStatus(facts: CustodyPatrolFacts, today: string): CustodyPatrolStatus {
  if (facts.endsOn !== null && facts.endsOn < today) return { patrolDueOn: null, patrolOverdue: false }
  const from = facts.lastPatrolledOn !== null && facts.lastPatrolledOn > facts.startsOn ? facts.lastPatrolledOn : facts.startsOn
  const patrolDueOn = addDays(from, facts.patrolIntervalDays)
  return { patrolDueOn, patrolOverdue: patrolDueOn < today }
}

/** Hours within which a damage report must be acted on. */
export const DAMAGE_ACTION_HOURS = 12

/**
 * Whether a damage report has waited more than {@link DAMAGE_ACTION_HOURS}
 * without action at the instant `now`.
 */
export function damageNeedsAttention(report: { reportedAt: Date; actionAt: Date | null }, now: Date): boolean {
  return report.actionAt === null && now.getTime() - report.reportedAt.getTime() > DAMAGE_ACTION_HOURS * 3600_000
}

/**
 * The instant a dashboard "as of `today`" is judged at: now when `today`
 * is the current Shanghai date or later, else the end of that day in
 * Shanghai (midnight starting the next day, UTC+8).
 */
export function referenceInstant(today: string, now = new Date()): Date {
  const endOfDay = new Date(`${addDays(today, 1)}T00:00:00+08:00`)
  return endOfDay.getTime() < now.getTime() ? endOfDay : now
}

function yearOf(day: string): number {
  return Number(day.slice(0, 4))
}
