import type { Static } from 'typebox'
import type { CoverageQuerySchema, CoverageReportSchema } from '../../server/schemas/coverage.ts'
import { getJson, postForFile, sendJson, withQuery, type DownloadedFile } from './http.ts'
import type { FacilityChange, NetworkChange } from './scenarios.ts'

/**
 * What to measure: a facility kind, bands in minutes or metres as a comma
 * list (`bands: '5,10,15'`), a walking speed preset or `speedKmh`, how far
 * from a street a facility or gate may stand (`maxSnapM`) and optionally a
 * saved what-if `scenario` to apply. The same parameters serve
 * `/api/coverage`, `/api/service-areas` and the community coverage file.
 */
export type CoverageQuery = Static<typeof CoverageQuerySchema>

/** Answer of `GET /api/coverage`. */
export type CoverageReport = Static<typeof CoverageReportSchema>

/** Bands as the server resolved them: sorted, with the speed used and each limit in metres. */
export type ResolvedBands = CoverageReport['bands']

/** Coverage of one division (district, sub-district or community). */
export type DivisionCoverage = CoverageReport['divisions'][number]

/** Households, people and compounds of a division reached within one band. */
export type BandTotals = DivisionCoverage['bands'][number]

/**
 * A facility of the kind: where it stands (`position`), where it joins the
 * walk network (`lng`, `lat`), and what a what-if did to it (`status`).
 */
export type CoverageFacility = CoverageReport['facilities'][number]

/** The query parameters of a coverage request, in a fixed order. */
export function coverageParams(query: CoverageQuery): Record<string, string | number | undefined> {
  return {
    kind: query.kind,
    mode: query.mode,
    bands: query.bands,
    speed: query.speed,
    speedKmh: query.speedKmh,
    maxSnapM: query.maxSnapM,
    scenario: query.scenario,
  }
}

/** The body of a what-if request: the query's parameters as JSON, the changes, and any network edits. */
export function whatIfBody<Q extends object>(
  params: Q,
  changes: readonly FacilityChange[],
  networkChanges: readonly NetworkChange[] = [],
): Q & { changes: FacilityChange[]; networkChanges?: NetworkChange[] } {
  const body: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(params)) if (value !== undefined) body[name] = value
  return { ...(body as Q), changes: [...changes], ...(networkChanges.length > 0 ? { networkChanges: [...networkChanges] } : {}) }
}

/**
 * Computes how many households of every compound and division can walk to a
 * facility of the kind within each band. A 400 answer carries the reason in
 * `ApiError.detail`.
 */
export function fetchCoverage(query: CoverageQuery, signal?: AbortSignal): Promise<CoverageReport> {
  return getJson<CoverageReport>(withQuery('/api/coverage', coverageParams(query)), signal)
}

/**
 * Computes the coverage as if the facilities had the changes, applied in
 * order after any saved `scenario` of the query, and the walk network the
 * edits; nothing is saved. Answers
 * like {@link fetchCoverage}, with a `status` on every facility.
 */
export function fetchWhatIfCoverage(
  query: CoverageQuery,
  changes: readonly FacilityChange[],
  networkChanges: readonly NetworkChange[],
  signal?: AbortSignal,
): Promise<CoverageReport> {
  return sendJson<CoverageReport>('POST', '/api/coverage/what-if', whatIfBody(coverageParams(query), changes, networkChanges), signal)
}

/**
 * Where to download the coverage of every community as a GeoJSON file
 * (community polygons with households reached per band); the server sends
 * it as an attachment, so this is meant for a download link.
 */
export function communityCoverageDownloadUrl(query: CoverageQuery): string {
  return withQuery('/api/coverage/communities.geojson', coverageParams(query))
}

/**
 * The community coverage file as if the facilities had the changes (applied
 * after any saved `scenario` of the query) and the network the edits, laid out as
 * {@link communityCoverageDownloadUrl} lays it out; nothing is saved.
 */
export function fetchWhatIfCommunityCoverageFile(
  query: CoverageQuery,
  changes: readonly FacilityChange[],
  networkChanges: readonly NetworkChange[],
  signal?: AbortSignal,
): Promise<DownloadedFile> {
  return postForFile('/api/coverage/communities.geojson/what-if', whatIfBody(coverageParams(query), changes, networkChanges), signal)
}
