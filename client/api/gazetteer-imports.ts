import type { PlaceImportFormat, PlaceInspection } from '../../server/schemas/gazetteer-imports.ts'
import type { CoordinateSystemId } from './coordinate-systems.ts'
import { sendFile, withQuery } from './http.ts'
import type { ColumnMapping } from './import-mappings.ts'

export type PlaceFileFormat = PlaceImportFormat
export type PlaceFileInspection = PlaceInspection

/** One thing wrong with an import file: its row (1 for the first data row) and field. */
export interface ImportProblem {
  row: number
  field: string
  message: string
  value?: string
}

/** What an import did, or (dry run) would do. */
export interface ImportOutcome {
  dryRun: boolean
  /** Whether every row can be stored. */
  ok: boolean
  /** The text encoding a CSV, GeoJSON or a Shapefile's .dbf was read in; `null` for XLSX. */
  encoding: string | null
  /** The system the coordinates were read in: the one chosen, else a Shapefile's .prj's, else wgs84. */
  coordinateSystem: CoordinateSystemId
  rows: number
  created: number
  updated: number
  problems: ImportProblem[]
  /**
   * Columns not read (row 0), and rows with a point more than 1 km outside the
   * district: worth a look (a wrong coordinate system?), but they do not stop a load.
   */
  warnings: ImportProblem[]
  preview: { row: number; placeCode: string | null; standardName: string; category: string; divisionCodes: string[]; action: string }[]
}

/** A place column the mapping step offers: its key, the Chinese header exports write, and whether it must be filled or can be mapped at all. */
export type PlaceColumnInfo = PlaceFileInspection['columns'][number]

const FORMATS: Record<string, PlaceFileFormat> = { csv: 'csv', xlsx: 'xlsx', geojson: 'geojson', json: 'geojson', zip: 'shapefile' }

const MEDIA_TYPES: Record<PlaceFileFormat, string> = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  geojson: 'application/geo+json',
  shapefile: 'application/zip',
}

/** The format of an import file, from its extension (a .zip is a Shapefile); `null` for a file the import cannot read. */
export function placeFileFormat(filename: string): PlaceFileFormat | null {
  const extension = /\.([a-z]+)$/i.exec(filename)?.[1]?.toLowerCase()
  return extension ? (FORMATS[extension] ?? null) : null
}

/** The media type an import file is sent as, from its extension; `null` for a file the import cannot read. */
export function importMediaType(filename: string): string | null {
  const format = placeFileFormat(filename)
  return format ? MEDIA_TYPES[format] : null
}

const mediaTypeOf = (file: File) => importMediaType(file.name) ?? (file.type || 'application/octet-stream')

/** Reads a file's headers, first rows and suggested mapping for the mapping step; nothing is stored. A file that cannot be read is refused (400, with `problems`). */
export function inspectPlaceFile(file: File, options: { coordinateSystem?: CoordinateSystemId }, signal?: AbortSignal): Promise<PlaceFileInspection> {
  return sendFile<PlaceFileInspection>(withQuery('/api/gazetteer/imports/inspect', { coordinateSystem: options.coordinateSystem }), file, mediaTypeOf(file), signal)
}

/**
 * Sends an import file (CSV, XLSX, GeoJSON or a zipped Shapefile). Without
 * a coordinate system, a Shapefile's .prj decides (else WGS84). A dry run
 * stores nothing and lists every problem; a real run stores every row or,
 * when anything is wrong, none (400 with the same `problems`).
 */
export function importPlaces(
  file: File,
  options: { dryRun: boolean; coordinateSystem?: CoordinateSystemId; mapping?: ColumnMapping },
  signal?: AbortSignal,
): Promise<ImportOutcome> {
  const path = withQuery('/api/gazetteer/imports', {
    dryRun: options.dryRun,
    coordinateSystem: options.coordinateSystem,
    mapping: options.mapping ? JSON.stringify(options.mapping) : undefined,
    filename: file.name,
  })
  return sendFile<ImportOutcome>(path, file, mediaTypeOf(file), signal)
}
