import type { Geometry, Position } from 'geojson'
import { describeCoordinateSystem, type CoordinateSystemId } from '../geo/coordinate-systems.ts'
import { geometryToWgs84, positionToWgs84 } from '../geo/to-wgs84.ts'
import { describeProblems, validateGeometry } from '../geo/validate-geojson.ts'
import { readFeatureTable, SpreadsheetError, type FeatureTable } from '../imports/read-feature-table.ts'
import { LINE_COLUMNS, LINE_LEVEL_NAMES, MARKER_COLUMNS, MARKER_CONDITION_NAMES, findColumn } from './boundary-columns.ts'
import { isMarkerTypeCode, parseMarkerNumber, type MarkerTypeCode } from './marker-number.ts'

export type BoundaryFileFormat = 'geojson' | 'csv' | 'xlsx' | 'shapefile'
export type BoundaryImportKind = 'lines' | 'markers'

/** Something wrong in the file: row 0 is the file as a whole; `field` is the English column key ('' for the row or file). */
export interface BoundaryFileProblem {
  row: number
  field: string
  message: string
}

/** Most rows (features) one file may have. */
export const MAX_BOUNDARY_FILE_ROWS = 20_000

/** A line read from a file, converted to WGS 84; names of the sides may still be missing (then taken from the divisions). */
export interface LineFileRow {
  row: number
  code: string
  name: string
  level: string
  leftCode: string
  leftName: string
  rightCode: string
  rightName: string
  geometry: Geometry
  agreementNumber: string
  agreementDate: string | null
  validFrom: string | null
  validTo: string | null
  inspectionCycleYears: number
  courseDescription: string
  note: string
}

/** A marker read from a file, converted to WGS 84. */
export interface MarkerFileRow {
  row: number
  lineCode: string
  sequence: number
  typeCode: MarkerTypeCode
  form: string
  material: string
  lng: number
  lat: number
  elevationM: number | null
  setOn: string | null
  locationDescription: string
  referenceObjects: { name: string; azimuthDeg: number; distanceM: number }[]
  condition: string
  note: string
}

/** What a file held: the rows without problems, every problem, and how many rows there were. */
export interface BoundaryFileReading<R> {
  rowCount: number
  rows: R[]
  problems: BoundaryFileProblem[]
}

interface RawRow {
  row: number
  cells: Record<string, unknown>
  geometry: Geometry | null
}

const fileProblem = (message: string, field = ''): BoundaryFileProblem => ({ row: 0, field, message })

/**
 * Reads a line or marker file. GeoJSON and Shapefile rows are features
 * (numbered from 1) whose properties name the columns; CSV and XLSX rows
 * are numbered as in the spreadsheet (header = row 1), markers placed by
 * lng/lat columns and lines by a WKT column (LINESTRING or
 * MULTILINESTRING). Headers may be the English keys or the Chinese ones of
 * {@link LINE_COLUMNS} / {@link MARKER_COLUMNS}. The file is read by
 * {@link readFeatureTable} (a Shapefile as a .zip with .shp, .dbf, optional
 * .prj and .cpg). Coordinates are converted from `crs` to WGS 84; when it
 * is null, from the system a Shapefile's .prj names (one it does not know
 * is a problem of the file), else from WGS 84. Gauss–Krüger positions are
 * [easting, northing] in metres. Never throws on bad input: every problem
 * names its row and field, and only rows without problems are returned.
 */
