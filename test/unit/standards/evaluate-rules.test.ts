import { describe, expect, it } from 'vitest'
import { evaluateRule, walkKey, type UnitFacts } from '../../../server/standards/evaluate-rules.ts'
import { findRuleProblem, type StandardRule } from '../../../server/standards/standard-rules.ts'
import { facilityShares } from '../../../server/standards/report-service.ts'

const rule = (over: Partial<StandardRule>): StandardRule => ({
  code: 'r',
  label: 'rule',
  labelEn: 'rule',
  indicator: 'facility_area_per_100_households',
  comparator: '>=',
  threshold: 40,
  unit: 'm²/百户',
  appliesTo: { area: 'any', residential: 'any' },
  kinds: ['community_service'],
  severity: 'high',
  source: 'test',
  ...over,
})

const community = (over: Partial<UnitFacts> = {}): UnitFacts => ({
  urbanRural: 'urban',
  households: 3000,
  population: 8000,
  elderly: 1500,
  residential: 'existing',
  facilities: { community_service: { count: 1, areaM2: 685, areaUnknown: 0, beds: 0, nursingBeds: 0 } },
  walks: {},
  ...over,
})

describe('the planning figures: a city community of 3,000 households with 685 m²', () => {
  it('has 22.8 m² per 100 households and fails the 40 rule by 515 m²', () => {
    const e = evaluateRule(rule({ threshold: 40 }), community())
    expect(e.status).toBe('fail')
    expect(e.measured).toBeCloseTo(22.83, 2)
    expect(e.shortfall).toEqual({ value: 515, unit: 'm²' })
    expect(e.message).toBe('还需 515 m²')
    expect(e.messageEn).toBe('needs 515 m² more')
  })

  it('passes the 20 rule and the 600 m² total rule', () => {
    expect(evaluateRule(rule({ threshold: 20 }), community()).status).toBe('pass')
    const total = evaluateRule(rule({ indicator: 'facility_area_total', threshold: 600, unit: 'm²' }), community())
    expect(total).toMatchObject({ status: 'pass', measured: 685, shortfall: null })
  })
})

describe('evaluateRule', () => {
  it('says what it cannot evaluate, and never passes it', () => {
    expect(evaluateRule(rule({}), community({ households: null }))).toMatchObject({ status: 'cannot-evaluate', messageEn: 'no households recorded' })
    expect(evaluateRule(rule({}), community({ households: 0 })).status).toBe('cannot-evaluate')
    const missingArea = community({ facilities: { community_service: { count: 2, areaM2: 300, areaUnknown: 1, beds: 0, nursingBeds: 0 } } })
    expect(evaluateRule(rule({}), missingArea)).toMatchObject({ status: 'cannot-evaluate', messageEn: 'floor area missing for 1 facility' })
    const beds = rule({ indicator: 'beds_per_1000_elderly', kinds: ['elderly_institution'] })
    expect(evaluateRule(beds, community({ elderly: null })).messageEn).toBe('no elderly population recorded')
    const nursing = rule({ indicator: 'nursing_bed_share', kinds: ['elderly_institution'], threshold: 55 })
    expect(evaluateRule(nursing, community()).messageEn).toBe('the facilities counted have no beds')
    const newOnly = rule({ appliesTo: { area: 'any', residential: 'new' } })
    expect(evaluateRule(newOnly, community({ residential: null })).status).toBe('cannot-evaluate')
  })

  it('leaves out units a rule does not concern', () => {
    expect(evaluateRule(rule({ appliesTo: { area: 'rural', residential: 'any' } }), community()).status).toBe('not-applicable')
    expect(evaluateRule(rule({ appliesTo: { area: 'any', residential: 'new' } }), community()).status).toBe('not-applicable')
  })

  it('counts beds, nursing beds, households beyond a walk and missing facilities in their own units', () => {
    const facts = community({
      elderly: 2000,
      facilities: { elderly_institution: { count: 1, areaM2: 900, areaUnknown: 0, beds: 50, nursingBeds: 20 }, day_care: { count: 1, areaM2: 300, areaUnknown: 0, beds: 0, nursingBeds: 0 } },
      walks: { [walkKey('home_care', 1000)]: { households: 2800, covered: 2100 } },
    })
    const beds = evaluateRule(rule({ indicator: 'beds_per_1000_elderly', kinds: ['elderly_institution'], threshold: 40 }), facts)
    expect(beds).toMatchObject({ status: 'fail', measured: 25, shortfall: { value: 30, unit: 'beds' } })
    const nursing = evaluateRule(rule({ indicator: 'nursing_bed_share', kinds: ['elderly_institution'], threshold: 55 }), facts)
    expect(nursing).toMatchObject({ status: 'fail', measured: 40, shortfall: { value: 8, unit: 'nursing-beds' } })
    const walk = evaluateRule(rule({ indicator: 'households_within_walk_share', kinds: ['home_care'], threshold: 90, walk: { minutes: 15, speedKmh: 4 } }), facts)
    expect(walk).toMatchObject({ status: 'fail', measured: 75, shortfall: { value: 420, unit: 'households' }, messageEn: '420 households beyond 15 minutes' })
    const perCentre = evaluateRule(rule({ indicator: 'households_per_facility', kinds: ['day_care'], comparator: '<=', threshold: 1000 }), facts)
    expect(perCentre).toMatchObject({ status: 'fail', measured: 3000, shortfall: { value: 2, unit: 'facilities' } })
    const none = evaluateRule(rule({ indicator: 'households_per_facility', kinds: ['home_care'], comparator: '<=', threshold: 3000 }), facts)
    expect(none).toMatchObject({ status: 'fail', measured: null, shortfall: { value: 1, unit: 'facilities' } })
  })
})

describe('facilityShares', () => {
  const households: Record<string, number> = { a: 3000, b: 1000, c: 0 }
  it('counts a facility for its own community, or splits it among the communities it serves by households', () => {
    const base = { id: 1, name: 'x', kind: 'community_service', floorAreaM2: 800, beds: 0, nursingBeds: 0 }
    expect(facilityShares({ ...base, communityCode: 'a', serves: [] }, (c) => households[c]!)).toEqual([['a', 1]])
    expect(facilityShares({ ...base, communityCode: 'a', serves: ['a', 'b'] }, (c) => households[c]!)).toEqual([['a', 0.75], ['b', 0.25]])
    expect(facilityShares({ ...base, communityCode: 'c', serves: ['c', 'c2'] }, () => 0)).toEqual([['c', 0.5], ['c2', 0.5]])
  })
})

describe('findRuleProblem', () => {
  const kinds = new Set(['community_service', 'home_care'])
  it('names the rule and field that is wrong', () => {
    expect(findRuleProblem([rule({}), rule({})], kinds)).toBe('rules[1].code: "r" is used by an earlier rule')
    expect(findRuleProblem([rule({ kinds: ['gym'] })], kinds)).toBe('rules[0].kinds: unknown facility kind "gym"')
    expect(findRuleProblem([rule({ indicator: 'households_within_walk_share', kinds: ['home_care'], threshold: 90 })], kinds)).toMatch(/^rules\[0\]\.walk: /)
    expect(findRuleProblem([rule({ walk: { metres: 500 } })], kinds)).toMatch(/^rules\[0\]\.walk: only/)
    expect(findRuleProblem([rule({})], kinds)).toBeNull()
  })
})
