import type { CoordinateSystemId } from '../geo/coordinate-systems.ts'
import { NO_HEADER_ROW, decodeText, readFeatureTable } from '../imports/read-feature-table.ts'
import { normalizeName } from './normalize-name.ts'
import { PLACE_COLUMNS, REQUIRED_PLACE_COLUMNS, findPlaceColumn, type PlaceColumnKey } from './place-columns.ts'
import type { PlaceFields } from './place-record.ts'
import { readPlaceCells, type PlaceCells } from './place-table-cells.ts'
import { unguardFormula } from './spreadsheet-formula-guard.ts'
import { validatePlaceFields } from './validate-place-fields.ts'

export type PlaceFileFormat = 'csv' | 'xlsx' | 'geojson'

export interface PlaceFileOptions {
  /** The system the file's coordinates are in; they are converted to WGS 84. */
  coordinateSystem: CoordinateSystemId
}

/** One data row (or GeoJSON feature) read into place fields, whether or not it has problems. */
export interface PlaceFileRow {
  /** CSV/XLSX: the spreadsheet row number, the header being row 1; GeoJSON: the feature number from 1. */
  row: number
  /** The 20-digit code the row gives, when it gives a well-formed one. */
  placeCode: string | null
  fields: PlaceFields
}

/**
 * Something wrong in the file. Row 0 is the file as a whole (unreadable, no
 * header, an unknown or missing column); `field` is then '' or the column as
 * the file names it. Otherwise `field` is the column's English key or a field
 * path from `validatePlaceFields`, such as `altNames[1].validTo`.
 */
export interface PlaceFileProblem {
  row: number
  field: string
  message: string
  /** The offending cell as text, when one cell is to blame. */
  value?: string
}

export interface PlaceFileReading {
  /** The text encoding found for CSV and GeoJSON; null for XLSX and for files that could not be decoded. */
  encoding: 'utf-8' | 'gb18030' | null
  rows: PlaceFileRow[]
  problems: PlaceFileProblem[]
}

/** Most data rows (or features) a file may have; a larger file is refused as a whole. */
export const MAX_PLACE_FILE_ROWS = 50_000

/** Columns that GeoJSON gives through the feature's geometry instead of its properties. */
const GEOMETRY_COLUMNS: readonly PlaceColumnKey[] = ['lng', 'lat', 'geometry']

interface Table {
  encoding: PlaceFileReading['encoding']
  rows: { row: number; cells: PlaceCells }[]
  problems: PlaceFileProblem[]
}

/**
 * Reads an import file into place fields, with every problem it finds tied
 * to a row and a field; bad cells become problems, never exceptions. CSV may
 * be UTF-8 (with or without BOM) or GB18030/GBK, and is told apart by whether
 * it is valid UTF-8. XLSX is read from its first worksheet, the header in
 * row 1. GeoJSON must be a FeatureCollection whose properties use the same
 * names as the columns. Each row is checked with `validatePlaceFields`, and
 * a row repeating the standard name and first division code of an earlier
 * row is reported. `rows` holds every non-blank row, including those with
 * problems, so a preview can show them; import only rows no problem names.
 * When a file-level problem makes the rows meaningless (no header, a
 * required column missing, too many rows), `rows` is empty.
 */
export async function readPlaceFile(
  bytes: Uint8Array,
  format: PlaceFileFormat,
  options: PlaceFileOptions,
): Promise<PlaceFileReading> {
  const table = format === 'geojson' ? readGeoJsonTable(bytes) : await readSpreadsheetTable(bytes, format)
  if (table.rows.length > MAX_PLACE_FILE_ROWS) {
    return {
      encoding: table.encoding,
      rows: [],
      problems: [
        ...table.problems,
        fileProblem('', `the file has ${table.rows.length} rows; at most ${MAX_PLACE_FILE_ROWS} can be imported at once, so split it`),
      ],
    }
  }
  const rows: PlaceFileRow[] = []
  const problems = [...table.problems]
  const firstRowByKey = new Map<string, number>()
  for (const { row, cells } of table.rows) {
    const reading = readPlaceCells(cells, options.coordinateSystem)
    rows.push({ row, placeCode: reading.placeCode, fields: reading.fields })
    for (const problem of reading.problems) problems.push({ row, ...problem })
    for (const problem of validatePlaceFields(reading.fields)) problems.push({ row, ...problem })
    const duplicate = findDuplicate(firstRowByKey, reading.fields, row)
    if (duplicate !== undefined) problems.push(duplicate)
  }
  return { encoding: table.encoding, rows, problems }
}

function findDuplicate(firstRowByKey: Map<string, number>, fields: PlaceFields, row: number): PlaceFileProblem | undefined {
  const name = normalizeName(fields.standardName)
  if (name === '') return undefined
  const division = fields.divisionCodes[0] ?? ''
  const key = `${name}\u0000${division}`
  const first = firstRowByKey.get(key)
  if (first === undefined) {
    firstRowByKey.set(key, row)
    return undefined
  }
  const where = division === '' ? 'also without a division code' : `in the same first division ${division}`
  return {
    row,
    field: 'standardName',
    message: `duplicates row ${first}: the same standard name "${fields.standardName}" ${where}`,
    value: fields.standardName,
  }
}

