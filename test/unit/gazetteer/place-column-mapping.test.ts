import { describe, expect, it } from 'vitest'
import { choosePlaceColumns, suggestPlaceMapping } from '../../../server/gazetteer/place-column-mapping.ts'
import { findPlaceColumn } from '../../../server/gazetteer/place-columns.ts'
import { readPlaceFile } from '../../../server/gazetteer/read-place-table.ts'

const utf8 = (text: string) => new TextEncoder().encode(text)
const keysOf = (choice: ReturnType<typeof choosePlaceColumns>) => Object.fromEntries(choice.keys)

describe('place column names', () => {
  it('recognises the forms a .dbf cuts long names to, but not a cut form two columns share', () => {
    expect(findPlaceColumn('所在行政区')?.key).toBe('divisionCodes')
    expect(findPlaceColumn('罗马字母拼')?.key).toBe('romanization')
    expect(findPlaceColumn('少数民族文')?.key).toBe('minorityName')
    expect(findPlaceColumn('standardNa')?.key).toBe('standardName')
    expect(findPlaceColumn('romanizati'), 'romanization and romanizationConfirmed both cut to it').toBeUndefined()
    expect(findPlaceColumn('registered'), 'registeredBy and registeredOn both cut to it').toBeUndefined()
    expect(findPlaceColumn('标准名'), 'a misspelt header is still reported').toBeUndefined()
  })
})

describe('choosePlaceColumns', () => {
  it('reads mapped headers first, recognises the rest by name, and lets "" switch a column off', () => {
    const headers = ['DMMC', '标准名称', '类别', '拼音', 'OBJECTID']
    const choice = choosePlaceColumns(headers, 'csv', { mapping: { standardName: 'DMMC', romanization: '' } })
    expect(keysOf(choice)).toEqual({ DMMC: 'standardName', 类别: 'category' })
    expect(choice.problems).toEqual([])
    expect(choice.warnings.map((w) => [w.field, w.message])).toEqual([
      ['标准名称', '"标准名称" is not read: standardName comes from "DMMC" as mapped'],
      ['拼音', '"拼音" is not read: the mapping reads no column for romanization'],
      ['OBJECTID', '"OBJECTID" is not read: it names no place column; map it to one to read it'],
    ])
  })

  it('refuses one header for two columns, and a required column left without one', () => {
    const choice = choosePlaceColumns(['名字', '分类'], 'xlsx', { mapping: { standardName: '名字', specificPart: '名字' } })
    expect(choice.problems.map((p) => [p.field, p.message])).toEqual([
      ['specificPart', 'the column "名字" is mapped to both standardName and specificPart; one column fills one place column'],
      ['类别', 'the required column 类别 (category) is missing; map one of the file’s columns to it'],
    ])
    expect(choice.missing).toEqual(['category'])
  })

  it('does not read position columns of Shapefiles and GeoJSON, whose geometry places the features', () => {
    const shapefile = choosePlaceColumns(['名称', '类别', '经度', '纬度'], 'shapefile', { mapping: null })
    expect(keysOf(shapefile)).toEqual({ 名称: 'standardName', 类别: 'category' })
    expect(shapefile.problems).toEqual([])
    expect(shapefile.warnings.map((w) => w.field)).toEqual(['经度', '纬度'])
    const geojson = choosePlaceColumns(['name', 'lng'], 'geojson', { mapping: { lat: 'lng' } })
    expect(geojson.problems.map((p) => p.field)).toEqual(['lat'])
    expect(geojson.warnings.map((w) => w.field), 'with a mapping, a position property is only a warning').toEqual(['lng'])
  })

  it('lets GeoJSON features name one column differently, as before', async () => {
    const features = [
      { type: 'Feature', geometry: null, properties: { standardName: '柳溪桥', category: '交通运输设施' } },
      { type: 'Feature', geometry: null, properties: { 标准名称: '青禾小区', 类别: '居民点' } },
      { type: 'Feature', geometry: null, properties: { 地名: '望川社区', 类别: '群众自治组织' } },
    ]
    const reading = await readPlaceFile(utf8(JSON.stringify({ type: 'FeatureCollection', features })), 'geojson', { coordinateSystem: null })
    expect(reading.problems).toEqual([])
    expect(reading.rows.map((r) => r.fields.standardName)).toEqual(['柳溪桥', '青禾小区', '望川社区'])
    const mapped = await readPlaceFile(utf8(JSON.stringify({ type: 'FeatureCollection', features })), 'geojson', {
      coordinateSystem: null,
      mapping: { standardName: '地名' },
    })
    expect(mapped.rows.map((r) => r.fields.standardName), 'a mapped property replaces the others').toEqual(['', '', '望川社区'])
    expect(mapped.warnings.map((w) => w.message)).toEqual([
      '"standardName" (first in feature 1) is not read: standardName comes from "地名" as mapped',
      '"标准名称" (first in feature 2) is not read: standardName comes from "地名" as mapped',
    ])
  })
})

describe('suggestPlaceMapping', () => {
  it('suggests the first header naming each column, leaving out position columns of Shapefiles', () => {
    expect(suggestPlaceMapping(['name', '标准名称', '类别', 'lng', 'lat'], 'csv')).toEqual({ standardName: 'name', category: '类别', lng: 'lng', lat: 'lat' })
    expect(suggestPlaceMapping(['name', '类别', 'lng', 'lat'], 'shapefile')).toEqual({ standardName: 'name', category: '类别' })
  })
})
