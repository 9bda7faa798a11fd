import { deleteScenario, fetchScenarios, type Scenario } from '../api/scenarios.ts'
import type { RequestStatus } from './coverage-analysis.svelte.ts'
import { describeError, type LoadError } from './load-error.ts'

/** The saved what-if scenarios of one facility kind, for loading and deleting. */
export class ScenarioLibrary {
  /** The kind listed; `null` before the first load. */
  kind = $state<string | null>(null)
  scenarios = $state.raw<Scenario[]>([])
  status = $state<RequestStatus>('idle')
  failure = $state.raw<LoadError | null>(null)
  #request: AbortController | null = null

  /** Lists the scenarios of a kind, replacing the list; an earlier listing still running is abandoned. */
  async load(kind: string): Promise<void> {
    this.#request?.abort()
    const request = new AbortController()
    this.#request = request
    if (this.kind !== kind) this.scenarios = []
    this.kind = kind
    this.status = 'loading'
    this.failure = null
    try {
      const scenarios = await fetchScenarios(kind, request.signal)
      if (request.signal.aborted) return
      this.scenarios = scenarios
      this.status = 'ready'
    } catch (error) {
      if (request.signal.aborted) return
      this.status = 'failed'
      this.failure = describeError('scenarios.loadFailed', error)
    }
  }

  /** Lists the current kind again, e.g. after a save. */
  async refresh(): Promise<void> {
    if (this.kind) await this.load(this.kind)
  }

  /** Puts a scenario just saved into the list at once, without waiting for a new listing. */
  upsert(scenario: Scenario): void {
    if (scenario.kind !== this.kind) return
    const others = this.scenarios.filter((entry) => entry.id !== scenario.id)
    this.scenarios = [...others, scenario].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))
  }

  /** Deletes a scenario; resolves to whether it is gone (a failure is left in `failure`). */
  async remove(id: number): Promise<boolean> {
    this.failure = null
    try {
      await deleteScenario(id)
    } catch (error) {
      this.failure = describeError('scenarios.deleteFailed', error)
      return false
    }
    this.scenarios = this.scenarios.filter((scenario) => scenario.id !== id)
    return true
  }
}
