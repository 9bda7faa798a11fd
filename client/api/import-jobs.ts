import type { Static } from 'typebox'
import type { ImportJobSchema } from '../../server/schemas/layer-imports.ts'
import { ApiError, getJson, problemError, sendJson } from './http.ts'
import { csrfToken, sessionHooks } from './session-token.ts'

/** Where a job stands on the server. */
export type ImportJobState = Static<typeof ImportJobSchema>['state']

/** What a running job is doing. */
export type ImportJobPhase = 'reading' | 'checking' | 'storing' | 'finished'

/** An import running on the server, polled until it is done, failed or cancelled; `O` is the outcome of its kind. */
export type ImportJobOf<O> = Omit<Static<typeof ImportJobSchema>, 'phase' | 'outcome'> & {
  phase: ImportJobPhase
  outcome: O | null
}

/** How the jobs of one kind of import are polled and cancelled. */
export interface ImportJobEndpoint<O> {
  /** `GET <resource>/:id`: where a job stands; 404 once it is unknown or expired. */
  fetch(id: string, signal?: AbortSignal): Promise<ImportJobOf<O>>
  /** `DELETE <resource>/:id`: the job reaches `cancelled` once the server has rolled it back. */
  cancel(id: string): Promise<ImportJobOf<O>>
}

/** The polling and cancelling of the jobs a resource (`/api/layer-imports`, …) starts. */
export function importJobEndpoint<O>(resource: string): ImportJobEndpoint<O> {
  const jobPath = (id: string) => `${resource}/${encodeURIComponent(id)}`
  return {
    fetch: (id, signal) => getJson<ImportJobOf<O>>(jobPath(id), signal),
    cancel: (id) => sendJson<ImportJobOf<O>>('DELETE', jobPath(id)),
  }
}

/**
 * Uploads a file to start an import job (202 with the job), reporting the
 * bytes sent as they go. XHR rather than fetch, as only XHR reports upload
 * progress. Like the other writes it carries the CSRF token, asks the session
 * again once when the token was stale, and asks the user to sign in again
 * after a 401. Aborting `signal` stops the upload.
 */
export async function uploadImportFile<O>(
  path: string,
  file: Blob,
  mediaType: string,
  onprogress: (sent: number, total: number) => void,
  signal: AbortSignal,
): Promise<ImportJobOf<O>> {
  let refreshed = false
  let reauthenticated = false
  for (;;) {
    const answer = await uploadOnce(path, file, mediaType, onprogress, signal)
    if (answer.status >= 200 && answer.status < 300) {
      try {
        return JSON.parse(answer.body) as ImportJobOf<O>
      } catch (error) {
        throw new ApiError(path, 'invalid', answer.status, error)
      }
    }
    const error = answerError(path, answer)
    const hooks = sessionHooks()
    if (hooks && answer.status === 403 && !refreshed && isCsrfRefusal(error)) {
      refreshed = true
      await hooks.refresh()
      continue
    }
    if (hooks && answer.status === 401 && !reauthenticated) {
      reauthenticated = true
      if (await hooks.reauthenticate()) continue
    }
    throw error
  }
}

interface UploadAnswer {
  status: number
  contentType: string
  body: string
}

function uploadOnce(
  path: string,
  file: Blob,
  mediaType: string,
  onprogress: (sent: number, total: number) => void,
  signal: AbortSignal,
): Promise<UploadAnswer> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(new DOMException('The upload was cancelled', 'AbortError'))
      return
    }
    const request = new XMLHttpRequest()
    const abort = () => request.abort()
    request.open('POST', path)
    request.setRequestHeader('accept', 'application/json')
    request.setRequestHeader('content-type', mediaType)
    const token = csrfToken()
    if (token) request.setRequestHeader('x-csrf-token', token)
    request.upload.onprogress = (event) => onprogress(event.loaded, event.lengthComputable ? event.total : file.size)
    request.onload = () => {
      signal.removeEventListener('abort', abort)
      resolve({ status: request.status, contentType: request.getResponseHeader('content-type') ?? '', body: request.responseText })
    }
    request.onerror = () => {
      signal.removeEventListener('abort', abort)
      reject(new ApiError(path, 'network', null))
    }
    request.onabort = () => {
      signal.removeEventListener('abort', abort)
      reject(new DOMException('The upload was cancelled', 'AbortError'))
    }
    signal.addEventListener('abort', abort)
    request.send(file)
  })
}

function answerError(path: string, answer: UploadAnswer): ApiError {
  if (!/\bjson\b/.test(answer.contentType)) return new ApiError(path, 'http', answer.status)
  try {
    return problemError(path, answer.status, JSON.parse(answer.body))
  } catch {
    return new ApiError(path, 'http', answer.status)
  }
}

function isCsrfRefusal(error: ApiError): boolean {
  const body = error.problem
  if (!body) return false
  return ['detail', 'title', 'code', 'type'].some((name) => {
    const value = body[name]
    return typeof value === 'string' && /csrf/i.test(value)
  })
}
