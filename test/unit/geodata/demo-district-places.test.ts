import { area, booleanIntersects, booleanPointInPolygon, booleanWithin, buffer, feature, featureCollection, intersect, pointToLineDistance, polygon, polygonToLine } from '@turf/turf'
import { describe, expect, it } from 'vitest'
import { generateDemoDistrict } from '../../../geodata/generate-demo-district.ts'
import { pinyinOf } from '../../../geodata/names.ts'
import type { Feature, LineString } from 'geojson'
import type { FacilityKind } from '../../../geodata/demo-types.ts'
import { buildDemoWalkNetwork } from './demo-walk-network.ts'

const district = generateDemoDistrict()
const network = buildDemoWalkNetwork(district.edges)
const communities = new Map(district.divisions.filter((d) => d.level === 'community').map((d) => [d.code, d]))
const fifteenMinutesM = 1000

describe('demo district compounds', () => {
  it('has 50–80 compounds with plausible households, population, elderly and age', () => {
    expect(district.compounds.length).toBeGreaterThanOrEqual(50)
    expect(district.compounds.length).toBeLessThanOrEqual(80)
    for (const c of district.compounds) {
      expect(c.households, c.name).toBeGreaterThanOrEqual(300)
      expect(c.households, c.name).toBeLessThanOrEqual(1500)
      expect(c.population / c.households, c.name).toBeGreaterThanOrEqual(2.4 - 0.005)
      expect(c.population / c.households, c.name).toBeLessThanOrEqual(2.9 + 0.005)
      expect(c.elderlyPopulation / c.population, c.name).toBeGreaterThanOrEqual(0.18 - 0.005)
      expect(c.elderlyPopulation / c.population, c.name).toBeLessThanOrEqual(0.28 + 0.005)
      expect(c.builtYear).toBeGreaterThanOrEqual(1985)
      expect(c.builtYear).toBeLessThanOrEqual(2022)
    }
  })

  it('puts every compound inside the community it names, off the water and clear of every other compound', () => {
    for (const c of district.compounds) {
      const community = communities.get(c.communityCode)
      expect(community, `community of ${c.name}`).toBeDefined()
      expect(booleanWithin(polygon(c.geom.coordinates[0]!), community!.geom), `${c.name} in ${community!.name}`).toBe(true)
      for (const w of district.waterAreas) expect(booleanIntersects(c.geom, w.geom), `${c.name} on ${w.name}`).toBe(false)
    }
    for (let i = 0; i < district.compounds.length; i++) {
      for (let j = i + 1; j < district.compounds.length; j++) {
        const [a, b] = [district.compounds[i]!, district.compounds[j]!]
        const common = intersect(featureCollection([feature(a.geom), feature(b.geom)]))
        expect(common ? area(common) : 0, `${a.name} ∩ ${b.name}`).toBe(0)
      }
    }
  })

  it('lets no street or path run through a compound', () => {
    const inside = district.compounds.map((c) => buffer(feature(c.geom), -1, { units: 'meters' })!)
    const through = district.edges.filter((e) => inside.some((c) => booleanIntersects(e.geom, c)))
    expect(through).toEqual([])
  })

  it('gives each compound 1–3 gates on its fence, each within 50 m of a walkable edge', () => {
    for (const c of district.compounds) {
      expect(c.gates.length).toBeGreaterThanOrEqual(1)
      expect(c.gates.length).toBeLessThanOrEqual(3)
      const fence = polygonToLine(polygon(c.geom.coordinates[0]!))
      for (const g of c.gates) {
        expect(pointToLineDistance(g.geom, fence as Feature<LineString>, { units: 'meters' }), `${c.name} ${g.name} on the fence`).toBeLessThan(0.5)
        expect(network.nearestEdge(g.geom.coordinates).distanceM, `${c.name} ${g.name}`).toBeLessThan(50)
      }
    }
  })
})

