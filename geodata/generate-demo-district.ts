import { length as turfLength, lineString } from '@turf/turf'
import type { MultiPolygon } from 'geojson'
import type { DemoCompound, DemoDistrict, DemoDivision, DemoEdge, DemoPlaceName } from './demo-types.ts'
import { Prng } from './prng.ts'
import { toLngLat, toLngLatLine, type Xy } from './local-frame.ts'
import { createLayout, riverNorthBank, riverSouthBank, sampleCurve } from './layout.ts'
import { planStreets } from './streets.ts'
import { nodeStreetLines } from './node-network.ts'
import { buildDivisionRings, planDivisions } from './divisions.ts'
import { planCompounds } from './compounds.ts'
import { planFacilities } from './facilities.ts'
import { planBlockPaths } from './block-paths.ts'
import {
  communityNames,
  districtName,
  drawCompoundNames,
  riverName,
  romanizePlaceName,
  streetNames,
  subdistrictNames,
} from './names.ts'

/** The seed of the shipped demo district. */
export const defaultDemoSeed = 20250101

const synthetic = '合成数据，虚构地区，不代表任何真实地点 / Synthetic data: a fictitious district, not a real place'

const polygon = (ring: Xy[]): MultiPolygon => ({ type: 'MultiPolygon', coordinates: [[toLngLatLine(ring)]] })

function centroid(ring: Xy[]): Xy {
  const xs = ring.slice(0, -1)
  return [xs.reduce((s, p) => s + p[0], 0) / xs.length, xs.reduce((s, p) => s + p[1], 0) / xs.length]
}

/**
 * Generates the synthetic demo district: about 3.8 × 3 km in Shenyang with a
 * street grid, a river crossed by three bridges, an expressway crossed by
 * three overpasses, three sub-districts, thirteen communities, gated
 * compounds with households and gates, and community and elderly-care
 * facilities. Deterministic: the same seed gives the same data, byte for byte.
 */
