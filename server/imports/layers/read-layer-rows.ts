import type { Geometry, MultiPolygon, Position } from 'geojson'
import { describeCoordinateSystem, type CoordinateSystemId } from '../../geo/coordinate-systems.ts'
import { geometryToWgs84, positionToWgs84 } from '../../geo/to-wgs84.ts'
import { describeProblems, validateGeometry } from '../../geo/validate-geojson.ts'
import type { FeatureTable, FeatureTableRow } from '../read-feature-table.ts'
import { nameForm, readDivisionCode, readNumber, readText, readYear, type CellReading, type NumberOptions } from './layer-cells.ts'
import type { ColumnMapping, ImportProblem } from './layer-kinds.ts'
import { parsePointList, parsePolygonWkt } from './read-wkt.ts'

/** A facility read from a file, in WGS 84. */
export interface FacilityImportRow {
  row: number
  code: string | null
  name: string
  /** A facility_kinds.code. */
  kind: string
  address: string
  communityCode: string | null
  floorAreaM2: number | null
  beds: number
  nursingBeds: number
  openingYear: number | null
  lng: number
  lat: number
}

/** A residential compound read from a file, in WGS 84. */
export interface CompoundImportRow {
  row: number
  code: string | null
  name: string
  communityCode: string | null
  households: number
  population: number | null
  elderlyPopulation: number | null
  builtYear: number | null
  geometry: MultiPolygon
  /** Gates as [lng, lat] in WGS 84; may be empty. */
  gates: [number, number][]
}

/** A division read from a file, in WGS 84. */
export interface DivisionImportRow {
  row: number
  code: string
  name: string
  level: 'district' | 'subdistrict' | 'community'
  parentCode: string | null
  urbanRural: 'urban' | 'rural'
  households: number | null
  population: number | null
  elderlyPopulation: number | null
  geometry: MultiPolygon
}

export type LayerImportRow = FacilityImportRow | CompoundImportRow | DivisionImportRow

/** A row of table facility_kinds. */
export interface FacilityKindName {
  code: string
  nameZh: string
  nameEn: string
}

/** The rows of a file read as a layer: those without problems (in WGS 84), every problem, and warnings. */
export interface LayerRowsReading<R> {
  rowCount: number
  rows: R[]
  problems: ImportProblem[]
  warnings: ImportProblem[]
}

/** The most positions one compound or division outline may have. */
export const MAX_OUTLINE_POSITIONS = 100_000

const MAX_NAME_LENGTH = 100

/**
 * Reads the rows of a feature table as a layer through a column mapping,
 * with positions converted from `crs` to WGS 84 (Gauss–Krüger positions are
 * [easting, northing] metres). Each row is checked on its own and against
 * the file's other rows (a code used twice is a problem on the later row);
 * every problem names its row, its field and the value. Only rows without
 * problems are returned. The caller checks the mapping first (see
 * `checkColumnMapping`) and reports the table's own problems: rows the
 * table already found a problem in are never returned, and their geometry
 * is not reported again. What needs the database (codes already stored,
 * community or parent codes that do not exist, points outside the
 * district) is left to the caller. `kinds` are the facility kinds known.
 */
export function readLayerRows(kind: 'facilities', table: FeatureTable, mapping: ColumnMapping, crs: CoordinateSystemId, kinds: readonly FacilityKindName[]): LayerRowsReading<FacilityImportRow>
export function readLayerRows(kind: 'compounds', table: FeatureTable, mapping: ColumnMapping, crs: CoordinateSystemId, kinds?: readonly FacilityKindName[]): LayerRowsReading<CompoundImportRow>
export function readLayerRows(kind: 'divisions', table: FeatureTable, mapping: ColumnMapping, crs: CoordinateSystemId, kinds?: readonly FacilityKindName[]): LayerRowsReading<DivisionImportRow>
export function readLayerRows(
  kind: 'facilities' | 'compounds' | 'divisions',
  table: FeatureTable,
  mapping: ColumnMapping,
  crs: CoordinateSystemId,
  kinds: readonly FacilityKindName[] = [],
): LayerRowsReading<LayerImportRow> {
  const problems: ImportProblem[] = []
  const warnings: ImportProblem[] = []
  const refused = new Set(table.problems.filter((p) => p.row > 0).map((p) => p.row))
  const firstRowOfCode = new Map<string, number>()
  const rows: LayerImportRow[] = []
  const resolveKind = facilityKindResolver(kinds)
  for (const raw of table.rows) {
    const context = new RowContext(raw, mapping, crs, refused.has(raw.row), warnings)
    const row =
      kind === 'facilities' ? readFacility(context, resolveKind) : kind === 'compounds' ? readCompound(context) : readDivision(context)
    if (context.code) {
      const first = firstRowOfCode.get(context.code)
      if (first !== undefined) context.add('code', `the code ${context.code} is also on row ${first}`)
      else firstRowOfCode.set(context.code, raw.row)
    }
    problems.push(...context.problems)
    if (row && context.problems.length === 0 && !context.refused) rows.push(row)
  }
  if (kind === 'divisions') {
    checkParentLevels(rows as DivisionImportRow[], problems)
    if (!mapping.urbanRural && rows.length > 0) warnings.push({ row: 0, field: 'urbanRural', message: 'no column gives urban or rural; every division is taken as urban' })
  }
  const withProblems = new Set(problems.map((p) => p.row))
  return { rowCount: table.rows.length, rows: rows.filter((r) => !withProblems.has(r.row)), problems, warnings }
}

