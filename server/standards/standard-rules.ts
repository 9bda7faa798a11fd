/** What a rule measures in a community. */
export type Indicator =
  | 'facility_area_per_100_households'
  | 'facility_area_total'
  | 'beds_per_1000_elderly'
  | 'nursing_bed_share'
  | 'households_within_walk_share'
  | 'households_per_facility'
  | 'residents_per_facility'

export const indicators: readonly Indicator[] = [
  'facility_area_per_100_households',
  'facility_area_total',
  'beds_per_1000_elderly',
  'nursing_bed_share',
  'households_within_walk_share',
  'households_per_facility',
  'residents_per_facility',
]

/** A walk for coverage rules: minutes at a speed, or a distance. */
export type WalkSpec = { minutes: number; speedKmh: number } | { metres: number }

/** One rule of a standard set, as stored (JSON) and sent. */
export interface StandardRule {
  code: string
  label: string
  labelEn: string
  indicator: Indicator
  comparator: '>=' | '<='
  threshold: number
  unit: string
  appliesTo: { area: 'any' | 'urban' | 'rural'; residential: 'any' | 'new' | 'existing' }
  /** Facility kinds the rule counts. */
  kinds: string[]
  walk?: WalkSpec
  severity: 'high' | 'medium' | 'low'
  source: string
}

/** A standard set at one version. */
export interface StandardSet {
  id: number
  name: string
  description: string
  presetKey: string | null
  /** Compounds built in or after this year make a residential area "new". */
  newResidentialFromYear: number
  rules: StandardRule[]
  version: number
  isDefault: boolean
  createdAt: string
  updatedAt: string
}

/** The walk of a coverage rule in metres. */
export function walkLimitM(walk: WalkSpec): number {
  return 'metres' in walk ? walk.metres : (walk.minutes * walk.speedKmh * 1000) / 60
}

/** How a walk reads: "15 分钟" / "15 minutes", or "1,000 米" / "1,000 m". */
export function describeWalk(walk: WalkSpec): { zh: string; en: string } {
  if ('metres' in walk) return { zh: `${walk.metres.toLocaleString('en-US')} 米`, en: `${walk.metres.toLocaleString('en-US')} m` }
  return { zh: `${walk.minutes} 分钟`, en: `${walk.minutes} minutes` }
}

/**
 * What the schema cannot say about a set's rules: codes unique, kinds known,
 * a walk (and exactly one kind) for walk rules and none for the others. The
 * message names the rule by its position, e.g. `rules[2].walk: …`.
 */
export function findRuleProblem(rules: readonly StandardRule[], knownKinds: ReadonlySet<string>): string | null {
  const seen = new Set<string>()
  for (const [i, rule] of rules.entries()) {
    const at = `rules[${i}]`
    if (seen.has(rule.code)) return `${at}.code: "${rule.code}" is used by an earlier rule`
    seen.add(rule.code)
    const unknown = rule.kinds.find((k) => !knownKinds.has(k))
    if (unknown !== undefined) return `${at}.kinds: unknown facility kind "${unknown}"`
    const isWalk = rule.indicator === 'households_within_walk_share'
    if (isWalk && !rule.walk) return `${at}.walk: a ${rule.indicator} rule needs a walk (minutes and speedKmh, or metres)`
    if (isWalk && rule.kinds.length !== 1) return `${at}.kinds: a ${rule.indicator} rule counts exactly one facility kind`
    if (!isWalk && rule.walk) return `${at}.walk: only households_within_walk_share rules take a walk`
    if ((rule.indicator === 'nursing_bed_share' || isWalk) && rule.threshold > 100) return `${at}.threshold: a share is at most 100 %`
  }
  return null
}
