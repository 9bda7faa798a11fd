import { fetchCoverage, type CoverageQuery, type CoverageReport, type DivisionCoverage } from '../api/coverage.ts'
import { fetchServiceAreas, type ServiceAreaCollection } from '../api/service-areas.ts'
import {
  DEFAULT_BANDS,
  DEFAULT_BUFFER_M,
  DEFAULT_MAX_SNAP_M,
  OUTLINE_CELL_M,
  readAnalysisForm,
  type AnalysisFormResult,
  type AreaOptions,
  type OutlineDetail,
  type SpeedChoice,
  type TravelMode,
} from './coverage-form.ts'
import { describeError, type LoadError } from './load-error.ts'

/** Where a request for the analysis stands. */
export type RequestStatus = 'idle' | 'loading' | 'ready' | 'failed'

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError'
}

/**
 * The coverage analysis: the form the user fills in, and the service areas
 * and coverage figures computed from it. Results are held in `$state.raw`
 * (MapLibre copies GeoJSON to its workers; a reactive proxy would not
 * survive that) and always belong to `applied`, the query they were
 * computed with, not to whatever the form says now.
 */
export class CoverageAnalysis {
  kind = $state('home_care')
  mode = $state<TravelMode>('time')
  /** Band text per mode, so that switching modes keeps what was typed for each. */
  bandsText = $state<Record<TravelMode, string>>({ ...DEFAULT_BANDS })
  speed = $state<SpeedChoice>('standard')
  /** The speed typed for `custom`, km/h; `null` while the field is empty. */
  customSpeedKmh = $state<number | null>(4)
  /** Whether straight-line circles are drawn beside the network service areas. */
  showCircles = $state(false)
  /** Buffer around reached streets, metres; `null` while the field is empty. */
  bufferM = $state<number | null>(DEFAULT_BUFFER_M)
  /** How far a facility or gate may be from a walkable street, metres; `null` while empty. */
  maxSnapM = $state<number | null>(DEFAULT_MAX_SNAP_M)
  /** One set of bands per facility instead of one for all. */
  perFacility = $state(false)
  /** How finely the outlines are traced. */
  detail = $state<OutlineDetail>('standard')
  /** The grid spacing typed for `custom` detail, metres. */
  customCellM = $state<number | null>(OUTLINE_CELL_M.standard)

  /** The form as requests, or what is wrong with it. */
  readonly form: AnalysisFormResult = $derived(
    readAnalysisForm({
      kind: this.kind,
      mode: this.mode,
      bandsText: this.bandsText[this.mode],
      speed: this.speed,
      customSpeedKmh: this.customSpeedKmh,
      bufferM: this.bufferM,
      maxSnapM: this.maxSnapM,
      perFacility: this.perFacility,
      detail: this.detail,
      customCellM: this.customCellM,
    }),
  )

  status = $state<RequestStatus>('idle')
  failure = $state.raw<LoadError | null>(null)
  /** The query the results below were computed with. */
  applied = $state.raw<CoverageQuery | null>(null)
  /** The service-area options the areas below were drawn with. */
  appliedAreas = $state.raw<AreaOptions | null>(null)
  report = $state.raw<CoverageReport | null>(null)
  areas = $state.raw<ServiceAreaCollection | null>(null)
  circles = $state.raw<ServiceAreaCollection | null>(null)
  circlesStatus = $state<RequestStatus>('idle')
  circlesFailure = $state.raw<LoadError | null>(null)
  /** True once the map has drawn `areas`; false again while computing. */
  drawn = $state(false)

  #request: AbortController | null = null
  #circlesRequest: AbortController | null = null

  /** Coverage of the whole district, for the summary line. */
  get district(): DivisionCoverage | null {
    return this.report?.divisions.find((division) => division.level === 'district') ?? null
  }

  /** Coverage of one division by its code, while results are shown. */
  divisionCoverage(code: unknown): DivisionCoverage | null {
    if (typeof code !== 'string' && typeof code !== 'number') return null
    return this.report?.divisions.find((division) => division.code === String(code)) ?? null
  }

  /**
   * Computes service areas and coverage for the form's query, replacing the
   * results shown; an earlier computation still running is abandoned. Does
   * nothing while the form is invalid.
   */
  async run(): Promise<void> {
    const form = this.form
    if (!form.ok) return
    const { query, areas: options } = form
    this.#abortAll()
    const request = new AbortController()
    this.#request = request
    this.status = 'loading'
    this.failure = null
    this.drawn = false
    try {
      const [areas, report] = await Promise.all([
        fetchServiceAreas({ ...query, ...options, method: 'network' }, request.signal),
        fetchCoverage(query, request.signal),
      ])
      if (request.signal.aborted) return
      this.#show(query, options, report, areas)
      if (this.showCircles) void this.#loadCircles(query, options)
    } catch (error) {
      if (request.signal.aborted || isAbort(error)) return
      this.#show(null, null, null, null)
      this.status = 'failed'
      this.failure = describeError('coverage.failed', error)
    }
  }

  /** Shows or hides the straight-line circles, loading them the first time. */
  setShowCircles(show: boolean): void {
    this.showCircles = show
    if (show && this.applied && this.appliedAreas && !this.circles && this.circlesStatus !== 'loading') {
      void this.#loadCircles(this.applied, this.appliedAreas)
    }
  }

  /** Called by the map once it has drawn a set of service areas. */
  markDrawn(areas: ServiceAreaCollection): void {
    if (areas === this.areas && this.status === 'ready') this.drawn = true
  }

  /** Removes the results from the map and the panel. */
  clear(): void {
    this.#abortAll()
    this.#show(null, null, null, null)
    this.status = 'idle'
    this.failure = null
  }

  #show(
    query: CoverageQuery | null,
    options: AreaOptions | null,
    report: CoverageReport | null,
    areas: ServiceAreaCollection | null,
  ): void {
    this.applied = query
    this.appliedAreas = options
    this.report = report
    this.areas = areas
    this.circles = null
    this.circlesStatus = 'idle'
    this.circlesFailure = null
    this.drawn = false
    if (query) this.status = 'ready'
  }

  async #loadCircles(query: CoverageQuery, options: AreaOptions): Promise<void> {
    this.#circlesRequest?.abort()
    const request = new AbortController()
    this.#circlesRequest = request
    this.circlesStatus = 'loading'
    this.circlesFailure = null
    try {
      const circles = await fetchServiceAreas({ ...query, ...options, method: 'circle' }, request.signal)
      if (request.signal.aborted || query !== this.applied) return
      this.circles = circles
      this.circlesStatus = 'ready'
    } catch (error) {
      if (request.signal.aborted || isAbort(error)) return
      this.circlesStatus = 'failed'
      this.circlesFailure = describeError('coverage.circlesFailed', error)
    }
  }

  #abortAll(): void {
    this.#request?.abort()
    this.#request = null
    this.#circlesRequest?.abort()
    this.#circlesRequest = null
  }
}