/** One row being read: its cells by field key, and what is wrong with it. */
class RowContext {
  readonly problems: ImportProblem[] = []
  readonly lngLat: boolean
  /** The row's code once read, for the check of codes used twice. */
  code: string | null = null

  constructor(
    readonly raw: FeatureTableRow,
    private readonly mapping: ColumnMapping,
    readonly crs: CoordinateSystemId,
    /** Whether the table already found a problem in the row (its geometry is then not reported again). */
    readonly refused: boolean,
    private readonly warnings: ImportProblem[],
  ) {
    this.lngLat = describeCoordinateSystem(crs).kind === 'geographic'
  }

  get row(): number {
    return this.raw.row
  }

  add(field: string, message: string): void {
    this.problems.push({ row: this.raw.row, field, message })
  }

  warn(field: string, message: string): void {
    this.warnings.push({ row: this.raw.row, field, message })
  }

  isMapped(key: string): boolean {
    return Boolean(this.mapping[key])
  }

  /** The cell of the column mapped to `key`; undefined when the field is not mapped. */
  cell(key: string): unknown {
    const header = this.mapping[key]
    return header ? this.raw.cells[header] : undefined
  }

  /** A field's value, or undefined after reporting why the cell cannot give one. */
  take<T>(key: string, reading: CellReading<T>): T | undefined {
    if ('problem' in reading) {
      this.add(key, reading.problem)
      return undefined
    }
    return reading.value
  }

  text(key: string): string {
    return this.take(key, readText(this.cell(key))) ?? ''
  }

  number(key: string, options: NumberOptions): number | null | undefined {
    return this.take(key, readNumber(this.cell(key), options))
  }

  year(key: string, label: string): number | null | undefined {
    return this.take(key, readYear(this.cell(key), label))
  }

  divisionCode(key: string, label: string): string | null | undefined {
    return this.take(key, readDivisionCode(this.cell(key), label))
  }

  /** A name, required and at most 100 characters. */
  name(): string | undefined {
    const name = this.text('name')
    if (name === '') this.add('name', 'missing name')
    else if (name.length > MAX_NAME_LENGTH) this.add('name', `the name "${name.slice(0, 20)}…" is longer than ${MAX_NAME_LENGTH} characters`)
    else return name
    return undefined
  }

  /** An optional code of the department's own (ledger number). */
  ownCode(): string | null {
    const code = this.text('code')
    this.code = code === '' ? null : code
    return this.code
  }

  /** The WGS 84 position, or null after reporting why there is none. */
  toWgs84(position: Position, field: string): [number, number] | null {
    const [lng, lat] = positionToWgs84(position, this.crs)
    if (Number.isFinite(lng) && Number.isFinite(lat) && Math.abs(lng!) <= 180 && Math.abs(lat!) <= 90) return [lng!, lat!]
    this.add(field, `${position.slice(0, 2).join(', ')} in ${this.crs} is no longitude/latitude once converted (${lng}, ${lat}); is it the right coordinate system?`)
    return null
  }
}

