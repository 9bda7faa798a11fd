import { readDataSources, type DataSource } from '../datasets/datasets-repository.ts'
import type pg from 'pg'
import type { BaselineCache } from '../coverage/coverage-baseline.ts'
import { computeCoverage } from '../coverage/coverage-service.ts'
import type { FacilityChange } from '../coverage/facility-changes.ts'
import type { NetworkChange } from '../coverage/network-changes.ts'
import { evaluateRule, notApplicable, ruleApplies, walkKey, type KindTotals, type RuleEvaluation, type UnitFacts, type WalkTotals } from './evaluate-rules.ts'
import { readDataVersion, readNetworkVersion } from '../coverage/coverage-repository.ts'
import { walkLimitM, type StandardRule, type StandardSet } from './standard-rules.ts'
import { readDivisionFigures, readFacilityFigures, type DivisionFigures, type FacilityFigures } from './standards-repository.ts'

export type UnitStatus = 'pass' | 'fail' | 'cannot-evaluate'

/** Households within one walk of the nearest facility of a kind. */
export interface WalkIndicator {
  kind: string
  limitM: number
  households: number
  covered: number
  /** Percent of households covered; null without households. */
  share: number | null
}

/** The indicators of a unit, whatever rules the set has. */
export interface UnitIndicators {
  facilitiesByKind: Record<string, number>
  areaM2ByKind: Record<string, number>
  /** Floor area per 100 households by kind; null without households. */
  areaPer100ByKind: Record<string, number | null>
  totalAreaM2: number
  /** Facilities of the unit whose floor area is not recorded. */
  areaUnknown: number
  beds: number
  nursingBeds: number
  bedsPer1000Elderly: number | null
  /** Percent of beds that are nursing beds; null without beds. */
  nursingBedShare: number | null
  /** Residents per community service centre; null without one. */
  residentsPerServiceCentre: number | null
  walks: WalkIndicator[]
}

export interface UnitReport {
  code: string
  name: string
  level: 'district' | 'subdistrict' | 'community'
  parentCode: string | null
  urbanRural: 'urban' | 'rural'
  residential: 'new' | 'existing' | null
  households: number | null
  population: number | null
  elderly: number | null
  indicators: UnitIndicators
  /** One per rule; for sub-districts and the district, the rule applied to the sum of the communities it concerns. */
  evaluations: RuleEvaluation[]
  /** fail when any rule fails, cannot-evaluate when none fails but some cannot be judged, pass otherwise. */
  status: UnitStatus
  /** Communities in the unit by status (1 for a community itself). */
  communities: Record<UnitStatus, number>
}

export interface StandardsReport {
  set: { id: number; name: string; version: number; newResidentialFromYear: number }
  rules: StandardRule[]
  networkVersion: number
  dataVersion: number
  /** The dataset version of each layer the report was computed from. */
  sources: DataSource[]
  maxSnapM: number
  scenario: { kind: string; changes: number; networkChanges: number } | null
  communities: UnitReport[]
  subdistricts: UnitReport[]
  district: UnitReport | null
}

const kindTotals = (): KindTotals => ({ count: 0, areaM2: 0, areaUnknown: 0, beds: 0, nursingBeds: 0 })

/**
 * Which communities a facility counts for, with their shares: the one it
 * stands in, or, when the facility names the communities it serves, those,
 * in proportion to their households (equal shares when none has any).
 */
export function facilityShares(facility: FacilityFigures, householdsOf: (code: string) => number): [string, number][] {
  const served = facility.serves.length > 0 ? facility.serves : facility.communityCode ? [facility.communityCode] : []
  if (served.length <= 1) return served.map((code) => [code, 1])
  const total = served.reduce((sum, code) => sum + householdsOf(code), 0)
  return served.map((code) => [code, total > 0 ? householdsOf(code) / total : 1 / served.length])
}

/** A community is new (or existing) when more than half of its compounds' households live in compounds built from (or before) the set's year. */
function residentialArea(d: DivisionFigures): 'new' | 'existing' | null {
  const total = d.newHouseholds + d.existingHouseholds + d.unknownYearHouseholds
  if (total === 0) return null
  if (d.newHouseholds * 2 > total) return 'new'
  if (d.existingHouseholds * 2 >= total) return 'existing'
  return null
}

function statusOf(evaluations: readonly RuleEvaluation[]): UnitStatus {
  if (evaluations.some((e) => e.status === 'fail')) return 'fail'
  if (evaluations.some((e) => e.status === 'cannot-evaluate')) return 'cannot-evaluate'
  return 'pass'
}

