import { describeWalk, walkLimitM, type StandardRule } from './standard-rules.ts'

/** Facilities of one kind counted for a unit; shares are fractional when a facility serves several communities. */
export interface KindTotals {
  count: number
  areaM2: number
  /** Facilities counted whose floor area is not recorded. */
  areaUnknown: number
  beds: number
  nursingBeds: number
}

/** Households within a walk of the nearest facility of a kind, from the coverage engine. */
export interface WalkTotals {
  /** Households in the unit's compounds. */
  households: number
  covered: number
}

/** What rules are measured on, for a community or a roll-up of communities. */
export interface UnitFacts {
  urbanRural: 'urban' | 'rural'
  households: number | null
  population: number | null
  elderly: number | null
  /** New or existing residential area; null when the compounds' built years do not tell. */
  residential: 'new' | 'existing' | null
  facilities: Record<string, KindTotals>
  walks: Record<string, WalkTotals>
}

export type EvaluationStatus = 'pass' | 'fail' | 'cannot-evaluate' | 'not-applicable'

/** One rule applied to one unit. A failing evaluation is a flag. */
export interface RuleEvaluation {
  rule: string
  status: EvaluationStatus
  measured: number | null
  required: number
  unit: string
  /** How much is missing, in the unit planners act on (m², beds, households, facilities). */
  shortfall: { value: number; unit: 'm²' | 'beds' | 'nursing-beds' | 'households' | 'facilities' } | null
  /** What the flag or the missing data says, in Chinese and English. */
  message: string | null
  messageEn: string | null
  severity: StandardRule['severity']
}

/** The key of a walk in `UnitFacts.walks`: the kind and the walking distance in metres. */
export function walkKey(kind: string, limitM: number): string {
  return `${kind}@${Math.round(limitM * 1000) / 1000}`
}

const emptyTotals = (): KindTotals => ({ count: 0, areaM2: 0, areaUnknown: 0, beds: 0, nursingBeds: 0 })

function sumKinds(facts: UnitFacts, kinds: readonly string[]): KindTotals {
  const total = emptyTotals()
  for (const kind of kinds) {
    const t = facts.facilities[kind]
    if (!t) continue
    total.count += t.count
    total.areaM2 += t.areaM2
    total.areaUnknown += t.areaUnknown
    total.beds += t.beds
    total.nursingBeds += t.nursingBeds
  }
  return total
}

const number = (v: number, digits = 0) => v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 })
const tolerance = 1e-9

/** The evaluation of a rule that does not concern a unit. */
export function notApplicable(rule: StandardRule): RuleEvaluation {
  return { rule: rule.code, status: 'not-applicable', measured: null, required: rule.threshold, unit: rule.unit, shortfall: null, message: null, messageEn: null, severity: rule.severity }
}

/** Whether the rule concerns this unit at all (urban or rural, new or existing area). */
export function ruleApplies(rule: StandardRule, facts: UnitFacts): boolean | 'unknown' {
  if (rule.appliesTo.area !== 'any' && rule.appliesTo.area !== facts.urbanRural) return false
  if (rule.appliesTo.residential === 'any') return true
  if (facts.residential === null) return 'unknown'
  return facts.residential === rule.appliesTo.residential
}

/**
 * Applies one rule to one unit. A unit without the data a rule needs (no
 * households, no elderly, floor areas missing, no beds to take a share of)
 * gets "cannot-evaluate" with the reason, never a pass.
 */
