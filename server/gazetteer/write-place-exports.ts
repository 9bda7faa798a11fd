import { stringify } from 'csv-stringify/sync'
import ExcelJS from 'exceljs'
import type { Feature, FeatureCollection, Geometry } from 'geojson'
import { PLACE_COLUMNS, type PlaceColumnKey } from './place-columns.ts'
import type { AltName, AltNameKind, PlaceRecord, PlaceStatus } from './place-record.ts'
import { ALT_NAME_COLUMNS, formatPlaceCells } from './place-table-cells.ts'
import { guardFormula } from './spreadsheet-formula-guard.ts'

/** An other name in a GeoJSON export; the kind is given by the property it is listed under. */
export type ExportedAltName = Omit<AltName, 'kind'>

/** The properties of an exported place: every field under its English column key, the position in the feature's geometry. */
export interface PlaceExportProperties {
  placeCode: string | null
  standardName: string
  specificPart: string
  genericPart: string
  romanization: string
  romanizationConfirmed: boolean
  category: string
  categoryCode: string | null
  featureType: string
  minorityName: string
  meaning: string
  history: string
  description: string
  sources: string
  divisionCodes: string[]
  namedOn: string | null
  establishedOn: string | null
  abolishedOn: string | null
  status: PlaceStatus
  registeredBy: string
  registeringUnit: string
  registeredOn: string | null
  aliases: ExportedAltName[]
  shortNames: ExportedAltName[]
  mapNames: ExportedAltName[]
  historicalNames: ExportedAltName[]
}

/** Width of each XLSX column, in characters of the default font. */
const XLSX_WIDTHS: Record<PlaceColumnKey, number> = {
  placeCode: 24,
  standardName: 20,
  specificPart: 12,
  genericPart: 10,
  romanization: 22,
  romanizationConfirmed: 10,
  category: 14,
  categoryCode: 10,
  featureType: 12,
  minorityName: 16,
  meaning: 30,
  history: 40,
  description: 40,
  sources: 30,
  divisionCodes: 30,
  lng: 13,
  lat: 13,
  geometry: 40,
  namedOn: 12,
  establishedOn: 12,
  abolishedOn: 12,
  status: 8,
  registeredBy: 10,
  registeringUnit: 20,
  registeredOn: 12,
  aliases: 24,
  shortNames: 16,
  mapNames: 16,
  historicalNames: 36,
}

/** Columns whose digits must stay text in Excel, or leading zeros and digits past the 15th are lost. */
const XLSX_TEXT_COLUMNS: ReadonlySet<PlaceColumnKey> = new Set(['placeCode', 'categoryCode', 'divisionCodes'])

/**
 * The places as a GeoJSON FeatureCollection in WGS 84: the record id as the
 * feature id, every field under its English key, other names as lists of
 * objects per kind. `readPlaceFile` reads it back to the same fields.
 */
export function placesToGeoJson(records: readonly PlaceRecord[]): FeatureCollection<Geometry | null, PlaceExportProperties> {
  return { type: 'FeatureCollection', features: records.map(toFeature) }
}

function toFeature(record: PlaceRecord): Feature<Geometry | null, PlaceExportProperties> {
  const namesOf = (kind: AltNameKind): ExportedAltName[] =>
    record.altNames
      .filter((n) => n.kind === kind)
      .map(({ name, romanization, validFrom, validTo, note }) => ({ name, romanization, validFrom, validTo, note }))
  return {
    type: 'Feature',
    id: record.id,
    geometry: record.geometry,
    properties: {
      placeCode: record.placeCode,
      standardName: record.standardName,
      specificPart: record.specificPart,
      genericPart: record.genericPart,
      romanization: record.romanization,
      romanizationConfirmed: record.romanizationConfirmed,
      category: record.category,
      categoryCode: record.categoryCode,
      featureType: record.featureType,
      minorityName: record.minorityName,
      meaning: record.meaning,
      history: record.history,
      description: record.description,
      sources: record.sources,
      divisionCodes: [...record.divisionCodes],
      namedOn: record.namedOn,
      establishedOn: record.establishedOn,
      abolishedOn: record.abolishedOn,
      status: record.status,
      registeredBy: record.registeredBy,
      registeringUnit: record.registeringUnit,
      registeredOn: record.registeredOn,
      ...(Object.fromEntries(ALT_NAME_COLUMNS.map(({ kind, key }) => [key, namesOf(kind)])) as Pick<
        PlaceExportProperties,
        'aliases' | 'shortNames' | 'mapNames' | 'historicalNames'
      >),
    },
  }
}

/**
 * The places as CSV text with a UTF-8 byte-order mark, so that Excel opens
 * the Chinese correctly, and CRLF line ends. The header row holds the Chinese
 * headers that `readPlaceFile` accepts; a point is in 经度/纬度, other
 * geometries are GeoJSON text in 几何. Text that a spreadsheet would run as a
 * formula gets a leading apostrophe, which `readPlaceFile` removes again.
 * Other names come back grouped by kind (alias, short, map, historical).
 */
export function placesToCsv(records: readonly PlaceRecord[]): string {
  const rows = records.map((record) => {
    const cells = formatPlaceCells(record)
    return PLACE_COLUMNS.map(({ key }) => {
      const value = cells[key]
      return typeof value === 'number' ? String(value) : guardFormula(value)
    })
  })
  return stringify([PLACE_COLUMNS.map((c) => c.header), ...rows], { bom: true, record_delimiter: 'windows' })
}

/**
 * The places as an XLSX workbook with one worksheet, 地名: a bold header row
 * of the Chinese headers, frozen, with filters; codes as text, so leading
 * zeros survive editing in Excel; longitude and latitude as numbers; dates
 * as `YYYY-MM-DD` text. Excel shows at most 32,767 characters of a cell, so
 * a very detailed geometry is better exported as GeoJSON.
 */
export async function placesToXlsx(records: readonly PlaceRecord[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('地名', { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = PLACE_COLUMNS.map(({ key, header }) => ({
    key,
    header,
    width: XLSX_WIDTHS[key],
    ...(XLSX_TEXT_COLUMNS.has(key) ? { style: { numFmt: '@' } } : {}),
  }))
  sheet.getRow(1).font = { bold: true }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: PLACE_COLUMNS.length } }
  for (const record of records) {
    const cells = formatPlaceCells(record)
    sheet.addRow(Object.fromEntries(PLACE_COLUMNS.map(({ key }) => [key, cells[key] === '' ? null : cells[key]])))
  }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
