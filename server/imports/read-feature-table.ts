import { parse as parseCsv } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import type { Geometry } from 'geojson'
import { parseDbf, parseShp } from 'shpjs'
import { describeCoordinateSystem, type CoordinateSystemId } from '../geo/coordinate-systems.ts'
import { readPrjCoordinateSystem } from '../geo/read-prj.ts'
import { describeProblems, validateGeometry } from '../geo/validate-geojson.ts'
import type { ImportFileFormat, ImportProblem } from './layers/layer-kinds.ts'
import { readZip } from './read-zip.ts'

/**
 * One data row of a spreadsheet or one feature of a GeoJSON file or
 * Shapefile. `cells` are keyed by the file's own header (or property name)
 * and hold the values as read: strings from CSV, numbers, strings, dates
 * and {@link SpreadsheetError}s from XLSX, JSON values from GeoJSON, DBF
 * values from Shapefiles. `geometry` is the feature's geometry in the
 * file's coordinate system, or null for spreadsheets, features without one
 * and features whose geometry is malformed (then a problem names the row).
 */
export interface FeatureTableRow {
  row: number
  cells: Record<string, unknown>
  geometry: Geometry | null
}

/** What a file holds, before any column means anything. */
export interface FeatureTable {
  /** Column headers (CSV/XLSX) or property names seen (GeoJSON/Shapefile), in file order, each once. */
  headers: string[]
  rows: FeatureTableRow[]
  /** Problems of the file as a whole (row 0) and of single features (a malformed geometry, not a Feature). */
  problems: ImportProblem[]
  /** The system a Shapefile's .prj names; set only when the caller named none. */
  prjCrs?: CoordinateSystemId
  /** The text encoding found ('utf-8', 'gb18030', or a .dbf's such as 'gbk'); null for XLSX and unreadable files. */
  encoding: string | null
  /** CSV/XLSX: the columns (from 1, in the order first met) that hold values under no header; those values are not read. */
  unnamedColumns?: number[]
}

/** The problem of a CSV or XLSX file whose first row names no column. */
export const NO_HEADER_ROW = 'the file has no header row naming the columns'

/** An XLSX cell holding a spreadsheet error such as `#DIV/0!` or `#REF!` rather than a value. */
export class SpreadsheetError {
  constructor(readonly code: string) {}
}

const fileProblem = (message: string, field = ''): ImportProblem => ({ row: 0, field, message })

const emptyTable = (problem: ImportProblem, encoding: string | null = null): FeatureTable => ({ headers: [], rows: [], problems: [problem], encoding })

/**
 * Reads a file into rows of cells keyed by its own headers, with nothing
 * mapped or checked beyond what makes the file readable. CSV and XLSX rows
 * are numbered as in the spreadsheet (header = row 1; blank rows skipped,
 * a header used twice gets its column number appended, e.g. `备注 (5)`);
 * GeoJSON and Shapefile features are numbered from 1. CSV and GeoJSON may
 * be UTF-8 (a BOM is dropped) or GB18030/GBK. A Shapefile comes as a .zip
 * with .shp, .dbf, optional .prj and .cpg (see {@link dbfEncoding}).
 * Geometries stay in the file's coordinate system; they are checked to be
 * well-formed GeoJSON (polygon self-intersection is left to the caller),
 * with longitude/latitude ranges checked when the system — `named`, else a
 * Shapefile's .prj, else WGS 84 — is one of longitude/latitude. When
 * `named` is null, `prjCrs` is the system a Shapefile's .prj names; a .prj
 * naming one the importers cannot convert is a problem of the file. Never
 * throws on bad input.
 */
export async function readFeatureTable(bytes: Uint8Array, format: ImportFileFormat, named: CoordinateSystemId | null): Promise<FeatureTable> {
  switch (format) {
    case 'csv':
      return readCsv(bytes)
    case 'xlsx':
      return readXlsx(bytes)
    case 'geojson':
      return readGeoJson(bytes, isLngLat(named ?? 'wgs84'))
    case 'shapefile':
      return readShapefile(bytes, named)
  }
}

const isLngLat = (id: CoordinateSystemId): boolean => describeCoordinateSystem(id).kind === 'geographic'

