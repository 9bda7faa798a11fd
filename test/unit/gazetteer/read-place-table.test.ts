import { readFileSync } from 'node:fs'
import type { Position } from 'geojson'
import { describe, expect, it } from 'vitest'
import { emptyPlaceFields, type PlaceFields } from '../../../server/gazetteer/place-record.ts'
import {
  MAX_PLACE_FILE_ROWS,
  readPlaceFile,
  type PlaceFileFormat,
  type PlaceFileReading,
} from '../../../server/gazetteer/read-place-table.ts'

const fixture = (name: string): Uint8Array => readFileSync(new URL(`../../fixtures/gazetteer/${name}`, import.meta.url))
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text)
const wgs84 = { coordinateSystem: 'wgs84' } as const

function read(bytes: Uint8Array, format: PlaceFileFormat = 'csv'): Promise<PlaceFileReading> {
  return readPlaceFile(bytes, format, wgs84)
}

function byName(reading: PlaceFileReading, name: string): PlaceFields {
  const row = reading.rows.find((r) => r.fields.standardName === name)
  if (row === undefined) throw new Error(`no row named ${name}`)
  return row.fields
}

function pointOf(fields: PlaceFields): Position {
  if (fields.geometry?.type !== 'Point') throw new Error(`${fields.standardName} has no point`)
  return fields.geometry.coordinates
}

const yunshanLu: PlaceFields = {
  ...emptyPlaceFields(),
  category: 'transport-facilities',
  categoryCode: '12201',
  featureType: '道路',
  standardName: '云杉路',
  specificPart: '云杉',
  genericPart: '路',
  romanization: 'Yunshan Lu',
  meaning: '以路旁云杉林得名',
  divisionCodes: ['210112001000', '210112002000'],
  geometry: {
    type: 'LineString',
    coordinates: [
      [123.4521, 41.7402],
      [123.4583, 41.7406],
      [123.4617, 41.7411],
    ],
  },
  namedOn: '2008-05-01',
  establishedOn: '2008-10-01',
  registeredBy: '张明',
  registeringUnit: '浑南区地名办',
  registeredOn: '2023-04-12',
}

