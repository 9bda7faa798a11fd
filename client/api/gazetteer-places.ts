import type { PlaceCategoryClass } from '../../server/gazetteer/place-categories.ts'
import type { AltName, AltNameKind, FieldProblem, PlaceFields, PlaceRecord, PlaceStatus } from '../../server/gazetteer/place-record.ts'
import type { NameSimilarityReason } from '../../server/gazetteer/name-similarity.ts'
import { ApiError, getJson, sendJson, withQuery } from './http.ts'

export type { AltName, AltNameKind, FieldProblem, PlaceFields, PlaceRecord, PlaceStatus }

/** A top class of place names (GB/T 18521), with its Chinese and English names. */
export type PlaceCategory = PlaceCategoryClass

/** Which of a place's names a search matched. */
export type MatchedKind = 'standard' | AltNameKind

/** How a search matched: by the characters, toneless pinyin, pinyin initials or the romanized spelling. */
export type MatchedVia = 'characters' | 'pinyin' | 'initials' | 'romanization'

/** How well a search matched, best first. */
export type MatchRank = 'exact' | 'prefix' | 'substring' | 'fuzzy'

/** One place found by a search, with the name that matched and how. */
export interface PlaceSearchItem {
  placeId: number
  standardName: string
  /** The confirmed or entered spelling; may be empty. */
  romanization: string
  category: string
  status: PlaceStatus
  divisionCodes: string[]
  matchedName: string
  matchedKind: MatchedKind
  rank: MatchRank
  via: MatchedVia
  /** Centre of the place's extent, `[lng, lat]`; `null` for a record without a location. */
  center: [number, number] | null
  bbox: [number, number, number, number] | null
}

/** A page of search results; `total` counts every match, beyond this page too. */
export interface PlaceSearchPage {
  total: number
  items: PlaceSearchItem[]
}

/** What to search for; empty or missing filters do not restrict. */
export interface PlaceSearchQuery {
  q: string
  category?: string
  /** A 12-digit division code. */
  division?: string
  statuses: readonly PlaceStatus[]
  /** `[west, south, east, north]` in degrees. */
  bbox?: readonly [number, number, number, number]
  limit: number
  offset: number
}

/** One saved version of a place, newest first in lists. */
export interface PlaceVersion {
  version: number
  /** What saved it: register, edit, naming, renaming, retiring, correction, import, demo. */
  change: string
  caseId: number | null
  savedAt: string
  savedBy: string
}

/** One name of a place in its timeline: the standard name or another, with the span it was valid for. */
export interface TimelineName {
  name: string
  kind: MatchedKind
  romanization: string
  validFrom: string | null
  validTo: string | null
  note: string
}

/** A case of a place as its timeline lists it. */
export interface TimelineCase {
  id: number
  kind: string
  status: string
  title: string
  approvedOn: string | null
  documentNumber: string
  updatedAt: string
}

/** The names of a place over time, its cases and its versions. */
export interface PlaceTimeline {
  names: TimelineName[]
  cases: TimelineCase[]
  versions: PlaceVersion[]
}

/** One field that differs between two versions (or between the stored record and the version an edit began from). */
export interface FieldChange {
  field: string
  before: unknown
  after: unknown
}

/** A romanization suggestion: the text, the polyphonic characters a person must check, and characters without a reading. */
export interface RomanizationSuggestion {
  text: string
  polyphones: { char: string; index: number; readings: string[] }[]
  unknown: { char: string; index: number }[]
}

/** An existing name that a proposed name duplicates or resembles. */
export interface SimilarName {
  placeId: number
  name: string
  matchedKind: MatchedKind
  romanization: string
  category: string
  status: string
  divisionCodes: string[]
  reasons: NameSimilarityReason[]
}

/** What the duplicate check compares: the whole name, its parts, and where the place lies. */
export interface SimilarNameQuery {
  name: string
  specific?: string
  generic?: string
  division?: string
  exceptPlaceId?: number
}

/** The file formats the gazetteer can be exported as. */
export type PlaceExportFormat = 'geojson' | 'csv' | 'xlsx'

/** Loads the top classes of place names. */
export async function fetchPlaceCategories(signal?: AbortSignal): Promise<PlaceCategory[]> {
  return (await getJson<{ categories: PlaceCategory[] }>('/api/gazetteer/categories', signal)).categories
}

