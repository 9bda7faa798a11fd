import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { CoordinateSystemId } from '../../../server/geo/coordinate-systems.ts'
import { suggestColumnMapping } from '../../../server/imports/layers/layer-fields.ts'
import { facilityKindResolver, readLayerRows, type FacilityKindName } from '../../../server/imports/layers/read-layer-rows.ts'
import { readFeatureTable, type FeatureTable } from '../../../server/imports/read-feature-table.ts'
import type { ImportFileFormat } from '../../../server/imports/layers/layer-kinds.ts'

const fixture = (name: string): Uint8Array => readFileSync(new URL(`../../fixtures/${name}`, import.meta.url))
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text)

/** The rows of migrations/001_base_schema.sql's facility_kinds. */
const KINDS: FacilityKindName[] = [
  { code: 'community_service', nameZh: '社区综合服务设施', nameEn: 'Community service centre' },
  { code: 'home_care', nameZh: '居家养老服务站', nameEn: 'Home-care station' },
  { code: 'day_care', nameZh: '日间照料中心', nameEn: 'Day-care centre' },
  { code: 'elderly_institution', nameZh: '养老机构', nameEn: 'Elderly-care institution' },
]

/** Metres between two WGS84 points (equirectangular; fine at this scale). */
const metresBetween = (a: readonly number[], b: readonly number[]) => {
  const k = (Math.PI / 180) * 6371008.8
  return Math.hypot((a[0]! - b[0]!) * k * Math.cos((a[1]! * Math.PI) / 180), (a[1]! - b[1]!) * k)
}

const rectangle = (west: number, south: number, east: number, north: number) => [
  [[west, south], [east, south], [east, north], [west, north], [west, south]],
]

async function tableOf(bytes: Uint8Array | string, format: ImportFileFormat, crs: CoordinateSystemId | null = null): Promise<FeatureTable> {
  return readFeatureTable(typeof bytes === 'string' ? utf8(bytes) : bytes, format, crs)
}

