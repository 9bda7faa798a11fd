import { ApiError } from '../api/http.ts'
import type { MessageKey } from '../i18n/catalogues.ts'

/** A failure to show the user: what could not be done, and why in a few words. */
export interface LoadError {
  /** Translated headline, e.g. "could not load the facilities". */
  what: MessageKey
  /** Translated reason and its parameters. */
  why: MessageKey
  params?: Record<string, string | number>
  /** The server's own explanation (problem details), when it sent one. */
  detail?: string
}

/**
 * Describes an error thrown while loading something for the user. Besides
 * our own {@link ApiError} this reads the `status` of MapLibre's AJAX errors
 * (failed TileJSON or tile requests).
 */
export function describeError(what: MessageKey, error: unknown): LoadError {
  if (error instanceof ApiError) {
    if (error.kind === 'http' && error.status !== null) {
      return { what, why: 'error.http', params: { status: error.status }, ...(error.detail ? { detail: error.detail } : {}) }
    }
    if (error.kind === 'invalid') return { what, why: 'error.invalid' }
    return { what, why: 'error.network' }
  }
  const status = (error as { status?: unknown } | null)?.status
  if (typeof status === 'number' && status >= 400) return { what, why: 'error.http', params: { status } }
  return { what, why: 'error.network' }
}