export function evaluateRule(rule: StandardRule, facts: UnitFacts): RuleEvaluation {
  const base = { rule: rule.code, required: rule.threshold, unit: rule.unit, severity: rule.severity }
  const result = (status: EvaluationStatus, measured: number | null, extra: Partial<RuleEvaluation> = {}): RuleEvaluation => ({
    ...base,
    status,
    measured,
    shortfall: null,
    message: null,
    messageEn: null,
    ...extra,
  })
  const cannot = (zh: string, en: string) => result('cannot-evaluate', null, { message: zh, messageEn: en })

  const applies = ruleApplies(rule, facts)
  if (applies === false) return notApplicable(rule)
  if (applies === 'unknown') return cannot('小区建成年份不足以判断新建或已建住宅区', 'built years of the compounds do not tell whether this is a new or an existing residential area')

  const kinds = sumKinds(facts, rule.kinds)
  const passes = (measured: number) => (rule.comparator === '>=' ? measured >= rule.threshold - tolerance : measured <= rule.threshold + tolerance)
  const households = facts.households ?? 0
  const areaMissing = () => cannot(`${kinds.areaUnknown} 处设施缺少建筑面积`, `floor area missing for ${kinds.areaUnknown} ${kinds.areaUnknown === 1 ? 'facility' : 'facilities'}`)
  const noHouseholds = () => cannot('未登记户数', 'no households recorded')

  switch (rule.indicator) {
    case 'facility_area_per_100_households': {
      if (!(households > 0)) return noHouseholds()
      if (kinds.areaUnknown > 0) return areaMissing()
      const measured = (kinds.areaM2 / households) * 100
      if (passes(measured)) return result('pass', measured)
      const needed = (rule.threshold * households) / 100 - kinds.areaM2
      return result('fail', measured, {
        shortfall: { value: needed, unit: 'm²' },
        message: `还需 ${number(needed)} m²`,
        messageEn: `needs ${number(needed)} m² more`,
      })
    }
    case 'facility_area_total': {
      if (kinds.areaUnknown > 0) return areaMissing()
      const measured = kinds.areaM2
      if (passes(measured)) return result('pass', measured)
      const needed = rule.threshold - measured
      return result('fail', measured, { shortfall: { value: needed, unit: 'm²' }, message: `还需 ${number(needed)} m²`, messageEn: `needs ${number(needed)} m² more` })
    }
    case 'beds_per_1000_elderly': {
      if (!((facts.elderly ?? 0) > 0)) return cannot('未登记老年人口', 'no elderly population recorded')
      const elderly = facts.elderly!
      const measured = (kinds.beds / elderly) * 1000
      if (passes(measured)) return result('pass', measured)
      const needed = Math.ceil((rule.threshold * elderly) / 1000 - kinds.beds - tolerance)
      return result('fail', measured, { shortfall: { value: needed, unit: 'beds' }, message: `还需 ${number(needed)} 张床位`, messageEn: `needs ${number(needed)} more beds` })
    }
    case 'nursing_bed_share': {
      if (kinds.beds === 0) return cannot('所计设施没有床位', 'the facilities counted have no beds')
      const measured = (kinds.nursingBeds / kinds.beds) * 100
      if (passes(measured)) return result('pass', measured)
      const needed = Math.ceil((rule.threshold / 100) * kinds.beds - kinds.nursingBeds - tolerance)
      return result('fail', measured, {
        shortfall: { value: needed, unit: 'nursing-beds' },
        message: `还需 ${number(needed)} 张护理型床位`,
        messageEn: `needs ${number(needed)} more nursing beds`,
      })
    }
    case 'households_within_walk_share': {
      if (!rule.walk || rule.kinds.length !== 1) return cannot('规则缺少步行范围或设施类型', 'the rule names no walk or not exactly one facility kind')
      const walk = facts.walks[walkKey(rule.kinds[0]!, walkLimitM(rule.walk))]
      if (!walk || walk.households === 0) return cannot('没有登记户数的小区', 'no compounds with households')
      const measured = (walk.covered / walk.households) * 100
      if (passes(measured)) return result('pass', measured)
      const beyond = Math.ceil((rule.threshold / 100) * walk.households - walk.covered - tolerance)
      const label = describeWalk(rule.walk)
      return result('fail', measured, {
        shortfall: { value: beyond, unit: 'households' },
        message: `${number(beyond)} 户在 ${label.zh}以外`,
        messageEn: `${number(beyond)} households beyond ${label.en}`,
      })
    }
    case 'households_per_facility':
    case 'residents_per_facility': {
      const people = rule.indicator === 'households_per_facility' ? households : (facts.population ?? 0)
      if (!(people > 0)) return rule.indicator === 'households_per_facility' ? noHouseholds() : cannot('未登记人口', 'no population recorded')
      const measured = kinds.count > 0 ? people / kinds.count : null
      if (measured !== null && passes(measured)) return result('pass', measured)
      const needed = Math.ceil(people / rule.threshold - tolerance) - Math.floor(kinds.count + tolerance)
      return result('fail', measured, {
        shortfall: { value: Math.max(1, needed), unit: 'facilities' },
        message: `还需 ${number(Math.max(1, needed))} 处设施`,
        messageEn: `needs ${number(Math.max(1, needed))} more ${Math.max(1, needed) === 1 ? 'facility' : 'facilities'}`,
      })
    }
  }
}
