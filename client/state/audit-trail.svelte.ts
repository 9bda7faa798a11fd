import { fetchAuditEntries, type AuditEntry } from '../api/audit.ts'
import type { RequestStatus } from './coverage-analysis.svelte.ts'
import { describeError, type LoadError } from './load-error.ts'

/** How many entries one page of the audit trail asks for. */
export const AUDIT_PAGE_SIZE = 50

/** Record types offered in the filter before any entry has named them. */
const KNOWN_ENTITIES = ['user']

/** The audit trail, newest first, filtered by record type and id, a page at a time. */
export class AuditTrail {
  entries = $state.raw<AuditEntry[]>([])
  status = $state<RequestStatus>('idle')
  failure = $state.raw<LoadError | null>(null)
  /** The record type to list; empty for every type. */
  entity = $state('')
  /** The record id to list; empty for every record. */
  entityId = $state('')
  /** Whether older entries may exist beyond those listed. */
  hasMore = $state(false)
  /** Every record type seen so far, for the filter. */
  entities = $state.raw<string[]>(KNOWN_ENTITIES)

  #request: AbortController | null = null

  /** Lists the newest entries that match the filter. */
  load(): Promise<void> {
    return this.#fetch(false)
  }

  /** Adds the page of entries older than those listed. */
  loadMore(): Promise<void> {
    return this.#fetch(true)
  }

  async #fetch(more: boolean): Promise<void> {
    const beforeId = more ? this.entries.at(-1)?.id : undefined
    if (more && beforeId === undefined) return
    this.#request?.abort()
    const request = new AbortController()
    this.#request = request
    this.status = 'loading'
    this.failure = null
    try {
      const page = await fetchAuditEntries(
        { entity: this.entity.trim(), entityId: this.entityId.trim(), limit: AUDIT_PAGE_SIZE, ...(beforeId !== undefined ? { beforeId } : {}) },
        request.signal,
      )
      if (request.signal.aborted) return
      this.entries = more ? [...this.entries, ...page] : page
      this.hasMore = page.length === AUDIT_PAGE_SIZE
      const seen = new Set([...this.entities, ...page.map((entry) => entry.entity)])
      if (seen.size > this.entities.length) this.entities = [...seen]
      this.status = 'ready'
    } catch (error) {
      if (request.signal.aborted) return
      this.status = 'failed'
      this.failure = describeError('audit.failed', error)
    }
  }
}