function readFacility(c: RowContext, resolveKind: (text: string) => string | string[]): FacilityImportRow | null {
  const code = c.ownCode()
  const name = c.name()
  const kindText = c.text('kind')
  let kind: string | undefined
  const resolved = resolveKind(kindText)
  if (typeof resolved === 'string') kind = resolved
  else c.add('kind', `${kindText === '' ? 'missing facility kind' : `"${kindText}" is not a facility kind`}; use one of ${resolved.join(', ')}`)
  const communityCode = c.divisionCode('communityCode', 'community code')
  const floorAreaM2 = c.number('floorAreaM2', { label: 'floor area', min: 0 })
  const beds = c.number('beds', { label: 'number of beds', whole: true, min: 0 })
  const nursingBeds = c.number('nursingBeds', { label: 'number of nursing beds', whole: true, min: 0 })
  if (beds !== undefined && typeof nursingBeds === 'number' && nursingBeds > (beds ?? 0)) {
    c.add('nursingBeds', `${nursingBeds} nursing beds are more than the ${beds ?? 0} beds in all`)
  }
  const openingYear = c.year('openingYear', 'opening year')
  const position = facilityPosition(c)
  if (name === undefined || kind === undefined || communityCode === undefined || floorAreaM2 === undefined) return null
  if (beds === undefined || nursingBeds === undefined || openingYear === undefined || position === null) return null
  return {
    row: c.row,
    code,
    name,
    kind,
    address: c.text('address'),
    communityCode,
    floorAreaM2,
    beds: beds ?? 0,
    nursingBeds: nursingBeds ?? 0,
    openingYear,
    lng: position[0],
    lat: position[1],
  }
}

/** A facility's place: its Point geometry, else its lng and lat cells. */
function facilityPosition(c: RowContext): [number, number] | null {
  const geometry = c.raw.geometry
  if (geometry) {
    if (geometry.type !== 'Point') {
      c.add('geometry', `a facility is a Point, not a ${geometry.type}`)
      return null
    }
    return c.toWgs84(geometry.coordinates, 'geometry')
  }
  if (c.refused) return null
  const lngLabel = c.lngLat ? 'longitude' : 'easting'
  const latLabel = c.lngLat ? 'latitude' : 'northing'
  const lng = c.number('lng', { label: lngLabel })
  const lat = c.number('lat', { label: latLabel })
  if (lng === null) c.add('lng', `missing ${lngLabel} (lng), and the row has no geometry`)
  if (lat === null) c.add('lat', `missing ${latLabel} (lat), and the row has no geometry`)
  if (typeof lng !== 'number' || typeof lat !== 'number') return null
  if (c.lngLat) {
    const swapped = Math.abs(lat) > 90 && Math.abs(lng) <= 90 ? '; are longitude and latitude swapped?' : ''
    if (Math.abs(lng) > 180) c.add('lng', `the longitude ${lng} is outside −180 to 180${swapped}`)
    if (Math.abs(lat) > 90) c.add('lat', `the latitude ${lat} is outside −90 to 90${swapped}`)
    if (Math.abs(lng) > 180 || Math.abs(lat) > 90) return null
  }
  return c.toWgs84([lng, lat], 'lng')
}

function readCompound(c: RowContext): CompoundImportRow | null {
  const code = c.ownCode()
  const name = c.name()
  const communityCode = c.divisionCode('communityCode', 'community code')
  const households = c.number('households', { label: 'number of households', whole: true, min: 0 })
  if (households === null) c.add('households', 'missing households (a whole number, 0 or more)')
  const { population, elderlyPopulation } = readPopulation(c)
  const builtYear = c.year('builtYear', 'year built')
  const geometry = outline(c)
  const gates = readGates(c)
  if (name === undefined || communityCode === undefined || typeof households !== 'number' || population === undefined) return null
  if (elderlyPopulation === undefined || builtYear === undefined || geometry === null || gates === null) return null
  return { row: c.row, code, name, communityCode, households, population, elderlyPopulation, builtYear, geometry, gates }
}

function readPopulation(c: RowContext): { population: number | null | undefined; elderlyPopulation: number | null | undefined } {
  const population = c.number('population', { label: 'population', whole: true, min: 0 })
  const elderlyPopulation = c.number('elderlyPopulation', { label: 'population aged 60+', whole: true, min: 0 })
  if (typeof population === 'number' && typeof elderlyPopulation === 'number' && elderlyPopulation > population) {
    c.add('elderlyPopulation', `the population aged 60+ ${elderlyPopulation} is more than the population ${population}`)
  }
  return { population, elderlyPopulation }
}

/** A compound's gates from its `gates` cell, converted to WGS 84; null after a problem. */
function readGates(c: RowContext): [number, number][] | null {
  const points = parsePointList(c.cell('gates'))
  if (typeof points === 'string') {
    c.add('gates', points)
    return null
  }
  const gates: [number, number][] = []
  for (const point of points) {
    if (c.lngLat && !(Math.abs(point[0]!) <= 180 && Math.abs(point[1]!) <= 90)) {
      c.add('gates', `the gate ${point.join(', ')} is no longitude/latitude`)
      return null
    }
    const converted = c.toWgs84(point, 'gates')
    if (!converted) return null
    gates.push(converted)
  }
  return gates
}

