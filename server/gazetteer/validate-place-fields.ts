import type { Geometry, Position } from 'geojson'
import { validateGeometry, type GeometryTypeName } from '../geo/validate-geojson.ts'
import { normalizeName } from './normalize-name.ts'
import { PLACE_CATEGORY_CLASSES, isPlaceCategoryClassId } from './place-categories.ts'
import { ALT_NAME_KINDS, PLACE_STATUSES, type AltName, type FieldProblem, type PlaceFields } from './place-record.ts'
import { isCalendarDate } from '../calendar-date.ts'

/** Longest standard name or other name, in characters (code points); the database refuses longer ones. */
export const MAX_NAME_LENGTH = 100

/** Longest free-text field (history, description, sources…), in characters. */
export const MAX_TEXT_LENGTH = 10_000

/**
 * Most positions a place's geometry may have. It bounds the cost of the
 * self-intersection check; a place's outline or course rarely needs more.
 */
export const MAX_GEOMETRY_POSITIONS = 100_000

/**
 * Where a place in China can lie: a rough box around the country's land and
 * seas. A position outside it is far more often swapped longitude and
 * latitude, or another coordinate system, than a real place.
 */
export const CHINA_EXTENT = { west: 73, east: 136, south: 3, north: 54 } as const

const GEOMETRY_TYPES: readonly GeometryTypeName[] = [
  'Point',
  'MultiPoint',
  'LineString',
  'MultiLineString',
  'Polygon',
  'MultiPolygon',
]

