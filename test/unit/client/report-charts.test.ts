import { describe, expect, it } from 'vitest'
import { linearScale, niceCeiling, niceTicks } from '../../../client/components/report/chart-scale.ts'
import { areaBars, areaRules, coverageBars, walkLimitM, walkRules } from '../../../client/components/report/report-charts.ts'
import { AREA_RULE, WALK_RULE, sampleReport } from './report-fixture.ts'

describe('chart scales', () => {
  it('round an axis end up to 1, 2, 2.5 or 5 times a power of ten', () => {
    expect([0.7, 1, 3, 24, 25.1, 51, 99, 5636, -4, Number.NaN].map(niceCeiling)).toEqual([1, 1, 5, 25, 50, 100, 100, 10_000, 1, 1])
  })

  it('tick from 0 in round steps to the first tick at or above the largest value', () => {
    expect(niceTicks(51)).toEqual([0, 20, 40, 60])
    expect(niceTicks(40)).toEqual([0, 10, 20, 30, 40])
    expect(niceTicks(5636)).toEqual([0, 2000, 4000, 6000])
    expect(niceTicks(0.3)).toEqual([0, 0.1, 0.2, 0.3])
    expect(niceTicks(0)).toEqual([0, 0.25, 0.5, 0.75, 1])
  })

  it('map values onto pixels, clamped to the chart', () => {
    const x = linearScale(60, 300)
    expect([0, 30, 60, 90, -5].map(x)).toEqual([0, 150, 300, 300, 0])
    expect(linearScale(0, 100)(5)).toBe(100)
  })
})

describe('chart data of a standards report', () => {
  const report = sampleReport()

  it('picks the floor-area and walk rules of the set', () => {
    expect(areaRules(report.rules)).toEqual([AREA_RULE])
    expect(walkRules(report.rules)).toEqual([WALK_RULE])
    expect(walkLimitM({ minutes: 15, speedKmh: 4 })).toBeCloseTo(1000, 9)
    expect(walkLimitM({ metres: 500 })).toBe(500)
  })

  it('draws a floor-area bar for each community the rule applies to', () => {
    expect(areaBars(report, AREA_RULE).map((bar) => [bar.name, bar.status, bar.measured])).toEqual([
      ['甲社区', 'pass', 45],
      ['乙社区', 'fail', 12.5],
      ['丙社区', 'pass', 41],
    ])
  })

  it('draws households within the walk against the households the threshold requires', () => {
    expect(coverageBars(report, WALK_RULE).map((bar) => [bar.name, bar.status, bar.covered, bar.households, bar.required])).toEqual([
      ['甲社区', 'pass', 950, 1000, 900],
      ['乙社区', 'pass', 3000, 3000, 2700],
      ['丙社区', 'fail', 1000, 2000, 1800],
      ['丁社区', 'cannot-evaluate', 0, 500, 450],
    ])
  })

  it('leaves out a walk the communities were not measured for', () => {
    expect(coverageBars(report, { ...WALK_RULE, walk: { minutes: 5, speedKmh: 4 } })).toEqual([])
  })
})