function indicatorsOf(facts: UnitFacts, walks: readonly { kind: string; limitM: number }[]): UnitIndicators {
  const households = facts.households ?? 0
  const facilitiesByKind: Record<string, number> = {}
  const areaM2ByKind: Record<string, number> = {}
  const areaPer100ByKind: Record<string, number | null> = {}
  let totalAreaM2 = 0
  let areaUnknown = 0
  let beds = 0
  let nursingBeds = 0
  for (const [kind, t] of Object.entries(facts.facilities)) {
    facilitiesByKind[kind] = t.count
    areaM2ByKind[kind] = t.areaM2
    areaPer100ByKind[kind] = households > 0 ? (t.areaM2 / households) * 100 : null
    totalAreaM2 += t.areaM2
    areaUnknown += t.areaUnknown
    beds += t.beds
    nursingBeds += t.nursingBeds
  }
  const centres = facts.facilities['community_service']?.count ?? 0
  return {
    facilitiesByKind,
    areaM2ByKind,
    areaPer100ByKind,
    totalAreaM2,
    areaUnknown,
    beds,
    nursingBeds,
    bedsPer1000Elderly: (facts.elderly ?? 0) > 0 ? (beds / facts.elderly!) * 1000 : null,
    nursingBedShare: beds > 0 ? (nursingBeds / beds) * 100 : null,
    residentsPerServiceCentre: centres > 0 && facts.population !== null ? facts.population / centres : null,
    walks: walks.map(({ kind, limitM }) => {
      const w = facts.walks[walkKey(kind, limitM)] ?? { households: 0, covered: 0 }
      return { kind, limitM, households: w.households, covered: w.covered, share: w.households > 0 ? (w.covered / w.households) * 100 : null }
    }),
  }
}

function sumFacts(units: readonly UnitFacts[], urbanRural: 'urban' | 'rural'): UnitFacts {
  const sumOrNull = (pick: (u: UnitFacts) => number | null) => (units.every((u) => pick(u) === null) ? null : units.reduce((s, u) => s + (pick(u) ?? 0), 0))
  const facilities: Record<string, KindTotals> = {}
  const walks: Record<string, WalkTotals> = {}
  for (const u of units) {
    for (const [kind, t] of Object.entries(u.facilities)) {
      const f = (facilities[kind] ??= kindTotals())
      f.count += t.count
      f.areaM2 += t.areaM2
      f.areaUnknown += t.areaUnknown
      f.beds += t.beds
      f.nursingBeds += t.nursingBeds
    }
    for (const [key, w] of Object.entries(u.walks)) {
      const s = (walks[key] ??= { households: 0, covered: 0 })
      s.households += w.households
      s.covered += w.covered
    }
  }
  return {
    urbanRural,
    households: sumOrNull((u) => u.households),
    population: sumOrNull((u) => u.population),
    elderly: sumOrNull((u) => u.elderly),
    residential: null,
    facilities,
    walks,
  }
}

/**
 * Every community measured against a standard set, and the sums of its
 * sub-districts and the district. Households, population and elderly are
 * the community's recorded figures, or its compounds' sums where none are
 * recorded. Walk rules take their counts from the coverage engine (travel
 * times at the gates). Optional what-if changes apply to one kind.
 */
