import type { Geometry } from 'geojson'
import { describeCoordinateSystem, type CoordinateSystemId } from '../geo/coordinate-systems.ts'
import { geometryToWgs84 } from '../geo/to-wgs84.ts'
import { validateGeometry, type GeometryTypeName } from '../geo/validate-geojson.ts'
import { SpreadsheetError } from '../imports/read-feature-table.ts'
import { parsePlaceCode } from './place-code.ts'
import { PLACE_CATEGORY_CLASSES, isPlaceCategoryClassId, type PlaceCategoryClassId } from './place-categories.ts'
import type { PlaceColumnKey } from './place-columns.ts'
import {
  emptyPlaceFields,
  type AltName,
  type AltNameKind,
  type PlaceFields,
  type PlaceRecord,
  type PlaceStatus,
} from './place-record.ts'
import { MAX_GEOMETRY_POSITIONS } from './validate-place-fields.ts'

/** A cell as a reader found it, under the header the file gave its column. */
export interface PlaceCell {
  header: string
  /** CSV text, an XLSX value (text, number, boolean, Date) or a GeoJSON value (arrays and objects too). */
  value: unknown
}

export type PlaceCells = Partial<Record<PlaceColumnKey, PlaceCell>>

/** A cell that could not be read: `field` is the column's key, `value` the cell as text. */
export interface CellProblem {
  field: string
  message: string
  value?: string
}

export interface PlaceCellsReading {
  placeCode: string | null
  fields: PlaceFields
  problems: CellProblem[]
}

/** Which column holds each kind of other name; other names are read and written in this order. */
export const ALT_NAME_COLUMNS: readonly { kind: AltNameKind; key: PlaceColumnKey }[] = [
  { kind: 'alias', key: 'aliases' },
  { kind: 'short', key: 'shortNames' },
  { kind: 'map', key: 'mapNames' },
  { kind: 'historical', key: 'historicalNames' },
]

/** How exports write statuses; imports accept these and the English values. */
const STATUS_LABELS: Record<PlaceStatus, string> = { current: '现行', historical: '历史', deprecated: '错误' }

const TEXT_COLUMNS = [
  'standardName',
  'specificPart',
  'genericPart',
  'romanization',
  'featureType',
  'minorityName',
  'meaning',
  'history',
  'description',
  'sources',
  'registeredBy',
  'registeringUnit',
] as const satisfies readonly (PlaceColumnKey & keyof PlaceFields)[]

const DATE_COLUMNS = ['namedOn', 'establishedOn', 'abolishedOn', 'registeredOn'] as const satisfies readonly (PlaceColumnKey &
  keyof PlaceFields)[]

const GEOMETRY_TYPES: readonly GeometryTypeName[] = [
  'Point',
  'MultiPoint',
  'LineString',
  'MultiLineString',
  'Polygon',
  'MultiPolygon',
]

const LOOSE_DATE = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/u
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/
const LIST_SEPARATOR = /[;；,，、]/u
const ALT_NAME_SEPARATOR = /[;；]/u
/** A name followed by a span in brackets: `平安里(1990-01-01~2005-06-30)`, either end may be empty. */
const NAME_WITH_SPAN = /^(.*?)\s*[(（]([^()（）]*[~～][^()（）]*)[)）]$/u
const WKT_START = /^\s*(MULTI)?(POINT|LINESTRING|POLYGON)\b|^\s*GEOMETRYCOLLECTION\b/iu
const TRUE_WORDS = new Set(['是', 'true', 'yes', 'y', '1', '已核定'])
const FALSE_WORDS = new Set(['否', 'false', 'no', 'n', '0', '未核定', ''])
const STATUS_WORDS = new Map<string, PlaceStatus>([
  ['现行', 'current'],
  ['历史', 'historical'],
  ['错误', 'deprecated'],
  ['current', 'current'],
  ['historical', 'historical'],
  ['deprecated', 'deprecated'],
])

/**
 * Place fields from one row's cells, with a problem for each cell that cannot
 * be read (never an exception): the cell is then left at its empty value.
 * Text is trimmed and its line breaks become `\n` (XLSX cannot keep a
 * `\r`). Coordinates (the lng/lat cells or the geometry) are converted from
 * `from` to WGS 84 once they are well-formed GeoJSON.
 * Checks only what reading needs; run `validatePlaceFields` on the result.
 */
