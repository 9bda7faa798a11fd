import { booleanIntersects, buffer, distance, feature, length } from '@turf/turf'
import type { Position } from 'geojson'
import { describe, expect, it } from 'vitest'
import { generateDemoDistrict } from '../../../geodata/generate-demo-district.ts'
import { buildDemoWalkNetwork } from './demo-walk-network.ts'

const district = generateDemoDistrict()
const network = buildDemoWalkNetwork(district.edges)
const motorways = district.edges.filter((e) => e.highway === 'motorway')
const river = district.waterAreas.find((w) => w.kind === 'river')!
const riverInterior = buffer(feature(river.geom), -0.5, { units: 'meters' })!
const decimals = (v: number) => (String(v).split('.')[1] ?? '').length

describe('demo district street network', () => {
  it('has 1,500–4,000 edges of OSM highway classes, arterials, local streets and paths among them', () => {
    expect(district.edges.length).toBeGreaterThanOrEqual(1500)
    expect(district.edges.length).toBeLessThanOrEqual(4000)
    const classes = new Set(district.edges.map((e) => e.highway))
    for (const c of ['motorway', 'primary', 'secondary', 'tertiary', 'residential', 'footway', 'service']) expect(classes).toContain(c)
  })

  it('gives each node one coordinate and each coordinate at an edge end one node', () => {
    const byNode = new Map<number, string>()
    const byPosition = new Map<string, number>()
    for (const e of district.edges) {
      const coords = e.geom.coordinates
      for (const [node, at] of [[e.sourceNode, coords[0]!], [e.targetNode, coords[coords.length - 1]!]] as const) {
        expect(Number.isInteger(node)).toBe(true)
        const key = at.join(',')
        expect(byNode.get(node) ?? key, `node ${node}`).toBe(key)
        expect(byPosition.get(key) ?? node, `position ${key}`).toBe(node)
        byNode.set(node, key)
        byPosition.set(key, node)
      }
    }
  })

  it('stores geodesic lengths to the centimetre and coordinates to 7 decimals', () => {
    for (const e of district.edges) {
      expect(e.lengthM).toBeCloseTo(length(feature(e.geom), { units: 'meters' }), 2)
      expect(decimals(e.lengthM)).toBeLessThanOrEqual(2)
      for (const [lng, lat] of e.geom.coordinates) {
        expect(decimals(lng!)).toBeLessThanOrEqual(7)
        expect(decimals(lat!)).toBeLessThanOrEqual(7)
      }
    }
  })

  it('lies in Shenyang and measures about 4 × 3 km', () => {
    const coords = district.edges.flatMap((e) => e.geom.coordinates)
    const [w, s, e, n] = [
      Math.min(...coords.map((c) => c[0]!)), Math.min(...coords.map((c) => c[1]!)),
      Math.max(...coords.map((c) => c[0]!)), Math.max(...coords.map((c) => c[1]!)),
    ]
    expect(w).toBeGreaterThan(123.3)
    expect(e).toBeLessThan(123.55)
    expect(s).toBeGreaterThan(41.65)
    expect(n).toBeLessThan(41.8)
    expect(distance([w, s], [e, s], { units: 'meters' })).toBeGreaterThan(3500)
    expect(distance([w, s], [e, s], { units: 'meters' })).toBeLessThan(4500)
    expect(distance([w, s], [w, n], { units: 'meters' })).toBeGreaterThan(2700)
    expect(distance([w, s], [w, n], { units: 'meters' })).toBeLessThan(3500)
  })

  it('lets only bridges cross the river, and only two or three of them are for walkers', () => {
    const crossing = district.edges.filter((e) => booleanIntersects(e.geom, riverInterior))
    expect(crossing.filter((e) => !e.bridge)).toEqual([])
    const bridges = crossing.filter((e) => e.highway !== 'motorway')
    expect(bridges.length).toBeGreaterThanOrEqual(2)
    expect(bridges.length).toBeLessThanOrEqual(3)
  })

  it('lets nothing touch the expressway but three or four overpasses, which share no node with it', () => {
    const motorwayNodes = new Set(motorways.flatMap((m) => [m.sourceNode, m.targetNode]))
    const touching = district.edges.filter((e) => e.highway !== 'motorway' && motorways.some((m) => booleanIntersects(e.geom, m.geom)))
    expect(touching.filter((e) => !e.bridge)).toEqual([])
    expect(touching.length).toBeGreaterThanOrEqual(3)
    expect(touching.length).toBeLessThanOrEqual(4)
    for (const e of district.edges.filter((x) => x.highway !== 'motorway')) {
      expect(motorwayNodes.has(e.sourceNode) || motorwayNodes.has(e.targetNode), `edge ${e.name} at the expressway`).toBe(false)
    }
    expect(new Set(motorways.map((m) => m.name)).size).toBe(1)
    expect(motorways[0]!.name).toMatch(/快速路$/)
  })

  it('joins every walkable edge into one network', () => {
    const [start] = network.walkableEdges
    const reached = network.distancesFrom([{ node: start!.sourceNode, costM: 0 }])
    const unreached = network.walkableEdges.filter((e) => !reached.has(e.sourceNode) || !reached.has(e.targetNode))
    expect(unreached).toEqual([])
  })

  it('makes walking much longer than the straight line across the river and the expressway', () => {
    const gates: Position[] = district.compounds.flatMap((c) => c.gates.map((g) => g.geom.coordinates))
    let detours = 0
    for (const [i, from] of gates.entries()) {
      const walked = network.distancesFrom(network.snap(from), 3000)
      for (const to of gates.slice(i + 1)) {
        const straightM = distance(from, to, { units: 'meters' })
        if (straightM > 400) continue
        const node = network.nodeAt(to)!
        if ((walked.get(node) ?? Infinity) > 3 * straightM) detours++
      }
    }
    expect(detours).toBeGreaterThanOrEqual(3)
  })
})