/**
 * The outline of a compound or division as a WGS 84 MultiPolygon: the
 * row's Polygon or MultiPolygon geometry, else its WKT cell. Null after a
 * problem: another geometry type, a ring not closed, too few positions, a
 * self-intersection, or a position that is no longitude/latitude once
 * converted.
 */
function outline(c: RowContext): MultiPolygon | null {
  let geometry: Geometry | null = c.raw.geometry
  const field = geometry ? 'geometry' : 'wkt'
  if (!geometry) {
    if (c.refused) return null
    const wkt = c.text('wkt')
    if (wkt === '') {
      c.add('wkt', 'missing outline: the row has no geometry and no WKT')
      return null
    }
    const parsed = parsePolygonWkt(wkt)
    if (typeof parsed === 'string') {
      c.add('wkt', parsed)
      return null
    }
    geometry = parsed
  }
  const problems = validateGeometry(geometry, { allowedTypes: ['Polygon', 'MultiPolygon'], maxPositions: MAX_OUTLINE_POSITIONS, lngLat: c.lngLat })
  if (problems.length > 0) {
    c.add(field, describeProblems(problems, 3))
    return null
  }
  const converted = geometryToWgs84(geometry, c.crs)
  const after = validateGeometry(converted, { checkSelfIntersection: false })
  if (after.length > 0) {
    c.add(field, `after conversion from ${c.crs}: ${describeProblems(after, 3)}; is it the right coordinate system?`)
    return null
  }
  return converted.type === 'Polygon' ? { type: 'MultiPolygon', coordinates: [converted.coordinates] } : (converted as MultiPolygon)
}

const LEVEL_NAMES: Readonly<Record<DivisionImportRow['level'], readonly string[]>> = {
  district: ['district', 'county', '区', '县', '区县', '县区', '县级市', '旗', '区级', '县级', '区县级'],
  subdistrict: ['subdistrict', 'street', 'town', 'township', '街道', '镇', '乡', '乡镇', '街道办事处', '街道办', '苏木', '民族乡', '街道级', '乡级', '乡镇级', '镇级'],
  community: ['community', 'village', '社区', '村', '居委会', '村委会', '居民委员会', '村民委员会', '社区居委会', '嘎查', '村级', '社区级'],
}

const levelByName = new Map(Object.entries(LEVEL_NAMES).flatMap(([level, names]) => names.map((n) => [nameForm(n), level as DivisionImportRow['level']])))

const LEVEL_LABELS: Readonly<Record<DivisionImportRow['level'], string>> = { district: 'district', subdistrict: 'sub-district', community: 'community' }

const URBAN_NAMES = new Set(['urban', '城镇', '城市', '城', '城区', '城镇社区'].map(nameForm))
const RURAL_NAMES = new Set(['rural', '乡村', '农村', '乡', '村', '农村社区'].map(nameForm))

function readDivision(c: RowContext): DivisionImportRow | null {
  const code = c.divisionCode('code', 'division code')
  if (code === null) c.add('code', 'missing division code')
  c.code = code ?? null
  const name = c.name()
  const levelText = c.text('level')
  const level = levelByName.get(nameForm(levelText))
  if (!level) {
    const accepted = 'district (区/县), subdistrict (街道/镇/乡) or community (社区/村)'
    c.add('level', levelText === '' ? `missing level: ${accepted}` : `"${levelText}" is not a level: ${accepted}`)
  }
  let parentCode = c.divisionCode('parentCode', 'parent code')
  if (level === 'district' && parentCode) {
    c.warn('parentCode', `the parent code ${parentCode} of a district is not kept: districts are the top level here`)
    parentCode = null
  } else if (level && level !== 'district' && parentCode === null) {
    c.add('parentCode', `missing parent code: a ${LEVEL_LABELS[level]} needs the 12-digit code of the division above it`)
  } else if (parentCode && parentCode === code) c.add('parentCode', `the parent code ${parentCode} is the division's own code`)
  const urbanRural = readUrbanRural(c)
  const households = c.number('households', { label: 'number of households', whole: true, min: 0 })
  if (households === null && level === 'community') c.add('households', 'missing households: a community needs its number of households')
  const { population, elderlyPopulation } = readPopulation(c)
  const geometry = outline(c)
  if (!code || name === undefined || !level || parentCode === undefined || !urbanRural) return null
  if (households === undefined || population === undefined || elderlyPopulation === undefined || geometry === null) return null
  return { row: c.row, code, name, level, parentCode, urbanRural, households, population, elderlyPopulation, geometry }
}