export function readPlaceCells(cells: PlaceCells, from: CoordinateSystemId): PlaceCellsReading {
  const problems: CellProblem[] = []
  const reader = new CellReader(cells, problems, describeCoordinateSystem(from).kind === 'geographic')
  const fields = emptyPlaceFields()
  for (const key of TEXT_COLUMNS) fields[key] = reader.text(key)
  for (const key of DATE_COLUMNS) fields[key] = reader.date(key)
  const placeCode = reader.placeCode()
  fields.romanizationConfirmed = reader.flag('romanizationConfirmed')
  fields.category = reader.category() ?? fields.category
  fields.categoryCode = reader.digits('categoryCode', 5)
  fields.status = reader.status()
  fields.divisionCodes = reader.divisionCodes()
  const geometry = reader.geometry()
  fields.geometry = geometry === null ? null : geometryToWgs84(geometry, from)
  fields.altNames = ALT_NAME_COLUMNS.flatMap(({ kind, key }) => reader.altNames(key, kind))
  return { placeCode, fields, problems }
}

/**
 * A record's cells as exports write them: text, except longitude and latitude,
 * which are numbers when the geometry is a point ('' otherwise). Lists are
 * joined with `;`; a point goes into lng/lat, other geometries into the
 * geometry cell as GeoJSON text.
 */
export function formatPlaceCells(record: PlaceRecord): Record<PlaceColumnKey, string | number> {
  const point = asPlainPoint(record.geometry)
  const byKind = (kind: AltNameKind) => formatAltNames(record.altNames.filter((n) => n.kind === kind))
  return {
    placeCode: record.placeCode ?? '',
    standardName: record.standardName,
    specificPart: record.specificPart,
    genericPart: record.genericPart,
    romanization: record.romanization,
    romanizationConfirmed: record.romanizationConfirmed ? '是' : '否',
    category: PLACE_CATEGORY_CLASSES.find((c) => c.id === record.category)?.nameZh ?? record.category,
    categoryCode: record.categoryCode ?? '',
    featureType: record.featureType,
    minorityName: record.minorityName,
    meaning: record.meaning,
    history: record.history,
    description: record.description,
    sources: record.sources,
    divisionCodes: record.divisionCodes.join(';'),
    lng: point?.[0] ?? '',
    lat: point?.[1] ?? '',
    geometry: record.geometry === null || point !== null ? '' : JSON.stringify(record.geometry),
    namedOn: record.namedOn ?? '',
    establishedOn: record.establishedOn ?? '',
    abolishedOn: record.abolishedOn ?? '',
    status: STATUS_LABELS[record.status],
    registeredBy: record.registeredBy,
    registeringUnit: record.registeringUnit,
    registeredOn: record.registeredOn ?? '',
    aliases: byKind('alias'),
    shortNames: byKind('short'),
    mapNames: byKind('map'),
    historicalNames: byKind('historical'),
  }
}

/**
 * Other names of one kind in one cell: `name` or `name(from~to)` separated by
 * `;`. When a name has a romanization or a note, or could not be read back
 * from that form, the cell is instead a JSON array of
 * `{ name, romanization, validFrom, validTo, note }`, which imports accept too.
 */
function formatAltNames(names: readonly AltName[]): string {
  if (names.length === 0) return ''
  if (names.every(isPlainAltName)) return names.map(formatPlainAltName).join('; ')
  return JSON.stringify(names.map(({ name, romanization, validFrom, validTo, note }) => ({ name, romanization, validFrom, validTo, note })))
}

function isPlainAltName(altName: AltName): boolean {
  const { name, romanization, validFrom, validTo, note } = altName
  if (romanization !== '' || note !== '') return false
  if (name === '' || name !== name.trim() || name.startsWith('[') || ALT_NAME_SEPARATOR.test(name)) return false
  const span = splitNameSpan(formatPlainAltName(altName))
  if (span === null) return validFrom === null && validTo === null
  return span.name === name && span.from === (validFrom ?? '') && span.to === (validTo ?? '')
}

function formatPlainAltName({ name, validFrom, validTo }: AltName): string {
  if (validFrom === null && validTo === null) return name
  return `${name}(${validFrom ?? ''}~${validTo ?? ''})`
}

/** The name and the two ends of the span of an entry such as `平安里(1990-01-01~2005-06-30)`; null when it has no span. */
function splitNameSpan(entry: string): { name: string; from: string; to: string } | null {
  const match = NAME_WITH_SPAN.exec(entry)
  if (match === null) return null
  const [from = '', to = ''] = match[2]!.split(/[~～]/u).map((s) => s.trim())
  return { name: match[1]!.trim(), from, to }
}

