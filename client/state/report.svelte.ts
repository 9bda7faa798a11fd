import { fetchReport, fetchStandardSets, type StandardSet, type StandardsReport, type UnitReport } from '../api/standards.ts'
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

  #setsRequest: AbortController | null = null
  #request: AbortController | null = null

  /** The set chosen, as listed. */
  get selectedSet(): StandardSet | null {
    return this.sets.find((set) => set.id === this.setId) ?? null
  }

  /** The report of one community by its code, while a report is shown. */
  community(code: unknown): UnitReport | null {
    if (typeof code !== 'string' && typeof code !== 'number') return null
    return this.report?.communities.find((unit) => unit.code === String(code)) ?? null
  }

  /** Loads the sets and the report of the chosen set, unless they are loaded or loading already. */
  async open(): Promise<void> {
    if (this.setsStatus === 'idle' || this.setsStatus === 'failed') await this.loadSets()
    else if (this.status === 'idle' || this.status === 'failed') await this.loadReport()
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

  /** Loads the report of the chosen set at its current version, replacing the one shown; an earlier load still running is abandoned. */
  async loadReport(): Promise<void> {
    this.#request?.abort()
    const request = new AbortController()
    this.#request = request
    const set = this.setId
    this.status = 'loading'
    this.failure = null
    try {
      const report = await fetchReport(set === null ? {} : { set }, request.signal)
      if (request.signal.aborted) return
      this.report = report
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
