import type { Static } from 'typebox'
import type { FacilityKindRowSchema, FacilityProperties } from '../../server/schemas/common.ts'
import { getJson } from './http.ts'

/**
 * The facility kinds the map has a symbol for, in legend order. They mirror
 * the `facility_kinds` table; a kind the server adds later needs a symbol
 * here before it shows on the map.
 */
export const FACILITY_KINDS = [
  'community_service',
  'home_care',
  'day_care',
  'elderly_institution',
] as const

/** A facility kind with a symbol on the map. */
export type FacilityKind = (typeof FACILITY_KINDS)[number]

type SameKinds = [FacilityKind] extends [FacilityProperties['kind']]
  ? [FacilityProperties['kind']] extends [FacilityKind]
    ? true
    : false
  : false
type Assert<T extends true> = T
/** Fails to compile when the server's facility kinds and {@link FACILITY_KINDS} differ. */
export type KindsMatchServer = Assert<SameKinds>

/** One row of `GET /api/facility-kinds`. */
export type FacilityKindName = Static<typeof FacilityKindRowSchema>

/** Whether a code is one of the kinds the map draws. */
export function isFacilityKind(code: unknown): code is FacilityKind {
  return typeof code === 'string' && (FACILITY_KINDS as readonly string[]).includes(code)
}

/** Loads the names of the facility kinds in both languages. */
export function fetchFacilityKinds(signal?: AbortSignal): Promise<FacilityKindName[]> {
  return getJson<FacilityKindName[]>('/api/facility-kinds', signal)
}
