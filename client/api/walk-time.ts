import type { Static } from 'typebox'
import type { WalkTimeQuerySchema, WalkTimeSchema } from '../../server/schemas/coverage.ts'
import { getJson, withQuery } from './http.ts'

/** A point (`lng`, `lat`), a facility kind and a walking speed. */
export type WalkTimeQuery = Static<typeof WalkTimeQuerySchema>

/**
 * Answer of `GET /api/walk-time`: where the point joins the walk network (or
 * why it cannot), and the walk to the nearest facility of the kind; the
 * distance, minutes and facility are `null` when none can be reached.
 */
export type WalkTime = Static<typeof WalkTimeSchema>

/** Asks how far a point is on foot from the nearest facility of a kind. */
export function fetchWalkTime(query: WalkTimeQuery, signal?: AbortSignal): Promise<WalkTime> {
  return getJson<WalkTime>(
    withQuery('/api/walk-time', {
      kind: query.kind,
      lng: query.lng,
      lat: query.lat,
      speed: query.speed,
      speedKmh: query.speedKmh,
      maxSnapM: query.maxSnapM,
    }),
    signal,
  )
}
