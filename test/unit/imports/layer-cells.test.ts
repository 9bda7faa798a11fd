import { describe, expect, it } from 'vitest'
import { readDivisionCode, readNumber, readYear } from '../../../server/imports/layers/layer-cells.ts'
import { parsePointList, parsePolygonWkt } from '../../../server/imports/layers/read-wkt.ts'
import { SpreadsheetError } from '../../../server/imports/read-feature-table.ts'

describe('readNumber', () => {
  const area = { label: 'floor area', min: 0 }

  it('accepts thousands separators, full-width digits and units after the number', () => {
    const cases: [unknown, number | null][] = [
      ['1,200', 1200],
      ['12,345,678.5', 12345678.5],
      ['350㎡', 350],
      ['350 平方米', 350],
      ['350m²', 350],
      ['３５０', 350],
      ['120张', 120],
      [' 42.5 ', 42.5],
      ['', null],
      [null, null],
      [7, 7],
    ]
    for (const [value, expected] of cases) expect(readNumber(value, area), String(value)).toEqual({ value: expected })
  })

  it('says which value is not a number, negative, out of range or not whole', () => {
    expect(readNumber('12,34', area)).toEqual({ problem: 'the floor area "12,34" is not a number' })
    expect(readNumber('350 亩', area)).toEqual({ problem: 'the floor area "350 亩" is not a number' })
    expect(readNumber('−5', area)).toEqual({ problem: 'the floor area -5 is negative' })
    expect(readNumber(2.5, { label: 'beds', whole: true })).toEqual({ problem: 'the beds 2.5 is not a whole number' })
    expect(readNumber(new SpreadsheetError('#REF!'), area)).toEqual({ problem: 'the floor area cell holds the spreadsheet error #REF!' })
  })
})

describe('readYear', () => {
  it('takes the year of numbers, texts and dates from 1900 to 2100', () => {
    expect(readYear('2015年', 'year')).toEqual({ value: 2015 })
    expect(readYear('2015/06/01', 'year')).toEqual({ value: 2015 })
    expect(readYear(new Date(Date.UTC(2009, 4, 1)), 'year')).toEqual({ value: 2009 })
    expect(readYear(2101, 'year')).toEqual({ problem: 'the year 2101 is not a year from 1900 to 2100' })
  })
})

describe('readDivisionCode', () => {
  it('takes 12 digits from text or a number cell, and shows a short code padded', () => {
    expect(readDivisionCode(210190001001, 'code')).toEqual({ value: '210190001001' })
    expect(readDivisionCode(' 2101 9000 1001 ', 'code')).toEqual({ value: '210190001001' })
    expect(readDivisionCode('210190', 'code')).toEqual({ problem: 'the code "210190" is not a 12-digit division code; padded with zeros it would be 210190000000' })
    expect(readDivisionCode('21019000100A', 'code')).toEqual({ problem: 'the code "21019000100A" is not a 12-digit division code' })
  })
})

describe('parsePolygonWkt', () => {
  it('reads POLYGON with holes, MULTIPOLYGON, a Z tag and an EWKT SRID prefix', () => {
    expect(parsePolygonWkt('SRID=4326;POLYGON Z ((0 0 1, 4 0 1, 4 4 1, 0 0 1), (1 1 1, 2 1 1, 2 2 1, 1 1 1))')).toEqual({
      type: 'Polygon',
      coordinates: [
        [[0, 0, 1], [4, 0, 1], [4, 4, 1], [0, 0, 1]],
        [[1, 1, 1], [2, 1, 1], [2, 2, 1], [1, 1, 1]],
      ],
    })
    expect(parsePolygonWkt('multipolygon(((0 0, 1 0, 1 1, 0 0)), ((2 2, 3 2, 3 3, 2 2), (2.1 2.1, 2.2 2.1, 2.2 2.2, 2.1 2.1)))')).toEqual({
      type: 'MultiPolygon',
      coordinates: [[[[0, 0], [1, 0], [1, 1], [0, 0]]], [[[2, 2], [3, 2], [3, 3], [2, 2]], [[2.1, 2.1], [2.2, 2.1], [2.2, 2.2], [2.1, 2.1]]]],
    })
  })

  it('says why a text is not a polygon', () => {
    expect(parsePolygonWkt('POINT(1 2)')).toBe('the WKT must be POLYGON((…)) or MULTIPOLYGON(((…)), …)')
    expect(parsePolygonWkt('POLYGON((0 0, 1 x, 1 1, 0 0))')).toMatch(/not two or three numbers/)
    expect(parsePolygonWkt('MULTIPOLYGON(((0 0, 1 0, 1 1, 0 0))')).toMatch(/misplaced brackets/)
  })
})

describe('parsePointList', () => {
  it('reads WKT points, "x,y; x,y" text with full-width punctuation, and arrays of pairs', () => {
    expect(parsePointList('POINT(123.4 41.7)')).toEqual([[123.4, 41.7]])
    expect(parsePointList('MULTIPOINT(1 2, 3 4)')).toEqual([[1, 2], [3, 4]])
    expect(parsePointList('123.4，41.7；123.5,41.8')).toEqual([[123.4, 41.7], [123.5, 41.8]])
    expect(parsePointList([[1, 2]])).toEqual([[1, 2]])
    expect(parsePointList('')).toEqual([])
    expect(parsePointList('LINESTRING(1 2, 3 4)')).toBe('the WKT must be POINT(x y) or MULTIPOINT(x y, …)')
    expect(parsePointList('POINT(1 2, 3 4)')).toBe('a WKT POINT has one position; use MULTIPOINT for several')
  })
})