export async function readBoundaryFile(bytes: Uint8Array, format: BoundaryFileFormat, kind: 'lines', crs: CoordinateSystemId | null): Promise<BoundaryFileReading<LineFileRow>>
export async function readBoundaryFile(bytes: Uint8Array, format: BoundaryFileFormat, kind: 'markers', crs: CoordinateSystemId | null): Promise<BoundaryFileReading<MarkerFileRow>>
export async function readBoundaryFile(bytes: Uint8Array, format: BoundaryFileFormat, kind: BoundaryImportKind, named: CoordinateSystemId | null): Promise<BoundaryFileReading<LineFileRow | MarkerFileRow>> {
  const table = await readFeatureTable(bytes, format, named)
  const crs = named ?? table.prjCrs ?? 'wgs84'
  const { rows: rawRows, problems } = keyRows(table, kind === 'lines' ? LINE_COLUMNS : MARKER_COLUMNS, format === 'csv' || format === 'xlsx')
  if (rawRows.length > MAX_BOUNDARY_FILE_ROWS) {
    return { rowCount: rawRows.length, rows: [], problems: [fileProblem(`the file has ${rawRows.length} rows; at most ${MAX_BOUNDARY_FILE_ROWS} can be imported at once`)] }
  }
  if (rawRows.length === 0 && problems.length === 0) problems.push(fileProblem('the file has no rows'))
  const rows: (LineFileRow | MarkerFileRow)[] = []
  for (const raw of rawRows) {
    const rowProblems: BoundaryFileProblem[] = []
    const add = (field: string, message: string) => rowProblems.push({ row: raw.row, field, message })
    const row = kind === 'lines' ? lineRowOf(raw, crs, add) : markerRowOf(raw, crs, add)
    problems.push(...rowProblems)
    if (rowProblems.length === 0 && row) rows.push(row)
  }
  return { rowCount: rawRows.length, rows, problems }
}

/**
 * The table's rows with cells keyed by column (spreadsheet errors read as
 * empty), leaving out rows the table already found a problem in. A
 * spreadsheet's unknown headers are problems of the file; a feature's
 * properties the import does not read are ignored, as exports carry
 * read-only fields (id, lengthM, status, …), but a feature must have a
 * geometry.
 */
function keyRows(table: FeatureTable, columns: Readonly<Record<string, readonly string[]>>, spreadsheet: boolean): { rows: RawRow[]; problems: BoundaryFileProblem[] } {
  const problems: BoundaryFileProblem[] = [...table.problems]
  const keys = new Map<string, string>()
  for (const header of table.headers) {
    const key = findColumn(columns, header)
    if (key !== undefined) keys.set(header, key)
    else if (spreadsheet) problems.push(fileProblem(`"${header}" is not a known column; use ${Object.keys(columns).join(', ')} or their Chinese headers`, header))
  }
  const refused = new Set(table.problems.map((p) => p.row))
  const rows: RawRow[] = []
  for (const { row, cells: byHeader, geometry } of table.rows) {
    if (refused.has(row)) continue
    if (!spreadsheet && geometry === null) {
      problems.push({ row, field: 'geometry', message: 'the feature has no geometry' })
      continue
    }
    const cells: Record<string, unknown> = {}
    for (const [header, value] of Object.entries(byHeader)) {
      const key = keys.get(header)
      if (key !== undefined) cells[key] = value instanceof SpreadsheetError ? null : value
    }
    rows.push({ row, cells, geometry })
  }
  return { rows, problems }
}

type Add = (field: string, message: string) => void

function text(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  return String(value).trim()
}

