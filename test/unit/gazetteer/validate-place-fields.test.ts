import { describe, expect, it } from 'vitest'
import type { PlaceCategoryClassId } from '../../../server/gazetteer/place-categories.ts'
import { emptyPlaceFields, type AltName, type PlaceFields, type PlaceStatus } from '../../../server/gazetteer/place-record.ts'
import { validatePlaceFields } from '../../../server/gazetteer/validate-place-fields.ts'
import { isCalendarDate } from '../../../server/calendar-date.ts'

function road(overrides: Partial<PlaceFields> = {}): PlaceFields {
  return {
    ...emptyPlaceFields(),
    category: 'transport-facilities',
    categoryCode: '12201',
    featureType: '道路',
    standardName: '云杉路',
    specificPart: '云杉',
    genericPart: '路',
    romanization: 'Yunshan Lu',
    divisionCodes: ['210112001000', '210112002000'],
    geometry: { type: 'LineString', coordinates: [[123.4521, 41.7402], [123.4617, 41.7411]] },
    namedOn: '2008-05-01',
    establishedOn: '2008-10-01',
    registeredOn: '2023-04-12',
    ...overrides,
  }
}

function altName(overrides: Partial<AltName> = {}): AltName {
  return { kind: 'historical', name: '北岭胡同', romanization: '', validFrom: null, validTo: null, note: '', ...overrides }
}

const fieldsOf = (fields: PlaceFields): string[] => validatePlaceFields(fields).map((p) => p.field)