describe('readLayerRows: facilities', () => {
  it('reads a GCJ-02 CSV with Chinese headers, units and kind variants, and lands within a metre of the WGS84 points', async () => {
    const table = await tableOf(fixture('layers/facilities-gcj02.csv'), 'csv', 'gcj02')
    const reading = readLayerRows('facilities', table, suggestColumnMapping('facilities', table.headers), 'gcj02', KINDS)
    expect(reading.problems).toEqual([])
    expect(reading.warnings).toEqual([])
    expect(reading.rowCount).toBe(4)
    const expected = JSON.parse(readFileSync(new URL('../../fixtures/layers/facilities-gcj02.expected.json', import.meta.url), 'utf8')) as { row: number; code: string; lng: number; lat: number }[]
    expect(reading.rows.map((r) => [r.row, r.code])).toEqual(expected.map((e) => [e.row, e.code]))
    reading.rows.forEach((r, i) => expect(metresBetween([r.lng, r.lat], [expected[i]!.lng, expected[i]!.lat])).toBeLessThan(1))
    const { lng: _lng, lat: _lat, ...first } = reading.rows[0]!
    expect(first).toEqual({
      row: 2,
      code: 'GZ-001',
      name: '景星社区日间照料中心',
      kind: 'day_care',
      address: '学府路12号',
      communityCode: '210190001001',
      floorAreaM2: 1200,
      beds: 20,
      nursingBeds: 5,
      openingYear: 2015,
    })
    expect(reading.rows.map((r) => [r.kind, r.floorAreaM2, r.beds, r.nursingBeds, r.openingYear])).toEqual([
      ['day_care', 1200, 20, 5, 2015],
      ['home_care', 350, 0, 0, 2018],
      ['elderly_institution', 2800, 120, 60, 2009],
      ['community_service', 900, 0, 0, 2012],
    ])
  })

  it('reports an unknown kind, a negative floor area and more nursing beds than beds from XLSX, keeping the good rows', async () => {
    const table = await tableOf(fixture('layers/facilities.xlsx'), 'xlsx')
    const reading = readLayerRows('facilities', table, suggestColumnMapping('facilities', table.headers), 'wgs84', KINDS)
    expect(reading.rowCount).toBe(5)
    expect(reading.problems).toEqual([
      {
        row: 3,
        field: 'kind',
        message: '"卫生服务站" is not a facility kind; use one of community_service (社区综合服务设施), home_care (居家养老服务站), day_care (日间照料中心), elderly_institution (养老机构)',
      },
      { row: 4, field: 'floorAreaM2', message: 'the floor area -80 is negative' },
      { row: 5, field: 'nursingBeds', message: '45 nursing beds are more than the 30 beds in all' },
    ])
    expect(reading.rows).toEqual([
      { row: 2, code: null, name: '富民社区日间照料中心', kind: 'day_care', address: '富民街20号', communityCode: '210190003002', floorAreaM2: 650, beds: 15, nursingBeds: 4, openingYear: 2016, lng: 123.432, lat: 41.709 },
      { row: 6, code: null, name: '万柳养老服务驿站', kind: 'home_care', address: '万柳路2号', communityCode: '210190002003', floorAreaM2: 420, beds: 10, nursingBeds: 0, openingYear: 2020, lng: 123.396, lat: 41.728 },
    ])
  })

  it('converts CGCS2000 Gauss–Krüger [easting, northing] columns to within a metre', async () => {
    const points = JSON.parse(readFileSync(new URL('../../fixtures/boundaries/gauss-kruger-points.json', import.meta.url), 'utf8')) as Record<string, { wgs84: number[]; 'EPSG:4550': number[] }[]>
    const csv = ['名称,类型,X,Y', ...points.csvMarkers!.map((p, i) => `站${i + 1},日间照料中心,${p['EPSG:4550'][0]},${p['EPSG:4550'][1]}`)].join('\n')
    const table = await tableOf(csv, 'csv', 'EPSG:4550')
    const reading = readLayerRows('facilities', table, { name: '名称', kind: '类型', lng: 'X', lat: 'Y' }, 'EPSG:4550', KINDS)
    expect(reading.problems).toEqual([])
    expect(reading.rows).toHaveLength(3)
    reading.rows.forEach((r, i) => expect(metresBetween([r.lng, r.lat], points.csvMarkers![i]!.wgs84)).toBeLessThan(1))
  })

  it('says the coordinate system looks wrong, or longitude and latitude swapped', async () => {
    const csv = '名称,类型,经度,纬度\n甲站,日间照料中心,123.40,41.71\n乙站,日间照料中心,41.71,123.40\n丙站,日间照料中心,,41.71\n'
    const mapping = { name: '名称', kind: '类型', lng: '经度', lat: '纬度' }
    // Eastings with the zone number in front (EPSG:4529) read as eastings without it (EPSG:4550).
    const prefixed = '名称,类型,经度,纬度\n甲站,日间照料中心,41534612.52,4619232.35\n'
    const gk = readLayerRows('facilities', await tableOf(prefixed, 'csv', 'EPSG:4550'), mapping, 'EPSG:4550', KINDS)
    expect(gk.problems).toEqual([
      { row: 2, field: 'lng', message: '41534612.52, 4619232.35 in EPSG:4550 is no longitude/latitude once converted (Infinity, Infinity); is it the right coordinate system?' },
    ])
    expect(gk.rows).toEqual([])
    const swapped = readLayerRows('facilities', await tableOf(csv, 'csv'), mapping, 'wgs84', KINDS)
    expect(swapped.problems).toEqual([
      { row: 3, field: 'lat', message: 'the latitude 123.4 is outside −90 to 90; are longitude and latitude swapped?' },
      { row: 4, field: 'lng', message: 'missing longitude (lng), and the row has no geometry' },
    ])
    expect(swapped.rows.map((r) => r.row)).toEqual([2])
  })

  it('takes the position from Point geometry and refuses other geometry types', async () => {
    const features = [
      { type: 'Feature', properties: { name: '甲', kind: 'day_care' }, geometry: { type: 'Point', coordinates: [123.40, 41.71] } },
      { type: 'Feature', properties: { name: '乙', kind: 'day_care' }, geometry: { type: 'Polygon', coordinates: rectangle(123.40, 41.71, 123.41, 41.72) } },
    ]
    const table = await tableOf(JSON.stringify({ type: 'FeatureCollection', features }), 'geojson')
    const reading = readLayerRows('facilities', table, { name: 'name', kind: 'kind' }, 'wgs84', KINDS)
    expect(reading.rows.map((r) => [r.row, r.lng, r.lat])).toEqual([[1, 123.40, 41.71]])
    expect(reading.problems).toEqual([{ row: 2, field: 'geometry', message: 'a facility is a Point, not a Polygon' }])
  })

  it('checks every cell: name, kind, codes, whole numbers, years, and codes used twice', async () => {
    const csv = [
      'code,name,kind,communityCode,beds,nursingBeds,openingYear,lng,lat',
      'F1,,养老院,210190001001,10,2,2010,123.40,41.71',
      'F2,乙,,210190001,10,2,2010,123.40,41.71',
      'F3,丙,敬老院,,-3,,1850,123.40,41.71',
      'F1,丁,敬老院,,12.5,,2010年,123.40,41.71',
      'F5,戊,社区居家养老服务中心,,"1,024",1000,2010-06-01,123.40,41.71',
    ].join('\n')
    const table = await tableOf(csv, 'csv')
    const reading = readLayerRows('facilities', table, suggestColumnMapping('facilities', table.headers), 'wgs84', KINDS)
    expect(reading.problems).toEqual([
      { row: 2, field: 'name', message: 'missing name' },
      { row: 3, field: 'kind', message: expect.stringMatching(/^missing facility kind; use one of community_service/) },
      { row: 3, field: 'communityCode', message: 'the community code "210190001" is not a 12-digit division code; padded with zeros it would be 210190001000' },
      { row: 4, field: 'beds', message: 'the number of beds -3 is negative' },
      { row: 4, field: 'openingYear', message: 'the opening year 1850 is not a year from 1900 to 2100' },
      { row: 5, field: 'beds', message: 'the number of beds 12.5 is not a whole number' },
      { row: 5, field: 'code', message: 'the code F1 is also on row 2' },
    ])
    expect(reading.rows).toEqual([
      { row: 6, code: 'F5', name: '戊', kind: 'home_care', address: '', communityCode: null, floorAreaM2: null, beds: 1024, nursingBeds: 1000, openingYear: 2010, lng: 123.4, lat: 41.71 },
    ])
  })
})