/**
 * The rows of a CSV or XLSX file (read by `readFeatureTable`) with cells
 * keyed by place column; CSV text cells lose the apostrophe that guards a
 * formula (see {@link unguardFormula}).
 */
async function readSpreadsheetTable(bytes: Uint8Array, format: 'csv' | 'xlsx'): Promise<Table> {
  const table = await readFeatureTable(bytes, format, null)
  const encoding = table.encoding as PlaceFileReading['encoding']
  if (table.headers.length === 0) {
    const noHeader = fileProblem('', 'the file has no header row; row 1 must name the columns, e.g. 标准名称 and 类别')
    return { encoding, rows: [], problems: table.problems.map((p) => (p.message === NO_HEADER_ROW ? noHeader : p)) }
  }
  const problems: PlaceFileProblem[] = [...table.problems]
  const seen = new Map<PlaceColumnKey, string>()
  const keys = new Map<string, PlaceColumnKey>()
  for (const header of table.headers) {
    const column = findPlaceColumn(header)
    if (column === undefined) {
      problems.push(unknownColumn(header))
      continue
    }
    const earlier = seen.get(column.key)
    if (earlier !== undefined) {
      problems.push(fileProblem(header, `the columns "${earlier}" and "${header}" both give ${column.key}; keep one of them`))
      continue
    }
    seen.set(column.key, header)
    keys.set(header, column.key)
  }
  const missing = REQUIRED_PLACE_COLUMNS.filter((key) => !seen.has(key))
  for (const key of missing) {
    const column = PLACE_COLUMNS.find((c) => c.key === key)!
    problems.push(fileProblem(column.header, `the required column ${column.header} (${key}) is missing`))
  }
  if (missing.length > 0) return { encoding, rows: [], problems }

  const rows = table.rows.map(({ row, cells: byHeader }) => {
    const cells: PlaceCells = {}
    for (const [header, value] of Object.entries(byHeader)) {
      const key = keys.get(header)
      if (key !== undefined) cells[key] = { header, value: format === 'csv' && typeof value === 'string' ? unguardFormula(value) : value }
    }
    return { row, cells }
  })
  for (const column of table.unnamedColumns ?? []) {
    problems.push(fileProblem('', `column ${column} has values but no header; name the column or delete its values`))
  }
  return { encoding, rows, problems }
}

function readGeoJsonTable(bytes: Uint8Array): Table {
  const decoded = decodeText(bytes)
  if ('problem' in decoded) return { encoding: null, rows: [], problems: [fileProblem('', decoded.problem)] }
  const fail = (message: string): Table => ({ encoding: decoded.encoding, rows: [], problems: [fileProblem('', message)] })
  let document: unknown
  try {
    document = JSON.parse(decoded.text)
  } catch (error) {
    return fail(`the file is not valid JSON: ${error instanceof Error ? error.message : String(error)}`)
  }
  if (!isRecord(document) || document.type !== 'FeatureCollection') {
    const type = isRecord(document) && typeof document.type === 'string' ? `type "${document.type}"` : 'no type'
    return fail(`expected a GeoJSON FeatureCollection, got ${type}`)
  }
  const features = document.features
  if (!Array.isArray(features)) return fail('the FeatureCollection has no "features" list')
  if (features.length === 0) return fail('the FeatureCollection has no features')

  const problems: PlaceFileProblem[] = []
  const unknownKeys = new Map<string, number>()
  const rows: Table['rows'] = []
  features.forEach((feature: unknown, i) => {
    const row = i + 1
    if (!isRecord(feature) || feature.type !== 'Feature') {
      problems.push({ row, field: '', message: `feature ${row} is not a GeoJSON Feature` })
      return
    }
    const properties = feature.properties ?? {}
    if (!isRecord(properties)) {
      problems.push({ row, field: '', message: `the properties of feature ${row} should be an object` })
      return
    }
    const cells: PlaceCells = { geometry: { header: 'geometry', value: feature.geometry ?? null } }
    for (const [name, value] of Object.entries(properties)) {
      const column = findPlaceColumn(name)
      if (column === undefined || GEOMETRY_COLUMNS.includes(column.key)) {
        if (!unknownKeys.has(name)) unknownKeys.set(name, row)
        continue
      }
      cells[column.key] = { header: name, value }
    }
    rows.push({ row, cells })
  })
  const keyProblems = [...unknownKeys].map(([name, row]): PlaceFileProblem => {
    if (findPlaceColumn(name) === undefined) {
      const problem = unknownColumn(name)
      return { ...problem, message: `${problem.message} (first in feature ${row})` }
    }
    return fileProblem(
      name,
      `the property "${name}" (first in feature ${row}) is not read from GeoJSON properties: the feature's geometry gives the position`,
    )
  })
  problems.unshift(...keyProblems)
  return { encoding: decoded.encoding, rows, problems }
}

function unknownColumn(header: string): PlaceFileProblem {
  return fileProblem(
    header,
    `"${header}" is not a known column; use the Chinese headers of an export (标准名称, 类别, …) or their English keys (standardName, category, …)`,
  )
}

function fileProblem(field: string, message: string): PlaceFileProblem {
  return { row: 0, field, message }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