/** A cell as trimmed text: '' for nothing, dates as YYYY-MM-DD. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  if (value instanceof SpreadsheetError) return value.code
  return String(value).trim()
}

/**
 * The text of a file: UTF-8 when its bytes are valid UTF-8 (a BOM is
 * dropped), else GB18030, a superset of GBK and GB2312 (files saved by
 * Excel or WPS on Chinese Windows). Empty files, UTF-16 and anything else
 * are a problem to tell the user.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'gb18030' } | { problem: string } {
  if (bytes.length === 0) return { problem: 'the file is empty' }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { problem: 'the file is UTF-16 text; save it as UTF-8 (in Excel: "CSV UTF-8")' }
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, ''), encoding: 'utf-8' }
  } catch {
    // Not UTF-8: most likely GBK.
  }
  try {
    return { text: new TextDecoder('gb18030', { fatal: true }).decode(bytes), encoding: 'gb18030' }
  } catch {
    return { problem: 'the file is neither UTF-8 nor GB18030/GBK text; save it as UTF-8' }
  }
}

/** Rows from a grid whose first row is the header; grid row i is spreadsheet row i + 1. */
function tableFromGrid(grid: readonly (readonly unknown[])[], encoding: string | null): FeatureTable {
  const texts = (grid[0] ?? []).map(cellText)
  if (texts.every((h) => h === '')) return emptyTable(fileProblem(NO_HEADER_ROW), encoding)
  const seen = new Set<string>()
  const headers = texts.map((header, col) => {
    if (header === '') return ''
    const unique = seen.has(header) ? `${header} (${col + 1})` : header
    seen.add(unique)
    return unique
  })
  const rows: FeatureTableRow[] = []
  const unnamed = new Set<number>()
  grid.slice(1).forEach((values, i) => {
    if (values.every((v) => cellText(v) === '')) return
    const cells: Record<string, unknown> = {}
    values.forEach((value, col) => {
      const header = headers[col]
      if (header) cells[header] = value
      else if (cellText(value) !== '') unnamed.add(col + 1)
    })
    rows.push({ row: i + 2, cells, geometry: null })
  })
  return { headers: headers.filter((h) => h !== ''), rows, problems: [], encoding, unnamedColumns: [...unnamed] }
}

function readCsv(bytes: Uint8Array): FeatureTable {
  const decoded = decodeText(bytes)
  if ('problem' in decoded) return emptyTable(fileProblem(decoded.problem))
  let grid: string[][]
  try {
    grid = parseCsv(decoded.text, { relax_column_count: true }) as string[][]
  } catch (error) {
    return emptyTable(fileProblem(`the file is not readable as CSV: ${error instanceof Error ? error.message : String(error)}`), decoded.encoding)
  }
  return tableFromGrid(grid, decoded.encoding)
}

async function readXlsx(bytes: Uint8Array): Promise<FeatureTable> {
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer)
  } catch (error) {
    return emptyTable(fileProblem(`the file is not a readable XLSX workbook: ${error instanceof Error ? error.message : String(error)}`))
  }
  const sheet = workbook.worksheets[0]
  if (!sheet) return emptyTable(fileProblem('the workbook has no worksheet'))
  const grid: unknown[][] = []
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r)
    const values: unknown[] = []
    for (let c = 1; c <= row.cellCount; c++) values.push(plainCellValue(row.getCell(c).value))
    grid.push(values)
  }
  return tableFromGrid(grid, null)
}

/** A cell's value without exceljs' wrappers: rich text joined, a formula's result, a hyperlink's text, an error as {@link SpreadsheetError}. */
export function plainCellValue(value: ExcelJS.CellValue): unknown {
  if (value === null || value === undefined) return null
  if (typeof value !== 'object' || value instanceof Date) return value
  if ('error' in value) return new SpreadsheetError(String(value.error))
  if ('richText' in value) return value.richText.map((run) => run.text).join('')
  if ('formula' in value || 'sharedFormula' in value) return plainCellValue((value.result ?? null) as ExcelJS.CellValue)
  if ('hyperlink' in value) return plainCellValue(value.text as ExcelJS.CellValue)
  return null
}

/** Rows from GeoJSON-like features: properties as cells, well-formed geometries kept. */
function rowsFromFeatures(features: readonly unknown[], lngLat: boolean, encoding: string | null): FeatureTable {
  const problems: ImportProblem[] = []
  const headers = new Set<string>()
  const rows: FeatureTableRow[] = []
  features.forEach((feature, i) => {
    const row = i + 1
    if (typeof feature !== 'object' || feature === null || (feature as { type?: unknown }).type !== 'Feature') {
      problems.push({ row, field: '', message: `feature ${row} is not a GeoJSON Feature` })
      return
    }
    const { properties, geometry } = feature as { properties?: unknown; geometry?: unknown }
    if (properties !== null && properties !== undefined && (typeof properties !== 'object' || Array.isArray(properties))) {
      problems.push({ row, field: '', message: `the properties of feature ${row} should be an object` })
      return
    }
    const cells: Record<string, unknown> = { ...(properties as Record<string, unknown> | null | undefined) }
    for (const name of Object.keys(cells)) headers.add(name)
    if (geometry === null || geometry === undefined) {
      rows.push({ row, cells, geometry: null })
      return
    }
    const geometryProblems = validateGeometry(geometry, { lngLat, checkSelfIntersection: false })
    if (geometryProblems.length > 0) problems.push({ row, field: 'geometry', message: describeProblems(geometryProblems, 3) })
    rows.push({ row, cells, geometry: geometryProblems.length > 0 ? null : (geometry as Geometry) })
  })
  return { headers: [...headers], rows, problems, encoding }
}

