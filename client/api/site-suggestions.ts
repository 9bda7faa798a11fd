import type { Static } from 'typebox'
import type { SiteSuggestionBodySchema, SiteSuggestionReportSchema } from '../../server/schemas/site-suggestions.ts'
import { sendJson } from './http.ts'

/**
 * What to suggest sites for: a facility kind, one band (`minutes`, or
 * `metres` with `mode: 'distance'`), a walking speed, how many sites (`k`),
 * where they could stand (`candidates`: gates of compounds not yet covered,
 * points and parcels drawn on the map), an optional weight of elderly
 * residents, and what-if `changes` to build on.
 */
export type SiteSuggestionBody = Static<typeof SiteSuggestionBodySchema>

/** Answer of `POST /api/site-suggestions`: the picks in order, coverage before and after, and the picks as what-if changes. */
export type SiteSuggestionReport = Static<typeof SiteSuggestionReportSchema>

/**
 * Picks up to `k` sites, each the one that brings the most households not
 * yet within the band into it; nothing is saved. A 400 answer names the
 * field at fault in `ApiError.detail`.
 */
export function fetchSiteSuggestions(body: SiteSuggestionBody, signal?: AbortSignal): Promise<SiteSuggestionReport> {
  return sendJson<SiteSuggestionReport>('POST', '/api/site-suggestions', body, signal)
}