describe('facilityKindResolver', () => {
  it('accepts codes, Chinese and English names and common variants, only of the kinds given', () => {
    const resolve = facilityKindResolver(KINDS)
    const cases: [string, string][] = [
      ['elderly_institution', 'elderly_institution'],
      ['Day-care centre', 'day_care'],
      ['居家养老服务站', 'home_care'],
      ['敬老院', 'elderly_institution'],
      ['日照中心', 'day_care'],
      ['养老服务站', 'home_care'],
      ['党群服务中心', 'community_service'],
      ['社区综合服务', 'community_service'],
      ['Ｈｏｍｅ＿ｃａｒｅ', 'home_care'],
    ]
    for (const [text, code] of cases) expect(resolve(text), text).toBe(code)
    expect(resolve('卫生服务站')).toHaveLength(4)
    const onlyDayCare = facilityKindResolver(KINDS.filter((k) => k.code === 'day_care'))
    expect(onlyDayCare('养老院')).toEqual(['day_care (日间照料中心)'])
  })
})

describe('readLayerRows: compounds', () => {
  it('reads a GBK Shapefile as MultiPolygons with gates, and reports missing households and a self-intersecting outline', async () => {
    const table = await tableOf(fixture('layers/compounds-gbk.zip'), 'shapefile')
    const reading = readLayerRows('compounds', table, suggestColumnMapping('compounds', table.headers), table.prjCrs ?? 'wgs84')
    expect(reading.rowCount).toBe(5)
    expect(reading.problems).toEqual([
      { row: 3, field: 'households', message: 'missing households (a whole number, 0 or more)' },
      { row: 4, field: 'geometry', message: expect.stringMatching(/^ring 0 of the polygon crosses itself at \[123\.424833333, 41\.708625\]/) },
    ])
    expect(reading.rows.map((r) => r.row)).toEqual([1, 2, 5])
    expect(reading.rows[0]).toEqual({
      row: 1,
      code: 'XQ-01',
      name: '丽景花园',
      communityCode: '210190001001',
      households: 822,
      population: 2097,
      elderlyPopulation: 529,
      builtYear: 1999,
      geometry: { type: 'MultiPolygon', coordinates: [[[[123.394, 41.7052], [123.394, 41.7066], [123.396, 41.7066], [123.396, 41.7052], [123.394, 41.7052]]]] },
      gates: [[123.395, 41.7066], [123.394, 41.7059]],
    })
    expect(reading.rows[1]!.gates).toEqual([])
    expect(reading.rows[2]!.geometry.coordinates).toHaveLength(2)
    expect(reading.rows[2]!.gates).toEqual([[123.432, 41.707]])
  })

  it('reads outlines and gates from WKT columns in GCJ-02, and names what is wrong with a WKT', async () => {
    const csv = [
      '小区名称,户数,WKT,出入口',
      '甲,100,"POLYGON((123.40 41.71, 123.41 41.71, 123.41 41.72, 123.40 41.72, 123.40 41.71))","MULTIPOINT((123.405 41.71), (123.41 41.715))"',
      '乙,100,"POLYGON((123.40 41.71, 123.41 41.71, 123.41 41.72, 123.40 41.72))",',
      '丙,100,"POLYGON((123.40 41.71, 123.41 41.71, 123.40 41.71))",',
      '丁,100,"LINESTRING(123.40 41.71, 123.41 41.71)",',
      '戊,100,,',
      '己,100,"MULTIPOLYGON(((123.40 41.71, 123.41 41.71, 123.41 41.72, 123.40 41.71)), ((123.42 41.71, 123.43 41.71, 123.43 41.72, 123.42 41.71)))","123.405；41.71"',
    ].join('\n')
    const table = await tableOf(csv, 'csv', 'gcj02')
    const mapping = suggestColumnMapping('compounds', table.headers)
    expect(mapping).toEqual({ name: '小区名称', households: '户数', wkt: 'WKT', gates: '出入口' })
    const reading = readLayerRows('compounds', table, mapping, 'gcj02')
    expect(reading.problems).toEqual([
      { row: 3, field: 'wkt', message: expect.stringMatching(/ring 0 of the polygon is not closed/) },
      { row: 4, field: 'wkt', message: expect.stringMatching(/ring 0 of the polygon has 3 positions; a ring needs at least 4/) },
      { row: 5, field: 'wkt', message: 'the WKT must be POLYGON((…)) or MULTIPOLYGON(((…)), …)' },
      { row: 6, field: 'wkt', message: 'missing outline: the row has no geometry and no WKT' },
      { row: 7, field: 'gates', message: '"123.405" is not a point "x,y"; separate points with ";"' },
    ])
    expect(reading.rows.map((r) => r.row)).toEqual([2])
    const [row] = reading.rows
    expect(row!.geometry.type).toBe('MultiPolygon')
    // GCJ-02 lies a few hundred metres off WGS84 here; undoing it moves every position.
    const corner = row!.geometry.coordinates[0]![0]![0]!
    expect(metresBetween(corner, [123.40, 41.71])).toBeGreaterThan(100)
    expect(row!.gates).toHaveLength(2)
    expect(metresBetween(row!.gates[0]!, [123.405, 41.71])).toBeGreaterThan(100)
  })

  it('refuses negative or fractional counts and an elderly population above the population', async () => {
    const csv = [
      'name,households,population,elderlyPopulation,builtYear,wkt',
      `甲,-1,100,10,2000,"POLYGON((123.40 41.71, 123.41 41.71, 123.41 41.72, 123.40 41.71))"`,
      `乙,10,100,200,二〇〇〇,"POLYGON((123.40 41.71, 123.41 41.71, 123.41 41.72, 123.40 41.71))"`,
    ].join('\n')
    const table = await tableOf(csv, 'csv')
    const reading = readLayerRows('compounds', table, suggestColumnMapping('compounds', table.headers), 'wgs84')
    expect(reading.problems).toEqual([
      { row: 2, field: 'households', message: 'the number of households -1 is negative' },
      { row: 3, field: 'elderlyPopulation', message: 'the population aged 60+ 200 is more than the population 100' },
      { row: 3, field: 'builtYear', message: 'the year built "二〇〇〇" is not a number' },
    ])
    expect(reading.rows).toEqual([])
  })
})

