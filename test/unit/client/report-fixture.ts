import type { RuleEvaluation, StandardRule, StandardsReport, UnitReport } from '../../../client/api/standards.ts'

/** Two rules: floor area per 100 households, and households within 15 minutes of a home-care station. */
export const AREA_RULE: StandardRule = {
  code: 'cs-area-per-100',
  label: '城市社区综合服务设施每百户面积',
  labelEn: 'Community service floor area per 100 households',
  indicator: 'facility_area_per_100_households',
  comparator: '>=',
  threshold: 40,
  unit: 'm²/百户',
  appliesTo: { area: 'urban', residential: 'any' },
  kinds: ['community_service'],
  severity: 'high',
  source: '沈阳市“十四五”民政事业发展规划',
}

export const WALK_RULE: StandardRule = {
  code: 'care-walk-15',
  label: '15 分钟居家养老服务圈',
  labelEn: '15-minute home-care circle',
  indicator: 'households_within_walk_share',
  comparator: '>=',
  threshold: 90,
  unit: '%',
  appliesTo: { area: 'any', residential: 'any' },
  kinds: ['home_care'],
  walk: { minutes: 15, speedKmh: 4 },
  severity: 'medium',
  source: '同上',
}

function evaluation(rule: StandardRule, status: RuleEvaluation['status'], measured: number | null, message: string | null = null): RuleEvaluation {
  return { rule: rule.code, status, measured, required: rule.threshold, unit: rule.unit, shortfall: null, message, messageEn: message && `en: ${message}`, severity: rule.severity }
}

function unit(
  code: string,
  name: string,
  households: number,
  area: RuleEvaluation,
  walk: RuleEvaluation,
  covered: number,
  level: UnitReport['level'] = 'community',
): UnitReport {
  const evaluations = [area, walk]
  const status = evaluations.some((e) => e.status === 'fail') ? 'fail' : evaluations.some((e) => e.status === 'cannot-evaluate') ? 'cannot-evaluate' : 'pass'
  return {
    code,
    name,
    level,
    parentCode: level === 'community' ? `${code.slice(0, 9)}000` : null,
    urbanRural: 'urban',
    residential: 'existing',
    households,
    population: households * 2.5,
    elderly: households / 2,
    indicators: {
      facilitiesByKind: {},
      areaM2ByKind: {},
      areaPer100ByKind: {},
      totalAreaM2: 0,
      areaUnknown: 0,
      beds: 0,
      nursingBeds: 0,
      bedsPer1000Elderly: null,
      nursingBedShare: null,
      residentsPerServiceCentre: null,
      walks: [{ kind: 'home_care', limitM: 1000.0000000000001, households, covered, share: households > 0 ? (covered / households) * 100 : null }],
    },
    evaluations,
    status,
    communities: { pass: status === 'pass' ? 1 : 0, fail: status === 'fail' ? 1 : 0, 'cannot-evaluate': status === 'cannot-evaluate' ? 1 : 0 },
  }
}

/**
 * Four communities in two sub-districts: 甲 passes both rules, 乙 fails the
 * floor area, 丙 fails the walk, 丁 cannot be measured for floor area and
 * is rural, so the area rule does not apply to it.
 */
export function sampleReport(): StandardsReport {
  const communities = [
    unit('210190001001', '甲社区', 1000, evaluation(AREA_RULE, 'pass', 45), evaluation(WALK_RULE, 'pass', 95), 950),
    unit('210190001002', '乙社区', 3000, evaluation(AREA_RULE, 'fail', 12.5, '还需 825 m²'), evaluation(WALK_RULE, 'pass', 100), 3000),
    unit('210190002001', '丙社区', 2000, evaluation(AREA_RULE, 'pass', 41), evaluation(WALK_RULE, 'fail', 50, '800 户在 15 分钟以外'), 1000),
    unit('210190002002', '丁社区', 500, evaluation(AREA_RULE, 'not-applicable', null), evaluation(WALK_RULE, 'cannot-evaluate', null, '没有登记户数的小区'), 0),
  ]
  const subdistricts = [
    { ...unit('210190001000', '东街道', 4000, evaluation(AREA_RULE, 'fail', 20), evaluation(WALK_RULE, 'pass', 99), 3950, 'subdistrict') },
    { ...unit('210190002000', '西街道', 2500, evaluation(AREA_RULE, 'pass', 41), evaluation(WALK_RULE, 'fail', 40), 1000, 'subdistrict') },
  ]
  return {
    set: { id: 1, name: '沈阳 2025', version: 3, newResidentialFromYear: 2021 },
    rules: [AREA_RULE, WALK_RULE],
    networkVersion: 2,
    dataVersion: 5,
    sources: [{ layer: 'facilities', datasetId: 1, name: '养老设施台账', series: '养老设施台账', version: 2, synthetic: false }],
    maxSnapM: 300,
    scenario: null,
    generatedAt: '2026-01-01T00:00:00.000Z',
    communities,
    subdistricts,
    district: unit('210190000000', '演示区', 6500, evaluation(AREA_RULE, 'fail', 30), evaluation(WALK_RULE, 'fail', 76), 4950, 'district'),
  }
}