/** The geometry's position when it is a point with no height, which fits the lng/lat columns. */
function asPlainPoint(geometry: Geometry | null): [number, number] | null {
  if (geometry?.type !== 'Point' || geometry.coordinates.length !== 2) return null
  return [geometry.coordinates[0]!, geometry.coordinates[1]!]
}

class CellReader {
  constructor(
    private readonly cells: PlaceCells,
    private readonly problems: CellProblem[],
    /** False for Gauss–Krüger metres, whose range is checked once converted. */
    private readonly lngLat: boolean,
  ) {}

  text(key: PlaceColumnKey): string {
    const cell = this.cells[key]
    if (cell === undefined) return ''
    const { value } = cell
    if (value === null || value === undefined) return ''
    if (typeof value === 'string') return value.replace(/\r\n?/g, '\n').trim()
    if (typeof value === 'number' && Number.isFinite(value)) return String(value)
    if (value instanceof Date) return isoDate(value) ?? ''
    this.report(key, `expected text, got ${describe(value)}`)
    return ''
  }

  date(key: PlaceColumnKey): string | null {
    const value = this.cells[key]?.value
    if (isBlank(value)) return null
    if (value instanceof Date) {
      const date = isoDate(value)
      if (date === null) this.report(key, 'the cell holds an invalid date')
      return date
    }
    if (typeof value !== 'string') {
      this.report(key, `expected a date written YYYY-MM-DD, got ${describe(value)}`)
      return null
    }
    const date = parseLooseDate(value.trim())
    if (date === null) this.report(key, `"${value.trim()}" is not a date; expected YYYY-MM-DD, e.g. 2024-02-29`, value)
    return date
  }

  flag(key: PlaceColumnKey): boolean {
    const value = this.cells[key]?.value
    if (typeof value === 'boolean') return value
    if (isBlank(value)) return false
    const word = typeof value === 'string' || typeof value === 'number' ? String(value).trim().toLowerCase() : null
    if (word !== null && TRUE_WORDS.has(word)) return true
    if (word !== null && FALSE_WORDS.has(word)) return false
    this.report(key, `${describe(value)} is not yes or no; expected 是 or 否 (true or false)`, value)
    return false
  }

  placeCode(): string | null {
    const value = this.cells.placeCode?.value
    if (isBlank(value)) return null
    if (typeof value === 'number') {
      this.report(
        'placeCode',
        'the place code is stored as a number, and spreadsheets keep only 15 significant digits of the 20; format the column as text and enter the codes again',
        value,
      )
      return null
    }
    const code = this.text('placeCode')
    const parsed = parsePlaceCode(code)
    if (parsed.ok) return code
    for (const problem of parsed.problems) this.report('placeCode', problem.message, code)
    return null
  }

  category(): PlaceCategoryClassId | null {
    const name = this.text('category')
    if (name === '') {
      this.report('category', `the category is missing; expected one of ${PLACE_CATEGORY_CLASSES.map((c) => c.nameZh).join('、')}`)
      return null
    }
    if (isPlaceCategoryClassId(name)) return name
    const lower = name.toLowerCase()
    const found = PLACE_CATEGORY_CLASSES.find((c) => c.nameZh === name || c.nameEn.toLowerCase() === lower)
    if (found !== undefined) return found.id
    this.report(
      'category',
      `"${name}" is not a place-name class; expected one of ${PLACE_CATEGORY_CLASSES.map((c) => c.nameZh).join('、')} (or the class id, e.g. settlements)`,
      name,
    )
    return null
  }

  /** A code of `length` digits; numbers from a spreadsheet are taken only when no leading zero can have been lost. */
  digits(key: PlaceColumnKey, length: number): string | null {
    const value = this.cells[key]?.value
    if (isBlank(value)) return null
    if (typeof value === 'number') return this.numberCode(key, value, length)
    const text = this.text(key)
    return text === '' ? null : text
  }

  status(): PlaceStatus {
    const word = this.text('status')
    if (word === '') return 'current'
    const status = STATUS_WORDS.get(word.toLowerCase())
    if (status !== undefined) return status
    this.report('status', `"${word}" is not a status; expected 现行, 历史 or 错误 (current, historical or deprecated)`, word)
    return 'current'
  }