export function generateDemoDistrict(seed: number = defaultDemoSeed): DemoDistrict {
  const prng = new Prng(seed)
  const layout = createLayout(prng)
  const plan = planStreets(layout, streetNames, prng)
  const divisions = planDivisions(layout, { district: districtName, subdistricts: subdistrictNames, communities: communityNames })
  const rings = buildDivisionRings(layout, divisions)
  const communities = divisions.filter((d) => d.level === 'community')
  const compoundPlan = planCompounds(layout, communities, plan.blocks, prng)
  const blockPaths = planBlockPaths(compoundPlan.freeBlocks, prng)

  const names = drawCompoundNames(prng, compoundPlan.sites.length)
  const compounds: DemoCompound[] = compoundPlan.sites.map((site, i) => {
    const builtYear = prng.int(1985, 2022)
    const householdsPerM2 = builtYear < 2000 ? prng.between(0.026, 0.036) : prng.between(0.02, 0.034)
    const households = Math.min(1500, Math.max(300, Math.round(site.areaM2 * householdsPerM2)))
    const population = Math.round(households * prng.between(2.4, 2.9))
    const elderlyShare = builtYear < 2000 ? prng.between(0.22, 0.28) : prng.between(0.18, 0.23)
    return {
      name: `${names[i]!.specific}${names[i]!.generic}`,
      communityCode: site.communityCode,
      households,
      population,
      elderlyPopulation: Math.round(population * elderlyShare),
      builtYear,
      geom: polygon(site.ring),
      gates: site.gates.map((g, n) => ({ name: site.gates.length > 1 ? `${n + 1}号门` : '正门', geom: { type: 'Point', coordinates: toLngLat(g) } })),
    }
  })

  const totals = new Map<string, { households: number; population: number; elderlyPopulation: number }>()
  const add = (code: string, c: { households: number; population: number; elderlyPopulation: number }) => {
    const t = totals.get(code) ?? { households: 0, population: 0, elderlyPopulation: 0 }
    totals.set(code, { households: t.households + c.households, population: t.population + c.population, elderlyPopulation: t.elderlyPopulation + c.elderlyPopulation })
  }
  for (const c of compounds) add(c.communityCode, c)
  for (const level of ['community', 'subdistrict'] as const) {
    for (const d of divisions.filter((x) => x.level === level)) add(d.parentCode!, totals.get(d.code) ?? { households: 0, population: 0, elderlyPopulation: 0 })
  }
  const demoDivisions: DemoDivision[] = divisions.map((d, i) => ({
    code: d.code,
    name: d.name,
    level: d.level,
    parentCode: d.parentCode,
    urbanRural: 'urban',
    ...(totals.get(d.code) ?? { households: 0, population: 0, elderlyPopulation: 0 }),
    geom: polygon(rings[i]!),
  }))

  const households = new Map([...totals].map(([code, t]) => [code, t.households]))
  const facilities = planFacilities(layout, communities, households, plan.blocks, compoundPlan.freeBlocks, prng).map(({ at, ...f }) => ({
    ...f,
    geom: { type: 'Point' as const, coordinates: toLngLat(at) },
  }))

  const noded = nodeStreetLines([[...plan.streets, ...compoundPlan.paths, ...blockPaths], plan.expressway])
  const edges: DemoEdge[] = noded.map((e) => {
    const coordinates = toLngLatLine(e.points)
    return {
      sourceNode: e.sourceNode,
      targetNode: e.targetNode,
      name: e.line.name,
      highway: e.line.highway,
      lengthM: Math.round(turfLength(lineString(coordinates), { units: 'kilometers' }) * 100_000) / 100,
      bridge: e.line.bridge,
      tunnel: e.line.tunnel,
      geom: { type: 'LineString', coordinates },
    }
  })

  const riverRing: Xy[] = [
    ...sampleCurve(layout, 0, layout.width, (x) => riverSouthBank(layout, x)),
    ...sampleCurve(layout, 0, layout.width, (x) => riverNorthBank(layout, x)).reverse(),
  ]
  riverRing.push(riverRing[0]!)

  const placeNames: DemoPlaceName[] = []
  const place = (name: string, category: string, description: string, geom: DemoPlaceName['geom']) =>
    placeNames.push({ name, pinyin: romanizePlaceName(name), category, description: `${description}（合成数据）`, geom })
  const roads = new Map<string, Xy[][]>()
  for (const s of [...plan.streets, ...plan.expressway]) if (s.name) roads.set(s.name, [...(roads.get(s.name) ?? []), s.points])
  for (const [name, lines] of roads) place(name, 'road', '演示区道路', { type: 'MultiLineString', coordinates: lines.map(toLngLatLine) })
  place(riverName, 'river', '自东向西流经演示区的河流', polygon(riverRing))
  for (const b of plan.bridges) place(b.name, 'bridge', `跨越${riverName}的桥梁`, { type: 'LineString', coordinates: toLngLatLine(b.line) })
  for (const d of demoDivisions) {
    const category = d.level === 'district' ? 'district' : d.level
    place(d.name, category, d.level === 'community' ? '社区居民委员会辖区' : d.level === 'subdistrict' ? '街道办事处辖区' : '合成示范区', d.geom)
  }
  compoundPlan.sites.forEach((site, i) => place(compounds[i]!.name, 'compound', '住宅小区', { type: 'Point', coordinates: toLngLat(centroid(site.ring)) }))

  return {
    dataset: {
      name: '演示区（合成数据） / Demo district (synthetic)',
      source: `geodata/generate-demo-district.ts seed ${seed}`,
      description: synthetic,
    },
    divisions: demoDivisions,
    compounds,
    facilities,
    edges,
    waterAreas: [{ name: riverName, kind: 'river', geom: polygon(riverRing) }],
    placeNames,
  }
}
