import type { Static } from 'typebox'
import type {
  ReportQuerySchema,
  RuleEvaluationSchema,
  StandardRuleSchema,
  StandardSetSchema,
  StandardsReportSchema,
  UnitReportSchema,
} from '../../server/schemas/standards.ts'
import { ApiError, getJson, sendJson, withQuery } from './http.ts'

/** One rule of a standard set: what it measures, against which threshold, where it applies, and its source. */
export type StandardRule = Static<typeof StandardRuleSchema>

/** How bad a failed rule is. */
export type Severity = StandardRule['severity']

/** A standard set at its current version. */
export type StandardSet = Static<typeof StandardSetSchema>

/** Answer of `GET /api/report`: every community, sub-district and the district against one set. */
export type StandardsReport = Static<typeof StandardsReportSchema>

/** The report of one community, sub-district or the district. */
export type UnitReport = Static<typeof UnitReportSchema>

/** One rule applied to one unit; a failing one is a flag. */
export type RuleEvaluation = Static<typeof RuleEvaluationSchema>

/** What a rule says about a unit. */
export type EvaluationStatus = RuleEvaluation['status']

/** What a unit as a whole comes to: a fail wins over cannot-evaluate, which wins over pass. */
export type UnitStatus = UnitReport['status']

/** Which set (and version) a report is measured against; the default set when `set` is left out. */
export type ReportQuery = Static<typeof ReportQuerySchema>

/** What a set is replaced with; `version` is the one the edit started from. */
export interface StandardSetEdit {
  name: string
  description?: string
  newResidentialFromYear?: number
  rules: StandardRule[]
  version: number
}

/** The files a report can be downloaded as. */
export type ReportFileFormat = 'geojson' | 'csv' | 'xlsx'

/** Lists the standard sets, the default first. */
export async function fetchStandardSets(signal?: AbortSignal): Promise<StandardSet[]> {
  return (await getJson<{ sets: StandardSet[] }>('/api/standard-sets', signal)).sets
}

/** Copies a set under a new name, to edit it; a name already taken answers 409 with the reason in `ApiError.detail`. */
export function copyStandardSet(id: number, name: string, signal?: AbortSignal): Promise<StandardSet> {
  return sendJson<StandardSet>('POST', `/api/standard-sets/${id}/copy`, { name }, signal)
}

/**
 * Saves a new version of a set. A rule the server refuses answers 400 naming
 * it (`rules[2].threshold: …`, see {@link problemField}); when someone saved
 * the set since `edit.version`, 409, and {@link staleStandardSet} reads the
 * stored set from that error.
 */
export function updateStandardSet(id: number, edit: StandardSetEdit, signal?: AbortSignal): Promise<StandardSet> {
  return sendJson<StandardSet>('PUT', `/api/standard-sets/${id}`, edit, signal)
}

/** Makes a set the default, the one reports use when they name none. */
export function makeDefaultStandardSet(id: number, signal?: AbortSignal): Promise<StandardSet> {
  return sendJson<StandardSet>('POST', `/api/standard-sets/${id}/default`, undefined, signal)
}

/** Deletes a set; the default set answers 409. */
export function deleteStandardSet(id: number, signal?: AbortSignal): Promise<void> {
  return sendJson<void>('DELETE', `/api/standard-sets/${id}`, undefined, signal)
}

/**
 * The stored set a 409 on {@link updateStandardSet} carries when the edit
 * started from an old version; `null` for any other error (a name already
 * taken is a 409 too, without a set).
 */
export function staleStandardSet(error: unknown): StandardSet | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null
  const current = error.problem?.current
  if (typeof current !== 'object' || current === null) return null
  const set = current as Partial<StandardSet>
  return typeof set.id === 'number' && typeof set.version === 'number' && Array.isArray(set.rules) ? (current as StandardSet) : null
}

/**
 * Where in a set a server's `detail` points, in either of its forms:
 * `{ rule: 2, field: 'threshold' }` for "rules[2].threshold: …" and for
 * "body/rules/2/threshold must be >= 0", `{ rule: null, field: 'name' }`
 * for "body/name …"; `null` when it names no field.
 */
export function problemField(detail: string | null | undefined): { rule: number | null; field: string } | null {
  if (!detail) return null
  const rule = /\brules(?:\[(\d+)\]\.|\/(\d+)\/)(\w+)/.exec(detail)
  if (rule) return { rule: Number(rule[1] ?? rule[2]), field: rule[3]! }
  const top = /^(?:body\/)?(name|description|newResidentialFromYear|rules)\b/.exec(detail)
  return top ? { rule: null, field: top[1]! } : null
}

function reportParams(query: ReportQuery) {
  return { set: query.set, version: query.version, maxSnapM: query.maxSnapM, scenario: query.scenario }
}

/** Measures every community against a standard set (the default one when `set` is left out). */
export function fetchReport(query: ReportQuery, signal?: AbortSignal): Promise<StandardsReport> {
  return getJson<StandardsReport>(withQuery('/api/report', reportParams(query)), signal)
}

/**
 * Where to download the report as a file: GeoJSON (community polygons with
 * every indicator and flag), CSV or XLSX (Chinese headers, one row per
 * unit); each names the set, its version and the data version.
 */
export function reportDownloadUrl(format: ReportFileFormat, query: ReportQuery): string {
  return withQuery(`/api/report/communities.${format}`, reportParams(query))
}