describe('readPlaceFile: CSV', () => {
  it('reads a UTF-8 file with a BOM and Chinese headers', async () => {
    const reading = await read(fixture('places-utf8.csv'))
    expect(reading.problems).toEqual([])
    expect(reading.encoding).toBe('utf-8')
    expect(reading.rows.map((r) => [r.row, r.fields.standardName])).toEqual([
      [2, '云杉路'],
      [3, '青禾小区'],
      [4, '柳溪桥'],
      [5, '望川社区'],
      [6, '北岭街'],
      [7, '鹿鸣湖'],
    ])
    expect(reading.rows[0]).toEqual({ row: 2, placeCode: '21011200112201000001', fields: yunshanLu })
    expect(reading.rows[1]?.placeCode).toBeNull()
  })

  it('reads points, quoted commas, aliases, historical names with spans and statuses', async () => {
    const reading = await read(fixture('places-utf8.csv'))
    const qinghe = byName(reading, '青禾小区')
    expect(qinghe.geometry).toEqual({ type: 'Point', coordinates: [123.4612, 41.7385] })
    expect(qinghe.category).toBe('settlements')
    expect(qinghe.altNames).toEqual([{ kind: 'alias', name: '青禾家园', romanization: '', validFrom: null, validTo: null, note: '' }])
    expect(byName(reading, '柳溪桥').meaning).toBe('桥跨柳溪, 故名')
    expect(byName(reading, '望川社区').altNames).toEqual([
      { kind: 'historical', name: '东营子村', romanization: '', validFrom: '1958-01-01', validTo: '2009-12-31', note: '' },
    ])
    const beiling = byName(reading, '北岭街')
    expect(beiling.status).toBe('historical')
    expect(beiling.abolishedOn).toBe('2015-06-30')
    expect(beiling.altNames).toEqual([
      { kind: 'historical', name: '北岭胡同', romanization: '', validFrom: null, validTo: '1985-01-01', note: '' },
    ])
    expect(byName(reading, '鹿鸣湖').geometry?.type).toBe('Polygon')
  })

  it('reads the GBK file made by iconv to the same fields, reporting GB18030', async () => {
    const gbk = await read(fixture('places-gbk.csv'))
    const utf = await read(fixture('places-utf8.csv'))
    expect(gbk.encoding).toBe('gb18030')
    expect(gbk.problems).toEqual([])
    expect(gbk.rows).toEqual(utf.rows)
  })

  it('reports each mistake of the broken file at its row and field, and reads on', async () => {
    const reading = await read(fixture('places-broken.csv'))
    expect(reading.encoding).toBe('utf-8')
    expect(reading.problems.map((p) => [p.row, p.field])).toEqual([
      [0, '备注'],
      [3, 'establishedOn'],
      [4, 'lng'],
      [5, 'category'],
      [6, 'romanization'],
      [7, 'standardName'],
      [8, 'abolishedOn'],
      [9, 'divisionCodes[0]'],
      [10, 'altNames[0].validTo'],
      [11, 'standardName'],
      [12, 'lat'],
      [13, 'geometry.coordinates'],
      [14, 'namedOn'],
      [15, 'standardName'],
    ])
    expect(reading.rows.map((r) => r.row)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 17])
  })

  it('says what is wrong with a bad cell, naming the column and the value', async () => {
    const problems = (await read(fixture('places-broken.csv'))).problems
    const at = (row: number) => problems.find((p) => p.row === row)
    expect(at(0)?.message).toBe(
      '"备注" is not a known column; use the Chinese headers of an export (标准名称, 类别, …) or their English keys (standardName, category, …)',
    )
    expect(at(4)).toEqual({
      row: 4,
      field: 'lng',
      message: 'column "经度": "东经123" is not a longitude; expected a decimal number of degrees, e.g. 123.4321',
      value: '东经123',
    })
    expect(at(5)?.message).toMatch(/^column "类别": "道路" is not a place-name class; expected one of 海域、水系、/)
    expect(at(7)).toEqual({
      row: 7,
      field: 'standardName',
      message: 'duplicates row 2: the same standard name "云杉路" in the same first division 210112001000',
      value: '云杉路',
    })
    expect(at(12)?.message).toBe('the latitude 123.45 of the point is outside [-90, 90]; are longitude and latitude swapped?')
    expect(at(14)).toEqual({
      row: 14,
      field: 'namedOn',
      message: 'column "命名日期": "明年" is not a date; expected YYYY-MM-DD, e.g. 2024-02-29',
      value: '明年',
    })
  })

  it('accepts English headers in any case, loose dates, Chinese separators and class names in English', async () => {
    const reading = await read(
      utf8(
        'StandardName,CATEGORY,divisionCodes,namedOn,establishedOn,registeredOn,status,romanizationConfirmed,shortNames\n' +
          '青禾小区,Settlements,210112001001；210112001002，210112001003,2012/6/18,2013年9月1日,2023.4.12,current,yes,青禾\n',
      ),
    )
    expect(reading.problems).toEqual([])
    expect(reading.rows[0]?.fields).toMatchObject({
      standardName: '青禾小区',
      category: 'settlements',
      divisionCodes: ['210112001001', '210112001002', '210112001003'],
      namedOn: '2012-06-18',
      establishedOn: '2013-09-01',
      registeredOn: '2023-04-12',
      romanizationConfirmed: true,
      altNames: [{ kind: 'short', name: '青禾', romanization: '', validFrom: null, validTo: null, note: '' }],
    })
  })

  it('reads GeoJSON text in the geometry column and refuses WKT with a hint', async () => {
    const reading = await read(
      utf8(
        '标准名称,类别,几何\n' +
          '云杉路,交通运输设施,"{""type"":""LineString"",""coordinates"":[[123.4521,41.7402],[123.4617,41.7411]]}"\n' +
          '柳溪桥,交通运输设施,POINT(123.4701 41.7322)\n' +
          '鹿鸣湖,水系,"{""type"":""Polygon"",""coordinates"":[[[123.48,41.73],[123.49,41.73],[123.48,41.74],[123.49,41.74],[123.48,41.73]]]}"\n' +
          '青禾小区,居民点,{not json\n',
      ),
    )
    expect(reading.rows[0]?.fields.geometry?.type).toBe('LineString')
    expect(reading.problems.map((p) => [p.row, p.field])).toEqual([
      [3, 'geometry'],
      [4, 'geometry.coordinates[0][3]'],
      [5, 'geometry'],
    ])
    expect(reading.problems[0]?.message).toMatch(/^column "几何": WKT is not accepted; write the geometry as GeoJSON text/)
    expect(reading.problems[1]?.message).toMatch(/^ring 0 of the polygon crosses itself/)
    expect(reading.rows[2]?.fields.geometry).toBeNull()
  })

  it('reports a point given by half, or given twice', async () => {
    const reading = await read(
      utf8('标准名称,类别,经度,纬度,几何\n柳溪桥,交通运输设施,123.4701,,\n青禾小区,居民点,123.46,41.73,"{""type"":""Point"",""coordinates"":[123.46,41.73]}"\n'),
    )
    expect(reading.problems).toEqual([
      { row: 2, field: 'lat', message: 'column "纬度": the latitude is missing while the longitude is given; a point needs both' },
      { row: 3, field: 'geometry', message: 'column "几何": the row has both longitude/latitude and a geometry; give one of them' },
    ])
  })

  it('undoes CSV formula guards and reads other names given as JSON', async () => {
    const reading = await read(
      utf8(
        '标准名称,类别,描述,别名\n' +
          `云杉路,交通运输设施,'=说明,"[{""name"":""云杉大道"",""romanization"":""Yunshan Dadao"",""validFrom"":""2008-10-01"",""validTo"":null,""note"":""旧称""}]"\n`,
      ),
    )
    expect(reading.problems).toEqual([])
    expect(reading.rows[0]?.fields.description).toBe('=说明')
    expect(reading.rows[0]?.fields.altNames).toEqual([
      { kind: 'alias', name: '云杉大道', romanization: 'Yunshan Dadao', validFrom: '2008-10-01', validTo: null, note: '旧称' },
    ])
  })

  it('reports bad values in other names, statuses, flags and place codes', async () => {
    const reading = await read(
      utf8(
        '地名代码,标准名称,类别,状态,拼写已核定,历史地名\n' +
          '2101120011220100000,云杉路,交通运输设施,撤销,也许,北岭胡同(1985~2015-06-30)\n',
      ),
    )
    expect(reading.problems).toEqual([
      {
        row: 2,
        field: 'placeCode',
        message:
          'column "地名代码": a place-name code has 20 digits (6 county + 3 township + 5 category + 6 sequence), this one has 19 characters',
        value: '2101120011220100000',
      },
      {
        row: 2,
        field: 'romanizationConfirmed',
        message: 'column "拼写已核定": "也许" is not yes or no; expected 是 or 否 (true or false)',
        value: '也许',
      },
      {
        row: 2,
        field: 'status',
        message: 'column "状态": "撤销" is not a status; expected 现行, 历史 or 错误 (current, historical or deprecated)',
        value: '撤销',
      },
      {
        row: 2,
        field: 'historicalNames',
        message:
          'column "历史地名": in "北岭胡同(1985~2015-06-30)", "1985" is not a date; expected name(YYYY-MM-DD~YYYY-MM-DD), either date may be left out',
        value: '北岭胡同(1985~2015-06-30)',
      },
    ])
  })

  it('reports file-level problems at row 0 and reads no rows when they make the rows meaningless', async () => {
    const fileProblems = async (bytes: Uint8Array, format: PlaceFileFormat = 'csv') => {
      const reading = await read(bytes, format)
      expect(reading.rows).toEqual([])
      return reading.problems.map((p) => [p.row, p.field, p.message])
    }
    expect(await fileProblems(new Uint8Array())).toEqual([[0, '', 'the file is empty']])
    expect(await fileProblems(utf8('\n\n'))).toEqual([
      [0, '', 'the file has no header row; row 1 must name the columns, e.g. 标准名称 and 类别'],
    ])
    expect(await fileProblems(utf8('标准名,类别\n云杉路,交通运输设施\n'))).toEqual([
      [0, '标准名', expect.stringMatching(/^"标准名" is not a known column/)],
      [0, '标准名称', 'the required column 标准名称 (standardName) is missing'],
    ])
    expect(await fileProblems(utf8('标准名称,类别\n"云杉路,交通运输设施\n'))).toEqual([
      [0, '', expect.stringMatching(/^the file is not readable as CSV: Quote Not Closed/)],
    ])
    expect(await fileProblems(new Uint8Array([0xff, 0xfe, 0x07, 0x68]))).toEqual([
      [0, '', 'the file is UTF-16 text; save it as UTF-8 (in Excel: "CSV UTF-8")'],
    ])
    expect(await fileProblems(utf8('not a workbook'), 'xlsx')).toEqual([
      [0, '', expect.stringMatching(/^the file is not a readable XLSX workbook: /)],
    ])
  })

  it('reports a repeated column and values under no header, still reading the rows', async () => {
    const reading = await read(utf8('标准名称,类别,standardName\n云杉路,交通运输设施,云杉街,多余\n'))
    expect(reading.problems).toEqual([
      { row: 0, field: 'standardName', message: 'the columns "标准名称" and "standardName" both give standardName; keep one of them' },
      { row: 0, field: '', message: 'column 4 has values but no header; name the column or delete its values' },
    ])
    expect(reading.rows[0]?.fields.standardName).toBe('云杉路')
  })

  it(`refuses a file of more than ${MAX_PLACE_FILE_ROWS} rows as a whole`, async () => {
    const lines = ['标准名称,类别']
    for (let i = 0; i <= MAX_PLACE_FILE_ROWS; i++) lines.push(`地名${i},居民点`)
    const reading = await read(utf8(lines.join('\n')))
    expect(reading.rows).toEqual([])
    expect(reading.problems).toEqual([
      {
        row: 0,
        field: '',
        message: `the file has ${MAX_PLACE_FILE_ROWS + 1} rows; at most ${MAX_PLACE_FILE_ROWS} can be imported at once, so split it`,
      },
    ])
  })
})