  divisionCodes(): string[] {
    const value = this.cells.divisionCodes?.value
    if (isBlank(value)) return []
    if (typeof value === 'number') {
      const code = this.numberCode('divisionCodes', value, 12)
      return code === null ? [] : [code]
    }
    if (Array.isArray(value)) {
      return value.flatMap((item) => {
        if (typeof item === 'string') return [item.trim()]
        this.report('divisionCodes', `expected each division code as text, got ${describe(item)}`, item)
        return []
      })
    }
    return this.text('divisionCodes')
      .split(LIST_SEPARATOR)
      .map((code) => code.trim())
      .filter((code) => code !== '')
  }

  geometry(): Geometry | null {
    const lngCell = this.cells.lng?.value
    const latCell = this.cells.lat?.value
    const geometryCell = this.cells.geometry?.value
    const hasPoint = !isBlank(lngCell) || !isBlank(latCell)
    if (hasPoint && !isBlank(geometryCell)) {
      this.report('geometry', 'the row has both longitude/latitude and a geometry; give one of them')
      return null
    }
    if (hasPoint) return this.point(lngCell, latCell)
    if (isBlank(geometryCell)) return null
    const parsed = this.geometryValue(geometryCell)
    return parsed === null ? null : this.checkedGeometry(parsed, (path) => path)
  }

  altNames(key: PlaceColumnKey, kind: AltNameKind): AltName[] {
    const value = this.cells[key]?.value
    if (isBlank(value)) return []
    if (Array.isArray(value)) return this.altNameList(key, kind, value)
    if (typeof value !== 'string') {
      this.report(key, `expected names separated by ";", got ${describe(value)}`, value)
      return []
    }
    const text = value.trim()
    if (!text.startsWith('[')) {
      return text
        .split(ALT_NAME_SEPARATOR)
        .map((entry) => entry.trim())
        .filter((entry) => entry !== '')
        .map((entry) => this.altNameEntry(key, kind, entry))
    }
    let list: unknown
    try {
      list = JSON.parse(text)
    } catch {
      this.report(key, 'the cell starts with "[" but is not a JSON list of names; write names separated by ";"', text)
      return []
    }
    if (Array.isArray(list)) return this.altNameList(key, kind, list)
    this.report(key, 'expected a JSON list of names, or names separated by ";"', text)
    return []
  }

  private altNameList(key: PlaceColumnKey, kind: AltNameKind, list: readonly unknown[]): AltName[] {
    return list.flatMap((item) => {
      if (typeof item === 'string') return item.trim() === '' ? [] : [this.altNameEntry(key, kind, item.trim())]
      if (typeof item === 'object' && item !== null && !Array.isArray(item)) {
        const altName = this.altNameObject(key, kind, item as Record<string, unknown>)
        return altName === null ? [] : [altName]
      }
      this.report(key, `expected a name or { name, validFrom, validTo }, got ${describe(item)}`, item)
      return []
    })
  }

  private altNameEntry(key: PlaceColumnKey, kind: AltNameKind, entry: string): AltName {
    const span = splitNameSpan(entry)
    const altName: AltName = { kind, name: span?.name ?? entry, romanization: '', validFrom: null, validTo: null, note: '' }
    if (span === null) return altName
    altName.validFrom = this.spanDate(key, entry, span.from)
    altName.validTo = this.spanDate(key, entry, span.to)
    return altName
  }

  private spanDate(key: PlaceColumnKey, entry: string, text: string): string | null {
    if (text === '') return null
    const date = parseLooseDate(text)
    if (date === null) {
      this.report(key, `in "${entry}", "${text}" is not a date; expected name(YYYY-MM-DD~YYYY-MM-DD), either date may be left out`, entry)
    }
    return date
  }

  private altNameObject(key: PlaceColumnKey, kind: AltNameKind, item: Record<string, unknown>): AltName | null {
    const text = (member: string): string | null => {
      const v = item[member]
      if (v === undefined || v === null) return ''
      if (typeof v === 'string') return v.trim()
      this.report(key, `the ${member} of an other name should be text, got ${describe(v)}`, v)
      return null
    }
    const name = text('name')
    const romanization = text('romanization')
    const note = text('note')
    const validFrom = text('validFrom')
    const validTo = text('validTo')
    if (name === null || romanization === null || note === null || validFrom === null || validTo === null) return null
    const date = (member: string, value: string): string | null => {
      if (value === '') return null
      const parsed = parseLooseDate(value)
      if (parsed === null) this.report(key, `the ${member} "${value}" of "${name}" is not a date; expected YYYY-MM-DD`, value)
      return parsed
    }
    return { kind, name, romanization, validFrom: date('validFrom', validFrom), validTo: date('validTo', validTo), note }
  }

