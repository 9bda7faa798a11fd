import type { Queryable } from '../db/transaction.ts'
import { MARKER_CONDITIONS, type Dashboard, type DashboardLine } from '../schemas/boundary-inspections.ts'
import { listCustodies, listDamageReports } from './custodies-repository.ts'
import { custodyView, damageReportView } from './custodies-service.ts'
import { countMarkersByCondition, listLineSchedules } from './dashboard-repository.ts'
import { DAMAGE_ACTION_HOURS, lineInspectionStatus, referenceInstant } from './inspection-schedule.ts'
import { listPlannedInspections } from './inspections-repository.ts'

/**
 * What needs doing along the boundaries as of `today` (a Shanghai date):
 * lines overdue or due for joint inspection this year (a line with a round
 * planned shows under `planned` instead), custodies whose patrol is
 * overdue, damage reports left more than 12 hours without action (judged at
 * the end of `today`, or now when `today` is the current date) and how many
 * markers are in each condition. Custodians' person and contact are left
 * out unless `sensitive`.
 */
export async function buildDashboard(db: Queryable, today: string, sensitive: boolean, now = new Date()): Promise<Dashboard> {
  const year = Number(today.slice(0, 4))
  const lines: DashboardLine[] = (await listLineSchedules(db, today)).map((row) => ({
    ...row,
    ...lineInspectionStatus({ ...row, latestPlannedOn: row.plannedOn }, today),
  }))
  const byLongestWait = (a: DashboardLine, b: DashboardLine) => (a.nextDueYear ?? 0) - (b.nextDueYear ?? 0) || a.code.localeCompare(b.code)
  const custodies = (await listCustodies(db, {})).map((row) => custodyView(row, sensitive, today))
  const instant = referenceInstant(today, now)
  const unattended = await listDamageReports(db, { unattendedBefore: new Date(instant.getTime() - DAMAGE_ACTION_HOURS * 3600_000) })
  const counts = await countMarkersByCondition(db, today)
  return {
    today,
    year,
    overdue: lines.filter((line) => line.status === 'overdue').sort(byLongestWait),
    due: lines.filter((line) => line.status === 'due'),
    planned: await listPlannedInspections(db, `${today.slice(0, 4)}-01-01`),
    patrolsOverdue: custodies.filter((custody) => custody.patrolOverdue),
    damageUnattended: unattended.map((report) => damageReportView(report, instant)),
    markersByCondition: Object.fromEntries(MARKER_CONDITIONS.map((condition) => [condition, counts[condition] ?? 0])),
  }
}