describe('readPlaceFile: coordinate systems', () => {
  it('moves GCJ-02 and BD-09 points back by the offsets of Chinese web maps', async () => {
    const file = fixture('places-utf8.csv')
    const asWgs84 = pointOf(byName(await read(file), '青禾小区'))
    const asGcj02 = pointOf(byName(await readPlaceFile(file, 'csv', { coordinateSystem: 'gcj02' }), '青禾小区'))
    const asBd09 = pointOf(byName(await readPlaceFile(file, 'csv', { coordinateSystem: 'bd09' }), '青禾小区'))
    // Near Shenyang GCJ-02 lies about 0.0061° east and 0.0024° north of WGS 84, and BD-09 about
    // 0.0128° east and 0.0081° north (gcoord's test fixture china-cities.json, Shenyang).
    expect(asWgs84[0]! - asGcj02[0]!).toBeCloseTo(0.0061, 3)
    expect(asWgs84[1]! - asGcj02[1]!).toBeCloseTo(0.0024, 3)
    expect(asWgs84[0]! - asBd09[0]!).toBeCloseTo(0.0128, 3)
    expect(asWgs84[1]! - asBd09[1]!).toBeCloseTo(0.0081, 3)
  })

  it('converts every vertex of lines and polygons, which stay closed', async () => {
    const reading = await readPlaceFile(fixture('places-utf8.csv'), 'csv', { coordinateSystem: 'gcj02' })
    expect(reading.problems).toEqual([])
    const lake = byName(reading, '鹿鸣湖').geometry
    if (lake?.type !== 'Polygon') throw new Error('expected a polygon')
    const ring = lake.coordinates[0]!
    expect(ring[0]).toEqual(ring[4])
    expect(ring[0]![0]).toBeCloseTo(123.4801 - 0.0061, 3)
  })
})

