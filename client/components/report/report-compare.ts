import type { StandardsReport, UnitReport, UnitStatus } from '../../api/standards.ts'

/** What changed for one unit (community, sub-district or the district) between today's report and a scenario's. */
export interface UnitChange {
  /** The unit's status today; `null` when today's report does not list it. */
  before: UnitStatus | null
  after: UnitStatus
  /** Whether the status is not what it is today. */
  statusChanged: boolean
  /** Rules the unit fails today and no longer fails in the scenario. */
  resolved: string[]
  /** Rules the unit does not fail today and fails in the scenario. */
  added: string[]
  /** For a sub-district or the district: how many of its communities had each status today. */
  countsBefore: Record<UnitStatus, number> | null
}

/** How a scenario's report differs from today's, by unit code. */
export interface ReportComparison {
  units: ReadonlyMap<string, UnitChange>
  /** The district's community counts today, by status; `null` when either report has no district. */
  districtBefore: Record<UnitStatus, number> | null
}

const failing = (unit: UnitReport | undefined) =>
  new Set(unit ? unit.evaluations.filter((evaluation) => evaluation.status === 'fail').map((evaluation) => evaluation.rule) : [])

/** The change of one unit against today's version of it (rules in the scenario report's order). */
export function compareUnit(before: UnitReport | undefined, after: UnitReport): UnitChange {
  const was = failing(before)
  const now = failing(after)
  const order = after.evaluations.map((evaluation) => evaluation.rule)
  for (const rule of was) if (!order.includes(rule)) order.push(rule)
  return {
    before: before?.status ?? null,
    after: after.status,
    statusChanged: before !== undefined && before.status !== after.status,
    resolved: order.filter((rule) => was.has(rule) && !now.has(rule)),
    added: order.filter((rule) => now.has(rule) && !was.has(rule)),
    countsBefore: before && before.level !== 'community' ? { ...before.communities } : null,
  }
}

/**
 * Compares a scenario's report with today's report of the same set and
 * version; `null` when either is missing or they are of different sets or
 * versions (nothing to compare then).
 */
export function compareReports(today: StandardsReport | null, scenario: StandardsReport | null): ReportComparison | null {
  if (!today || !scenario) return null
  if (today.set.id !== scenario.set.id || today.set.version !== scenario.set.version) return null
  const todayUnits = new Map<string, UnitReport>()
  for (const unit of [...today.communities, ...today.subdistricts, ...(today.district ? [today.district] : [])]) todayUnits.set(unit.code, unit)
  const units = new Map<string, UnitChange>()
  for (const unit of [...scenario.communities, ...scenario.subdistricts, ...(scenario.district ? [scenario.district] : [])]) {
    units.set(unit.code, compareUnit(todayUnits.get(unit.code), unit))
  }
  const district = scenario.district ? units.get(scenario.district.code) : undefined
  return { units, districtBefore: district?.countsBefore ?? null }
}

/** Whether a unit's change is worth showing: its status or any of its flags changed. */
export function hasChange(change: UnitChange | undefined): change is UnitChange {
  return change !== undefined && (change.statusChanged || change.resolved.length > 0 || change.added.length > 0)
}

/** A count's change against today as text: "+2", "−3", or `null` when it did not change. */
export function deltaText(before: number, after: number): string | null {
  const delta = after - before
  if (delta === 0) return null
  return delta > 0 ? `+${delta}` : `−${-delta}`
}

/** How a rule's flag on a unit changed against today, for its cell. */
export function ruleChange(change: UnitChange | undefined, rule: string): 'resolved' | 'added' | null {
  if (!change) return null
  if (change.resolved.includes(rule)) return 'resolved'
  if (change.added.includes(rule)) return 'added'
  return null
}
