import type { CoordinateSystemId } from './coordinate-systems.ts'
import { sendFile, withQuery } from './http.ts'

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
  /** The text encoding a CSV was read in; `null` for other formats. */
  encoding: string | null
  rows: number
  created: number
  updated: number
  problems: ImportProblem[]
  /** Rows with a point more than 1 km outside the district: worth a look (a wrong coordinate system?), but they do not stop a load. */
  warnings: ImportProblem[]
  preview: { row: number; placeCode: string | null; standardName: string; category: string; divisionCodes: string[]; action: string }[]
}

const MEDIA_TYPES: Record<string, string> = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  geojson: 'application/geo+json',
  json: 'application/geo+json',
}

/** The media type an import file is sent as, from its extension; `null` for a file the import cannot read. */
export function importMediaType(filename: string): string | null {
  const extension = /\.([a-z]+)$/i.exec(filename)?.[1]?.toLowerCase()
  return extension ? (MEDIA_TYPES[extension] ?? null) : null
}

/**
 * Sends an import file (CSV, XLSX or GeoJSON). A dry run stores nothing and
 * lists every problem; a real run stores every row or, when anything is
 * wrong, none (400 with the same `problems`).
 */
export function importPlaces(file: File, options: { dryRun: boolean; coordinateSystem: CoordinateSystemId }, signal?: AbortSignal): Promise<ImportOutcome> {
  const mediaType = importMediaType(file.name) ?? (file.type || 'application/octet-stream')
  const path = withQuery('/api/gazetteer/imports', { dryRun: options.dryRun, coordinateSystem: options.coordinateSystem, filename: file.name })
  return sendFile<ImportOutcome>(path, file, mediaType, signal)
}
