import { describe, expect, it } from 'vitest'
import { generateDemoDistrict } from '../../../geodata/generate-demo-district.ts'
import { pinyinOf, romanizePlaceName } from '../../../geodata/names.ts'

const district = generateDemoDistrict()
const walkable = (highway: string) => highway !== 'motorway'

describe('generateDemoDistrict', () => {
  it('is deterministic: the same seed gives the same bytes, another seed other data', () => {
    expect(JSON.stringify(generateDemoDistrict())).toBe(JSON.stringify(district))
    const other = generateDemoDistrict(7)
    expect(JSON.stringify(other)).not.toBe(JSON.stringify(district))
    expect(JSON.stringify(generateDemoDistrict(7))).toBe(JSON.stringify(other))
  })

  it('says it is synthetic and which seed made it', () => {
    expect(district.dataset.name).toMatch(/合成/)
    expect(district.dataset.description).toMatch(/synthetic/i)
    expect(district.dataset.source).toBe('geodata/generate-demo-district.ts seed 20250101')
    expect(district.divisions[0]!.name).toMatch(/合成/)
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
      expect(e.sourceNode).not.toBe(e.targetNode)
      expect(e.lengthM).toBeGreaterThan(0)
    }
  })

  it('connects every walkable edge into one network, across the river and the expressway', () => {
    const parent = new Map<number, number>()
    const find = (n: number): number => {
      const p = parent.get(n) ?? n
      if (p === n) return n
      const root = find(p)
      parent.set(n, root)
      return root
    }
    const edges = district.edges.filter((e) => walkable(e.highway))
    for (const e of edges) parent.set(find(e.sourceNode), find(e.targetNode))
    const roots = new Set(edges.map((e) => find(e.sourceNode)))
    expect(roots.size).toBe(1)
  })

  it('keeps the expressway apart: no walkable edge shares a node with it', () => {
    const motorwayNodes = new Set(district.edges.filter((e) => !walkable(e.highway)).flatMap((e) => [e.sourceNode, e.targetNode]))
    const touching = district.edges.filter((e) => walkable(e.highway) && (motorwayNodes.has(e.sourceNode) || motorwayNodes.has(e.targetNode)))
    expect(touching).toEqual([])
  })

  it('gives compounds 1–3 gates and households between 300 and 1,500', () => {
    for (const c of district.compounds) {
      expect(c.gates.length).toBeGreaterThanOrEqual(1)
      expect(c.gates.length).toBeLessThanOrEqual(3)
      expect(c.households).toBeGreaterThanOrEqual(300)
      expect(c.households).toBeLessThanOrEqual(1500)
      expect(c.elderlyPopulation).toBeLessThan(c.population)
    }
  })

  it('uses unique names within each kind of feature', () => {
    for (const names of [
      district.compounds.map((c) => c.name),
      district.facilities.map((f) => f.name),
      district.divisions.map((d) => d.name),
      district.placeNames.map((p) => `${p.category}:${p.name}`),
    ]) {
      expect(new Set(names).size).toBe(names.length)
    }
  })

  it('gives nursing beds only where there are beds, and never more', () => {
    for (const f of district.facilities) {
      expect(f.nursingBeds).toBeLessThanOrEqual(f.beds)
      if (f.kind === 'elderly_institution') expect(f.beds).toBeGreaterThan(0)
      if (f.kind === 'community_service' || f.kind === 'home_care') expect(f.beds).toBe(0)
    }
  })
})

describe('place-name pinyin', () => {
  it('has a reading for every character of every place name', () => {
    const missing = new Set<string>()
    for (const p of district.placeNames) for (const ch of p.name) if (/\p{Script=Han}/u.test(ch) && !pinyinOf[ch]) missing.add(ch)
    expect([...missing]).toEqual([])
  })

  it('writes specific and generic parts apart, capitalised, with apostrophes where syllables would run together', () => {
    expect(romanizePlaceName('长青大街')).toBe('Changqing Dajie')
    expect(romanizePlaceName('瑞安路')).toBe("Rui'an Lu")
    expect(romanizePlaceName('滨河南路')).toBe('Binhenan Lu')
    expect(romanizePlaceName('演示区（合成）')).toBe('Yanshi Qu (Hecheng)')
    expect(() => romanizePlaceName('龘路')).toThrow(/No pinyin reading for "龘"/)
  })
})
