import type { CoverageQuery } from '../api/coverage.ts'
import type { FacilityChange, NetworkChange } from '../api/scenarios.ts'
import type { SiteSuggestionBody } from '../api/site-suggestions.ts'
import type { MessageKey } from '../i18n/catalogues.ts'
import type { LngLat } from './facility-changes.ts'

/** What the planner entered for site suggestions. */
export interface SuggestionInput {
  /** The band in the analysis' unit: minutes in time mode, metres in distance mode; `null` while empty. */
  band: number | null
  /** How many sites; `null` while empty. */
  k: number | null
  /** Whether the gates of compounds not yet covered are candidates. */
  gates: boolean
  /** Points clicked on the map. */
  points: readonly LngLat[]
  /** Parcels drawn on the map, each an open ring of at least three corners. */
  parcels: readonly (readonly LngLat[])[]
  /** Weight of elderly residents; `null` while empty. */
  weightElderly: number | null
}

/** The form as a request body, or the message saying what is wrong with it. */
export type SuggestionFormResult = { ok: true; body: SiteSuggestionBody } | { ok: false; message: MessageKey }

/** Largest band the server takes, per mode. */
const MAX_BAND = { time: 120, distance: 10_000 } as const

/** The first band of a comma list such as `'5,10,15'`, or `null`. */
export function firstBand(bands: string): number | null {
  const value = Number(bands.split(',')[0]?.trim())
  return Number.isFinite(value) && value > 0 ? value : null
}

/** A ring closed as GeoJSON wants it: the first corner repeated at the end. */
export function closeRing(ring: readonly LngLat[]): LngLat[] {
  const first = ring[0]
  const last = ring.at(-1)
  if (!first || !last) return []
  return first[0] === last[0] && first[1] === last[1] ? [...ring] : [...ring, first]
}

/**
 * Reads the site-suggestion form against the analysis shown (its kind,
 * mode, speed and snapping distance) and the what-if changes and network
 * edits to build on.
 */
export function readSuggestionForm(
  query: CoverageQuery,
  input: SuggestionInput,
  changes: readonly FacilityChange[],
  networkChanges: readonly NetworkChange[] = [],
): SuggestionFormResult {
  const mode = query.mode ?? 'time'
  const { band, k, weightElderly } = input
  if (band === null || !Number.isFinite(band) || band <= 0 || band > MAX_BAND[mode]) return { ok: false, message: 'sites.bandInvalid' }
  if (k === null || !Number.isInteger(k) || k < 1 || k > 20) return { ok: false, message: 'sites.kInvalid' }
  if (weightElderly !== null && (!Number.isFinite(weightElderly) || weightElderly < 0 || weightElderly > 1000)) {
    return { ok: false, message: 'sites.weightInvalid' }
  }
  const parcels = input.parcels.filter((ring) => ring.length >= 3)
  if (!input.gates && input.points.length === 0 && parcels.length === 0) return { ok: false, message: 'sites.needCandidates' }
  const body: SiteSuggestionBody = {
    kind: query.kind,
    mode,
    ...(mode === 'time' ? { minutes: band } : { metres: band }),
    ...(query.speed !== undefined ? { speed: query.speed } : {}),
    ...(query.speedKmh !== undefined ? { speedKmh: query.speedKmh } : {}),
    ...(query.maxSnapM !== undefined ? { maxSnapM: query.maxSnapM } : {}),
    k,
    candidates: {
      ...(input.gates ? { gates: true } : {}),
      ...(input.points.length > 0 ? { points: input.points.map(([lng, lat]) => [lng, lat]) } : {}),
      ...(parcels.length > 0 ? { parcels: parcels.map((ring) => [closeRing(ring)]) } : {}),
    },
    ...(weightElderly ? { weightElderly } : {}),
    ...(changes.length > 0 ? { changes: [...changes] } : {}),
    ...(networkChanges.length > 0 ? { networkChanges: [...networkChanges] } : {}),
  }
  return { ok: true, body }
}
