/**
 * A failed API call. `status` is the HTTP status, or `null` when the request
 * never got an answer (network down, server not running) or the answer was
 * not JSON.
 */
export class ApiError extends Error {
  readonly status: number | null
  readonly url: string
  readonly kind: 'http' | 'network' | 'invalid'

  constructor(url: string, kind: 'http' | 'network' | 'invalid', status: number | null, cause?: unknown) {
    super(`${kind === 'http' ? `HTTP ${status}` : kind} for ${url}`, { cause })
    this.name = 'ApiError'
    this.url = url
    this.kind = kind
    this.status = status
  }
}

/**
 * GETs a same-origin JSON resource. Throws {@link ApiError} on a network
 * failure, a non-2xx status or a body that is not JSON; the shape of the JSON
 * is trusted to match `T`.
 */
export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  let response: Response
  try {
    response = await fetch(path, { headers: { accept: 'application/json' }, signal: signal ?? null })
  } catch (error) {
    if (signal?.aborted) throw error
    throw new ApiError(path, 'network', null, error)
  }
  if (!response.ok) throw new ApiError(path, 'http', response.status)
  try {
    return (await response.json()) as T
  } catch (error) {
    throw new ApiError(path, 'invalid', response.status, error)
  }
}

/** Turns a same-origin path into an absolute URL, as MapLibre's workers need. */
export function absoluteUrl(path: string): string {
  return new URL(path, globalThis.location.href).href
}