const ROMANIZATION_CHAR = /^[A-Za-zÜü0-9 '’\-.()]$/u
const CONTROL_CHAR = /\p{Cc}/u
/** Control characters other than tab, line feed and carriage return, which multi-line text may hold. */
const TEXT_CONTROL_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u
const DIVISION_CODE = /^[0-9]{12}$/
const CATEGORY_CODE = /^[0-9]{5}$/

type DateField = 'namedOn' | 'establishedOn' | 'abolishedOn' | 'registeredOn'
type TextField =
  | 'featureType'
  | 'specificPart'
  | 'genericPart'
  | 'romanization'
  | 'minorityName'
  | 'meaning'
  | 'history'
  | 'description'
  | 'sources'
  | 'registeredBy'
  | 'registeringUnit'

const DATE_FIELDS: readonly DateField[] = ['namedOn', 'establishedOn', 'abolishedOn', 'registeredOn']
/** Fields of one line: a control character in them is always a mistake. */
const LINE_FIELDS: readonly TextField[] = ['featureType', 'specificPart', 'genericPart', 'registeredBy', 'registeringUnit']
const MULTILINE_FIELDS: readonly TextField[] = ['minorityName', 'meaning', 'history', 'description', 'sources']

const ALT_NAME_LABELS: Record<string, string> = {
  alias: 'alias',
  short: 'short name',
  map: 'name on maps',
  historical: 'historical name',
}

/**
 * Everything wrong with a place's fields, each problem naming the field's
 * path (`altNames[1].validTo`) and saying in English what is wrong and what
 * is expected; empty when the fields can be saved. Checks the fields on
 * their own: whether the divisions exist, or the name is taken, needs the
 * database. Never throws on well-typed input.
 */
export function validatePlaceFields(fields: PlaceFields): FieldProblem[] {
  return [
    ...checkStandardName(fields),
    ...checkTextFields(fields),
    ...checkRomanization('romanization', fields.romanization),
    ...checkCategory(fields),
    ...checkDates(fields),
    ...checkStatus(fields),
    ...checkDivisionCodes(fields.divisionCodes),
    ...checkGeometry(fields.geometry),
    ...fields.altNames.flatMap((altName, i) => checkAltName(altName, `altNames[${i}]`)),
  ]
}

function checkStandardName(fields: PlaceFields): FieldProblem[] {
  const name = fields.standardName
  const problems = checkName('standardName', name, 'the standard name')
  if (problems.length > 0) return problems
  const specific = fields.specificPart.trim()
  const generic = fields.genericPart.trim()
  if (specific === '' || generic === '') return []
  if (normalizeName(name) === normalizeName(specific + generic)) return []
  return [
    {
      field: 'standardName',
      message: `the standard name "${name}" should be the specific part "${specific}" followed by the generic part "${generic}" ("${specific}${generic}")`,
    },
  ]
}

function checkName(field: string, name: string, label: string): FieldProblem[] {
  if (name.trim() === '') return [{ field, message: `${label} is blank; a name is required` }]
  const length = Array.from(name).length
  if (length > MAX_NAME_LENGTH) {
    return [{ field, message: `${label} has ${length} characters; at most ${MAX_NAME_LENGTH} are allowed` }]
  }
  const control = findChar(name, CONTROL_CHAR)
  if (control !== undefined) {
    return [
      {
        field,
        message: `${label} contains the control character ${codePoint(control.char)} at character ${control.position}; a name is one line of visible characters`,
      },
    ]
  }
  return []
}

function checkTextFields(fields: PlaceFields): FieldProblem[] {
  const problems: FieldProblem[] = []
  for (const field of LINE_FIELDS) problems.push(...checkText(field, fields[field], CONTROL_CHAR, 'one line of text'))
  for (const field of MULTILINE_FIELDS) problems.push(...checkText(field, fields[field], TEXT_CONTROL_CHAR, 'text'))
  return problems
}

function checkText(field: string, value: string, forbidden: RegExp, expected: string): FieldProblem[] {
  const length = Array.from(value).length
  if (length > MAX_TEXT_LENGTH) {
    return [{ field, message: `${field} has ${length} characters; at most ${MAX_TEXT_LENGTH} are allowed` }]
  }
  const control = findChar(value, forbidden)
  if (control === undefined) return []
  return [
    {
      field,
      message: `${field} contains the control character ${codePoint(control.char)} at character ${control.position}; expected ${expected}`,
    },
  ]
}

function checkRomanization(field: string, value: string): FieldProblem[] {
  const length = Array.from(value).length
  if (length > MAX_TEXT_LENGTH) {
    return [{ field, message: `the romanization has ${length} characters; at most ${MAX_TEXT_LENGTH} are allowed` }]
  }
  const bad = findChar(value, (c) => !ROMANIZATION_CHAR.test(c))
  if (bad === undefined) return []
  const toneHint = hasToneMark(bad.char) ? ' (tone marks are not written)' : ''
  return [
    {
      field,
      message: `the romanization "${value}" has "${bad.char}" at character ${bad.position}${toneHint}; only Latin letters without tone marks (ü allowed), digits, spaces, apostrophes, hyphens, dots and parentheses are accepted`,
    },
  ]
}

function hasToneMark(char: string): boolean {
  const decomposed = char.normalize('NFD')
  return /^[A-Za-z]\p{M}+$/u.test(decomposed) && char !== 'ü' && char !== 'Ü'
}

function checkCategory(fields: PlaceFields): FieldProblem[] {
  const problems: FieldProblem[] = []
  const category: string = fields.category
  if (!isPlaceCategoryClassId(category)) {
    problems.push({
      field: 'category',
      message: `"${category}" is not a place-name class; expected one of ${PLACE_CATEGORY_CLASSES.map((c) => c.id).join(', ')}`,
    })
  }
  const code = fields.categoryCode
  if (code !== null && !CATEGORY_CODE.test(code)) {
    problems.push({ field: 'categoryCode', message: `the category code "${code}" should be exactly 5 digits 0–9, or empty` })
  }
  return problems
}

function checkDates(fields: PlaceFields): FieldProblem[] {
  const problems: FieldProblem[] = []
  for (const field of DATE_FIELDS) problems.push(...checkDate(field, fields[field]))
  const abolished = validDate(fields.abolishedOn)
  if (abolished === null) return problems
  for (const [field, label] of [
    ['establishedOn', 'established'],
    ['namedOn', 'named'],
  ] as const) {
    const earlier = validDate(fields[field])
    if (earlier !== null && earlier > abolished) {
      problems.push({
        field: 'abolishedOn',
        message: `the place is abolished on ${abolished}, before it was ${label} on ${earlier}; the abolition date must be on or after it`,
      })
    }
  }
  return problems
}

function checkDate(field: string, value: string | null): FieldProblem[] {
  if (value === null || isCalendarDate(value)) return []
  return [{ field, message: `"${value}" is not a calendar date; expected YYYY-MM-DD, e.g. 2024-02-29` }]
}

function validDate(value: string | null): string | null {
  return value !== null && isCalendarDate(value) ? value : null
}

function checkStatus(fields: PlaceFields): FieldProblem[] {
  if (!PLACE_STATUSES.includes(fields.status)) {
    return [{ field: 'status', message: `"${String(fields.status)}" is not a status; expected ${PLACE_STATUSES.join(', ')}` }]
  }
  if (fields.status === 'historical' && fields.abolishedOn === null) {
    return [{ field: 'abolishedOn', message: 'a historical place needs the date it was abolished (YYYY-MM-DD)' }]
  }
  return []
}

function checkDivisionCodes(codes: readonly string[]): FieldProblem[] {
  const problems: FieldProblem[] = []
  const seen = new Map<string, number>()
  codes.forEach((code, i) => {
    const field = `divisionCodes[${i}]`
    if (!DIVISION_CODE.test(code)) {
      problems.push({ field, message: `the division code "${code}" should be 12 digits 0–9 (统计用区划代码)` })
      return
    }
    const first = seen.get(code)
    if (first !== undefined) {
      problems.push({ field, message: `the division code ${code} is listed twice (also divisionCodes[${first}]); list each division once` })
      return
    }
    seen.set(code, i)
  })
  return problems
}

function checkGeometry(geometry: Geometry | null): FieldProblem[] {
  if (geometry === null) return []
  const problems = validateGeometry(geometry, { allowedTypes: GEOMETRY_TYPES, maxPositions: MAX_GEOMETRY_POSITIONS }, 'geometry')
  if (problems.length > 0) return problems.map((p) => ({ field: p.path, message: p.message }))
  return checkExtent(geometry)
}

function checkExtent(geometry: Geometry): FieldProblem[] {
  const outside: { path: string; position: Position }[] = []
  forEachPosition(geometry, 'geometry', (position, path) => {
    if (!isInChina(position[0]!, position[1]!)) outside.push({ path, position })
  })
  const first = outside[0]
  if (first === undefined) return []
  const [lng, lat] = first.position as [number, number]
  const { west, east, south, north } = CHINA_EXTENT
  const others = outside.length > 1 ? ` (and ${outside.length - 1} more positions)` : ''
  const hint = isInChina(lat, lng)
    ? '; the values fit if swapped: positions are [longitude, latitude]'
    : '; are the coordinates in another system, or is the place outside China?'
  return [
    {
      field: first.path,
      message: `the position [${lng}, ${lat}]${others} lies outside China's extent (longitude ${west}–${east}° E, latitude ${south}–${north}° N)${hint}`,
    },
  ]
}

function isInChina(lng: number, lat: number): boolean {
  const { west, east, south, north } = CHINA_EXTENT
  return lng >= west && lng <= east && lat >= south && lat <= north
}

function forEachPosition(geometry: Geometry, path: string, visit: (position: Position, path: string) => void): void {
  const at = `${path}.coordinates`
  switch (geometry.type) {
    case 'Point':
      visit(geometry.coordinates, at)
      return
    case 'MultiPoint':
    case 'LineString':
      geometry.coordinates.forEach((p, i) => visit(p, `${at}[${i}]`))
      return
    case 'MultiLineString':
    case 'Polygon':
      geometry.coordinates.forEach((line, i) => line.forEach((p, j) => visit(p, `${at}[${i}][${j}]`)))
      return
    case 'MultiPolygon':
      geometry.coordinates.forEach((polygon, i) =>
        polygon.forEach((ring, j) => ring.forEach((p, k) => visit(p, `${at}[${i}][${j}][${k}]`))),
      )
      return
    case 'GeometryCollection':
      geometry.geometries.forEach((g, i) => forEachPosition(g, `${path}.geometries[${i}]`, visit))
  }
}

function checkAltName(altName: AltName, path: string): FieldProblem[] {
  const kindLabel = ALT_NAME_LABELS[altName.kind]
  const problems: FieldProblem[] = []
  if (kindLabel === undefined) {
    problems.push({
      field: `${path}.kind`,
      message: `"${String(altName.kind)}" is not a kind of name; expected ${ALT_NAME_KINDS.join(', ')}`,
    })
  }
  const label = `the ${kindLabel ?? 'other name'}${altName.name.trim() === '' ? '' : ` "${altName.name}"`}`
  problems.push(...checkName(`${path}.name`, altName.name, label))
  problems.push(...checkRomanization(`${path}.romanization`, altName.romanization))
  problems.push(...checkText(`${path}.note`, altName.note, TEXT_CONTROL_CHAR, 'text'))
  problems.push(...checkDate(`${path}.validFrom`, altName.validFrom))
  problems.push(...checkDate(`${path}.validTo`, altName.validTo))
  const from = validDate(altName.validFrom)
  const to = validDate(altName.validTo)
  if (from !== null && to !== null && to < from) {
    problems.push({
      field: `${path}.validTo`,
      message: `${label} is valid to ${to}, before it is valid from ${from}; the end must be on or after the start`,
    })
  }
  return problems
}

function findChar(
  text: string,
  test: RegExp | ((char: string) => boolean),
): { char: string; position: number } | undefined {
  const matches = typeof test === 'function' ? test : (c: string) => test.test(c)
  let position = 0
  for (const char of text) {
    position++
    if (matches(char)) return { char, position }
  }
  return undefined
}

function codePoint(char: string): string {
  return `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`
}
