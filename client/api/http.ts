import { csrfToken, sessionHooks } from './session-token.ts'

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
  /**
   * The whole problem body, for the members some answers add beside
   * `detail` (a 409 on a stale scenario carries the stored one as `current`).
   */
  readonly problem: Readonly<Record<string, unknown>> | null

  constructor(
    url: string,
    kind: 'http' | 'network' | 'invalid',
    status: number | null,
    cause?: unknown,
    detail: string | null = null,
    problem: Readonly<Record<string, unknown>> | null = null,
  ) {
    super(`${kind === 'http' ? `HTTP ${status}` : kind} for ${url}${detail ? `: ${detail}` : ''}`, { cause })
    this.name = 'ApiError'
    this.url = url
    this.kind = kind
    this.status = status
    this.detail = detail
    this.problem = problem
  }
}

/** The error of a non-2xx answer whose body was read as JSON: a problem document gives its `detail` and members. */
export function problemError(path: string, status: number, body: unknown): ApiError {
  if (typeof body !== 'object' || body === null) return new ApiError(path, 'http', status)
  const detail = (body as { detail?: unknown }).detail
  const text = typeof detail === 'string' && detail.trim() !== '' ? detail : null
  return new ApiError(path, 'http', status, undefined, text, body as Record<string, unknown>)
}

async function httpError(path: string, response: Response): Promise<ApiError> {
  if (!/\bjson\b/.test(response.headers.get('content-type') ?? '')) return new ApiError(path, 'http', response.status)
  try {
    return problemError(path, response.status, await response.json())
  } catch {
    return new ApiError(path, 'http', response.status)
  }
}

/**
 * The stored row a 409 for a stale version carries in `current` (an entry,
 * sign or plate someone saved since the edit began); `null` for any other
 * error, a 409 for another reason among them.
 */
export function staleCurrent<T extends { version: number }>(error: unknown): T | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null
  const current = error.problem?.current as Partial<T> | undefined
  return typeof current === 'object' && current !== null && typeof current.version === 'number' ? (current as T) : null
}

/**
 * GETs a same-origin JSON resource. Throws {@link ApiError} on a network
 * failure, a non-2xx status or a body that is not JSON; the shape of the JSON
 * is trusted to match `T`.
 */
export function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  return requestJson<T>('GET', path, null, signal)
}

/** An HTTP method that sends a body or changes something. */
export type WriteMethod = 'POST' | 'PUT' | 'DELETE'

/**
 * Sends `body` as JSON with `method` and reads the JSON answer; a 204 answer
 * resolves to `undefined`. Fails like {@link getJson}.
 */
export function sendJson<T>(method: WriteMethod, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  return requestJson<T>(method, path, body === undefined ? null : { json: body }, signal)
}

/**
 * POSTs a file as the raw request body with its media type (uploads the
 * server reads as bytes, not as a form) and reads the JSON answer. Fails
 * like {@link getJson}.
 */
export function sendFile<T>(path: string, file: Blob, mediaType: string, signal?: AbortSignal): Promise<T> {
  return requestJson<T>('POST', path, { raw: file, mediaType }, signal)
}

/** What a request carries: nothing, a value sent as JSON, or raw bytes of a media type. */
type RequestBody = null | { json: unknown } | { raw: Blob; mediaType: string }

async function requestJson<T>(method: 'GET' | WriteMethod, path: string, body: RequestBody, signal?: AbortSignal): Promise<T> {
  const response = await send(method, path, body, 'application/json', signal)
  if (response.status === 204) return undefined as T
  try {
    return (await response.json()) as T
  } catch (error) {
    throw new ApiError(path, 'invalid', response.status, error)
  }
}

/** Paths whose 401 means wrong credentials, not an expired session. */
function isAuthPath(path: string): boolean {
  return path.startsWith('/api/auth/')
}

/** Whether a 403 says the CSRF token was missing or stale, rather than that the user may not do this. */
async function isCsrfRefusal(response: Response): Promise<boolean> {
  if (response.status !== 403 || !/\bjson\b/.test(response.headers.get('content-type') ?? '')) return false
  try {
    const body = (await response.clone().json()) as Record<string, unknown> | null
    if (typeof body !== 'object' || body === null) return false
    return ['detail', 'title', 'code', 'type'].some((name) => typeof body[name] === 'string' && /csrf/i.test(body[name]))
  } catch {
    return false
  }
}

function fetchOnce(method: 'GET' | WriteMethod, path: string, body: RequestBody, accept: string, signal?: AbortSignal): Promise<Response> {
  const headers: Record<string, string> = { accept }
  if (body) headers['content-type'] = 'json' in body ? 'application/json' : body.mediaType
  const token = csrfToken()
  if (method !== 'GET' && token) headers['x-csrf-token'] = token
  return fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    ...(body ? { body: 'json' in body ? JSON.stringify(body.json) : body.raw } : {}),
    signal: signal ?? null,
  })
}

/**
 * Sends one request and answers its 2xx response. A write refused for a
 * stale CSRF token is sent once more after the session is asked again; a
 * 401 (the session ran out) asks the user to sign in and, once they have,
 * sends the request again. Anything else that is not 2xx throws.
 */
async function send(method: 'GET' | WriteMethod, path: string, body: RequestBody, accept: string, signal?: AbortSignal): Promise<Response> {
  let refreshed = false
  let reauthenticated = false
  for (;;) {
    let response: Response
    try {
      response = await fetchOnce(method, path, body, accept, signal)
    } catch (error) {
      if (signal?.aborted) throw error
      throw new ApiError(path, 'network', null, error)
    }
    if (response.ok) return response
    const hooks = sessionHooks()
    if (hooks && method !== 'GET' && !refreshed && (await isCsrfRefusal(response))) {
      refreshed = true
      try {
        await hooks.refresh()
        continue
      } catch {
        throw await httpError(path, response)
      }
    }
    if (hooks && response.status === 401 && !reauthenticated && !isAuthPath(path)) {
      reauthenticated = true
      if (await hooks.reauthenticate()) continue
    }
    throw await httpError(path, response)
  }
}

/** A file the server answered with, and the name its `content-disposition` gives it. */
export interface DownloadedFile {
  blob: Blob
  /** The file name from `content-disposition`, `null` when the answer names none. */
  filename: string | null
}

/** The file name of a `content-disposition` header (`filename*=` preferred), or `null`. */
export function attachmentName(header: string | null): string | null {
  if (!header) return null
  const encoded = /filename\*\s*=\s*(?:UTF-8'')?([^;]+)/i.exec(header)?.[1]
  if (encoded) {
    try {
      return decodeURIComponent(encoded.trim().replace(/^"|"$/g, ''))
    } catch {
      // Not percent-encoded after all; fall back to the plain name.
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/i.exec(header)
  const name = (plain?.[2] ?? plain?.[1] ?? '').trim()
  return name === '' ? null : name
}

/**
 * Sends `body` as JSON and reads the answer as a file, for exports the
 * server computes from a body no download link can carry. Fails like
 * {@link getJson}.
 */
export async function postForFile(path: string, body: unknown, signal?: AbortSignal): Promise<DownloadedFile> {
  const response = await send('POST', path, body === undefined ? null : { json: body }, '*/*', signal)
  return { blob: await response.blob(), filename: attachmentName(response.headers.get('content-disposition')) }
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