function dateCell(value: unknown, field: string, add: Add): string | null {
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  const t = text(value).replace(/[/.]/g, '-')
  if (t === '') return null
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(t)
  if (m) {
    const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`
    const d = new Date(`${iso}T00:00:00Z`)
    if (!Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso && m[1] !== '0000') return iso
  }
  add(field, `"${text(value)}" is not a date (YYYY-MM-DD)`)
  return null
}

function numberCell(value: unknown, field: string, add: Add, options: { required?: boolean; min?: number; max?: number } = {}): number | null {
  const t = typeof value === 'number' ? value : text(value) === '' ? null : Number(text(value))
  if (t === null) {
    if (options.required) add(field, 'missing')
    return null
  }
  if (!Number.isFinite(t)) {
    add(field, `"${text(value)}" is not a number`)
    return null
  }
  if ((options.min !== undefined && t < options.min) || (options.max !== undefined && t > options.max)) {
    add(field, `${t} is outside ${options.min} to ${options.max}`)
    return null
  }
  return t
}

function lineRowOf(raw: RawRow, crs: CoordinateSystemId, add: Add): LineFileRow | null {
  const lngLat = describeCoordinateSystem(crs).kind === 'geographic'
  const c = raw.cells
  const code = text(c.code).toUpperCase()
  if (code === '') add('code', 'missing line code')
  else if (!/^[0-9A-Z]{1,16}$/.test(code)) add('code', `"${code}" is not a line code (1–16 of 0-9 and A-Z)`)
  const name = text(c.name)
  if (name === '') add('name', 'missing line name')
  else if (name.length > 100) add('name', 'longer than 100 characters')
  const level = LINE_LEVEL_NAMES[text(c.level).toLowerCase()] ?? LINE_LEVEL_NAMES[text(c.level)]
  if (!level) add('level', text(c.level) === '' ? 'missing level (provincial, municipal, county or township; 省级, 市级, 县级 or 乡级)' : `"${text(c.level)}" is not a line level (provincial, municipal, county, township)`)
  const leftCode = text(c.leftCode)
  const rightCode = text(c.rightCode)
  for (const [field, value] of [['leftCode', leftCode], ['rightCode', rightCode]] as const) {
    if (value === '') add(field, 'missing division code')
    else if (!/^[0-9]{12}$/.test(value)) add(field, `"${value}" is not a 12-digit division code`)
  }
  if (leftCode !== '' && leftCode === rightCode) add('rightCode', 'a line separates two different divisions')
  let geometry: Geometry | null = raw.geometry
  if (geometry === null && text(c.wkt) !== '') {
    const parsed = parseLineWkt(text(c.wkt))
    if (typeof parsed === 'string') add('geometry', parsed)
    else geometry = parsed
  }
  if (geometry === null) add('geometry', 'missing line geometry')
  else {
    const problems = validateGeometry(geometry, { allowedTypes: ['LineString', 'MultiLineString'], maxPositions: 100_000, lngLat })
    if (problems.length > 0) {
      add('geometry', describeProblems(problems, 3))
      geometry = null
    } else if (!lngLat) {
      geometry = geometryToWgs84(geometry, crs)
      const converted = validateGeometry(geometry, { checkSelfIntersection: false })
      if (converted.length > 0) {
        add('geometry', `after conversion from ${crs}: ${describeProblems(converted, 3)}; is it the right coordinate system?`)
        geometry = null
      }
    }
  }
  const agreementDate = dateCell(c.agreementDate, 'agreementDate', add)
  const validFrom = dateCell(c.validFrom, 'validFrom', add)
  const validTo = dateCell(c.validTo, 'validTo', add)
  if (validFrom && validTo && validTo <= validFrom) add('validTo', `${validTo} is not after validFrom ${validFrom}`)
  const cycle = numberCell(c.inspectionCycleYears, 'inspectionCycleYears', add, { min: 1, max: 20 })
  if (cycle !== null && !Number.isInteger(cycle)) add('inspectionCycleYears', `${cycle} is not a whole number of years`)
  if (geometry === null || !level) return null
  return {
    row: raw.row,
    code,
    name,
    level,
    leftCode,
    leftName: text(c.leftName),
    rightCode,
    rightName: text(c.rightName),
    geometry: lngLat ? geometryToWgs84(geometry, crs) : geometry,
    agreementNumber: text(c.agreementNumber),
    agreementDate,
    validFrom,
    validTo,
    inspectionCycleYears: cycle ?? 5,
    courseDescription: text(c.courseDescription),
    note: text(c.note),
  }
}

function markerRowOf(raw: RawRow, crs: CoordinateSystemId, add: Add): MarkerFileRow | null {
  const c = raw.cells
  const lngLat = describeCoordinateSystem(crs).kind === 'geographic'
  let lineCode = text(c.lineCode).toUpperCase()
  let sequence: number | null = null
  let typeCode: MarkerTypeCode | null = null
  const number = text(c.number)
  if (number !== '') {
    const parts = parseMarkerNumber(number)
    if (!parts) add('number', `"${number}" is not a marker number (line code, three-digit sequence, type Q/A/B/C/D/E, e.g. HN01003A)`)
    else {
      if (lineCode !== '' && lineCode !== parts.lineCode) add('lineCode', `the number ${number} is on line ${parts.lineCode}, not ${lineCode}`)
      lineCode = parts.lineCode
      sequence = parts.sequence
      typeCode = parts.typeCode
    }
  } else {
    if (lineCode === '') add('number', 'missing marker number (or line code, sequence and type code)')
    const seq = numberCell(c.sequence, 'sequence', add, { required: lineCode !== '', min: 1, max: 999 })
    if (seq !== null && !Number.isInteger(seq)) add('sequence', `${seq} is not a whole number`)
    else sequence = seq
    const type = text(c.typeCode).toUpperCase()
    if (type === '') {
      if (lineCode !== '') add('typeCode', 'missing type code (Q, A, B, C, D or E)')
    } else if (isMarkerTypeCode(type)) typeCode = type
  }
  const givenType = text(c.typeCode).toUpperCase()
  if (givenType !== '' && !isMarkerTypeCode(givenType)) add('typeCode', `"${text(c.typeCode)}" is not a type code: Q (single), A/B (pair) or C/D/E (triple)`)
  else if (givenType !== '' && typeCode !== null && givenType !== typeCode) add('typeCode', `the number says type ${typeCode}, the column ${givenType}`)

  let position: Position | null = null
  if (raw.geometry) {
    if (raw.geometry.type !== 'Point') add('geometry', `a marker is a Point, not a ${raw.geometry.type}`)
    else {
      const problems = validateGeometry(raw.geometry, { allowedTypes: ['Point'], lngLat })
      if (problems.length > 0) add('geometry', describeProblems(problems, 3))
      else position = raw.geometry.coordinates
    }
  } else {
    const lng = numberCell(c.lng, 'lng', add, lngLat ? { required: true, min: -180, max: 180 } : { required: true })
    const lat = numberCell(c.lat, 'lat', add, lngLat ? { required: true, min: -90, max: 90 } : { required: true })
    if (lng !== null && lat !== null) position = [lng, lat]
  }
  const elevationFromPoint = position && position.length > 2 ? position[2]! : null
  const elevationM = numberCell(c.elevationM, 'elevationM', add, { min: -500, max: 9000 }) ?? elevationFromPoint
  const setOn = dateCell(c.setOn, 'setOn', add)
  const referenceObjects = parseReferenceObjects(c.referenceObjects, add)
  const conditionText = text(c.condition)
  const condition = conditionText === '' ? 'intact' : MARKER_CONDITION_NAMES[conditionText.toLowerCase()] ?? MARKER_CONDITION_NAMES[conditionText]
  if (!condition) add('condition', `"${conditionText}" is not a condition (intact, damaged, lost, displaced, moved, removed)`)
  const form = text(c.form)
  const material = text(c.material)
  if (form.length > 50) add('form', 'longer than 50 characters')
  if (material.length > 50) add('material', 'longer than 50 characters')
  if (!position || sequence === null || typeCode === null || lineCode === '' || !referenceObjects || !condition) return null
  const [lng, lat] = positionToWgs84(position, crs) as [number, number]
  if (!(Math.abs(lng) <= 180 && Math.abs(lat) <= 90)) {
    add(raw.geometry ? 'geometry' : 'lng', `${position.slice(0, 2).join(', ')} in ${crs} is no longitude/latitude once converted (${lng}, ${lat}); is it the right coordinate system?`)
    return null
  }
  return {
    row: raw.row,
    lineCode,
    sequence,
    typeCode,
    form,
    material,
    lng,
    lat,
    elevationM,
    setOn,
    locationDescription: text(c.locationDescription),
    referenceObjects,
    condition,
    note: text(c.note),
  }
}

/**
 * Reference objects from a cell: a JSON array of {name, azimuthDeg,
 * distanceM}, or text "name,azimuth,distance; …" (full-width ，；
 * accepted). At least three are needed.
 */
export function parseReferenceObjects(value: unknown, add: Add): { name: string; azimuthDeg: number; distanceM: number }[] | null {
  let entries: { name: unknown; azimuthDeg: unknown; distanceM: unknown }[]
  if (Array.isArray(value)) entries = value as typeof entries
  else {
    const t = text(value)
    if (t.startsWith('[')) {
      try {
        entries = JSON.parse(t) as typeof entries
        if (!Array.isArray(entries)) throw new Error('not an array')
      } catch {
        add('referenceObjects', 'is not a JSON array of {name, azimuthDeg, distanceM}')
        return null
      }
    } else {
      entries = t
        .split(/[;；]/)
        .map((part) => part.trim())
        .filter((part) => part !== '')
        .map((part) => {
          const [name, azimuthDeg, distanceM] = part.split(/[,，]/).map((s) => s.trim())
          return { name, azimuthDeg, distanceM }
        })
    }
  }
  if (entries.length < 3) {
    add('referenceObjects', `${entries.length} reference object(s); a marker needs at least three ("name,azimuth,distance; …")`)
    return null
  }
  const out: { name: string; azimuthDeg: number; distanceM: number }[] = []
  let ok = true
  entries.forEach((entry, i) => {
    const name = text(entry?.name)
    const azimuthDeg = Number(entry?.azimuthDeg)
    const distanceM = Number(entry?.distanceM)
    if (name === '' || name.length > 100) {
      add('referenceObjects', `object ${i + 1} has no name (or one over 100 characters)`)
      ok = false
    } else if (text(entry?.azimuthDeg) === '' || !Number.isFinite(azimuthDeg) || azimuthDeg < 0 || azimuthDeg > 360) {
      add('referenceObjects', `object ${i + 1} (${name}): the azimuth must be 0–360 degrees`)
      ok = false
    } else if (text(entry?.distanceM) === '' || !Number.isFinite(distanceM) || distanceM <= 0 || distanceM > 100000) {
      add('referenceObjects', `object ${i + 1} (${name}): the distance must be more than 0 m (at most 100 km)`)
      ok = false
    } else out.push({ name, azimuthDeg, distanceM })
  })
  return ok ? out : null
}

/** A LINESTRING or MULTILINESTRING in WKT as GeoJSON, or why it is not one. */
export function parseLineWkt(wkt: string): Geometry | string {
  const m = /^\s*(MULTILINESTRING|LINESTRING)\s*(?:Z\s*)?\((.*)\)\s*$/is.exec(wkt)
  if (!m) return 'the WKT must be LINESTRING(...) or MULTILINESTRING((...), ...)'
  const parsePositions = (body: string): Position[] | null => {
    const positions = body.split(',').map((pair) => pair.trim().split(/\s+/).map(Number))
    return positions.every((p) => p.length >= 2 && p.length <= 3 && p.every(Number.isFinite)) ? positions : null
  }
  if (m[1]!.toUpperCase() === 'LINESTRING') {
    const positions = parsePositions(m[2]!)
    return positions ? { type: 'LineString', coordinates: positions } : 'the WKT has a position that is not two or three numbers'
  }
  const parts = [...m[2]!.matchAll(/\(([^()]*)\)/g)].map((part) => parsePositions(part[1]!))
  if (parts.length === 0 || parts.some((p) => p === null)) return 'the WKT has a position that is not two or three numbers'
  return { type: 'MultiLineString', coordinates: parts as Position[][] }
}