describe('demo district facilities', () => {
  const byKind = (kind: FacilityKind) => district.facilities.filter((f) => f.kind === kind)

  it('has 30–50 facilities of the four kinds in plausible sizes', () => {
    expect(district.facilities.length).toBeGreaterThanOrEqual(30)
    expect(district.facilities.length).toBeLessThanOrEqual(50)
    const areaRange: Record<FacilityKind, [number, number]> = {
      community_service: [300, 1200],
      home_care: [80, 400],
      day_care: [300, 900],
      elderly_institution: [1500, 6000],
    }
    for (const f of district.facilities) {
      const [min, max] = areaRange[f.kind]
      expect(f.floorAreaM2, f.name).toBeGreaterThanOrEqual(min)
      expect(f.floorAreaM2, f.name).toBeLessThanOrEqual(max)
      expect(f.openingYear).toBeGreaterThanOrEqual(2005)
      expect(f.openingYear).toBeLessThanOrEqual(2025)
      expect(f.address, f.name).toMatch(/^\p{Script=Han}+(路|街|大街|大路)\d+号$/u)
    }
    expect(byKind('community_service').length).toBeGreaterThanOrEqual(communities.size - 3)
    expect(byKind('home_care').length).toBeGreaterThanOrEqual(5)
    expect(byKind('day_care').length).toBeGreaterThanOrEqual(2)
    expect(byKind('elderly_institution').length).toBeGreaterThanOrEqual(3)
    expect(byKind('elderly_institution').length).toBeLessThanOrEqual(5)
  })

  it('gives beds to institutions (40–75 % nursing) and at most a few to day care', () => {
    for (const f of byKind('elderly_institution')) {
      expect(f.beds).toBeGreaterThanOrEqual(60)
      expect(f.beds).toBeLessThanOrEqual(300)
      expect(f.nursingBeds / f.beds).toBeGreaterThanOrEqual(0.4)
      expect(f.nursingBeds / f.beds).toBeLessThanOrEqual(0.75)
    }
    for (const f of byKind('day_care')) expect(f.beds).toBeLessThanOrEqual(20)
    for (const f of [...byKind('community_service'), ...byKind('home_care'), ...byKind('day_care')]) expect(f.nursingBeds).toBe(0)
  })

  it('puts every facility inside its community, outside compounds and water, within 50 m of a walkable edge', () => {
    for (const f of district.facilities) {
      expect(booleanPointInPolygon(f.geom, communities.get(f.communityCode)!.geom), f.name).toBe(true)
      for (const c of district.compounds) expect(booleanPointInPolygon(f.geom, c.geom), `${f.name} in ${c.name}`).toBe(false)
      for (const w of district.waterAreas) expect(booleanPointInPolygon(f.geom, w.geom), f.name).toBe(false)
      expect(network.nearestEdge(f.geom.coordinates).distanceM, f.name).toBeLessThan(50)
    }
  })

  it('leaves some compounds, but not most, beyond a 15-minute walk of home care', () => {
    const reached = network.distancesFrom(byKind('home_care').flatMap((f) => network.snap(f.geom.coordinates)))
    const walkM = (position: number[]) => Math.min(...network.snap(position).map((s) => (reached.get(s.node) ?? Infinity) + s.costM))
    const beyond = district.compounds.filter((c) => Math.min(...c.gates.map((g) => walkM(g.geom.coordinates))) > fifteenMinutesM)
    expect(beyond.length).toBeGreaterThanOrEqual(3)
    expect(beyond.length).toBeLessThan(district.compounds.length / 2)
  })
})

describe('demo district names', () => {
  const hanIn = (name: string) => [...name].filter((ch) => /\p{Script=Han}/u.test(ch))
  const allNames = [
    ...district.divisions.map((d) => d.name),
    ...district.compounds.flatMap((c) => [c.name, ...c.gates.map((g) => g.name)]),
    ...district.facilities.map((f) => f.name),
    ...district.edges.map((e) => e.name),
    ...district.waterAreas.map((w) => w.name),
    ...district.placeNames.map((p) => p.name),
  ]

  it('names everything in Chinese, with a pinyin reading for every character', () => {
    const missing = new Set(allNames.flatMap(hanIn).filter((ch) => pinyinOf[ch] === undefined))
    expect([...missing]).toEqual([])
    for (const n of [...district.compounds, ...district.facilities, ...district.divisions, ...district.waterAreas]) expect(hanIn(n.name).length, n.name).toBeGreaterThan(1)
    expect(district.compounds.every((c) => /(小区|花园|家园|苑|新村|佳园|雅居|公寓)$/.test(c.name))).toBe(true)
  })

  it('lists each road, the river, each bridge, division and compound in the gazetteer', () => {
    const listed = (category: string) => new Set(district.placeNames.filter((p) => p.category === category).map((p) => p.name))
    for (const road of new Set(district.edges.map((e) => e.name).filter((n) => n !== ''))) expect(listed('road'), road).toContain(road)
    for (const c of district.compounds) expect(listed('compound'), c.name).toContain(c.name)
    for (const d of district.divisions.filter((x) => x.level !== 'district')) expect(listed(d.level), d.name).toContain(d.name)
    for (const w of district.waterAreas) expect(listed('river'), w.name).toContain(w.name)
    expect(listed('bridge').size).toBeGreaterThanOrEqual(2)
    for (const b of listed('bridge')) expect(b).toMatch(/桥$/)
    for (const p of district.placeNames) {
      expect(p.pinyin, p.name).toMatch(/^[A-ZÜ][a-zü']*( [A-ZÜ(][A-Za-zü'()]*)*$/)
      expect(p.description.length, p.name).toBeGreaterThan(0)
    }
  })
})
