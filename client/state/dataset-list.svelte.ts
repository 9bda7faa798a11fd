import { fetchDatasets, type DatasetInfo } from '../api/datasets.ts'
import type { RequestStatus } from './coverage-analysis.svelte.ts'
import { describeError, type LoadError } from './load-error.ts'

/** The dataset versions of `GET /api/datasets`, newest first, loaded on the data page and again after each import. */
export class DatasetList {
  datasets = $state.raw<DatasetInfo[]>([])
  status = $state<RequestStatus>('idle')
  failure = $state.raw<LoadError | null>(null)

  #controller: AbortController | null = null

  /** Loads the list, dropping the answer of an earlier load still under way. */
  async load(): Promise<void> {
    this.#controller?.abort()
    const controller = new AbortController()
    this.#controller = controller
    if (this.status !== 'ready') this.status = 'loading'
    try {
      const datasets = await fetchDatasets(controller.signal)
      if (controller.signal.aborted) return
      this.datasets = datasets
      this.status = 'ready'
      this.failure = null
    } catch (error) {
      if (controller.signal.aborted) return
      this.status = 'failed'
      this.failure = describeError('data.loadFailed', error)
    }
  }

  /** Stops a load under way, for a page that goes away. */
  abort(): void {
    this.#controller?.abort()
  }
}