describe('readPlaceFile: XLSX', () => {
  it('reads the first worksheet: rich text, date cells, numbers, formulas, hyperlinks, blank rows', async () => {
    const reading = await read(fixture('places.xlsx'), 'xlsx')
    expect(reading.problems).toEqual([])
    expect(reading.encoding).toBeNull()
    expect(reading.rows.map((r) => [r.row, r.fields.standardName])).toEqual([
      [2, '云杉路'],
      [3, '青禾小区'],
      [5, '望川社区'],
    ])
    expect(reading.rows[0]).toMatchObject({
      placeCode: '21011200112201000001',
      fields: { namedOn: '2008-05-01', establishedOn: '2008-10-01', romanizationConfirmed: true, geometry: yunshanLu.geometry },
    })
    expect(reading.rows[1]?.fields).toMatchObject({
      namedOn: '2012-06-18',
      establishedOn: '2013-09-01',
      divisionCodes: ['210112001001'],
      sources: '浑南区地名志',
      geometry: { type: 'Point', coordinates: [123.4612, 41.7385] },
      altNames: [
        { kind: 'alias', name: '青禾家园', romanization: '', validFrom: null, validTo: null, note: '' },
        { kind: 'alias', name: '青禾花园', romanization: '', validFrom: null, validTo: null, note: '' },
      ],
    })
    const csv = await read(fixture('places-utf8.csv'))
    expect(reading.rows[2]?.fields).toEqual({
      ...byName(csv, '望川社区'),
      featureType: '',
      history: '',
      registeredBy: '',
      registeringUnit: '',
      registeredOn: null,
    })
  })

  it('reports spreadsheet-only mistakes: a long code typed as a number, a lost leading zero, an error cell', async () => {
    const reading = await read(fixture('places-broken.xlsx'), 'xlsx')
    expect(reading.problems).toEqual([
      {
        row: 2,
        field: 'placeCode',
        message:
          'column "地名代码": the place code is stored as a number, and spreadsheets keep only 15 significant digits of the 20; format the column as text and enter the codes again',
        value: '21011200112201000000',
      },
      {
        row: 3,
        field: 'categoryCode',
        message: 'column "类别代码": 1201 is stored as a number, which loses leading zeros; expected 5 digits as text (format the column as text)',
        value: '1201',
      },
      {
        row: 3,
        field: 'lat',
        message: 'column "纬度": the spreadsheet error #N/A is not a latitude; expected a decimal number of degrees, e.g. 123.4321',
        value: '#N/A',
      },
    ])
    expect(reading.rows[0]?.fields.categoryCode).toBe('12201')
  })
})