  private point(lngValue: unknown, latValue: unknown): Geometry | null {
    const lng = this.coordinate('lng', lngValue, 'longitude')
    const lat = this.coordinate('lat', latValue, 'latitude')
    if (lng === null || lat === null) return null
    const axisField = (path: string) =>
      path.endsWith('coordinates[0]') ? 'lng' : path.endsWith('coordinates[1]') ? 'lat' : path
    return this.checkedGeometry({ type: 'Point', coordinates: [lng, lat] }, axisField)
  }

  private coordinate(key: 'lng' | 'lat', value: unknown, label: string): number | null {
    if (isBlank(value)) {
      const other = key === 'lng' ? 'latitude' : 'longitude'
      this.report(key, `the ${label} is missing while the ${other} is given; a point needs both`)
      return null
    }
    if (typeof value === 'number' && Number.isFinite(value)) return value
    const text = typeof value === 'string' ? value.normalize('NFKC').trim() : null
    if (text !== null && DECIMAL.test(text)) return Number(text)
    this.report(key, `${describe(value)} is not a ${label}; expected a decimal number of degrees, e.g. 123.4321`, value)
    return null
  }

  private geometryValue(value: unknown): unknown {
    if (typeof value !== 'string') return value
    const text = value.trim()
    if (WKT_START.test(text)) {
      this.report(
        'geometry',
        'WKT is not accepted; write the geometry as GeoJSON text, e.g. {"type":"LineString","coordinates":[[123.41,41.80],[123.42,41.81]]}',
        text,
      )
      return null
    }
    try {
      return JSON.parse(text)
    } catch {
      this.report('geometry', 'the geometry is not GeoJSON text; expected e.g. {"type":"Point","coordinates":[123.41,41.80]}', text)
      return null
    }
  }

  /** The geometry when it is well-formed GeoJSON of an accepted type, else null with its problems reported. */
  private checkedGeometry(value: unknown, fieldOf: (path: string) => string): Geometry | null {
    const problems = validateGeometry(value, { allowedTypes: GEOMETRY_TYPES, maxPositions: MAX_GEOMETRY_POSITIONS, lngLat: this.lngLat }, 'geometry')
    for (const p of problems) {
      this.problems.push({ field: fieldOf(p.path), message: p.message, ...(p.coordinate ? { value: `[${p.coordinate.join(', ')}]` } : {}) })
    }
    return problems.length === 0 ? (value as Geometry) : null
  }

  private numberCode(key: PlaceColumnKey, value: number, length: number): string | null {
    const digits = Number.isSafeInteger(value) && value >= 0 ? String(value) : null
    if (digits !== null && digits.length === length) return digits
    this.report(
      key,
      `${value} is stored as a number, which loses leading zeros; expected ${length} digits as text (format the column as text)`,
      value,
    )
    return null
  }

  private report(key: PlaceColumnKey, message: string, value?: unknown): void {
    const header = this.cells[key]?.header ?? key
    const problem: CellProblem = { field: key, message: `column "${header}": ${message}` }
    if (value !== undefined) problem.value = cellText(value)
    this.problems.push(problem)
  }
}

/** `YYYY-MM-DD` from dates written 2024-2-9, 2024/02/09, 2024.2.9 or 2024年2月9日; null for anything else. The calendar is not checked. */
function parseLooseDate(text: string): string | null {
  const match = LOOSE_DATE.exec(text.normalize('NFKC'))
  if (match === null) return null
  return `${match[1]}-${match[2]!.padStart(2, '0')}-${match[3]!.padStart(2, '0')}`
}

/** The calendar date of a spreadsheet date cell. Spreadsheet dates carry no zone; exceljs reads them as UTC. */
function isoDate(date: Date): string | null {
  if (Number.isNaN(date.getTime())) return null
  return date.toISOString().slice(0, 10)
}

function isBlank(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '')
}

function cellText(value: unknown): string {
  if (typeof value === 'string') return value
  if (value instanceof SpreadsheetError) return value.code
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString()
  if (typeof value === 'object' && value !== null) return JSON.stringify(value)
  return String(value)
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'nothing'
  if (Array.isArray(value)) return 'a list'
  if (value instanceof Date) return 'a date'
  if (value instanceof SpreadsheetError) return `the spreadsheet error ${value.code}`
  switch (typeof value) {
    case 'string':
      return `"${value}"`
    case 'number':
      return `the number ${value}`
    case 'boolean':
      return `the value ${value}`
    default:
      return 'an object'
  }
}
