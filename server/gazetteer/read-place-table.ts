import { parse as parseCsv } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import type { CoordinateSystemId } from '../geo/coordinate-systems.ts'
import { normalizeName } from './normalize-name.ts'
import { PLACE_COLUMNS, REQUIRED_PLACE_COLUMNS, findPlaceColumn, type PlaceColumnKey } from './place-columns.ts'
import type { PlaceFields } from './place-record.ts'
import { SpreadsheetError, readPlaceCells, type PlaceCells } from './place-table-cells.ts'
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
  const table = format === 'csv' ? readCsvTable(bytes) : format === 'xlsx' ? await readXlsxTable(bytes) : readGeoJsonTable(bytes)
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

function readCsvTable(bytes: Uint8Array): Table {
  const decoded = decodeText(bytes)
  if ('problem' in decoded) return { encoding: null, rows: [], problems: [decoded.problem] }
  let records: string[][]
  try {
    records = parseCsv(decoded.text, { relax_column_count: true }) as string[][]
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    return { encoding: decoded.encoding, rows: [], problems: [fileProblem('', `the file is not readable as CSV: ${reason}`)] }
  }
  const grid = records.map((record) => record.map(unguardFormula))
  const { rows, problems } = gridToRows(grid)
  return { encoding: decoded.encoding, rows, problems }
}

async function readXlsxTable(bytes: Uint8Array): Promise<Table> {
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    return { encoding: null, rows: [], problems: [fileProblem('', `the file is not a readable XLSX workbook: ${reason}`)] }
  }
  const sheet = workbook.worksheets[0]
  if (sheet === undefined) return { encoding: null, rows: [], problems: [fileProblem('', 'the workbook has no worksheet')] }
  const grid: unknown[][] = []
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r)
    const values: unknown[] = []
    for (let c = 1; c <= row.cellCount; c++) values.push(plainCellValue(row.getCell(c).value))
    grid.push(values)
  }
  const { rows, problems } = gridToRows(grid)
  return { encoding: null, rows, problems }
}

/** A cell's value without exceljs' wrappers: rich text joined, a formula's result, a hyperlink's text. */
function plainCellValue(value: ExcelJS.CellValue): unknown {
  if (value === null || value === undefined) return null
  if (typeof value !== 'object' || value instanceof Date) return value
  if ('error' in value) return new SpreadsheetError(String(value.error))
  if ('richText' in value) return value.richText.map((run) => run.text).join('')
  if ('formula' in value || 'sharedFormula' in value) return plainCellValue((value.result ?? null) as ExcelJS.CellValue)
  if ('hyperlink' in value) return plainCellValue(value.text as ExcelJS.CellValue)
  return null
}

/**
 * Rows of cells from a grid whose first row is the header; grid row i is
 * spreadsheet row i + 1.
 */
function gridToRows(grid: readonly (readonly unknown[])[]): Omit<Table, 'encoding'> {
  const headerRow = grid[0] ?? []
  const headers = headerRow.map((cell) => (isBlank(cell) ? '' : String(cell).trim()))
  if (headers.every((header) => header === '')) {
    const problem = fileProblem('', 'the file has no header row; row 1 must name the columns, e.g. 标准名称 and 类别')
    return { rows: [], problems: [problem] }
  }
  const problems: PlaceFileProblem[] = []
  const seen = new Map<PlaceColumnKey, string>()
  const keys = headers.map((header): PlaceColumnKey | null => {
    if (header === '') return null
    const column = findPlaceColumn(header)
    if (column === undefined) {
      problems.push(unknownColumn(header))
      return null
    }
    const earlier = seen.get(column.key)
    if (earlier !== undefined) {
      problems.push(fileProblem(header, `the columns "${earlier}" and "${header}" both give ${column.key}; keep one of them`))
      return null
    }
    seen.set(column.key, header)
    return column.key
  })
  const missing = REQUIRED_PLACE_COLUMNS.filter((key) => !seen.has(key))
  for (const key of missing) {
    const column = PLACE_COLUMNS.find((c) => c.key === key)!
    problems.push(fileProblem(column.header, `the required column ${column.header} (${key}) is missing`))
  }
  if (missing.length > 0) return { rows: [], problems }

  const rows: Table['rows'] = []
  const headerless = new Set<number>()
  grid.slice(1).forEach((values, i) => {
    if (values.every(isBlank)) return
    const cells: PlaceCells = {}
    values.forEach((value, c) => {
      const key = keys[c]
      if (key !== undefined && key !== null) cells[key] = { header: headers[c]!, value }
      else if ((headers[c] ?? '') === '' && !isBlank(value)) headerless.add(c + 1)
    })
    rows.push({ row: i + 2, cells })
  })
  for (const column of headerless) {
    problems.push(fileProblem('', `column ${column} has values but no header; name the column or delete its values`))
  }
  return { rows, problems }
}

function readGeoJsonTable(bytes: Uint8Array): Table {
  const decoded = decodeText(bytes)
  if ('problem' in decoded) return { encoding: null, rows: [], problems: [decoded.problem] }
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

/** The file's text: UTF-8 when the bytes are valid UTF-8 (a BOM is dropped), else GB18030, a superset of GBK and GB2312. */
function decodeText(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'gb18030' } | { problem: PlaceFileProblem } {
  if (bytes.length === 0) return { problem: fileProblem('', 'the file is empty') }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { problem: fileProblem('', 'the file is UTF-16 text; save it as UTF-8 (in Excel: "CSV UTF-8")') }
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' }
  } catch {
    // Not UTF-8: most likely a GBK file saved by Excel or WPS on Chinese Windows.
  }
  try {
    return { text: new TextDecoder('gb18030', { fatal: true }).decode(bytes), encoding: 'gb18030' }
  } catch {
    return { problem: fileProblem('', 'the file is neither UTF-8 nor GB18030/GBK text; save it as UTF-8') }
  }
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

function isBlank(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '')
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
