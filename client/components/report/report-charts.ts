import type { EvaluationStatus, StandardRule, StandardsReport } from '../../api/standards.ts'

/** One community's bar in the floor-area chart of a rule. */
export interface AreaBar {
  code: string
  name: string
  status: EvaluationStatus
  /** Floor area per 100 households of the rule's kinds; `null` when it cannot be evaluated. */
  measured: number | null
  /** Why the rule cannot be evaluated here, in Chinese and English. */
  reason: { zh: string | null; en: string | null } | null
}

/** One community's bar in the walk chart of a rule: households, those within the walk, and those required. */
export interface CoverageBar {
  code: string
  name: string
  status: EvaluationStatus
  households: number
  covered: number
  /** Households the rule requires within the walk (its threshold share of `households`). */
  required: number
}

/** The rules of a set drawn as floor-area charts. */
export function areaRules(rules: readonly StandardRule[]): StandardRule[] {
  return rules.filter((rule) => rule.indicator === 'facility_area_per_100_households')
}

/** The rules of a set drawn as walk charts. */
export function walkRules(rules: readonly StandardRule[]): StandardRule[] {
  return rules.filter((rule) => rule.indicator === 'households_within_walk_share' && rule.walk !== undefined)
}

/** The walking distance of a rule's walk, in metres. */
export function walkLimitM(walk: NonNullable<StandardRule['walk']>): number {
  return 'metres' in walk ? walk.metres : (walk.minutes * walk.speedKmh * 1000) / 60
}

/** The communities a floor-area rule concerns, with what each measures; those it does not apply to are left out. */
export function areaBars(report: StandardsReport, rule: StandardRule): AreaBar[] {
  return report.communities.flatMap((unit) => {
    const evaluation = unit.evaluations.find((entry) => entry.rule === rule.code)
    if (!evaluation || evaluation.status === 'not-applicable') return []
    const cannot = evaluation.status === 'cannot-evaluate'
    return [
      {
        code: unit.code,
        name: unit.name,
        status: evaluation.status,
        measured: cannot ? null : evaluation.measured,
        reason: cannot ? { zh: evaluation.message, en: evaluation.messageEn } : null,
      },
    ]
  })
}

/**
 * The communities a walk rule concerns: their households, those within the
 * rule's walk of a facility of its kind, and those the threshold requires.
 * Communities the rule does not apply to, or without the walk in their
 * indicators, are left out.
 */
export function coverageBars(report: StandardsReport, rule: StandardRule): CoverageBar[] {
  const kind = rule.kinds[0]
  if (!rule.walk || kind === undefined) return []
  const limitM = walkLimitM(rule.walk)
  return report.communities.flatMap((unit) => {
    const evaluation = unit.evaluations.find((entry) => entry.rule === rule.code)
    if (!evaluation || evaluation.status === 'not-applicable') return []
    const walk = unit.indicators.walks.find((entry) => entry.kind === kind && Math.abs(entry.limitM - limitM) < 1e-3)
    if (!walk) return []
    return [
      {
        code: unit.code,
        name: unit.name,
        status: evaluation.status,
        households: walk.households,
        covered: walk.covered,
        required: (rule.threshold / 100) * walk.households,
      },
    ]
  })
}