export async function buildStandardsReport(
  pool: pg.Pool,
  baselines: BaselineCache,
  set: Pick<StandardSet, 'id' | 'name' | 'version' | 'newResidentialFromYear' | 'rules'>,
  options: { maxSnapM: number; whatIf?: { kind: string; changes: FacilityChange[]; networkChanges?: NetworkChange[] } },
): Promise<StandardsReport> {
  const divisions = await readDivisionFigures(pool, set.newResidentialFromYear)
  const facilities = await readFacilityFigures(pool)
  const communities = divisions.filter((d) => d.level === 'community')
  const resolved = new Map(
    communities.map((d) => [
      d.code,
      {
        households: d.households ?? (d.compoundHouseholds > 0 ? d.compoundHouseholds : null),
        population: d.population ?? d.compoundPopulation,
        elderly: d.elderly ?? d.compoundElderly,
      },
    ]),
  )

  const facts = new Map<string, UnitFacts>()
  for (const d of communities) {
    const r = resolved.get(d.code)!
    facts.set(d.code, { urbanRural: d.urbanRural, households: r.households, population: r.population, elderly: r.elderly, residential: residentialArea(d), facilities: {}, walks: {} })
  }
  for (const f of facilities) {
    for (const [code, share] of facilityShares(f, (c) => resolved.get(c)?.households ?? 0)) {
      const unit = facts.get(code)
      if (!unit) continue
      const t = (unit.facilities[f.kind] ??= kindTotals())
      t.count += share
      if (f.floorAreaM2 === null) t.areaUnknown += 1
      else t.areaM2 += f.floorAreaM2 * share
      t.beds += f.beds * share
      t.nursingBeds += f.nursingBeds * share
    }
  }

  const walks = [
    ...new Map(
      set.rules.filter((r) => r.walk && r.kinds.length === 1).map((r) => {
        const limitM = walkLimitM(r.walk!)
        return [walkKey(r.kinds[0]!, limitM), { kind: r.kinds[0]!, limitM }] as const
      }),
    ).values(),
  ]
  const networkVersion = await readNetworkVersion(pool)
  const dataVersion = await readDataVersion(pool)
  const sources = await readDataSources(pool)
  for (const walk of walks) {
    const baseline = await baselines.get(walk.kind, options.maxSnapM)
    const changes = options.whatIf?.kind === walk.kind ? options.whatIf.changes : []
    // Network edits concern every kind's walks.
    const networkChanges = options.whatIf?.networkChanges ?? []
    const coverage = computeCoverage(baseline, { mode: 'distance', speedKmh: 4, bands: [walk.limitM], limitsM: [walk.limitM] }, changes, networkChanges)
    for (const d of coverage.divisions) {
      const unit = facts.get(d.code)
      if (unit) unit.walks[walkKey(walk.kind, walk.limitM)] = { households: d.households, covered: d.bands[0]!.households }
    }
  }

  const report = (d: DivisionFigures, unitFacts: UnitFacts, evaluations: RuleEvaluation[], counts: Record<UnitStatus, number>): UnitReport => ({
    code: d.code,
    name: d.name,
    level: d.level,
    parentCode: d.parentCode,
    urbanRural: d.urbanRural,
    residential: unitFacts.residential,
    households: unitFacts.households,
    population: unitFacts.population,
    elderly: unitFacts.elderly,
    indicators: indicatorsOf(unitFacts, walks),
    evaluations,
    status: statusOf(evaluations),
    communities: counts,
  })

  const communityReports = communities.map((d) => {
    const unitFacts = facts.get(d.code)!
    const evaluations = set.rules.map((rule) => evaluateRule(rule, unitFacts))
    const status = statusOf(evaluations)
    return report(d, unitFacts, evaluations, { pass: status === 'pass' ? 1 : 0, fail: status === 'fail' ? 1 : 0, 'cannot-evaluate': status === 'cannot-evaluate' ? 1 : 0 })
  })

  const childrenOf = new Map<string, string[]>()
  for (const d of divisions) if (d.parentCode) childrenOf.set(d.parentCode, [...(childrenOf.get(d.parentCode) ?? []), d.code])
  const communitiesUnder = (code: string): string[] => (facts.has(code) ? [code] : (childrenOf.get(code) ?? []).flatMap(communitiesUnder))
  const rollUp = (d: DivisionFigures): UnitReport => {
    const codes = communitiesUnder(d.code)
    const members = codes.map((c) => facts.get(c)!)
    const evaluations = set.rules.map((rule) => {
      const concerned = members.filter((m) => ruleApplies(rule, m) === true)
      if (concerned.length === 0) return notApplicable(rule)
      return evaluateRule({ ...rule, appliesTo: { area: 'any', residential: 'any' } }, sumFacts(concerned, d.urbanRural))
    })
    const counts: Record<UnitStatus, number> = { pass: 0, fail: 0, 'cannot-evaluate': 0 }
    for (const c of communityReports) if (codes.includes(c.code)) counts[c.status]++
    return report(d, sumFacts(members, d.urbanRural), evaluations, counts)
  }

  const districtRow = divisions.find((d) => d.level === 'district')
  return {
    set: { id: set.id, name: set.name, version: set.version, newResidentialFromYear: set.newResidentialFromYear },
    rules: set.rules,
    networkVersion,
    dataVersion,
    sources,
    maxSnapM: options.maxSnapM,
    scenario: options.whatIf ? { kind: options.whatIf.kind, changes: options.whatIf.changes.length, networkChanges: options.whatIf.networkChanges?.length ?? 0 } : null,
    communities: communityReports,
    subdistricts: divisions.filter((d) => d.level === 'subdistrict').map(rollUp),
    district: districtRow ? rollUp(districtRow) : null,
  }
}
