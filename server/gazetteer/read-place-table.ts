import type { CoordinateSystemId } from '../geo/coordinate-systems.ts'
import { NO_HEADER_ROW, decodeText, readFeatureTable } from '../imports/read-feature-table.ts'
import { normalizeName } from './normalize-name.ts'
import { choosePlaceColumns, type PlaceColumnMapping } from './place-column-mapping.ts'
import type { PlaceFields } from './place-record.ts'
import { readPlaceCells, type PlaceCells } from './place-table-cells.ts'
import { unguardFormula } from './spreadsheet-formula-guard.ts'
import { validatePlaceFields } from './validate-place-fields.ts'

/** The formats place records are imported from; a Shapefile arrives as a .zip of its .shp, .dbf, .prj and .cpg. */
export type PlaceFileFormat = 'csv' | 'xlsx' | 'geojson' | 'shapefile'

export interface PlaceFileOptions {
  /**
   * The system the file's coordinates are in; they are converted to WGS 84.
   * Null when the request names none: a Shapefile's .prj then decides, and
   * without one (and for every other format) WGS 84.
   */
  coordinateSystem: CoordinateSystemId | null
  /** Which of the file's headers fills which place column, over the recognition of headers by name (see `choosePlaceColumns`). */
  mapping?: PlaceColumnMapping | null
}

/** One data row (or feature) read into place fields, whether or not it has problems. */
export interface PlaceFileRow {
  /** CSV/XLSX: the spreadsheet row number, the header being row 1; GeoJSON and Shapefiles: the feature number from 1. */
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
  /** The text encoding found for CSV and GeoJSON ('utf-8' or 'gb18030'), a Shapefile's .dbf's (e.g. 'gbk'); null for XLSX and for files that could not be decoded. */
  encoding: string | null
  /** The system the coordinates were read in: the one named, else a Shapefile's .prj's, else WGS 84. */
  coordinateSystem: CoordinateSystemId
  rows: PlaceFileRow[]
  problems: PlaceFileProblem[]
  /** Columns not read (row 0), which do not stop an import. */
  warnings: PlaceFileProblem[]
}

/** Most data rows (or features) a file may have; a larger file is refused as a whole. */
export const MAX_PLACE_FILE_ROWS = 50_000

interface Table {
  encoding: PlaceFileReading['encoding']
  rows: { row: number; cells: PlaceCells }[]
  problems: PlaceFileProblem[]
  warnings: PlaceFileProblem[]
  /** The system a Shapefile's .prj names, when the caller named none. */
  prjCrs?: CoordinateSystemId
}

/**
 * Reads an import file into place fields, with every problem it finds tied
 * to a row and a field; bad cells become problems, never exceptions. CSV may
 * be UTF-8 (with or without BOM) or GB18030/GBK, and is told apart by whether
 * it is valid UTF-8. XLSX is read from its first worksheet, the header in
 * row 1. GeoJSON must be a FeatureCollection whose properties use the same
 * names as the columns. A Shapefile is a .zip read by `readFeatureTable`
 * (GBK attributes, the .prj's system); its .dbf fields are the columns.
 * GeoJSON and Shapefile features give the position by their geometry. The
 * columns are recognised by name or given by `options.mapping` (see
 * `choosePlaceColumns`). Each row is checked with `validatePlaceFields`, and
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
  const mapping = options.mapping ?? null
  const table =
    format === 'geojson' ? readGeoJsonTable(bytes, mapping) : await readColumnTable(bytes, format, options.coordinateSystem, mapping)
  const coordinateSystem = options.coordinateSystem ?? table.prjCrs ?? 'wgs84'
  const { encoding, warnings } = table
  if (table.rows.length > MAX_PLACE_FILE_ROWS) {
    return {
      encoding,
      coordinateSystem,
      rows: [],
      problems: [
        ...table.problems,
        fileProblem('', `the file has ${table.rows.length} rows; at most ${MAX_PLACE_FILE_ROWS} can be imported at once, so split it`),
      ],
      warnings,
    }
  }
  const rows: PlaceFileRow[] = []
  const problems = [...table.problems]
  const firstRowByKey = new Map<string, number>()
  for (const { row, cells } of table.rows) {
    const reading = readPlaceCells(cells, coordinateSystem)
    rows.push({ row, placeCode: reading.placeCode, fields: reading.fields })
    for (const problem of reading.problems) problems.push({ row, ...problem })
    for (const problem of validatePlaceFields(reading.fields)) problems.push({ row, ...problem })
    const duplicate = findDuplicate(firstRowByKey, reading.fields, row)
    if (duplicate !== undefined) problems.push(duplicate)
  }
  return { encoding, coordinateSystem, rows, problems, warnings }
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
 * The rows of a CSV, XLSX or Shapefile (read by `readFeatureTable`) with
 * cells keyed by place column. CSV text cells lose the apostrophe that
 * guards a formula (see {@link unguardFormula}); a Shapefile's features
 * give their geometry, and its dates are read as the calendar dates the
 * .dbf holds.
 */