/** Searches the gazetteer by characters, pinyin, initials, other and historical names. */
export function searchPlaces(query: PlaceSearchQuery, signal?: AbortSignal): Promise<PlaceSearchPage> {
  return getJson<PlaceSearchPage>(
    withQuery('/api/gazetteer/places', {
      q: query.q.trim() || undefined,
      category: query.category || undefined,
      division: query.division || undefined,
      status: query.statuses.length > 0 ? query.statuses.join(',') : undefined,
      bbox: query.bbox ? query.bbox.map((value) => value.toFixed(6)).join(',') : undefined,
      limit: query.limit,
      offset: query.offset,
    }),
    signal,
  )
}

/** Loads a place record as it is now, or as it stood at the end of `asOf` (`YYYY-MM-DD`; 404 before it existed). */
export function fetchPlace(id: number, asOf?: string, signal?: AbortSignal): Promise<PlaceRecord> {
  return getJson<PlaceRecord>(withQuery(`/api/gazetteer/places/${id}`, { asOf: asOf || undefined }), signal)
}

/** Loads a place as saved at one version. */
export function fetchPlaceVersion(id: number, version: number, signal?: AbortSignal): Promise<PlaceRecord> {
  return getJson<PlaceRecord>(`/api/gazetteer/places/${id}/versions/${version}`, signal)
}

/** What changed between two versions of a place. */
export function fetchPlaceDiff(id: number, from: number, to: number, signal?: AbortSignal): Promise<{ from: number; to: number; changes: FieldChange[] }> {
  return getJson(withQuery(`/api/gazetteer/places/${id}/diff`, { from, to }), signal)
}

/** Loads a place's names over time, its cases and its versions. */
export function fetchPlaceTimeline(id: number, signal?: AbortSignal): Promise<PlaceTimeline> {
  return getJson<PlaceTimeline>(`/api/gazetteer/places/${id}/timeline`, signal)
}

/**
 * Saves an edit of a place begun from `version`. Someone else's save since
 * answers 409 ({@link stalePlace} reads it); fields that cannot be saved,
 * 400 ({@link fieldProblems}).
 */
export function updatePlace(id: number, fields: PlaceFields, version: number, signal?: AbortSignal): Promise<PlaceRecord> {
  return sendJson<PlaceRecord>('PUT', `/api/gazetteer/places/${id}`, { ...fields, version }, signal)
}

/** Suggests the romanized spelling of a name from its specific and generic parts. */
export function suggestRomanization(specific: string, generic: string, signal?: AbortSignal): Promise<RomanizationSuggestion> {
  return getJson<RomanizationSuggestion>(withQuery('/api/gazetteer/romanization', { specific, generic: generic || undefined }), signal)
}

/** Identical, same-sounding and same-specific names in the scope of a proposed name. */
export async function fetchSimilarNames(query: SimilarNameQuery, signal?: AbortSignal): Promise<SimilarName[]> {
  const path = withQuery('/api/gazetteer/similar-names', {
    name: query.name,
    specific: query.specific || undefined,
    generic: query.generic || undefined,
    division: query.division || undefined,
    exceptPlaceId: query.exceptPlaceId,
  })
  return (await getJson<{ similarNames: SimilarName[] }>(path, signal)).similarNames
}

/** The download link of the whole gazetteer in a format. */
export function placeExportUrl(format: PlaceExportFormat): string {
  return `/api/gazetteer/places.${format}`
}

/** The stored record and what changed since the edit began, carried by a 409 on {@link updatePlace}; `null` for any other error. */
export function stalePlace(error: unknown): { current: PlaceRecord; changes: FieldChange[] } | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null
  const current = error.problem?.current as Partial<PlaceRecord> | undefined
  if (typeof current !== 'object' || current === null || typeof current.version !== 'number') return null
  const changes = Array.isArray(error.problem?.changes) ? (error.problem.changes as FieldChange[]) : []
  return { current: current as PlaceRecord, changes }
}

/** The field problems a 400 carries (`problems`), each with its field's path; empty for any other error. */
export function fieldProblems(error: unknown): FieldProblem[] {
  if (!(error instanceof ApiError) || error.status !== 400) return []
  const problems = error.problem?.problems
  if (!Array.isArray(problems)) return []
  return problems.filter((p): p is FieldProblem => typeof p === 'object' && p !== null && typeof p.field === 'string' && typeof p.message === 'string')
}

/** The identical and same-sounding names a 409 on a submission or registration lists; `null` for any other error. */
export function similarNamesOf(error: unknown): SimilarName[] | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null
  const names = error.problem?.similarNames
  return Array.isArray(names) ? (names as SimilarName[]) : null
}
