import { readFileSync } from 'node:fs'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { SpreadsheetError, dbfEncoding, readFeatureTable } from '../../../server/imports/read-feature-table.ts'

const fixture = (name: string): Uint8Array => readFileSync(new URL(`../../fixtures/${name}`, import.meta.url))
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text)

async function workbook(rows: ExcelJS.CellValue[][]): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet('表1')
  for (const row of rows) sheet.addRow(row)
  return new Uint8Array(await book.xlsx.writeBuffer())
}

describe('readFeatureTable: CSV', () => {
  it('keys cells by the file’s own Chinese headers and numbers rows as the spreadsheet does', async () => {
    const table = await readFeatureTable(fixture('layers/facilities-gcj02.csv'), 'csv', 'gcj02')
    expect(table.headers).toEqual(['设施编码', '设施名称', '设施类型', '地址', '所属社区', '建筑面积（㎡）', '床位数', '护理型床位', '开业年份', '经度', '纬度'])
    expect(table.rows.map((r) => r.row)).toEqual([2, 3, 4, 5])
    expect(table.rows[0]).toEqual({
      row: 2,
      cells: {
        设施编码: 'GZ-001',
        设施名称: '景星社区日间照料中心',
        设施类型: '日间照料中心',
        地址: '学府路12号',
        所属社区: '210190001001',
        '建筑面积（㎡）': '1,200',
        床位数: '20',
        护理型床位: '5',
        开业年份: '2015',
        经度: '123.4023307',
        纬度: '41.7096383',
      },
      geometry: null,
    })
    expect(table.problems).toEqual([])
    expect(table.encoding).toBe('utf-8')
    expect(table.prjCrs).toBeUndefined()
  })

  it('reads GBK text, drops a BOM, skips blank rows and tells apart a header used twice', async () => {
    const gbk = await readFeatureTable(fixture('gazetteer/places-gbk.csv'), 'csv', null)
    expect(gbk.encoding).toBe('gb18030')
    expect(gbk.headers.slice(0, 3)).toEqual(['地名代码', '标准名称', '专名'])
    expect(gbk.rows[0]!.cells.标准名称).toBe('云杉路')

    const table = await readFeatureTable(utf8('\uFEFF名称,备注,,备注\n甲,一,x,二\n,,,\n乙,,,\n'), 'csv', null)
    expect(table.headers).toEqual(['名称', '备注', '备注 (4)'])
    expect(table.unnamedColumns).toEqual([3])
    expect(table.rows).toEqual([
      { row: 2, cells: { 名称: '甲', 备注: '一', '备注 (4)': '二' }, geometry: null },
      { row: 4, cells: { 名称: '乙', 备注: '', '备注 (4)': '' }, geometry: null },
    ])
  })

  it('names what makes a file unreadable as a problem of row 0', async () => {
    const cases: [Uint8Array, RegExp][] = [
      [new Uint8Array(), /the file is empty/],
      [new Uint8Array([0xff, 0xfe, 0x41, 0x00]), /UTF-16/],
      [new Uint8Array([0x81, 0x20, 0xff]), /neither UTF-8 nor GB18030\/GBK/],
      [utf8(',,\n1,2,3\n'), /no header row/],
      [utf8('a,b\n"1,2\n'), /not readable as CSV/],
    ]
    for (const [bytes, message] of cases) {
      const table = await readFeatureTable(bytes, 'csv', null)
      expect(table.rows).toEqual([])
      expect(table.problems).toEqual([{ row: 0, field: '', message: expect.stringMatching(message) }])
    }
  })
})

