import { describe, expect, it } from 'vitest'
import type { DivisionCoverage } from '../../../client/api/coverage.ts'
import { bandDelta, deltaTrend, divisionDeltas, formatBandDelta, type DeltaLocale } from '../../../client/components/coverage-delta.ts'
import { catalogues, formatMessage, type Lang } from '../../../client/i18n/catalogues.ts'

function localeOf(lang: Lang): DeltaLocale {
  return { lang, t: (key, params) => formatMessage(catalogues[lang][key], params) }
}

function band(limitM: number, households: number) {
  return { limitM, households, population: 0, elderlyPopulation: 0, compounds: 0, householdShare: households / 45_857 }
}

function division(bands: ReturnType<typeof band>[]): DivisionCoverage {
  return {
    code: '210190000000',
    name: '演示区',
    level: 'district',
    parentCode: null,
    households: 45_857,
    population: 0,
    elderlyPopulation: 0,
    compounds: 66,
    bands,
    medianDistanceM: null,
    p90DistanceM: null,
    medianMinutes: null,
    p90Minutes: null,
    compoundsUnreachable: 0,
  }
}

describe('changes against the baseline', () => {
  it('read "+1,240 户（+2.7%）": households gained and the change as a share of all households', () => {
    const delta = bandDelta(band(1000, 36_262), band(1000, 37_502), 45_857)!
    expect(delta).toMatchObject({ households: 37_502, change: 1_240 })
    expect(formatBandDelta(delta, localeOf('zh-CN'))).toBe('+1,240 户（+2.7%）')
    expect(formatBandDelta(delta, localeOf('en'))).toBe('+1,240 (+2.7%)')
    expect(deltaTrend(delta)).toBe('up')
  })

  it('show losses with a minus sign, and no change as such', () => {
    const loss = bandDelta(band(1000, 36_262), band(1000, 35_000), 45_857)!
    expect(formatBandDelta(loss, localeOf('zh-CN'))).toBe('-1,262 户（-2.8%）')
    expect(deltaTrend(loss)).toBe('down')
    const none = bandDelta(band(1000, 100), band(1000, 100), 45_857)!
    expect(formatBandDelta(none, localeOf('zh-CN'))).toBe('无变化')
    expect(deltaTrend(none)).toBe('same')
  })

  it('leave out the share where the division has no households', () => {
    expect(formatBandDelta(bandDelta(band(300, 0), band(300, 5), 0)!, localeOf('zh-CN'))).toBe('+5 户')
  })

  it('compare band by band, and refuse bands of other limits', () => {
    const before = division([band(333, 8_737), band(667, 24_863), band(1000, 36_262)])
    const after = division([band(333, 9_284), band(667, 27_031), band(1000, 40_881)])
    expect(divisionDeltas(before, after).map((delta) => delta?.change)).toEqual([547, 2_168, 4_619])
    expect(bandDelta(band(500, 1), band(1000, 2), 10)).toBeNull()
    expect(bandDelta(undefined, band(1000, 2), 10)).toBeNull()
  })
})