describe('readPlaceFile: GeoJSON', () => {
  it('reads features with English or Chinese property keys, lists and objects, and null geometry', async () => {
    const reading = await read(fixture('places.geojson'), 'geojson')
    expect(reading.problems).toEqual([])
    expect(reading.encoding).toBe('utf-8')
    expect(reading.rows.map((r) => [r.row, r.fields.standardName])).toEqual([
      [1, '云杉路'],
      [2, '青禾小区'],
      [3, '鹿鸣湖'],
      [4, '北岭街'],
    ])
    expect(reading.rows[0]).toEqual({
      row: 1,
      placeCode: '21011200112201000001',
      fields: {
        ...yunshanLu,
        romanizationConfirmed: true,
        altNames: [{ kind: 'alias', name: '云杉大道', romanization: '', validFrom: null, validTo: null, note: '' }],
      },
    })
    expect(reading.rows[1]?.fields).toMatchObject({ category: 'settlements', featureType: '住宅小区', divisionCodes: ['210112001001'] })
    expect(reading.rows[2]?.fields.altNames).toEqual([
      { kind: 'historical', name: '南泡子', romanization: 'Nanpaozi', validFrom: null, validTo: '1992-06-30', note: '当地俗称' },
      { kind: 'historical', name: '鹿鸣泡', romanization: '', validFrom: '1992-07-01', validTo: '2001-12-31', note: '' },
    ])
    expect(reading.rows[3]?.fields).toMatchObject({ geometry: null, status: 'historical', divisionCodes: ['210112002000'] })
  })

  it('refuses what is not a FeatureCollection, and names unknown and position properties', async () => {
    const problems = async (document: unknown) => (await read(utf8(JSON.stringify(document)), 'geojson')).problems
    expect(await problems({ type: 'Feature', geometry: null, properties: {} })).toEqual([
      { row: 0, field: '', message: 'expected a GeoJSON FeatureCollection, got type "Feature"' },
    ])
    expect(await problems({ type: 'FeatureCollection', features: [] })).toEqual([
      { row: 0, field: '', message: 'the FeatureCollection has no features' },
    ])
    expect((await read(utf8('{"type":'), 'geojson')).problems[0]?.message).toMatch(/^the file is not valid JSON: /)
    const feature = (properties: Record<string, unknown>) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [123.46, 41.73] }, properties })
    expect(
      await problems({
        type: 'FeatureCollection',
        features: [feature({ standardName: '柳溪桥', category: 'transport-facilities' }), feature({ standardName: '青禾小区', category: '居民点', lng: 123.46, remark: '' }), 7],
      }),
    ).toEqual([
      {
        row: 0,
        field: 'lng',
        message: 'the property "lng" (first in feature 2) is not read from GeoJSON properties: the feature\'s geometry gives the position',
      },
      { row: 0, field: 'remark', message: expect.stringMatching(/^"remark" is not a known column; .* \(first in feature 2\)$/) },
      { row: 3, field: '', message: 'feature 3 is not a GeoJSON Feature' },
    ])
  })

  it('reports a feature without a category or with a broken geometry', async () => {
    const reading = await read(
      utf8(
        JSON.stringify({
          type: 'FeatureCollection',
          features: [
            { type: 'Feature', geometry: { type: 'Point', coordinates: [123.46] }, properties: { standardName: '柳溪桥', category: '交通运输设施' } },
            { type: 'Feature', geometry: null, properties: { standardName: '青禾小区' } },
          ],
        }),
      ),
      'geojson',
    )
    expect(reading.problems.map((p) => [p.row, p.field])).toEqual([
      [1, 'geometry.coordinates'],
      [2, 'category'],
    ])
  })
})