describe('readFeatureTable: XLSX', () => {
  it('reads the first worksheet with typed cells', async () => {
    const table = await readFeatureTable(fixture('layers/facilities.xlsx'), 'xlsx', null)
    expect(table.headers).toEqual(['机构名称', '类别', '详细地址', '社区编码', '面积(平方米)', '床位', '护理床位', '建成年份', 'lng', 'lat'])
    expect(table.rows.map((r) => r.row)).toEqual([2, 3, 4, 5, 6])
    expect(table.rows[2]!.cells).toEqual({
      机构名称: '五爱社区综合服务中心',
      类别: '社区综合服务设施',
      详细地址: '五爱街9号',
      社区编码: '210190003004',
      '面积(平方米)': -80,
      床位: 0,
      护理床位: 0,
      建成年份: 2010,
      lng: 123.42,
      lat: 41.725,
    })
    expect(table.encoding).toBeNull()
  })

  it('gives rich text as text, a formula as its result and an error cell as a SpreadsheetError', async () => {
    const bytes = await workbook([
      ['名称', '面积', '床位'],
      [{ richText: [{ text: '春晖' }, { text: '敬老院' }] }, { formula: 'A1*2', result: 120 }, { error: '#DIV/0!' } as ExcelJS.CellErrorValue],
    ])
    const table = await readFeatureTable(bytes, 'xlsx', null)
    expect(table.rows).toHaveLength(1)
    expect(table.rows[0]!.cells.名称).toBe('春晖敬老院')
    expect(table.rows[0]!.cells.面积).toBe(120)
    expect(table.rows[0]!.cells.床位).toEqual(new SpreadsheetError('#DIV/0!'))
  })

  it('refuses bytes that are no workbook', async () => {
    const table = await readFeatureTable(utf8('名称\n甲\n'), 'xlsx', null)
    expect(table.problems).toEqual([{ row: 0, field: '', message: expect.stringMatching(/not a readable XLSX workbook/) }])
  })
})

describe('readFeatureTable: GeoJSON', () => {
  it('lists property names in the order first seen and keeps geometries as they are', async () => {
    const table = await readFeatureTable(fixture('layers/divisions.geojson'), 'geojson', null)
    expect(table.headers).toEqual(['区划代码', '名称', '级别', '上级代码', '城乡分类', '户数', '常住人口', '老年人口'])
    expect(table.rows.map((r) => [r.row, r.cells.区划代码, r.geometry?.type])).toEqual([
      [1, '210190000000', 'Polygon'],
      [2, '210190001000', 'MultiPolygon'],
      [3, '210190001001', 'MultiPolygon'],
      [4, '210190001002', 'MultiPolygon'],
      [5, '210190001003', 'MultiPolygon'],
      [6, '210190001002', 'MultiPolygon'],
    ])
    expect(table.rows[4]!.cells.户数).toBeNull()
    expect(table.problems).toEqual([])
  })

  it('reports malformed features by row, keeps features without geometry, and leaves self-intersection to the caller', async () => {
    const features = [
      { type: 'Feature', properties: { name: 'a' }, geometry: null },
      { type: 'Feature', properties: { name: 'b' }, geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1]]] } },
      { type: 'Point', coordinates: [1, 2] },
      { type: 'Feature', properties: { name: 'd', kind: 'x' }, geometry: { type: 'Point', coordinates: [200, 40] } },
      { type: 'Feature', properties: { name: 'e' }, geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]] } },
      { type: 'Feature', properties: ['x'], geometry: null },
    ]
    const table = await readFeatureTable(utf8(JSON.stringify({ type: 'FeatureCollection', features })), 'geojson', null)
    expect(table.headers).toEqual(['name', 'kind'])
    expect(table.rows.map((r) => [r.row, r.cells.name, r.geometry?.type ?? null])).toEqual([
      [1, 'a', null],
      [2, 'b', null],
      [4, 'd', null],
      [5, 'e', 'Polygon'],
    ])
    expect(table.problems).toEqual([
      { row: 2, field: 'geometry', message: expect.stringMatching(/ring 0 of the polygon is not closed/) },
      { row: 3, field: '', message: 'feature 3 is not a GeoJSON Feature' },
      { row: 4, field: 'geometry', message: expect.stringMatching(/longitude 200 .*outside/) },
      { row: 6, field: '', message: 'the properties of feature 6 should be an object' },
    ])
  })

  it('checks longitude/latitude ranges only for a longitude/latitude system', async () => {
    const bytes = utf8(JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [41_450_000, 4_620_000] } }] }))
    expect((await readFeatureTable(bytes, 'geojson', 'EPSG:4529')).problems).toEqual([])
    expect((await readFeatureTable(bytes, 'geojson', 'gcj02')).problems).toHaveLength(1)
  })

  it('refuses a file that is not a FeatureCollection', async () => {
    const table = await readFeatureTable(utf8('{"type":"Feature","properties":{},"geometry":null}'), 'geojson', null)
    expect(table.problems).toEqual([{ row: 0, field: '', message: 'expected a GeoJSON FeatureCollection with a features array' }])
  })
})