/** Urban or rural from 城镇/城市/urban, 乡村/农村/rural or the 3-digit 城乡分类代码 (1xx urban, 2xx rural); empty is urban, with a warning when the column is mapped. */
function readUrbanRural(c: RowContext): 'urban' | 'rural' | undefined {
  const text = c.text('urbanRural')
  if (text === '') {
    if (c.isMapped('urbanRural')) c.warn('urbanRural', 'no urban or rural class given; taken as urban')
    return 'urban'
  }
  const form = nameForm(text)
  if (URBAN_NAMES.has(form) || /^1[12]\d$/.test(form)) return 'urban'
  if (RURAL_NAMES.has(form) || /^2[12]\d$/.test(form)) return 'rural'
  c.add('urbanRural', `"${text}" is not urban (城镇) or rural (乡村)`)
  return undefined
}

/** Within the file: a division whose parent is in the file too must sit one level below it. */
function checkParentLevels(rows: readonly DivisionImportRow[], problems: ImportProblem[]): void {
  const byCode = new Map<string, DivisionImportRow>()
  for (const r of rows) if (!byCode.has(r.code)) byCode.set(r.code, r)
  const above: Readonly<Record<DivisionImportRow['level'], DivisionImportRow['level'] | null>> = { district: null, subdistrict: 'district', community: 'subdistrict' }
  for (const r of rows) {
    const parent = r.parentCode ? byCode.get(r.parentCode) : undefined
    const wanted = above[r.level]
    if (!parent || !wanted || parent.level === wanted) continue
    problems.push({
      row: r.row,
      field: 'parentCode',
      message: `the parent ${parent.code} (row ${parent.row}) is a ${LEVEL_LABELS[parent.level]}; a ${LEVEL_LABELS[r.level]} belongs to a ${LEVEL_LABELS[wanted]}`,
    })
  }
}

/** Facility kinds other than the names of table facility_kinds, by the kind they mean. */
const KIND_VARIANTS: Readonly<Record<string, readonly string[]>> = {
  elderly_institution: ['养老院', '敬老院', '福利院', '社会福利院', '老年公寓', '护理院', '养护院', '老年养护院', '养老中心', '养老机构', '医养结合机构', 'nursing home', 'elderly care institution'],
  day_care: ['日间照料', '日照中心', '日间照料中心', '日间照料站', '托老所', '老年日间照料中心', 'day care', 'day care centre', 'day care center'],
  home_care: ['居家养老', '养老服务站', '居家养老服务站', '居家养老服务中心', '养老驿站', '养老服务驿站', '居家养老服务点', 'home care', 'home care station'],
  community_service: ['社区服务中心', '党群服务中心', '社区综合服务', '社区综合服务设施', '社区综合服务中心', '社区服务站', '社区党群服务中心', 'community service', 'community service center'],
}

/**
 * A function from a kind as a table gives it (the code, the Chinese or
 * English name, or a common variant such as 养老院 or 日照中心) to the code
 * of one of `kinds`, or to the list of accepted kinds when it means none.
 * A text that merely contains a variant (社区居家养老服务中心) is matched
 * when nothing matches it whole.
 */
export function facilityKindResolver(kinds: readonly FacilityKindName[]): (text: string) => string | string[] {
  const known = new Set(kinds.map((k) => k.code))
  const whole = new Map<string, string>()
  for (const k of kinds) for (const name of [k.code, k.nameZh, k.nameEn]) whole.set(nameForm(name), k.code)
  const variants: [string, string][] = []
  for (const [code, names] of Object.entries(KIND_VARIANTS)) {
    if (!known.has(code)) continue
    for (const name of names) {
      if (!whole.has(nameForm(name))) whole.set(nameForm(name), code)
      variants.push([nameForm(name), code])
    }
  }
  variants.sort((a, b) => b[0].length - a[0].length)
  const accepted = kinds.map((k) => `${k.code} (${k.nameZh})`)
  return (text) => {
    const form = nameForm(text)
    if (form === '') return accepted
    return whole.get(form) ?? variants.find(([variant]) => form.includes(variant))?.[1] ?? accepted
  }
}
