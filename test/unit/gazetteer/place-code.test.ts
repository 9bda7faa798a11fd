import { describe, expect, it } from 'vitest'
import {
  PlaceCodeError,
  extractCountyCode,
  extractTownshipCode,
  formatPlaceCode,
  formatSequence,
  parsePlaceCode,
  validatePlaceCodeParts,
  type PlaceCodeParts,
} from '../../../server/gazetteer/place-code.ts'
import { PLACE_CATEGORY_CLASSES, isPlaceCategoryClassId } from '../../../server/gazetteer/place-categories.ts'

const parts: PlaceCodeParts = {
  countyCode: '210112',
  townshipCode: '004',
  categoryCode: '12345',
  sequence: '000042',
}

describe('formatPlaceCode', () => {
  it('joins county, township, category and sequence into 20 digits', () => {
    expect(formatPlaceCode(parts)).toBe('21011200412345000042')
  })

  it('throws naming every wrong part', () => {
    let error: unknown
    try {
      formatPlaceCode({ ...parts, townshipCode: '4', sequence: '42' })
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(PlaceCodeError)
    expect((error as PlaceCodeError).problems.map((p) => p.part)).toEqual(['townshipCode', 'sequence'])
    expect((error as PlaceCodeError).message).toBe(
      'townshipCode: township code "4" must be 3 digits, it has 1; sequence: sequence number "42" must be 6 digits, it has 2',
    )
  })
})

describe('parsePlaceCode', () => {
  it('splits a valid code and round-trips it', () => {
    const parsed = parsePlaceCode('21011200412345000042')
    expect(parsed).toEqual({ ok: true, parts })
    if (parsed.ok) expect(formatPlaceCode(parsed.parts)).toBe('21011200412345000042')
  })

  it('reports a code of the wrong length as a whole', () => {
    expect(parsePlaceCode('2101120041234500004')).toEqual({
      ok: false,
      problems: [
        {
          part: 'code',
          message:
            'a place-name code has 20 digits (6 county + 3 township + 5 category + 6 sequence), this one has 19 characters',
        },
      ],
    })
  })

  it('says which part holds a character that is not a digit, and where', () => {
    expect(parsePlaceCode('2101120041234A000042')).toEqual({
      ok: false,
      problems: [
        {
          part: 'categoryCode',
          message: 'category code "1234A" must be 5 digits 0–9, but character 5 is "A" (digits 10–14 of 2101120041234A000042)',
        },
      ],
    })
  })

  it('rejects full-width digits rather than repairing them', () => {
    const parsed = parsePlaceCode('２1011200412345000042')
    expect(parsed.ok).toBe(false)
    if (!parsed.ok) expect(parsed.problems.map((p) => p.part)).toEqual(['countyCode'])
  })

  it('rejects a county code whose first two digits are no province', () => {
    const parsed = parsePlaceCode('99011200412345000042')
    expect(parsed.ok).toBe(false)
    if (!parsed.ok) {
      expect(parsed.problems).toEqual([
        {
          part: 'countyCode',
          message:
            'county code 990112 starts with 99, which is no provincial-level code in GB/T 2260 (digits 1–6 of 99011200412345000042)',
        },
      ])
    }
  })
})

describe('validatePlaceCodeParts', () => {
  it('finds nothing wrong with valid parts', () => {
    expect(validatePlaceCodeParts(parts)).toEqual([])
  })

  it('reports a too-long county code once, for its length', () => {
    expect(validatePlaceCodeParts({ ...parts, countyCode: '2101120' })).toEqual([
      { part: 'countyCode', message: 'county code "2101120" must be 6 digits, it has 7' },
    ])
  })
})

describe('codes taken from a 12-digit division code', () => {
  it('takes the county from digits 1–6 and the township from digits 7–9', () => {
    expect(extractCountyCode('210112004001')).toBe('210112')
    expect(extractTownshipCode('210112004001')).toBe('004')
  })

  it('refuses a division code that is not 12 digits', () => {
    expect(() => extractCountyCode('210112')).toThrow('division code "210112" must be 12 digits, it has 6')
    expect(() => extractTownshipCode('21011200400x')).toThrow(PlaceCodeError)
  })
})

describe('formatSequence', () => {
  it('pads to six digits', () => {
    expect(formatSequence(42)).toBe('000042')
    expect(formatSequence(999_999)).toBe('999999')
  })

  it('refuses what does not fit', () => {
    expect(() => formatSequence(1_000_000)).toThrow(RangeError)
    expect(() => formatSequence(-1)).toThrow(RangeError)
    expect(() => formatSequence(1.5)).toThrow(RangeError)
  })
})

describe('the GB/T 18521 top classes', () => {
  it('lists the twelve classes of the domain notes, natural features first', () => {
    expect(PLACE_CATEGORY_CLASSES.map((c) => c.nameZh)).toEqual([
      '海域',
      '水系',
      '陆地地形',
      '行政区域',
      '群众自治组织',
      '非行政区域',
      '居民点',
      '交通运输设施',
      '水利电力通信设施',
      '纪念地和旅游胜地',
      '建筑物',
      '单位',
    ])
    expect(PLACE_CATEGORY_CLASSES.filter((c) => c.kind === 'natural').map((c) => c.id)).toEqual([
      'sea-areas',
      'inland-waters',
      'landforms',
    ])
  })

  it('states no code that has not been checked against the standard', () => {
    expect(PLACE_CATEGORY_CLASSES.every((c) => c.code === null)).toBe(true)
  })

  it('recognises its own ids only', () => {
    expect(isPlaceCategoryClassId('settlements')).toBe(true)
    expect(isPlaceCategoryClassId('居民点')).toBe(false)
  })
})
