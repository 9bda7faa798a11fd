import type { FeatureCollection, Geometry } from 'geojson'
import type { Static } from 'typebox'
import type {
  ImportFileFormatSchema,
  ImportJobSchema,
  ImportProblemSchema,
  LayerImportOutcomeSchema,
  LayerInspectionSchema,
  LayerKindSchema,
} from '../../server/schemas/layer-imports.ts'
import type { CoordinateSystemId } from './coordinate-systems.ts'
import { ApiError, getJson, sendFile, sendJson, withQuery } from './http.ts'
import type { ColumnMapping } from './import-mappings.ts'
import { csrfToken, sessionHooks } from './session-token.ts'

/** The layers a file can be imported into. */
export const LAYER_KINDS = ['facilities', 'compounds', 'divisions'] as const satisfies readonly LayerKind[]

/** A layer a file can be imported into: facilities, residential compounds or divisions. */
export type LayerKind = Static<typeof LayerKindSchema>

/** The file formats a layer import reads. */
export const IMPORT_FILE_FORMATS = ['geojson', 'csv', 'xlsx', 'shapefile'] as const satisfies readonly ImportFileFormat[]

/** A file format of a layer import; a Shapefile comes as a .zip. */
export type ImportFileFormat = Static<typeof ImportFileFormatSchema>

/** Something wrong with a file, or worth a warning: row 0 is the file as a whole, `field` the layer field ('' for a row or the file). */
export type ImportProblem = Static<typeof ImportProblemSchema>

/** What `POST /api/layer-imports/inspect` read from a file: its columns, a sample, and the mapping it suggests. */
export type LayerFileInspection = Static<typeof LayerInspectionSchema>

/** A field of a layer, as the mapping table offers it. */
export type LayerFieldInfo = LayerFileInspection['fields'][number]

/** Properties of a feature of an import's preview: its row, name, and whether the row has a problem. */
export interface PreviewProperties {
  row: number
  name: string
  problem: boolean
}

/**
 * What a layer import did, or (dry run) would do. A commit with any problem
 * stores nothing (`dataset` is `null`). The preview holds the valid rows and
 * the rows with problems whose geometry could be read (`problem: true`).
 */
export type LayerImportOutcome = Omit<Static<typeof LayerImportOutcomeSchema>, 'preview'> & {
  preview: FeatureCollection<Geometry, PreviewProperties>
}

/** Where a job stands on the server. */
export type ImportJobState = Static<typeof ImportJobSchema>['state']

/** What a running job is doing. */
export type ImportJobPhase = 'reading' | 'checking' | 'storing' | 'finished'

/** An import running on the server, polled until it is done, failed or cancelled. */
export type ImportJob = Omit<Static<typeof ImportJobSchema>, 'phase' | 'outcome'> & {
  phase: ImportJobPhase
  outcome: LayerImportOutcome | null
}

/** What an import is sent with besides the file. */
export interface LayerImportParams {
  layer: LayerKind
  format: ImportFileFormat
  /** `undefined` lets a Shapefile's .prj say the system. */
  crs: CoordinateSystemId | undefined
  mapping: ColumnMapping
  dryRun: boolean
  /** The name of a new series; leave out when `replaces` is given. */
  series?: string
  /** The id of the current version this import replaces. */
  replaces?: number
  fileName: string
}

const MEDIA_TYPES: Record<ImportFileFormat, string> = {
  geojson: 'application/geo+json',
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  shapefile: 'application/zip',
}

/** The extensions the file picker offers. */
export const IMPORT_FILE_EXTENSIONS = ['.geojson', '.json', '.csv', '.xlsx', '.zip'] as const

/** The format a file name's extension names; `null` for any other. */
export function importFileFormatOf(fileName: string): ImportFileFormat | null {
  const extension = /\.([a-z]+)$/i.exec(fileName)?.[1]?.toLowerCase()
  if (extension === 'geojson' || extension === 'json') return 'geojson'
  if (extension === 'csv') return 'csv'
  if (extension === 'xlsx') return 'xlsx'
  if (extension === 'zip') return 'shapefile'
  return null
}

/** Reads a file's columns and a sample of its rows, and the mapping the server suggests for `layer`. */
export function inspectLayerFile(
  file: File,
  options: { layer: LayerKind; format: ImportFileFormat; crs: CoordinateSystemId | undefined },
  signal?: AbortSignal,
): Promise<LayerFileInspection> {
  return sendFile<LayerFileInspection>(withQuery('/api/layer-imports/inspect', options), file, MEDIA_TYPES[options.format], signal)
}

/** The query string of an import: the mapping goes as JSON. */
function importPath(params: LayerImportParams): string {
  return withQuery('/api/layer-imports', {
    layer: params.layer,
    format: params.format,
    crs: params.crs,
    mapping: JSON.stringify(params.mapping),
    dryRun: params.dryRun,
    series: params.replaces === undefined ? params.series : undefined,
    replaces: params.replaces,
    fileName: params.fileName,
  })
}

/**
 * Uploads a file to start an import job (202 with the job), reporting the
 * bytes sent as they go. XHR rather than fetch, as only XHR reports upload
 * progress. Like the other writes it carries the CSRF token, asks the session
 * again once when the token was stale, and asks the user to sign in again
 * after a 401. Aborting `signal` stops the upload.
 */
export async function startLayerImport(
  file: File,
  params: LayerImportParams,
  onprogress: (sent: number, total: number) => void,
  signal: AbortSignal,
): Promise<ImportJob> {
  const path = importPath(params)
  let refreshed = false
  let reauthenticated = false
  for (;;) {
    const answer = await uploadOnce(path, file, MEDIA_TYPES[params.format], onprogress, signal)
    if (answer.status >= 200 && answer.status < 300) {
      try {
        return JSON.parse(answer.body) as ImportJob
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
    const body: unknown = JSON.parse(answer.body)
    if (typeof body !== 'object' || body === null) return new ApiError(path, 'http', answer.status)
    const detail = (body as { detail?: unknown }).detail
    const text = typeof detail === 'string' && detail.trim() !== '' ? detail : null
    return new ApiError(path, 'http', answer.status, undefined, text, body as Record<string, unknown>)
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

/** `GET /api/layer-imports/:id`: where a job stands; 404 once it is unknown or expired. */
export function fetchImportJob(id: string, signal?: AbortSignal): Promise<ImportJob> {
  return getJson<ImportJob>(`/api/layer-imports/${encodeURIComponent(id)}`, signal)
}

/** Cancels a job; it reaches `cancelled` once the server has rolled it back. */
export function cancelImportJob(id: string): Promise<ImportJob> {
  return sendJson<ImportJob>('DELETE', `/api/layer-imports/${encodeURIComponent(id)}`)
}
