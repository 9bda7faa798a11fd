import type { CoordinateSystemId } from '../geo/coordinate-systems.ts'
import { SpreadsheetError, readFeatureTable } from '../imports/read-feature-table.ts'
import { isMappablePlaceColumn, suggestPlaceMapping } from './place-column-mapping.ts'
import { PLACE_COLUMNS, REQUIRED_PLACE_COLUMNS, type PlaceColumnKey } from './place-columns.ts'
import type { PlaceFileFormat, PlaceFileProblem } from './read-place-table.ts'

/** What the mapping step of a place import shows of a file. */
export interface PlaceFileInspection {
  format: PlaceFileFormat
  /** The file's headers (GeoJSON property names, a Shapefile's .dbf fields), in file order. */
  headers: string[]
  /** The first five rows, cells as text by header. */
  sample: Record<string, string>[]
  rowCount: number
  /** Whether any feature carries a geometry. */
  hasGeometry: boolean
  /** The system a Shapefile's .prj names, when the caller named none. */
  prjCrs: CoordinateSystemId | null
  encoding: string | null
  /** The header an import without a mapping reads for each place column. */
  suggested: Partial<Record<PlaceColumnKey, string>>
  /** The place columns, in export order; `mappable` is false for position columns of GeoJSON and Shapefiles. */
  columns: { key: PlaceColumnKey; header: string; required: boolean; mappable: boolean }[]
  /** Problems of the file as a whole (row 0); with no headers, what kept the file from being read. */
  problems: PlaceFileProblem[]
}

const SAMPLE_ROWS = 5

/**
 * Reads a place import file for the mapping step: its headers, its first
 * rows and the mapping an import without one would use. Nothing is checked
 * beyond what makes the file readable; `named` as for `readFeatureTable`.
 */
export async function inspectPlaceFile(bytes: Uint8Array, format: PlaceFileFormat, named: CoordinateSystemId | null): Promise<PlaceFileInspection> {
  const table = await readFeatureTable(bytes, format, named)
  return {
    format,
    headers: table.headers,
    sample: table.rows
      .slice(0, SAMPLE_ROWS)
      .map((r) => Object.fromEntries(table.headers.map((h) => [h, cellText(r.cells[h])]))),
    rowCount: table.rows.length,
    hasGeometry: table.rows.some((r) => r.geometry !== null),
    prjCrs: table.prjCrs ?? null,
    encoding: table.encoding,
    suggested: suggestPlaceMapping(table.headers, format),
    columns: PLACE_COLUMNS.map(({ key, header }) => ({ key, header, required: REQUIRED_PLACE_COLUMNS.includes(key), mappable: isMappablePlaceColumn(key, format) })),
    problems: table.problems.filter((p) => p.row === 0),
  }
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10)
  if (value instanceof SpreadsheetError) return value.code
  if (typeof value === 'object') return JSON.stringify(value)
  return String(value)
}