describe('readFeatureTable: zipped Shapefile', () => {
  it('reads GBK attributes by their Chinese names and the CGCS2000 system of the .prj', async () => {
    const table = await readFeatureTable(fixture('layers/compounds-gbk.zip'), 'shapefile', null)
    expect(table.encoding).toBe('gbk')
    expect(table.prjCrs).toBe('cgcs2000')
    expect(table.headers).toEqual(['小区编码', '小区名称', '所属社区', '户数', '常住人口', '老年人口', '建成年代', '出入口'])
    expect(table.rows.map((r) => [r.row, r.cells.小区名称, r.cells.户数, r.geometry?.type])).toEqual([
      [1, '丽景花园', 822, 'Polygon'],
      [2, '南塔新村', 640, 'Polygon'],
      [3, '长青家园', null, 'Polygon'],
      [4, '东湖苑', 300, 'Polygon'],
      [5, '富民小区', 1040, 'MultiPolygon'],
    ])
    expect(table.rows[0]!.cells.出入口).toBe('123.3950,41.7066; 123.3940,41.7059')
    expect(table.problems).toEqual([])
  })

  it('leaves the .prj aside when the caller names a system, and reads a Gauss–Krüger zone from it otherwise', async () => {
    expect((await readFeatureTable(fixture('layers/compounds-gbk.zip'), 'shapefile', 'wgs84')).prjCrs).toBeUndefined()
    const zone = await readFeatureTable(fixture('boundaries/markers-gk-zone41.zip'), 'shapefile', null)
    expect(zone.prjCrs).toBe('EPSG:4529')
    expect(zone.problems).toEqual([])
    expect(zone.rows[0]!.geometry).toMatchObject({ type: 'Point' })
  })

  it('says what is missing from the archive', async () => {
    const notZip = await readFeatureTable(utf8('PK?'), 'shapefile', null)
    expect(notZip.problems).toEqual([{ row: 0, field: '', message: expect.stringMatching(/^a Shapefile is sent as a \.zip/) }])
  })
})

describe('dbfEncoding', () => {
  const dbf = (driver: number, text: Uint8Array) => {
    const bytes = new Uint8Array(32 + text.length)
    bytes[29] = driver
    bytes.set(text, 32)
    return bytes
  }

  it('takes the .cpg first, then the language driver, then whether the bytes are UTF-8', () => {
    expect(dbfEncoding(dbf(0, utf8('名称')), utf8('936\n'))).toBe('gbk')
    expect(dbfEncoding(dbf(0, utf8('名称')), utf8('UTF-8'))).toBe('utf-8')
    expect(dbfEncoding(dbf(0x4d, utf8('名称')), undefined)).toBe('gbk')
    expect(dbfEncoding(dbf(0, utf8('名称')), undefined)).toBe('utf-8')
    expect(dbfEncoding(dbf(0, new Uint8Array([0xc3, 0xfb, 0xb3, 0xc6])), undefined)).toBe('gbk')
  })
})
