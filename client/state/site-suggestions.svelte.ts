import type { CoverageQuery } from '../api/coverage.ts'
import type { FacilityChange, NetworkChange } from '../api/scenarios.ts'
import { fetchSiteSuggestions, type SiteSuggestionReport } from '../api/site-suggestions.ts'
import type { RequestStatus } from './coverage-analysis.svelte.ts'
import type { LngLat } from './facility-changes.ts'
import { describeError, type LoadError } from './load-error.ts'
import { firstBand, readSuggestionForm, type SuggestionFormResult } from './site-suggestion-form.ts'

/** What a map click does while drawing candidates: add a point, or a corner of the parcel being drawn. */
export type SiteTool = 'point' | 'parcel'

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError'
}

/**
 * Site suggestions (选址建议): candidate sites the planner offers (gates,
 * points clicked, parcels drawn), the suggested sites the server picks from
 * them, and the coverage they would give. Nothing here changes the what-if
 * until the picks are taken into its change list.
 */
export class SiteSuggestions {
  /** Whether the section is open; candidates and picks show on the map only then. */
  open = $state(false)
  /** The band in the analysis' unit (minutes or metres); follows the analysis' first band when its mode changes. */
  band = $state<number | null>(null)
  k = $state<number | null>(3)
  gates = $state(true)
  points = $state.raw<LngLat[]>([])
  parcels = $state.raw<LngLat[][]>([])
  /** Corners of the parcel being drawn. */
  draft = $state.raw<LngLat[]>([])
  weightElderly = $state<number | null>(0)
  /** The armed drawing tool; while one is, map clicks draw instead of selecting. */
  tool = $state<SiteTool | null>(null)

  status = $state<RequestStatus>('idle')
  failure = $state.raw<LoadError | null>(null)
  report = $state.raw<SiteSuggestionReport | null>(null)

  #mode: string | null = null
  #request: AbortController | null = null

  /** Follows the analysis shown: a new mode starts the band at its first band. */
  useQuery(query: CoverageQuery | null): void {
    if (!query) return
    const mode = query.mode ?? 'time'
    if (this.#mode === mode) return
    this.#mode = mode
    this.band = firstBand(query.bands ?? '')
  }

  /** The form as a request against an analysis and the changes and network edits to build on. */
  form(query: CoverageQuery, changes: readonly FacilityChange[], networkChanges: readonly NetworkChange[] = []): SuggestionFormResult {
    return readSuggestionForm(
      query,
      { band: this.band, k: this.k, gates: this.gates, points: this.points, parcels: this.parcels, weightElderly: this.weightElderly },
      changes,
      networkChanges,
    )
  }

  /** Arms a tool, or disarms it when it is armed already; a parcel half drawn is dropped. */
  toggleTool(tool: SiteTool): void {
    this.tool = this.tool === tool ? null : tool
    this.draft = []
  }

  disarm(): void {
    this.tool = null
    this.draft = []
  }

  /** A map click while a tool is armed: a candidate point, or the next corner of the parcel. */
  clickMap(lngLat: LngLat): void {
    if (this.tool === 'point') this.points = [...this.points, lngLat]
    else if (this.tool === 'parcel') this.draft = [...this.draft, lngLat]
  }

  /** Whether the parcel being drawn has corners enough to close. */
  get canCloseParcel(): boolean {
    return this.draft.length >= 3
  }

  /** Closes the parcel being drawn and keeps it as a candidate; drawing goes on with a new one. */
  closeParcel(): void {
    if (!this.canCloseParcel) return
    this.parcels = [...this.parcels, this.draft]
    this.draft = []
  }

  /** Forgets every point and parcel drawn. */
  clearCandidates(): void {
    this.points = []
    this.parcels = []
    this.draft = []
  }

  /**
   * Asks for suggested sites against the analysis and on top of the
   * changes and network edits, replacing the picks shown; does nothing while
   * the form is invalid.
   */
  async run(query: CoverageQuery, changes: readonly FacilityChange[], networkChanges: readonly NetworkChange[] = []): Promise<void> {
    const form = this.form(query, changes, networkChanges)
    if (!form.ok) return
    this.#request?.abort()
    const request = new AbortController()
    this.#request = request
    this.status = 'loading'
    this.failure = null
    this.report = null
    try {
      const report = await fetchSiteSuggestions(form.body, request.signal)
      if (request.signal.aborted) return
      this.report = report
      this.status = 'ready'
    } catch (error) {
      if (request.signal.aborted || isAbort(error)) return
      this.status = 'failed'
      this.failure = describeError('sites.failed', error)
    }
  }

  /** Drops the picks, e.g. once the changes they were computed on have changed. */
  clearResult(): void {
    this.#request?.abort()
    this.#request = null
    this.report = null
    this.status = 'idle'
    this.failure = null
  }
}
