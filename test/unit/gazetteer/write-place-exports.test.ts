import ExcelJS from 'exceljs'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { PLACE_COLUMNS } from '../../../server/gazetteer/place-columns.ts'
import { emptyPlaceFields, type PlaceFields, type PlaceRecord } from '../../../server/gazetteer/place-record.ts'
import { readPlaceFile, type PlaceFileFormat } from '../../../server/gazetteer/read-place-table.ts'
import { placesToCsv, placesToGeoJson, placesToXlsx } from '../../../server/gazetteer/write-place-exports.ts'

const fixture = (name: string): Uint8Array => readFileSync(new URL(`../../fixtures/gazetteer/${name}`, import.meta.url))

function record(id: number, fields: PlaceFields, placeCode: string | null = null): PlaceRecord {
  return {
    ...fields,
    id,
    placeCode,
    version: 1,
    changeSeq: id,
    synthetic: true,
    createdAt: '2024-01-01T00:00:00.000Z',
    updatedAt: '2024-01-01T00:00:00.000Z',
  }
}

function fieldsOf(place: PlaceRecord): PlaceFields {
  const keys = Object.keys(emptyPlaceFields()) as (keyof PlaceFields)[]
  return Object.fromEntries(keys.map((key) => [key, place[key]])) as unknown as PlaceFields
}

/** A record that exercises everything a cell can get wrong: formula starts, quotes, line breaks, heights, names with brackets. */
const awkward = record(
  99,
  {
    ...emptyPlaceFields(),
    category: 'memorials-and-sights',
    featureType: '广场',
    standardName: '星河广场',
    specificPart: '星河',
    genericPart: '广场',
    romanization: "Xinghe Guangchang",
    romanizationConfirmed: true,
    minorityName: 'ᠰᠢᠩ ᠾᠧ',
    meaning: '=HYPERLINK("http://example.org")',
    history: '1985年建成，\n"老街"改名, 见《地名志》;\n\n2001年扩建',
    description: '+86 不是公式',
    sources: '-',
    divisionCodes: ['210112002000'],
    geometry: { type: 'Point', coordinates: [123.4655, 41.7368, 45.5] },
    namedOn: '1985-01-01',
    status: 'deprecated',
    registeredBy: '@王芳',
    registeredOn: '2024-02-29',
    altNames: [
      { kind: 'alias', name: '星河广场(北)', romanization: '', validFrom: null, validTo: null, note: '' },
      { kind: 'alias', name: '星光广场', romanization: 'Xingguang Guangchang', validFrom: '1990-01-01', validTo: null, note: '俗称; 见"旧图"' },
      { kind: 'short', name: '星河', romanization: '', validFrom: null, validTo: null, note: '' },
      { kind: 'map', name: '星河场(1985-01-01~)', romanization: '', validFrom: null, validTo: null, note: '' },
      { kind: 'historical', name: '老街口(东)', romanization: '', validFrom: '1958-01-01', validTo: '1984-12-31', note: '' },
      { kind: 'historical', name: '河沿', romanization: '', validFrom: null, validTo: '1957-12-31', note: '' },
    ],
  },
  null,
)

const multiPolygon = record(100, {
  ...emptyPlaceFields(),
  category: 'inland-waters',
  standardName: '双湖',
  geometry: {
    type: 'MultiPolygon',
    coordinates: [
      [
        [
          [123.48, 41.73],
          [123.49, 41.73],
          [123.49, 41.74],
          [123.48, 41.73],
        ],
      ],
      [
        [
          [123.5, 41.73],
          [123.51, 41.73],
          [123.51, 41.74],
          [123.5, 41.73],
        ],
      ],
    ],
  },
})

async function fixtureRecords(): Promise<PlaceRecord[]> {
  const csv = await readPlaceFile(fixture('places-utf8.csv'), 'csv', { coordinateSystem: 'wgs84' })
  const geojson = await readPlaceFile(fixture('places.geojson'), 'geojson', { coordinateSystem: 'wgs84' })
  const lake = geojson.rows.find((row) => row.fields.standardName === '鹿鸣湖')!
  const rows = [...csv.rows.filter((row) => row.fields.standardName !== '鹿鸣湖'), lake]
  expect(rows).toHaveLength(6)
  return [...rows.map((row, i) => record(i + 1, row.fields, row.placeCode)), awkward, multiPolygon]
}

async function readBack(bytes: Uint8Array, format: PlaceFileFormat) {
  const reading = await readPlaceFile(bytes, format, { coordinateSystem: 'wgs84' })
  expect(reading.problems).toEqual([])
  return reading.rows
}

