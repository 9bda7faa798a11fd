import { fetchReport, fetchStandardSets, type StandardSet, type StandardsReport, type UnitReport } from '../api/standards.ts'
import { fetchScenarios, type Scenario } from '../api/scenarios.ts'
import type { RequestStatus } from './coverage-analysis.svelte.ts'
import { describeError, type LoadError } from './load-error.ts'

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError'
}

/**
 * The standards report (达标评估): the standard sets, the one chosen, and
 * every community measured against it. The report always belongs to the
 * set and version it names (`report.set`), not to whatever is chosen now.
 */
export class StandardsReportState {
  sets = $state.raw<StandardSet[]>([])
  setsStatus = $state<RequestStatus>('idle')
  setsFailure = $state.raw<LoadError | null>(null)
  /** The set chosen; the default set once the sets have loaded. */
  setId = $state<number | null>(null)

  status = $state<RequestStatus>('idle')
  failure = $state.raw<LoadError | null>(null)
  report = $state.raw<StandardsReport | null>(null)
  /** Whether the map colours communities by their status in the report. */
  showOnMap = $state(false)

  /** The saved what-if scenarios the report can be measured with; an empty list when they cannot be listed. */
  scenarios = $state.raw<Scenario[]>([])
  /** The scenario applied to the report; `null` for today (现状). */
  scenarioId = $state<number | null>(null)
  /**
   * Today's report of the same set and version, to compare with while a
   * scenario is applied; `null` without a scenario.
   */
  baseline = $state.raw<StandardsReport | null>(null)

  #setsRequest: AbortController | null = null
  #request: AbortController | null = null
  #scenariosRequest: AbortController | null = null

  /** The scenario chosen, as listed. */
  get selectedScenario(): Scenario | null {
    return this.scenarios.find((scenario) => scenario.id === this.scenarioId) ?? null
  }

  /** The scenario the report shown was measured with (by its answer), named from the list when it is there. */
  get reportScenario(): { id: number; name: string | null; kind: string } | null {
    const applied = this.report?.scenario
    if (!applied || this.#reportScenarioId === null) return null
    const listed = this.scenarios.find((scenario) => scenario.id === this.#reportScenarioId)
    return { id: this.#reportScenarioId, name: listed?.name ?? null, kind: applied.kind }
  }

  #reportScenarioId = $state<number | null>(null)

  /** The set chosen, as listed. */
  get selectedSet(): StandardSet | null {
    return this.sets.find((set) => set.id === this.setId) ?? null
  }

  /** The report of one community by its code, while a report is shown. */
  community(code: unknown): UnitReport | null {
    if (typeof code !== 'string' && typeof code !== 'number') return null
    return this.report?.communities.find((unit) => unit.code === String(code)) ?? null
  }

  /**
   * Loads the sets and the report of the chosen set, unless they are loaded
   * or loading already; the saved scenarios are listed again every time (one
   * may have been saved on the map since).
   */
  async open(): Promise<void> {
    const scenarios = this.loadScenarios()
    if (this.setsStatus === 'idle' || this.setsStatus === 'failed') await this.loadSets()
    else if (this.status === 'idle' || this.status === 'failed') await this.loadReport()
    await scenarios
  }

  /**
   * Lists the sets again and then loads the report; the chosen set stays
   * chosen while it exists, else the default set is.
   */
  async loadSets(): Promise<void> {
    this.#setsRequest?.abort()
    const request = new AbortController()
    this.#setsRequest = request
    this.setsStatus = 'loading'
    this.setsFailure = null
    try {
      const sets = await fetchStandardSets(request.signal)
      if (request.signal.aborted) return
      this.#takeSets(sets)
      this.setsStatus = 'ready'
    } catch (error) {
      if (request.signal.aborted || isAbort(error)) return
      this.setsStatus = 'failed'
      this.setsFailure = describeError('report.setsFailed', error)
      return
    }
    await this.loadReport()
  }

  /** Chooses a set and loads its report. */
  async select(id: number): Promise<void> {
    if (id === this.setId && this.report?.set.id === id) return
    this.setId = id
    await this.loadReport()
  }

  /**
   * Lists the saved scenarios again. A scenario chosen that is gone goes back
   * to today, and the report is loaded again; a failure leaves the list empty
   * (the report can still be read for today).
   */
  async loadScenarios(): Promise<void> {
    this.#scenariosRequest?.abort()
    const request = new AbortController()
    this.#scenariosRequest = request
    let scenarios: Scenario[]
    try {
      scenarios = await fetchScenarios(undefined, request.signal)
    } catch (error) {
      if (request.signal.aborted || isAbort(error)) return
      scenarios = []
    }
    if (request.signal.aborted) return
    this.scenarios = [...scenarios].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || a.id - b.id)
    if (this.scenarioId !== null && !scenarios.some((scenario) => scenario.id === this.scenarioId)) {
      this.scenarioId = null
      if (this.setsStatus === 'ready') await this.loadReport()
    }
  }

  /** Applies a saved scenario to the report (`null`: today) and loads it. */
  async selectScenario(id: number | null): Promise<void> {
    if (id === this.scenarioId && this.#reportScenarioId === id && this.status === 'ready') return
    this.scenarioId = id
    await this.loadReport()
  }

  /**
   * Loads the report of the chosen set at its current version, replacing the
   * one shown; an earlier load still running is abandoned. With a scenario
   * chosen, today's report is loaded alongside, to compare with.
   */
  async loadReport(): Promise<void> {
    this.#request?.abort()
    const request = new AbortController()
    this.#request = request
    const set = this.setId
    const scenario = this.scenarioId
    this.status = 'loading'
    this.failure = null
    try {
      const base = set === null ? {} : { set }
      const [report, baseline] = await Promise.all([
        fetchReport(scenario === null ? base : { ...base, scenario }, request.signal),
        scenario === null ? Promise.resolve(null) : fetchReport(base, request.signal),
      ])
      if (request.signal.aborted) return
      this.report = report
      this.baseline = baseline
      this.#reportScenarioId = scenario
      this.status = 'ready'
    } catch (error) {
      if (request.signal.aborted || isAbort(error)) return
      this.status = 'failed'
      this.failure = describeError('report.failed', error)
    }
  }

  /**
   * Takes a set as just saved, copied or made default into the list; the
   * report is loaded again when it is of that set.
   */
  async takeSaved(saved: StandardSet, choose = false): Promise<void> {
    const others = this.sets.filter((set) => set.id !== saved.id)
    this.#takeSets(saved.isDefault ? [saved, ...others.map((set) => ({ ...set, isDefault: false }))] : [...others, saved])
    if (choose) this.setId = saved.id
    if (saved.id === this.setId) await this.loadReport()
  }

  /** Drops a deleted set from the list; when it was chosen, the default set is chosen and loaded. */
  async forget(id: number): Promise<void> {
    const wasChosen = this.setId === id
    this.#takeSets(this.sets.filter((set) => set.id !== id))
    if (wasChosen) await this.loadReport()
  }

  #takeSets(sets: StandardSet[]): void {
    const ordered = [...sets].sort((a, b) => Number(b.isDefault) - Number(a.isDefault) || a.name.localeCompare(b.name, 'zh-CN'))
    this.sets = ordered
    if (!ordered.some((set) => set.id === this.setId)) this.setId = (ordered.find((set) => set.isDefault) ?? ordered[0])?.id ?? null
  }
}
