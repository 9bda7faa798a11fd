import {
  PLACE_COLUMNS,
  POSITION_PLACE_COLUMNS,
  REQUIRED_PLACE_COLUMNS,
  findPlaceColumn,
  isPlaceColumnKey,
  type PlaceColumnKey,
} from './place-columns.ts'
import type { PlaceFileFormat, PlaceFileProblem } from './read-place-table.ts'

/**
 * Place column key (`standardName`, `divisionCodes`, …) → the header of the
 * file's column that fills it, exactly as the file spells it. An empty
 * header reads no column for the key, not even one its alias names.
 */
export type PlaceColumnMapping = Readonly<Record<string, string>>

/** Which header fills which place column, and what is wrong with the file's columns (all at row 0). */
export interface PlaceColumnChoice {
  /** Each header read → the place column it fills. */
  keys: Map<string, PlaceColumnKey>
  /** Problems that stop the import: a bad mapping, an unknown or repeated column, a required column missing. */
  problems: PlaceFileProblem[]
  /** Columns not read, which do not stop the import. */
  warnings: PlaceFileProblem[]
  /** Required columns no header fills (never for GeoJSON, whose features are checked one by one). */
  missing: PlaceColumnKey[]
}

export interface PlaceColumnChoiceOptions {
  /** The mapping the request gives; null when it gives none. */
  mapping: PlaceColumnMapping | null
  /** GeoJSON: the feature each property is first met in, for messages. */
  firstFeature?: ReadonlyMap<string, number>
}

/** Formats whose features carry a geometry, which gives the position instead of lng, lat and geometry columns. */
const hasFeatureGeometry = (format: PlaceFileFormat): boolean => format === 'geojson' || format === 'shapefile'

/**
 * Decides which header fills which place column. Headers the mapping names
 * fill their keys; every other header is recognised by its name
 * (`findPlaceColumn`) unless the mapping has already settled that key.
 * A mapping naming an unknown key, a header the file lacks, one header for
 * two keys, or a position column of GeoJSON or a Shapefile is a problem.
 * A header naming no place column is a problem for CSV, XLSX and GeoJSON
 * sent without a mapping, as it may be a misspelt column; for Shapefiles,
 * whose .dbf carries fields such as OBJECTID, and whenever a mapping is
 * given (its sender has seen the columns), it is a warning that the column
 * is not read. GeoJSON may name one column differently in different
 * features; in other formats two headers for one column are a problem.
 * CSV, XLSX and Shapefiles must give the required columns.
 */
export function choosePlaceColumns(headers: readonly string[], format: PlaceFileFormat, options: PlaceColumnChoiceOptions): PlaceColumnChoice {
  const { mapping, firstFeature } = options
  const keys = new Map<string, PlaceColumnKey>()
  const problems: PlaceFileProblem[] = []
  const warnings: PlaceFileProblem[] = []
  const problem = (field: string, message: string) => problems.push({ row: 0, field, message })
  const warning = (field: string, message: string) => warnings.push({ row: 0, field, message })
  const where = (header: string) => {
    const row = firstFeature?.get(header)
    return row === undefined ? '' : ` (first in feature ${row})`
  }
  const fromGeometry = hasFeatureGeometry(format)
  const lenient = mapping !== null || format === 'shapefile'

  /** Keys the mapping settles: the header that fills each, '' for none. */
  const settled = new Map<PlaceColumnKey, string>()
  const fileHeaders = new Set(headers)
  for (const [key, header] of Object.entries(mapping ?? {})) {
    if (!isPlaceColumnKey(key)) {
      problem(key, `the mapping names "${key}", which is not a place column; the columns are ${PLACE_COLUMNS.map((c) => c.key).join(', ')}`)
      continue
    }
    if (header === '') {
      settled.set(key, '')
      continue
    }
    if (fromGeometry && POSITION_PLACE_COLUMNS.includes(key)) {
      problem(key, `${key} cannot be mapped to "${header}": the features' geometry gives the position of ${format === 'geojson' ? 'GeoJSON' : 'a Shapefile'}`)
      continue
    }
    if (!fileHeaders.has(header)) {
      problem(key, `the column "${header}" mapped to ${key} is not in the file; its columns are ${headers.map((h) => `"${h}"`).join(', ') || 'none'}`)
      continue
    }
    const earlier = keys.get(header)
    if (earlier !== undefined) {
      problem(key, `the column "${header}" is mapped to both ${earlier} and ${key}; one column fills one place column`)
      continue
    }
    keys.set(header, key)
    settled.set(key, header)
  }

  const recognised = new Map<PlaceColumnKey, string>()
  for (const header of headers) {
    if (keys.has(header)) continue
    const column = findPlaceColumn(header)
    if (column === undefined) {
      if (lenient) warning(header, `"${header}"${where(header)} is not read: it names no place column; map it to one to read it`)
      else problem(header, `${unknownColumnMessage(header)}${where(header)}`)
      continue
    }
    const key = column.key
    const mappedHeader = settled.get(key)
    if (mappedHeader !== undefined) {
      const why = mappedHeader === '' ? `the mapping reads no column for ${key}` : `${key} comes from "${mappedHeader}" as mapped`
      warning(header, `"${header}"${where(header)} is not read: ${why}`)
      continue
    }
    if (fromGeometry && POSITION_PLACE_COLUMNS.includes(key)) {
      if (format === 'geojson' && !lenient) {
        problem(header, `the property "${header}"${where(header)} is not read from GeoJSON properties: the feature's geometry gives the position`)
      } else warning(header, `"${header}"${where(header)} is not read: the features' geometry gives the position`)
      continue
    }
    const earlier = recognised.get(key)
    if (earlier !== undefined && format !== 'geojson') {
      problem(header, `the columns "${earlier}" and "${header}" both give ${key}; keep one of them`)
      continue
    }
    if (earlier === undefined) recognised.set(key, header)
    keys.set(header, key)
  }

  const given = new Set(keys.values())
  const missing = format === 'geojson' ? [] : REQUIRED_PLACE_COLUMNS.filter((key) => !given.has(key))
  for (const key of missing) {
    const column = PLACE_COLUMNS.find((c) => c.key === key)!
    const hint = mapping === null ? '' : '; map one of the file’s columns to it'
    problem(column.header, `the required column ${column.header} (${key}) is missing${hint}`)
  }
  return { keys, problems, warnings, missing }
}

/**
 * The mapping a file's headers suggest: each place column gets the first
 * header (in file order) that names it, as an import without a mapping
 * would read it. Position columns are left out for GeoJSON and Shapefiles.
 */
export function suggestPlaceMapping(headers: readonly string[], format: PlaceFileFormat): Partial<Record<PlaceColumnKey, string>> {
  const suggested: Partial<Record<PlaceColumnKey, string>> = {}
  for (const header of headers) {
    const key = findPlaceColumn(header)?.key
    if (key === undefined || suggested[key] !== undefined) continue
    if (hasFeatureGeometry(format) && POSITION_PLACE_COLUMNS.includes(key)) continue
    suggested[key] = header
  }
  return suggested
}

/** Whether a place column can be filled from a column of a file of this format (position columns cannot for GeoJSON and Shapefiles). */
export function isMappablePlaceColumn(key: PlaceColumnKey, format: PlaceFileFormat): boolean {
  return !(hasFeatureGeometry(format) && POSITION_PLACE_COLUMNS.includes(key))
}

/** The problem of a header that names no place column. */
export function unknownColumnMessage(header: string): string {
  return `"${header}" is not a known column; use the Chinese headers of an export (标准名称, 类别, …) or their English keys (standardName, category, …)`
}