describe('readLayerRows: divisions', () => {
  it('reads a GeoJSON of divisions with Chinese properties, reporting missing households and a code used twice', async () => {
    const table = await tableOf(fixture('layers/divisions.geojson'), 'geojson')
    const reading = readLayerRows('divisions', table, suggestColumnMapping('divisions', table.headers), 'wgs84')
    expect(reading.rowCount).toBe(6)
    expect(reading.problems).toEqual([
      { row: 5, field: 'households', message: 'missing households: a community needs its number of households' },
      { row: 6, field: 'code', message: 'the code 210190001002 is also on row 4' },
    ])
    expect(reading.warnings).toEqual([{ row: 1, field: 'urbanRural', message: 'no urban or rural class given; taken as urban' }])
    expect(reading.rows.map(({ geometry: _g, ...r }) => r)).toEqual([
      { row: 1, code: '210190000000', name: '演示区', level: 'district', parentCode: null, urbanRural: 'urban', households: 45857, population: 122552, elderlyPopulation: 27680 },
      { row: 2, code: '210190001000', name: '浦江街道', level: 'subdistrict', parentCode: '210190000000', urbanRural: 'urban', households: 13728, population: 36549, elderlyPopulation: 8355 },
      { row: 3, code: '210190001001', name: '景星社区', level: 'community', parentCode: '210190001000', urbanRural: 'urban', households: 3797, population: 9991, elderlyPopulation: 2451 },
      { row: 4, code: '210190001002', name: '南塔社区', level: 'community', parentCode: '210190001000', urbanRural: 'rural', households: 3644, population: 9563, elderlyPopulation: 2192 },
    ])
    expect(reading.rows[0]!.geometry).toEqual({ type: 'MultiPolygon', coordinates: [rectangle(123.3901, 41.7051, 123.4361, 41.732)] })
  })

  it('checks levels, parent codes, urban/rural classes and the parent’s level within the file', async () => {
    const wkt = '"POLYGON((123.40 41.71, 123.41 41.71, 123.41 41.72, 123.40 41.71))"'
    const csv = [
      '代码,名称,级别,上级代码,城乡,户数,WKT',
      `210190000000,演示区,县,210100000000,,,${wkt}`,
      `210190001000,浦江街道,镇,,城镇,,${wkt}`,
      `210190002000,北陵街道,乡,210190000000,乡村,,${wkt}`,
      `210190002001,滨河社区,村,210190000000,220,10,${wkt}`,
      `210190002002,翠湖社区,居委会,210190002002,城乡结合部,10,${wkt}`,
      `2101900020,万柳社区,小组,210190002000,城镇,10,${wkt}`,
    ].join('\n')
    const table = await tableOf(csv, 'csv')
    const reading = readLayerRows('divisions', table, suggestColumnMapping('divisions', table.headers), 'wgs84')
    expect(reading.problems).toEqual([
      { row: 3, field: 'parentCode', message: 'missing parent code: a sub-district needs the 12-digit code of the division above it' },
      { row: 6, field: 'parentCode', message: 'the parent code 210190002002 is the division\'s own code' },
      { row: 6, field: 'urbanRural', message: '"城乡结合部" is not urban (城镇) or rural (乡村)' },
      { row: 7, field: 'code', message: 'the division code "2101900020" is not a 12-digit division code' },
      { row: 7, field: 'level', message: '"小组" is not a level: district (区/县), subdistrict (街道/镇/乡) or community (社区/村)' },
      { row: 5, field: 'parentCode', message: 'the parent 210190000000 (row 2) is a district; a community belongs to a sub-district' },
    ])
    expect(reading.warnings).toEqual([
      { row: 2, field: 'parentCode', message: 'the parent code 210100000000 of a district is not kept: districts are the top level here' },
      { row: 2, field: 'urbanRural', message: 'no urban or rural class given; taken as urban' },
    ])
    expect(reading.rows.map((r) => [r.row, r.level, r.parentCode, r.urbanRural])).toEqual([
      [2, 'district', null, 'urban'],
      [4, 'subdistrict', '210190000000', 'rural'],
    ])
  })

  it('warns once when no column gives urban or rural', async () => {
    const csv = 'code,name,level,wkt\n210190000000,演示区,区,"POLYGON((123.40 41.71, 123.41 41.71, 123.41 41.72, 123.40 41.71))"\n'
    const table = await tableOf(csv, 'csv')
    const reading = readLayerRows('divisions', table, suggestColumnMapping('divisions', table.headers), 'wgs84')
    expect(reading.problems).toEqual([])
    expect(reading.warnings).toEqual([{ row: 0, field: 'urbanRural', message: 'no column gives urban or rural; every division is taken as urban' }])
  })
})

describe('readLayerRows: rows the table refused', () => {
  it('never returns them and does not report their geometry again', async () => {
    const features = [
      { type: 'Feature', properties: { name: '甲', households: 1 }, geometry: { type: 'Polygon', coordinates: [[[123.40, 41.71], [123.41, 41.71], [123.41, 41.72]]] } },
      { type: 'Feature', properties: { name: '乙', households: 1 }, geometry: { type: 'Polygon', coordinates: rectangle(123.40, 41.71, 123.41, 41.72) } },
    ]
    const table = await tableOf(JSON.stringify({ type: 'FeatureCollection', features }), 'geojson')
    expect(table.problems.map((p) => [p.row, p.field])).toEqual([[1, 'geometry']])
    const reading = readLayerRows('compounds', table, { name: 'name', households: 'households' }, 'wgs84')
    expect(reading.problems).toEqual([])
    expect(reading.rows.map((r) => r.row)).toEqual([2])
  })
})