async function readColumnTable(
  bytes: Uint8Array,
  format: 'csv' | 'xlsx' | 'shapefile',
  named: CoordinateSystemId | null,
  mapping: PlaceColumnMapping | null,
): Promise<Table> {
  const table = await readFeatureTable(bytes, format, named)
  const { encoding } = table
  if (table.headers.length === 0) {
    const noHeader = fileProblem('', 'the file has no header row; row 1 must name the columns, e.g. 标准名称 and 类别')
    const problems = table.problems.map((p) => (p.message === NO_HEADER_ROW ? noHeader : p))
    if (problems.length === 0) {
      problems.push(fileProblem('', table.rows.length === 0 ? 'the Shapefile has no features' : 'the Shapefile’s .dbf has no fields; it needs at least the name and the class of each place'))
    }
    return { encoding, rows: [], problems, warnings: [] }
  }
  const choice = choosePlaceColumns(table.headers, format, { mapping })
  const problems: PlaceFileProblem[] = [...table.problems, ...choice.problems]
  const prjCrs = table.prjCrs === undefined ? {} : { prjCrs: table.prjCrs }
  if (choice.missing.length > 0) return { encoding, rows: [], problems, warnings: choice.warnings, ...prjCrs }

  const rows = table.rows.map(({ row, cells: byHeader, geometry }) => {
    const cells: PlaceCells = format === 'shapefile' ? { geometry: { header: 'geometry', value: geometry } } : {}
    for (const [header, value] of Object.entries(byHeader)) {
      const key = choice.keys.get(header)
      if (key === undefined) continue
      cells[key] = { header, value: format === 'csv' && typeof value === 'string' ? unguardFormula(value) : value }
    }
    return { row, cells }
  })
  for (const column of table.unnamedColumns ?? []) {
    problems.push(fileProblem('', `column ${column} has values but no header; name the column or delete its values`))
  }
  return { encoding, rows, problems, warnings: choice.warnings, ...prjCrs }
}

function readGeoJsonTable(bytes: Uint8Array, mapping: PlaceColumnMapping | null): Table {
  const decoded = decodeText(bytes)
  if ('problem' in decoded) return { encoding: null, rows: [], problems: [fileProblem('', decoded.problem)], warnings: [] }
  const fail = (message: string): Table => ({ encoding: decoded.encoding, rows: [], problems: [fileProblem('', message)], warnings: [] })
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

  const featureProblems: PlaceFileProblem[] = []
  const firstFeature = new Map<string, number>()
  const read: { row: number; properties: Record<string, unknown>; geometry: unknown }[] = []
  features.forEach((feature: unknown, i) => {
    const row = i + 1
    if (!isRecord(feature) || feature.type !== 'Feature') {
      featureProblems.push({ row, field: '', message: `feature ${row} is not a GeoJSON Feature` })
      return
    }
    const properties = feature.properties ?? {}
    if (!isRecord(properties)) {
      featureProblems.push({ row, field: '', message: `the properties of feature ${row} should be an object` })
      return
    }
    for (const name of Object.keys(properties)) if (!firstFeature.has(name)) firstFeature.set(name, row)
    read.push({ row, properties, geometry: feature.geometry ?? null })
  })
  const choice = choosePlaceColumns([...firstFeature.keys()], 'geojson', { mapping, firstFeature })
  const rows = read.map(({ row, properties, geometry }) => {
    const cells: PlaceCells = { geometry: { header: 'geometry', value: geometry } }
    for (const [name, value] of Object.entries(properties)) {
      const key = choice.keys.get(name)
      if (key !== undefined) cells[key] = { header: name, value }
    }
    return { row, cells }
  })
  return { encoding: decoded.encoding, rows, problems: [...choice.problems, ...featureProblems], warnings: choice.warnings }
}

function fileProblem(field: string, message: string): PlaceFileProblem {
  return { row: 0, field, message }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
