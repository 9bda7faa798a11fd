/**
 * A failed API call. `status` is the HTTP status, or `null` when the request
 * never got an answer (network down, server not running) or the answer was
 * not JSON.
 */
export class ApiError extends Error {
  readonly status: number | null
  readonly url: string
  readonly kind: 'http' | 'network' | 'invalid'
  /**
   * The `detail` of an `application/problem+json` error body: the server's
   * own words on what was wrong with the request, worth showing the user.
   */
  readonly detail: string | null

  constructor(
    url: string,
    kind: 'http' | 'network' | 'invalid',
    status: number | null,
    cause?: unknown,
    detail: string | null = null,
  ) {
    super(`${kind === 'http' ? `HTTP ${status}` : kind} for ${url}${detail ? `: ${detail}` : ''}`, { cause })
    this.name = 'ApiError'
    this.url = url
    this.kind = kind
    this.status = status
    this.detail = detail
  }
}

async function readProblemDetail(response: Response): Promise<string | null> {
  if (!/\bjson\b/.test(response.headers.get('content-type') ?? '')) return null
  try {
    const body: unknown = await response.json()
    const detail = (body as { detail?: unknown } | null)?.detail
    return typeof detail === 'string' && detail.trim() !== '' ? detail : null
  } catch {
    return null
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
  if (!response.ok) throw new ApiError(path, 'http', response.status, undefined, await readProblemDetail(response))
  try {
    return (await response.json()) as T
  } catch (error) {
    throw new ApiError(path, 'invalid', response.status, error)
  }
}

/** Query parameters of an API path; `undefined` ones are left out. */
export type QueryParams = Record<string, string | number | boolean | undefined>

/** Appends query parameters to a path, leaving out those that are `undefined`. */
export function withQuery(path: string, params: QueryParams): string {
  const search = new URLSearchParams()
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined) search.set(name, String(value))
  }
  const query = search.toString()
  return query ? `${path}?${query}` : path
}

/** Turns a same-origin path into an absolute URL, as MapLibre's workers need. */
export function absoluteUrl(path: string): string {
  return new URL(path, globalThis.location.href).href
}
