import { searchPlaces, type PlaceSearchItem, type PlaceSearchQuery, type PlaceStatus } from '../api/gazetteer-places.ts'
import type { RequestStatus } from './coverage-analysis.svelte.ts'
import { describeError, type LoadError } from './load-error.ts'

/** How long typing must pause before the search is sent, in milliseconds. */
export const SEARCH_DEBOUNCE_MS = 150

/** How many results one page lists. */
export const SEARCH_PAGE_SIZE = 20

/** Every status a place can have, in the order the filter lists them. */
export const PLACE_STATUSES: readonly PlaceStatus[] = ['current', 'historical', 'deprecated']

/**
 * The gazetteer's search: the text, the filters, the page, and the results
 * as the server last answered. Every change of the text or a filter goes
 * back to the first page and searches again once typing pauses; only the
 * latest answer is kept. `active` is the result the arrow keys point at.
 */
export class GazetteerSearch {
  text = $state('')
  category = $state('')
  division = $state('')
  statuses = $state<PlaceStatus[]>(['current', 'historical'])
  /** Whether only places inside the map's view are listed. */
  onlyInView = $state(false)
  /** The results map's view, `[west, south, east, north]`; `null` until the map reports it. */
  viewBbox = $state.raw<[number, number, number, number] | null>(null)
  offset = $state(0)

  items = $state.raw<PlaceSearchItem[]>([])
  total = $state(0)
  status = $state<RequestStatus>('idle')
  failure = $state.raw<LoadError | null>(null)
  /** Index of the result the arrow keys point at; -1 for none. */
  active = $state(-1)
  /** The text the results shown were found for. */
  answeredText = $state('')

  #timer: ReturnType<typeof setTimeout> | null = null
  #request: AbortController | null = null
  #answered = ''

  /** The query as it would be sent, without the page. */
  readonly query = $derived<Omit<PlaceSearchQuery, 'offset'>>({
    q: this.text,
    category: this.category,
    division: this.division,
    statuses: [...this.statuses],
    ...(this.onlyInView && this.viewBbox ? { bbox: this.viewBbox } : {}),
    limit: SEARCH_PAGE_SIZE,
  })

  /** Identifies the query without the page: when it changes, the results start again from the first page. */
  readonly key = $derived(JSON.stringify(this.query))

  /** Whether a status is among those listed. */
  hasStatus(status: PlaceStatus): boolean {
    return this.statuses.includes(status)
  }

  /** Lists or stops listing places of a status. */
  toggleStatus(status: PlaceStatus, on: boolean): void {
    const next = PLACE_STATUSES.filter((s) => (s === status ? on : this.statuses.includes(s)))
    this.statuses = next
  }

  /**
   * Searches again after a pause in typing, from the first page, unless the
   * results shown already answer this very query.
   */
  schedule(): void {
    const key = this.key
    if (key === this.#answered && this.status === 'ready') return
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = setTimeout(() => {
      this.#timer = null
      void this.#run(0)
    }, SEARCH_DEBOUNCE_MS)
  }

  /** Shows another page of the same query. */
  page(offset: number): Promise<void> {
    return this.#run(Math.max(0, offset))
  }

  /** Searches again now, keeping the page (after an import or a failed request). */
  refresh(): Promise<void> {
    return this.#run(this.offset)
  }

  /** Moves the arrow-key pointer by `step` results, wrapping around the page. */
  move(step: number): void {
    const count = this.items.length
    if (count === 0) return
    this.active = this.active < 0 ? (step > 0 ? 0 : count - 1) : (this.active + step + count) % count
  }

  /** Stops a pending search; for when the page goes away. */
  cancel(): void {
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = null
    this.#request?.abort()
  }

  async #run(offset: number): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = null
    this.#request?.abort()
    const request = new AbortController()
    this.#request = request
    const key = this.key
    const query = { ...this.query, offset }
    this.status = 'loading'
    this.failure = null
    try {
      const page = await searchPlaces(query, request.signal)
      if (request.signal.aborted) return
      this.items = page.items
      this.total = page.total
      this.offset = offset
      this.active = page.items.length > 0 ? 0 : -1
      this.#answered = key
      this.answeredText = query.q
      this.status = 'ready'
    } catch (error) {
      if (request.signal.aborted) return
      this.status = 'failed'
      this.failure = describeError('gazetteer.search.failed', error)
    }
  }
}
