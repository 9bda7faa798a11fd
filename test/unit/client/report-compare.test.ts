import { describe, expect, it } from 'vitest'
import type { StandardsReport, UnitReport } from '../../../client/api/standards.ts'
import { compareReports, deltaText, hasChange, ruleChange } from '../../../client/components/report/report-compare.ts'
import { AREA_RULE, WALK_RULE, sampleReport } from './report-fixture.ts'

/** 丙 no longer fails the walk (it passes), 甲 now fails it; the district counts follow. */
function scenarioReport(): StandardsReport {
  const today = sampleReport()
  const passWalk = (unit: UnitReport): UnitReport => ({
    ...unit,
    status: unit.evaluations.some((e) => e.rule !== WALK_RULE.code && e.status === 'fail') ? 'fail' : 'pass',
    evaluations: unit.evaluations.map((e) => (e.rule === WALK_RULE.code ? { ...e, status: 'pass', message: null } : e)),
  })
  const failWalk = (unit: UnitReport): UnitReport => ({
    ...unit,
    status: 'fail',
    evaluations: unit.evaluations.map((e) => (e.rule === WALK_RULE.code ? { ...e, status: 'fail', message: '10 户在 15 分钟以外' } : e)),
  })
  return {
    ...today,
    scenario: { kind: 'home_care', changes: 2, networkChanges: 0 },
    communities: today.communities.map((unit) => (unit.name === '丙社区' ? passWalk(unit) : unit.name === '甲社区' ? failWalk(unit) : unit)),
    district: { ...today.district!, communities: { pass: 1, fail: 2, 'cannot-evaluate': 1 } },
  }
}

describe('comparing a scenario’s standards report with today’s', () => {
  const today = sampleReport()
  const scenario = scenarioReport()
  const comparison = compareReports(today, scenario)!

  it('finds the communities whose status changed, and the flags that disappeared or appeared', () => {
    const bing = comparison.units.get('210190002001')!
    expect(bing).toMatchObject({ before: 'fail', after: 'pass', statusChanged: true, resolved: [WALK_RULE.code], added: [] })
    const jia = comparison.units.get('210190001001')!
    expect(jia).toMatchObject({ before: 'pass', after: 'fail', statusChanged: true, resolved: [], added: [WALK_RULE.code] })
    const yi = comparison.units.get('210190001002')!
    expect(hasChange(yi)).toBe(false)
    expect(ruleChange(bing, WALK_RULE.code)).toBe('resolved')
    expect(ruleChange(jia, WALK_RULE.code)).toBe('added')
    expect(ruleChange(jia, AREA_RULE.code)).toBeNull()
  })

  it('keeps today’s community counts of the district and sub-districts', () => {
    expect(comparison.districtBefore).toEqual(today.district!.communities)
    expect(comparison.units.get('210190001000')!.countsBefore).toEqual(today.subdistricts[0]!.communities)
    expect(comparison.units.get('210190001001')!.countsBefore).toBeNull()
  })

  it('compares nothing across sets or versions, or without today’s report', () => {
    expect(compareReports(null, scenario)).toBeNull()
    expect(compareReports(today, { ...scenario, set: { ...scenario.set, version: 4 } })).toBeNull()
  })

  it('writes count changes with a real minus sign', () => {
    expect(deltaText(2, 5)).toBe('+3')
    expect(deltaText(5, 2)).toBe('−3')
    expect(deltaText(2, 2)).toBeNull()
  })
})
