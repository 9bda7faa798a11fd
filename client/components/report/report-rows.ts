import type { EvaluationStatus, RuleEvaluation, StandardsReport, UnitReport, UnitStatus } from '../../api/standards.ts'

/** One community of the report table, with what its columns sort and filter on. */
export interface CommunityRow {
  unit: UnitReport
  /** Name of the sub-district the community belongs to, or its parent code when the report has no such sub-district. */
  subdistrict: string
  /** How many rules the community fails. */
  flags: number
  /** How many rules cannot be evaluated for lack of data. */
  cannotEvaluate: number
  /** The community's evaluation of each rule, by rule code. */
  byRule: Readonly<Record<string, RuleEvaluation>>
}

/** A column of the community table: a fixed one, or a rule's measured value (`rule:<code>`). */
export type SortKey = 'code' | 'name' | 'subdistrict' | 'households' | 'elderly' | 'status' | 'flags' | `rule:${string}`

/** How the table is sorted. */
export interface SortOrder {
  key: SortKey
  descending: boolean
}

/** Which communities the table lists: by overall status, and only those a rule flags. */
export interface RowFilter {
  status: UnitStatus | 'all'
  /** A rule code: only communities that fail this rule; `null` for any. */
  rule: string | null
}

/** Pass first, then cannot-evaluate, then fail: sorting by status in descending order puts the worst on top. */
const STATUS_RANK: Record<EvaluationStatus, number> = { 'not-applicable': -1, pass: 0, 'cannot-evaluate': 1, fail: 2 }

/** The key that sorts by a rule's measured value. */
export function ruleSortKey(code: string): SortKey {
  return `rule:${code}`
}

/** The communities of a report as table rows, in the report's order (by code). */
export function communityRows(report: StandardsReport): CommunityRow[] {
  const subdistrictName = new Map(report.subdistricts.map((unit) => [unit.code, unit.name]))
  return report.communities.map((unit) => ({
    unit,
    subdistrict: unit.parentCode ? (subdistrictName.get(unit.parentCode) ?? unit.parentCode) : '',
    flags: unit.evaluations.filter((evaluation) => evaluation.status === 'fail').length,
    cannotEvaluate: unit.evaluations.filter((evaluation) => evaluation.status === 'cannot-evaluate').length,
    byRule: Object.fromEntries(unit.evaluations.map((evaluation) => [evaluation.rule, evaluation])),
  }))
}

/**
 * What a row sorts by in a column: text for code, name and sub-district,
 * numbers for the rest. A rule column sorts by the measured value; a rule
 * that does not apply or cannot be evaluated has none (`null`).
 */
export function sortValue(row: CommunityRow, key: SortKey): string | number | null {
  switch (key) {
    case 'code':
      return row.unit.code
    case 'name':
      return row.unit.name
    case 'subdistrict':
      return row.subdistrict
    case 'households':
      return row.unit.households
    case 'elderly':
      return row.unit.elderly
    case 'status':
      return STATUS_RANK[row.unit.status]
    case 'flags':
      return row.flags
    default: {
      const evaluation = row.byRule[key.slice('rule:'.length)]
      return evaluation && (evaluation.status === 'pass' || evaluation.status === 'fail') ? evaluation.measured : null
    }
  }
}

function compareValues(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b
  return String(a).localeCompare(String(b), 'zh-CN', { numeric: true })
}

/**
 * The rows sorted by a column. Rows without a value in it (`null`) go last
 * in either direction; ties keep the report's order (by code).
 */
export function sortRows(rows: readonly CommunityRow[], order: SortOrder): CommunityRow[] {
  const sign = order.descending ? -1 : 1
  return rows
    .map((row, index) => ({ row, index, value: sortValue(row, order.key) }))
    .sort((a, b) => {
      if (a.value === null || b.value === null) {
        if (a.value === b.value) return a.index - b.index
        return a.value === null ? 1 : -1
      }
      return sign * compareValues(a.value, b.value) || a.index - b.index
    })
    .map((entry) => entry.row)
}

/**
 * The order after a click on a column header: the same column flips its
 * direction; another column starts with the order a reader wants first
 * (text A–Z, numbers and status largest or worst first).
 */
export function nextSortOrder(current: SortOrder, key: SortKey): SortOrder {
  if (current.key === key) return { key, descending: !current.descending }
  return { key, descending: !(key === 'code' || key === 'name' || key === 'subdistrict') }
}

/** The rows a filter keeps: of the status asked for, and failing the rule asked for. */
export function filterRows(rows: readonly CommunityRow[], filter: RowFilter): CommunityRow[] {
  return rows.filter(
    (row) =>
      (filter.status === 'all' || row.unit.status === filter.status) &&
      (filter.rule === null || row.byRule[filter.rule]?.status === 'fail'),
  )
}

/** How many rows of each status there are, for the filter's labels. */
export function countByStatus(rows: readonly CommunityRow[]): Record<UnitStatus, number> {
  const counts: Record<UnitStatus, number> = { pass: 0, fail: 0, 'cannot-evaluate': 0 }
  for (const row of rows) counts[row.unit.status]++
  return counts
}
