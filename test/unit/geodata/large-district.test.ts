import { describe, expect, it } from 'vitest'
import { booleanPointInPolygon } from '@turf/turf'
import type { Position } from 'geojson'
import { generateLargeDistrict } from '../../../geodata/generate-large-district.ts'
import { generateGridNetwork } from '../../../geodata/generate-grid-network.ts'

const options = { side: 30, compounds: 200, facilitiesPerKind: 5, seed: 3 }
const district = generateLargeDistrict(options)

// Distance in metres from a point to the nearest network edge (equirectangular, exact enough over a few kilometres).
function distanceToNetworkM([lng, lat]: Position): number {
  const mx = 111_320 * Math.cos((lat! * Math.PI) / 180)
  const my = 110_574
  let best = Infinity
  for (const e of district.edges) {
    const [a, b] = e.geom.coordinates as [Position, Position]
    const ax = (a[0]! - lng!) * mx
    const ay = (a[1]! - lat!) * my
    const dx = (b[0]! - a[0]!) * mx
    const dy = (b[1]! - a[1]!) * my
    const t = Math.max(0, Math.min(1, -(ax * dx + ay * dy) / (dx * dx + dy * dy)))
    best = Math.min(best, Math.hypot(ax + t * dx, ay + t * dy))
  }
  return best
}

describe('generateLargeDistrict', () => {
  it('is deterministic: the same options give the same data, another seed other data', () => {
    expect(JSON.stringify(generateLargeDistrict(options))).toBe(JSON.stringify(district))
    expect(JSON.stringify(generateLargeDistrict({ ...options, seed: 4 }))).not.toBe(JSON.stringify(district))
  })

  it('says it is synthetic', () => {
    expect(district.dataset.name).toMatch(/合成/)
    expect(district.dataset.description).toMatch(/synthetic/i)
    expect(district.dataset.source).toMatch(/^geodata\/generate-large-district\.ts .*seed 3$/)
    expect(district.divisions[0]!.name).toMatch(/合成/)
  })

  it('makes as many compounds and facilities as asked, on the street grid of the same seed', () => {
    expect(district.compounds).toHaveLength(200)
    for (const kind of ['community_service', 'home_care', 'day_care', 'elderly_institution']) {
      expect(district.facilities.filter((f) => f.kind === kind)).toHaveLength(5)
    }
    const grid = generateGridNetwork(30, 80, 3)
    expect(district.edges.map((e) => [e.sourceNode, e.targetNode])).toEqual(grid.map((e) => [e.sourceNode, e.targetNode]))
    expect(() => generateLargeDistrict({ ...options, compounds: 30 * 30 })).toThrow(/do not fit/)
  })

  it('gives every node one coordinate, shared by all edges that meet there', () => {
    const at = new Map<number, string>()
    for (const e of district.edges) {
      const coords = e.geom.coordinates
      for (const [node, c] of [[e.sourceNode, coords[0]!], [e.targetNode, coords[coords.length - 1]!]] as const) {
        const key = c.join(',')
        expect(at.get(node) ?? key, `node ${node}`).toBe(key)
        at.set(node, key)
      }
    }
  })

  it('has one district over sub-districts over communities, with 12-digit codes and households rolled up', () => {
    const byCode = new Map(district.divisions.map((d) => [d.code, d]))
    expect(district.divisions.filter((d) => d.level === 'district')).toHaveLength(1)
    const subdistricts = district.divisions.filter((d) => d.level === 'subdistrict')
    expect(subdistricts.length).toBeGreaterThanOrEqual(2)
    for (const d of district.divisions) {
      expect(d.code).toMatch(/^210191[0-9]{6}$/)
      if (d.parentCode) expect(byCode.get(d.parentCode)?.level).toBe(d.level === 'community' ? 'subdistrict' : 'district')
    }
    for (const d of district.divisions) {
      const children = d.level === 'community' ? district.compounds.filter((c) => c.communityCode === d.code) : district.divisions.filter((c) => c.parentCode === d.code)
      expect(d.households, d.name).toBe(children.reduce((n, c) => n + c.households, 0))
    }
    expect(district.divisions[0]!.households).toBe(district.compounds.reduce((n, c) => n + c.households, 0))
  })

  it('puts every compound inside its community, with a unique name, 1–3 gates and 100–1,500 households', () => {
    const communities = new Map(district.divisions.map((d) => [d.code, d]))
    for (const c of district.compounds) {
      const community = communities.get(c.communityCode)!
      for (const vertex of c.geom.coordinates[0]![0]!) expect(booleanPointInPolygon(vertex, community.geom), c.name).toBe(true)
      expect(c.gates.length).toBeGreaterThanOrEqual(1)
      expect(c.gates.length).toBeLessThanOrEqual(3)
      expect(c.households).toBeGreaterThanOrEqual(100)
      expect(c.households).toBeLessThanOrEqual(1500)
    }
    expect(new Set(district.compounds.map((c) => c.name)).size).toBe(district.compounds.length)
  })

  it('puts every gate within a few metres of a street that exists, and every facility closer still', () => {
    for (const c of district.compounds) {
      for (const g of c.gates) expect(distanceToNetworkM(g.geom.coordinates), `${c.name} ${g.name}`).toBeLessThan(10.5)
    }
    const communities = new Map(district.divisions.map((d) => [d.code, d]))
    for (const f of district.facilities) {
      expect(distanceToNetworkM(f.geom.coordinates), f.name).toBeLessThan(5.5)
      expect(booleanPointInPolygon(f.geom.coordinates, communities.get(f.communityCode)!.geom), f.name).toBe(true)
    }
  })
})