describe('validatePlaceFields', () => {
  it('accepts a complete record, and the empty record once it has a name', () => {
    expect(validatePlaceFields(road())).toEqual([])
    expect(validatePlaceFields({ ...emptyPlaceFields(), standardName: '青禾小区' })).toEqual([])
  })

  it('requires a standard name of at most 100 visible characters on one line', () => {
    expect(validatePlaceFields(road({ standardName: '  ', specificPart: '', genericPart: '' }))).toEqual([
      { field: 'standardName', message: 'the standard name is blank; a name is required' },
    ])
    const long = '长'.repeat(101)
    expect(validatePlaceFields(road({ standardName: long, specificPart: '', genericPart: '' }))[0]?.message).toBe(
      'the standard name has 101 characters; at most 100 are allowed',
    )
    expect(validatePlaceFields(road({ standardName: '长'.repeat(100), specificPart: '', genericPart: '' }))).toEqual([])
    expect(validatePlaceFields(road({ standardName: '云杉\t路' }))[0]?.message).toBe(
      'the standard name contains the control character U+0009 at character 3; a name is one line of visible characters',
    )
  })

  it('requires the standard name to be the specific part followed by the generic part, compared normalized', () => {
    expect(validatePlaceFields(road({ genericPart: '街' }))).toEqual([
      {
        field: 'standardName',
        message: 'the standard name "云杉路" should be the specific part "云杉" followed by the generic part "街" ("云杉街")',
      },
    ])
    expect(validatePlaceFields(road({ standardName: '云杉 路' }))).toEqual([])
    expect(validatePlaceFields(road({ genericPart: '' }))).toEqual([])
  })

  it('accepts toneless romanization with ü, apostrophes, hyphens, dots and parentheses', () => {
    for (const romanization of ["Chang'an Jie", 'Chang’an Jie', 'Nü’er He', 'Lüliang Lu', 'No. 3 Zhong-Lu (Bei)', 'LÜ']) {
      expect(validatePlaceFields(road({ romanization }))).toEqual([])
    }
  })

  it('refuses tone marks and other characters in romanization, naming the character', () => {
    expect(validatePlaceFields(road({ romanization: 'Yúnshān Lu' }))).toEqual([
      {
        field: 'romanization',
        message:
          'the romanization "Yúnshān Lu" has "ú" at character 2 (tone marks are not written); only Latin letters without tone marks (ü allowed), digits, spaces, apostrophes, hyphens, dots and parentheses are accepted',
      },
    ])
    expect(validatePlaceFields(road({ romanization: 'Yunshan_Lu' }))[0]?.message).toContain('has "_" at character 8;')
    expect(validatePlaceFields(road({ romanization: '云杉 Lu' }))[0]?.field).toBe('romanization')
  })

  it('checks the class and the 5-digit category code', () => {
    expect(fieldsOf(road({ category: 'roads' as PlaceCategoryClassId }))).toEqual(['category'])
    expect(validatePlaceFields(road({ category: 'roads' as PlaceCategoryClassId }))[0]?.message).toMatch(
      /^"roads" is not a place-name class; expected one of sea-areas, inland-waters, /,
    )
    expect(validatePlaceFields(road({ categoryCode: null }))).toEqual([])
    for (const categoryCode of ['1220', '122011', '1220a', '１２２０１', '']) {
      expect(validatePlaceFields(road({ categoryCode }))).toEqual([
        { field: 'categoryCode', message: `the category code "${categoryCode}" should be exactly 5 digits 0–9, or empty` },
      ])
    }
  })

  it('requires dates that exist, written YYYY-MM-DD', () => {
    expect(validatePlaceFields(road({ establishedOn: '2025-02-30' }))).toEqual([
      { field: 'establishedOn', message: '"2025-02-30" is not a calendar date; expected YYYY-MM-DD, e.g. 2024-02-29' },
    ])
    expect(fieldsOf(road({ namedOn: '2008/05/01', registeredOn: '2023-4-12', abolishedOn: '2023-13-01' }))).toEqual([
      'namedOn',
      'abolishedOn',
      'registeredOn',
    ])
    expect(validatePlaceFields(road({ namedOn: '2024-02-29', establishedOn: '2000-02-29' }))).toEqual([])
  })

  it('requires abolition on or after establishment and naming', () => {
    expect(validatePlaceFields(road({ abolishedOn: '2008-09-30' }))).toEqual([
      {
        field: 'abolishedOn',
        message: 'the place is abolished on 2008-09-30, before it was established on 2008-10-01; the abolition date must be on or after it',
      },
    ])
    expect(validatePlaceFields(road({ abolishedOn: '2008-04-30' })).map((p) => p.message)).toEqual([
      'the place is abolished on 2008-04-30, before it was established on 2008-10-01; the abolition date must be on or after it',
      'the place is abolished on 2008-04-30, before it was named on 2008-05-01; the abolition date must be on or after it',
    ])
    expect(validatePlaceFields(road({ abolishedOn: '2008-10-01' }))).toEqual([])
  })

  it('requires a historical place to have its abolition date, and a known status', () => {
    expect(validatePlaceFields(road({ status: 'historical' }))).toEqual([
      { field: 'abolishedOn', message: 'a historical place needs the date it was abolished (YYYY-MM-DD)' },
    ])
    expect(validatePlaceFields(road({ status: 'historical', abolishedOn: '2015-06-30' }))).toEqual([])
    expect(validatePlaceFields(road({ status: 'gone' as PlaceStatus }))).toEqual([
      { field: 'status', message: '"gone" is not a status; expected current, historical, deprecated' },
    ])
  })

  it('requires 12-digit division codes, each once', () => {
    expect(validatePlaceFields(road({ divisionCodes: ['21011200100', '210112001000', '210112001000', '２10112001000'] }))).toEqual([
      { field: 'divisionCodes[0]', message: 'the division code "21011200100" should be 12 digits 0–9 (统计用区划代码)' },
      {
        field: 'divisionCodes[2]',
        message: 'the division code 210112001000 is listed twice (also divisionCodes[1]); list each division once',
      },
      { field: 'divisionCodes[3]', message: 'the division code "２10112001000" should be 12 digits 0–9 (统计用区划代码)' },
    ])
  })

  it('reports malformed geometry with the path into it', () => {
    expect(
      validatePlaceFields(road({ geometry: { type: 'Polygon', coordinates: [[[123.45, 41.73], [123.46, 41.73], [123.46, 41.74]]] } })),
    ).toEqual([
      {
        field: 'geometry.coordinates[0]',
        message: 'ring 0 of the polygon has 3 positions; a ring needs at least 4, the last repeating the first',
      },
      {
        field: 'geometry.coordinates[0]',
        message: 'ring 0 of the polygon is not closed: first [123.45, 41.73] and last [123.46, 41.74] differ',
      },
    ])
    expect(fieldsOf(road({ geometry: { type: 'Point', coordinates: [123.45, 141.73] } }))).toEqual(['geometry.coordinates[1]'])
    expect(
      validatePlaceFields(road({ geometry: { type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [123.45, 41.73] }] } }))[0]
        ?.message,
    ).toBe('a GeometryCollection is not accepted here; expected Point, MultiPoint, LineString, MultiLineString, Polygon or MultiPolygon')
  })

  it('reports positions outside China, hinting at swapped longitude and latitude when swapping fits', () => {
    expect(validatePlaceFields(road({ geometry: { type: 'Point', coordinates: [41.7402, 123.4521] } }))[0]?.field).toBe(
      'geometry.coordinates[1]',
    )
    expect(validatePlaceFields(road({ geometry: { type: 'Point', coordinates: [41.7402, 83.4521] } }))).toEqual([
      {
        field: 'geometry.coordinates',
        message:
          "the position [41.7402, 83.4521] lies outside China's extent (longitude 73–136° E, latitude 3–54° N); the values fit if swapped: positions are [longitude, latitude]",
      },
    ])
    const paris = validatePlaceFields(
      road({ geometry: { type: 'LineString', coordinates: [[123.45, 41.74], [2.35, 48.85], [2.36, 48.86]] } }),
    )
    expect(paris).toEqual([
      {
        field: 'geometry.coordinates[1]',
        message:
          "the position [2.35, 48.85] (and 1 more positions) lies outside China's extent (longitude 73–136° E, latitude 3–54° N); are the coordinates in another system, or is the place outside China?",
      },
    ])
  })

  it('checks each other name: name, kind, romanization, dates and their order', () => {
    expect(validatePlaceFields(road({ altNames: [altName({ validFrom: '1985-01-01', validTo: '2015-06-30', note: '旧称' })] }))).toEqual([])
    const problems = validatePlaceFields(
      road({
        altNames: [
          altName(),
          altName({ name: ' ', kind: 'alias' }),
          altName({ kind: 'nickname' as AltName['kind'] }),
          altName({ validFrom: '2015-06-30', validTo: '1985-01-01' }),
          altName({ validTo: '2015-02-29', romanization: 'Běiling Hutong' }),
        ],
      }),
    )
    expect(problems).toEqual([
      { field: 'altNames[1].name', message: 'the alias is blank; a name is required' },
      { field: 'altNames[2].kind', message: '"nickname" is not a kind of name; expected alias, short, map, historical' },
      {
        field: 'altNames[3].validTo',
        message:
          'the historical name "北岭胡同" is valid to 1985-01-01, before it is valid from 2015-06-30; the end must be on or after the start',
      },
      {
        field: 'altNames[4].romanization',
        message:
          'the romanization "Běiling Hutong" has "ě" at character 2 (tone marks are not written); only Latin letters without tone marks (ü allowed), digits, spaces, apostrophes, hyphens, dots and parentheses are accepted',
      },
      { field: 'altNames[4].validTo', message: '"2015-02-29" is not a calendar date; expected YYYY-MM-DD, e.g. 2024-02-29' },
    ])
  })

  it('limits free text to 10,000 characters and keeps control characters out, allowing line breaks', () => {
    expect(validatePlaceFields(road({ history: '沿'.repeat(10_000), description: '第一行\n第二行\r\n\t缩进' }))).toEqual([])
    expect(validatePlaceFields(road({ history: '沿'.repeat(10_001) }))).toEqual([
      { field: 'history', message: 'history has 10001 characters; at most 10000 are allowed' },
    ])
    expect(validatePlaceFields(road({ sources: '地名志\u0000' }))).toEqual([
      { field: 'sources', message: 'sources contains the control character U+0000 at character 4; expected text' },
    ])
    expect(fieldsOf(road({ registeredBy: '张明\n', altNames: [altName({ note: 'x'.repeat(10_001) })] }))).toEqual([
      'registeredBy',
      'altNames[0].note',
    ])
  })
})

describe('isCalendarDate', () => {
  it('accepts dates that exist, including 29 February in leap years', () => {
    for (const date of ['2024-02-29', '2000-02-29', '1958-01-01', '2023-12-31', '0001-01-01']) expect(isCalendarDate(date)).toBe(true)
  })

  it('refuses impossible dates and other spellings', () => {
    for (const date of ['2025-02-29', '1900-02-29', '2025-02-30', '2025-04-31', '2025-13-01', '2025-00-10', '2025-01-00', '0000-01-01']) {
      expect(isCalendarDate(date)).toBe(false)
    }
    for (const date of ['2025-1-5', '2025/01/05', '20250105', ' 2025-01-05', '2025-01-05T00:00:00Z', '']) {
      expect(isCalendarDate(date)).toBe(false)
    }
  })
})
