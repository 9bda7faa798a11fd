import type { CoverageQuery } from '../api/coverage.ts'
import type { FacilityChange, NetworkChange } from '../api/scenarios.ts'
import { fetchWalkTime, fetchWhatIfWalkTime, type WalkTime } from '../api/walk-time.ts'
import type { RequestStatus } from './coverage-analysis.svelte.ts'
import { describeError, type LoadError } from './load-error.ts'

/** A point `[lng, lat]` on the map. */
export type LngLatTuple = [number, number]

/**
 * The walking time from a clicked point to the nearest facility of the kind
 * being analysed, shown in a popup at that point.
 */
export class WalkTimeProbe {
  /** Where the user clicked; `null` when no popup is open. */
  lngLat = $state.raw<LngLatTuple | null>(null)
  /** The facility kind asked about. */
  kind = $state<string | null>(null)
  status = $state<RequestStatus>('idle')
  result = $state.raw<WalkTime | null>(null)
  failure = $state.raw<LoadError | null>(null)
  #request: AbortController | null = null

  /**
   * Opens the popup at a point and asks the server for the walk from there,
   * to the facilities as they stand or, with `changes` or `networkChanges`,
   * as a what-if leaves them and the network.
   */
  async probe(
    lngLat: LngLatTuple,
    query: CoverageQuery,
    changes: readonly FacilityChange[] = [],
    networkChanges: readonly NetworkChange[] = [],
  ): Promise<void> {
    this.#request?.abort()
    const request = new AbortController()
    this.#request = request
    this.lngLat = lngLat
    this.kind = query.kind
    this.status = 'loading'
    this.result = null
    this.failure = null
    const [lng, lat] = lngLat
    try {
      const point = { kind: query.kind, lng, lat, speed: query.speed, speedKmh: query.speedKmh, maxSnapM: query.maxSnapM }
      const result =
        changes.length > 0 || networkChanges.length > 0
          ? await fetchWhatIfWalkTime(point, changes, networkChanges, request.signal)
          : await fetchWalkTime(point, request.signal)
      if (request.signal.aborted) return
      this.result = result
      this.status = 'ready'
    } catch (error) {
      if (request.signal.aborted) return
      this.status = 'failed'
      this.failure = describeError('walkTime.failed', error)
    }
  }

  /** Closes the popup. */
  clear(): void {
    this.#request?.abort()
    this.#request = null
    this.lngLat = null
    this.kind = null
    this.status = 'idle'
    this.result = null
    this.failure = null
  }
}
