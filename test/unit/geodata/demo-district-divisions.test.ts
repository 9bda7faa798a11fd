import { area, difference, feature, featureCollection, intersect, union } from '@turf/turf'
import type { MultiPolygon } from 'geojson'
import { describe, expect, it } from 'vitest'
import { generateDemoDistrict } from '../../../geodata/generate-demo-district.ts'
import type { DemoDivision } from '../../../geodata/demo-types.ts'

const district = generateDemoDistrict()
const [root] = district.divisions.filter((d) => d.level === 'district')
const subdistricts = district.divisions.filter((d) => d.level === 'subdistrict')
const communities = district.divisions.filter((d) => d.level === 'community')
const childrenOf = (code: string) => district.divisions.filter((d) => d.parentCode === code)

const overlapM2 = (a: MultiPolygon, b: MultiPolygon) => {
  const common = intersect(featureCollection([feature(a), feature(b)]))
  return common ? area(common) : 0
}

function expectTiling(parent: DemoDivision, children: DemoDivision[]) {
  const sumM2 = children.reduce((s, c) => s + area(c.geom), 0)
  expect(Math.abs(sumM2 - area(parent.geom)), `area of ${parent.name}`).toBeLessThan(1)
  for (let i = 0; i < children.length; i++) {
    for (let j = i + 1; j < children.length; j++) {
      expect(overlapM2(children[i]!.geom, children[j]!.geom), `${children[i]!.name} ∩ ${children[j]!.name}`).toBeLessThan(1)
    }
  }
  const covered = union(featureCollection(children.map((c) => feature(c.geom))))!
  const gap = difference(featureCollection([feature(parent.geom), covered]))
  expect(gap ? area(gap) : 0, `gap in ${parent.name}`).toBeLessThan(1)
}

describe('demo district divisions', () => {
  it('has one district, 2–3 sub-districts and 10–15 communities, parents listed before children', () => {
    expect(root).toBeDefined()
    expect(district.divisions.filter((d) => d.level === 'district')).toHaveLength(1)
    expect(subdistricts.length).toBeGreaterThanOrEqual(2)
    expect(subdistricts.length).toBeLessThanOrEqual(3)
    expect(communities.length).toBeGreaterThanOrEqual(10)
    expect(communities.length).toBeLessThanOrEqual(15)
    const seen = new Set<string>()
    for (const d of district.divisions) {
      if (d.parentCode !== null) expect(seen.has(d.parentCode), `${d.code} after its parent`).toBe(true)
      seen.add(d.code)
    }
  })

  it('codes divisions with 12 digits under the fictitious county 210190, each under its parent', () => {
    expect(root!.code).toBe('210190000000')
    expect(root!.parentCode).toBeNull()
    const codes = district.divisions.map((d) => d.code)
    expect(new Set(codes).size).toBe(codes.length)
    for (const s of subdistricts) {
      expect(s.code).toMatch(/^210190(0[0-9]{2})000$/)
      expect(Number(s.code.slice(6, 9))).toBeGreaterThanOrEqual(1)
      expect(s.parentCode).toBe(root!.code)
    }
    for (const c of communities) {
      expect(c.code).toMatch(/^\d{12}$/)
      expect(c.code.slice(0, 9)).toBe(c.parentCode!.slice(0, 9))
      expect(subdistricts.map((s) => s.code)).toContain(c.parentCode)
      const village = Number(c.code.slice(9))
      expect(village).toBeGreaterThanOrEqual(1)
      expect(village).toBeLessThanOrEqual(199)
    }
  })

  it('tiles the district with its sub-districts and each sub-district with its communities', () => {
    expectTiling(root!, subdistricts)
    for (const s of subdistricts) {
      const children = childrenOf(s.code)
      expect(children.length, `communities of ${s.name}`).toBeGreaterThan(1)
      expectTiling(s, children)
    }
  })

  it('adds up households, population and elderly: communities from compounds, parents from children', () => {
    const keys = ['households', 'population', 'elderlyPopulation'] as const
    for (const c of communities) {
      const compounds = district.compounds.filter((x) => x.communityCode === c.code)
      expect(compounds.length, `compounds in ${c.name}`).toBeGreaterThan(0)
      for (const k of keys) expect(c[k], `${k} of ${c.name}`).toBe(compounds.reduce((s, x) => s + x[k], 0))
    }
    for (const parent of [root!, ...subdistricts]) {
      for (const k of keys) expect(parent[k], `${k} of ${parent.name}`).toBe(childrenOf(parent.code).reduce((s, x) => s + x[k], 0))
    }
    expect(root!.households).toBeGreaterThanOrEqual(35_000)
    expect(root!.households).toBeLessThanOrEqual(55_000)
  })

  it('lets some communities meet the community-service standard (≥ 40 m² per 100 households and ≥ 600 m²) and others fail it', () => {
    const verdicts = communities.map((c) => {
      const areaM2 = district.facilities
        .filter((f) => f.communityCode === c.code && f.kind === 'community_service')
        .reduce((s, f) => s + f.floorAreaM2, 0)
      return areaM2 >= 600 && (areaM2 / c.households) * 100 >= 40
    })
    expect(verdicts.filter(Boolean).length).toBeGreaterThanOrEqual(2)
    expect(verdicts.filter((v) => !v).length).toBeGreaterThanOrEqual(2)
    const withoutCentre = communities.filter((c) => !district.facilities.some((f) => f.communityCode === c.code && f.kind === 'community_service'))
    expect(withoutCentre.length).toBeGreaterThanOrEqual(1)
  })

  it('names the district as synthetic, in Chinese and English', () => {
    expect(root!.name).toMatch(/（合成）/)
    expect(district.dataset.name).toMatch(/合成/)
    expect(district.dataset.name).toMatch(/synthetic/i)
    expect(district.dataset.description).toMatch(/虚构|合成/)
    expect(district.dataset.description).toMatch(/fictitious/i)
  })
})
