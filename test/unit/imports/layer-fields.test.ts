import { describe, expect, it } from 'vitest'
import { LAYER_FIELDS, checkColumnMapping, headerForm, suggestColumnMapping } from '../../../server/imports/layers/layer-fields.ts'

describe('LAYER_FIELDS', () => {
  it('lists the fields of each layer in form order, with the ones a mapping must fill', () => {
    const keys = (kind: keyof typeof LAYER_FIELDS) => LAYER_FIELDS[kind].map((f) => `${f.key}${f.required ? '*' : ''}`)
    expect(keys('facilities')).toEqual(['code', 'name*', 'kind*', 'address', 'communityCode', 'floorAreaM2', 'beds', 'nursingBeds', 'openingYear', 'lng', 'lat'])
    expect(keys('compounds')).toEqual(['code', 'name*', 'communityCode', 'households*', 'population', 'elderlyPopulation', 'builtYear', 'wkt', 'gates'])
    expect(keys('divisions')).toEqual(['code*', 'name*', 'level*', 'parentCode', 'urbanRural', 'households', 'population', 'elderlyPopulation', 'wkt'])
  })
})

describe('headerForm', () => {
  it('ignores case, spaces, full-width forms, punctuation and a unit in brackets', () => {
    expect(headerForm(' 建筑面积（㎡） ')).toBe('建筑面积')
    expect(headerForm('面积(平方米)')).toBe('面积')
    expect(headerForm('床位数【张】')).toBe('床位数')
    expect(headerForm('Floor_Area_M2')).toBe('flooraream2')
    expect(headerForm('ＬＮＧ')).toBe('lng')
    expect(headerForm('60 岁以上人口')).toBe('60岁以上人口')
  })
})

describe('suggestColumnMapping', () => {
  it('maps a department’s Chinese facility headers', () => {
    const headers = ['设施编码', '设施名称', '设施类型', '地址', '所属社区', '建筑面积（㎡）', '床位数', '护理型床位', '开业年份', '经度', '纬度', '备注']
    expect(suggestColumnMapping('facilities', headers)).toEqual({
      code: '设施编码',
      name: '设施名称',
      kind: '设施类型',
      address: '地址',
      communityCode: '所属社区',
      floorAreaM2: '建筑面积（㎡）',
      beds: '床位数',
      nursingBeds: '护理型床位',
      openingYear: '开业年份',
      lng: '经度',
      lat: '纬度',
    })
  })

  it('maps variant spellings and English keys, and gives each header to one field only', () => {
    expect(suggestColumnMapping('facilities', ['机构名称', '名称', '类别', '面积 (平方米)', '床位', '护理床位', '建成年份', 'X', 'Y'])).toEqual({
      name: '机构名称',
      kind: '类别',
      floorAreaM2: '面积 (平方米)',
      beds: '床位',
      nursingBeds: '护理床位',
      openingYear: '建成年份',
      lng: 'X',
      lat: 'Y',
    })
    expect(suggestColumnMapping('facilities', ['Name', 'TYPE', 'Longitude', 'latitude', 'floor_area_m2'])).toEqual({
      name: 'Name',
      kind: 'TYPE',
      floorAreaM2: 'floor_area_m2',
      lng: 'Longitude',
      lat: 'latitude',
    })
  })

  it('maps compound and division headers, the geometry column included', () => {
    expect(suggestColumnMapping('compounds', ['小区名称', '社区编码', '总户数', '常住人口', '60岁以上人口', '建成年代', 'WKT', '大门'])).toEqual({
      name: '小区名称',
      communityCode: '社区编码',
      households: '总户数',
      population: '常住人口',
      elderlyPopulation: '60岁以上人口',
      builtYear: '建成年代',
      wkt: 'WKT',
      gates: '大门',
    })
    expect(suggestColumnMapping('divisions', ['区划代码', '名称', '层级', '上级区划代码', '城乡', '住户数', '人口', '老年人口', '几何'])).toEqual({
      code: '区划代码',
      name: '名称',
      level: '层级',
      parentCode: '上级区划代码',
      urbanRural: '城乡',
      households: '住户数',
      population: '人口',
      elderlyPopulation: '老年人口',
      wkt: '几何',
    })
  })

  it('leaves out fields no header names', () => {
    expect(suggestColumnMapping('compounds', ['甲', '乙'])).toEqual({})
  })
})

describe('checkColumnMapping', () => {
  const headers = ['名称', '类型', '经度', '纬度', '面积']

  it('accepts a complete mapping', () => {
    expect(checkColumnMapping('facilities', { name: '名称', kind: '类型', lng: '经度', lat: '纬度', floorAreaM2: '面积' }, headers, false)).toEqual([])
  })

  it('names unknown fields, missing headers, a header used twice and required fields left unmapped', () => {
    const problems = checkColumnMapping('facilities', { name: '名称', colour: '类型', kind: '种类', floorAreaM2: '名称', lng: '经度', address: '' }, headers, false)
    expect(problems).toEqual([
      { row: 0, field: 'colour', message: expect.stringMatching(/^"colour" is not a field of facilities; the fields are code, name, kind/) },
      { row: 0, field: 'kind', message: 'the column "种类" mapped to kind is not in the file; its columns are "名称", "类型", "经度", "纬度", "面积"' },
      { row: 0, field: 'floorAreaM2', message: 'the column "名称" is mapped to both name and floorAreaM2; one column fills one field' },
      { row: 0, field: 'lat', message: 'no column is mapped to lat (纬度（或北坐标）); the rows have no geometry, so a column must give their position' },
    ])
    expect(checkColumnMapping('facilities', { kind: '类型' }, headers, true)).toEqual([
      { row: 0, field: 'name', message: 'no column is mapped to the required field name (名称)' },
    ])
  })

  it('requires the position columns only when the rows have no geometry', () => {
    expect(checkColumnMapping('facilities', { name: '名称', kind: '类型' }, headers, true)).toEqual([])
    expect(checkColumnMapping('compounds', { name: '名称', households: '户数' }, ['名称', '户数'], true)).toEqual([])
    expect(checkColumnMapping('compounds', { name: '名称', households: '户数' }, ['名称', '户数'], false).map((p) => p.field)).toEqual(['wkt'])
    expect(checkColumnMapping('divisions', {}, [], true).map((p) => p.field)).toEqual(['code', 'name', 'level'])
  })
})