function readGeoJson(bytes: Uint8Array, lngLat: boolean): FeatureTable {
  const decoded = decodeText(bytes)
  if ('problem' in decoded) return emptyTable(fileProblem(decoded.problem))
  let document: unknown
  try {
    document = JSON.parse(decoded.text)
  } catch (error) {
    return emptyTable(fileProblem(`the file is not valid JSON: ${error instanceof Error ? error.message : String(error)}`), decoded.encoding)
  }
  const features = (document as { type?: unknown; features?: unknown } | null)?.type === 'FeatureCollection' ? (document as { features: unknown }).features : null
  if (!Array.isArray(features)) return emptyTable(fileProblem('expected a GeoJSON FeatureCollection with a features array'), decoded.encoding)
  return rowsFromFeatures(features, lngLat, decoded.encoding)
}

/**
 * The text encoding of a .dbf: what its .cpg names (936 and CP936 read as
 * GBK), else GBK when its language driver byte says code page 936, else
 * UTF-8 when its bytes are valid UTF-8, else GBK.
 */
export function dbfEncoding(dbf: Uint8Array, cpg: Uint8Array | undefined): string {
  const declared = cpg ? new TextDecoder().decode(cpg).trim() : ''
  if (declared !== '') return /^(936|cp936|ansi 936)$/i.test(declared) ? 'gbk' : declared.toLowerCase()
  // Language driver 0x4D/0x7A: code page 936 (GBK).
  if (dbf[29] === 0x4d || dbf[29] === 0x7a) return 'gbk'
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(dbf.subarray(32))
    return 'utf-8'
  } catch {
    return 'gbk'
  }
}

/** The features of a zipped Shapefile, with the system its .prj names when the caller named none. */
async function readShapefile(bytes: Uint8Array, named: CoordinateSystemId | null): Promise<FeatureTable> {
  let files: Map<string, Uint8Array>
  try {
    files = await readZip(bytes)
  } catch (error) {
    return emptyTable(fileProblem(`a Shapefile is sent as a .zip of its .shp, .dbf, .prj and .cpg: ${error instanceof Error ? error.message : String(error)}`))
  }
  const byExtension = (extension: string) => [...files].filter(([name]) => name.toLowerCase().endsWith(extension) && !name.includes('__MACOSX'))
  const shps = byExtension('.shp')
  if (shps.length !== 1) return emptyTable(fileProblem(shps.length === 0 ? 'the .zip holds no .shp file' : `the .zip holds ${shps.length} .shp files; send one layer per file`))
  const base = shps[0]![0].slice(0, -4).toLowerCase()
  const part = (extension: string) => [...files].find(([name]) => name.toLowerCase() === base + extension)?.[1]
  const dbf = part('.dbf')
  if (!dbf) return emptyTable(fileProblem('the .zip has no .dbf beside its .shp: the attributes are missing'))
  const prj = part('.prj')
  let prjCrs: CoordinateSystemId | undefined
  if (named === null && prj) {
    const reading = readPrjCoordinateSystem(new TextDecoder().decode(prj))
    if ('problem' in reading) return emptyTable(fileProblem(reading.problem, 'crs'))
    prjCrs = reading.system
  }
  const encoding = dbfEncoding(dbf, part('.cpg'))
  try {
    const geometries = parseShp(shps[0]![1], false)
    const records = parseDbf(dbf, encoding)
    const features = geometries.map((geometry, i) => ({ type: 'Feature', geometry, properties: dbfRecordCells(records[i] ?? {}) }))
    const table = rowsFromFeatures(features, isLngLat(named ?? prjCrs ?? 'wgs84'), encoding)
    return prjCrs ? { ...table, prjCrs } : table
  } catch (error) {
    return emptyTable(fileProblem(`the Shapefile is not readable: ${error instanceof Error ? error.message : String(error)}`), encoding)
  }
}

/** A .dbf record with empty numeric fields (which shpjs reads as NaN) as null. */
/**
 * A .dbf record's values as cells: an empty number field (which shpjs
 * reads as NaN) is nothing, and a date field, which shpjs reads as local
 * midnight while spreadsheet dates are UTC, becomes its YYYY-MM-DD text, so
 * the date cannot shift by the server's time zone. An empty date is
 * nothing too: blanks, which shpjs reads as an invalid date, or 00000000
 * (what GDAL writes), which it reads as 1899-11-30.
 */
function dbfRecordCells(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).map(([name, value]) => [name, dbfValue(value)]))
}

function dbfValue(value: unknown): unknown {
  if (typeof value === 'number' && Number.isNaN(value)) return null
  if (!(value instanceof Date)) return value
  if (Number.isNaN(value.getTime())) return null
  const pad = (n: number) => String(n).padStart(2, '0')
  const text = `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`
  return text === '1899-11-30' ? null : text
}