describe('placesToCsv', () => {
  it('writes UTF-8 with a BOM, the Chinese headers first and one line per record', async () => {
    const records = await fixtureRecords()
    const csv = placesToCsv(records)
    expect(csv.startsWith('\uFEFF地名代码,标准名称,专名,通名,罗马字母拼写,拼写已核定,类别,')).toBe(true)
    expect(csv.split('\r\n')[0]).toBe(`\uFEFF${PLACE_COLUMNS.map((c) => c.header).join(',')}`)
    expect(csv.split('\r\n')[1]).toMatch(/^21011200112201000001,云杉路,云杉,路,Yunshan Lu,否,交通运输设施,12201,道路,/)
    expect(placesToCsv([])).toBe(`\uFEFF${PLACE_COLUMNS.map((c) => c.header).join(',')}\r\n`)
  })

  it('guards text a spreadsheet would run as a formula, but not numbers', () => {
    const csv = placesToCsv([awkward, record(7, { ...emptyPlaceFields(), standardName: '西经点', geometry: { type: 'Point', coordinates: [-73.9, 40.7] } })])
    expect(csv).toContain(`"'=HYPERLINK(""http://example.org"")"`)
    expect(csv).toContain(",'+86 不是公式,'-,")
    expect(csv).toContain(",'@王芳,")
    expect(csv).toContain(',-73.9,40.7,')
  })

  it('reads back to the same fields and place codes', async () => {
    const records = await fixtureRecords()
    const rows = await readBack(new TextEncoder().encode(placesToCsv(records)), 'csv')
    expect(rows.map((r) => r.fields)).toEqual(records.map(fieldsOf))
    expect(rows.map((r) => r.placeCode)).toEqual(records.map((r) => r.placeCode))
    expect(rows.map((r) => r.row)).toEqual(records.map((_, i) => i + 2))
  })

  it('gives other names back grouped by kind, in column order', async () => {
    const [alias, , short, , historical] = awkward.altNames
    const mixed = record(5, { ...fieldsOf(awkward), altNames: [historical!, alias!, short!] })
    const [row] = await readBack(new TextEncoder().encode(placesToCsv([mixed])), 'csv')
    expect(row?.fields.altNames).toEqual([alias, short, historical])
  })
})

describe('line breaks', () => {
  it('come back from every format as \\n, as XLSX cannot keep a carriage return', async () => {
    const windows = record(8, { ...fieldsOf(awkward), history: '第一行\r\n第二行\r第三行' })
    const csv = await readBack(new TextEncoder().encode(placesToCsv([windows])), 'csv')
    const xlsx = await readBack(await placesToXlsx([windows]), 'xlsx')
    const geojson = await readBack(new TextEncoder().encode(JSON.stringify(placesToGeoJson([windows]))), 'geojson')
    for (const rows of [csv, xlsx, geojson]) expect(rows[0]?.fields.history).toBe('第一行\n第二行\n第三行')
  })
})

describe('placesToXlsx', () => {
  it('writes one sheet with a bold, frozen header row, widths, and codes formatted as text', async () => {
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load((await placesToXlsx(await fixtureRecords())) as unknown as ArrayBuffer)
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['地名'])
    const sheet = workbook.worksheets[0]!
    expect(sheet.getRow(1).values).toEqual([undefined, ...PLACE_COLUMNS.map((c) => c.header)])
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true)
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    expect(sheet.getColumn(2).width).toBe(20)
    expect(sheet.getColumn(1).numFmt).toBe('@')
    expect(sheet.getRow(2).getCell(1).value).toBe('21011200112201000001')
    expect(sheet.getRow(3).getCell(16).value).toBe(123.4612)
    expect(sheet.rowCount).toBe(9)
  })

  it('reads back to the same fields and place codes', async () => {
    const records = await fixtureRecords()
    const rows = await readBack(await placesToXlsx(records), 'xlsx')
    expect(rows.map((r) => r.fields)).toEqual(records.map(fieldsOf))
    expect(rows.map((r) => r.placeCode)).toEqual(records.map((r) => r.placeCode))
  })
})

describe('placesToGeoJson', () => {
  it('writes a FeatureCollection with the record id, WGS 84 geometry and English keys', async () => {
    const collection = placesToGeoJson(await fixtureRecords())
    expect(collection.type).toBe('FeatureCollection')
    expect(collection.features).toHaveLength(8)
    const [first] = collection.features
    expect(first).toMatchObject({
      type: 'Feature',
      id: 1,
      geometry: { type: 'LineString' },
      properties: {
        placeCode: '21011200112201000001',
        standardName: '云杉路',
        category: 'transport-facilities',
        divisionCodes: ['210112001000', '210112002000'],
        status: 'current',
        aliases: [],
      },
    })
    expect(collection.features[7]?.properties.historicalNames).toEqual([])
    expect(collection.features[6]?.properties.aliases[1]).toEqual({
      name: '星光广场',
      romanization: 'Xingguang Guangchang',
      validFrom: '1990-01-01',
      validTo: null,
      note: '俗称; 见"旧图"',
    })
  })

  it('reads back to the same fields and place codes', async () => {
    const records = await fixtureRecords()
    const rows = await readBack(new TextEncoder().encode(JSON.stringify(placesToGeoJson(records))), 'geojson')
    expect(rows.map((r) => r.fields)).toEqual(records.map(fieldsOf))
    expect(rows.map((r) => r.placeCode)).toEqual(records.map((r) => r.placeCode))
  })
})
