import type { FeatureCollection, Geometry } from 'geojson'
import type { Static } from 'typebox'
import type {
  ImportFileFormatSchema,
  ImportProblemSchema,
  LayerImportOutcomeSchema,
  LayerInspectionSchema,
  LayerKindSchema,
} from '../../server/schemas/layer-imports.ts'
import type { CoordinateSystemId } from './coordinate-systems.ts'
import { sendFile, withQuery } from './http.ts'
import { importJobEndpoint, uploadImportFile, type ImportJobOf } from './import-jobs.ts'
import type { ColumnMapping } from './import-mappings.ts'

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

/** A layer import running on the server. */
export type ImportJob = ImportJobOf<LayerImportOutcome>

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

/** Uploads a file to start an import job; see {@link uploadImportFile}. */
export function startLayerImport(
  file: File,
  params: LayerImportParams,
  onprogress: (sent: number, total: number) => void,
  signal: AbortSignal,
): Promise<ImportJob> {
  return uploadImportFile<LayerImportOutcome>(importPath(params), file, MEDIA_TYPES[params.format], onprogress, signal)
}

/** Polls and cancels layer import jobs. */
export const layerImportJobs = importJobEndpoint<LayerImportOutcome>('/api/layer-imports')
