import type { Static } from 'typebox'
import type { WalkTimeQuerySchema, WalkTimeSchema } from '../../server/schemas/coverage.ts'
import { whatIfBody } from './coverage.ts'
import { getJson, sendJson, withQuery } from './http.ts'
import type { FacilityChange, NetworkChange } from './scenarios.ts'

/** A point (`lng`, `lat`), a facility kind, a walking speed and optionally a saved scenario. */
export type WalkTimeQuery = Static<typeof WalkTimeQuerySchema>

/**
 * Answer of `GET /api/walk-time`: where the point joins the walk network (or
 * why it cannot), and the walk to the nearest facility of the kind; the
 * distance, minutes and facility are `null` when none can be reached.
 */
export type WalkTime = Static<typeof WalkTimeSchema>

/** Asks how far a point is on foot from the nearest facility of a kind. */
export function fetchWalkTime(query: WalkTimeQuery, signal?: AbortSignal): Promise<WalkTime> {
  return getJson<WalkTime>(withQuery('/api/walk-time', walkTimeParams(query)), signal)
}

/** Asks the same as {@link fetchWalkTime}, as if the facilities had the changes and the network the edits. */
export function fetchWhatIfWalkTime(
  query: WalkTimeQuery,
  changes: readonly FacilityChange[],
  networkChanges: readonly NetworkChange[],
  signal?: AbortSignal,
): Promise<WalkTime> {
  return sendJson<WalkTime>('POST', '/api/walk-time/what-if', whatIfBody(walkTimeParams(query), changes, networkChanges), signal)
}

function walkTimeParams(query: WalkTimeQuery) {
  return {
    kind: query.kind,
    lng: query.lng,
    lat: query.lat,
    speed: query.speed,
    speedKmh: query.speedKmh,
    maxSnapM: query.maxSnapM,
    scenario: query.scenario,
  }
}
