import type { Xy } from './local-frame.ts'
import { sampleCurve, type Layout } from './layout.ts'

type Edge = number | 'river'

/** A division as a rectangle of the local frame whose south or north edge may follow the river's centre line. */
export interface DivisionPlan {
  code: string
  name: string
  level: 'district' | 'subdistrict' | 'community'
  parentCode: string | null
  x0: number
  x1: number
  y0: Edge
  y1: Edge
}

const countyCode = '210190'

/**
 * The district, three sub-districts split by the river and the expressway,
 * and thirteen communities bounded by arterials and the river. Codes follow
 * the statistical division code: county 210190 (unassigned), sub-districts
 * 001–003, residents' committees 001–.
 */
export function planDivisions(layout: Layout, names: { district: string; subdistricts: string[]; communities: string[] }): DivisionPlan[] {
  const { width: w, height: h, expresswayX: ex } = layout
  const district: DivisionPlan = { code: `${countyCode}000000`, name: names.district, level: 'district', parentCode: null, x0: 0, x1: w, y0: 0, y1: h }
  const subdistrictBounds: [number, number, Edge, Edge][] = [
    [0, ex, 0, 'river'],
    [0, ex, 'river', h],
    [ex, w, 0, h],
  ]
  const communityBounds: [number, [number, number, Edge, Edge]][] = [
    [0, [0, 1060, 0, 500]], [0, [1060, ex, 0, 500]], [0, [0, 1060, 500, 'river']], [0, [1060, ex, 500, 'river']],
    [1, [0, 1060, 'river', 2120]], [1, [1060, ex, 'river', 2120]], [1, [0, 1060, 2120, h]], [1, [1060, ex, 2120, h]],
    [2, [ex, 3260, 0, 1000]], [2, [3260, w, 0, 1000]], [2, [ex, w, 1000, 1620]], [2, [ex, 3260, 1620, h]], [2, [3260, w, 1620, h]],
  ]
  const subdistricts = subdistrictBounds.map(([x0, x1, y0, y1], i): DivisionPlan => ({
    code: `${countyCode}${String(i + 1).padStart(3, '0')}000`,
    name: names.subdistricts[i]!,
    level: 'subdistrict',
    parentCode: district.code,
    x0, x1, y0, y1,
  }))
  const perParent = new Map<number, number>()
  const communities = communityBounds.map(([parent, [x0, x1, y0, y1]], i): DivisionPlan => {
    const n = (perParent.get(parent) ?? 0) + 1
    perParent.set(parent, n)
    return {
      code: `${subdistricts[parent]!.code.slice(0, 9)}${String(n).padStart(3, '0')}`,
      name: names.communities[i]!,
      level: 'community',
      parentCode: subdistricts[parent]!.code,
      x0, x1, y0, y1,
    }
  })
  return [district, ...subdistricts, ...communities]
}

/** Whether a local point lies inside a division plan. */
export function containsPoint(layout: Layout, d: DivisionPlan, [x, y]: Xy): boolean {
  const bottom = d.y0 === 'river' ? layout.riverCentre(x) : d.y0
  const top = d.y1 === 'river' ? layout.riverCentre(x) : d.y1
  return x >= d.x0 && x <= d.x1 && y >= bottom && y <= top
}

function outline(layout: Layout, d: DivisionPlan): Xy[] {
  const bottom: Xy[] = d.y0 === 'river' ? sampleCurve(layout, d.x0, d.x1, layout.riverCentre) : [[d.x0, d.y0], [d.x1, d.y0]]
  const top: Xy[] = d.y1 === 'river' ? sampleCurve(layout, d.x0, d.x1, layout.riverCentre).reverse() : [[d.x1, d.y1], [d.x0, d.y1]]
  return [...bottom, ...top]
}

/**
 * Closed, counter-clockwise rings for every division. Each ring carries every
 * vertex of the other rings that lies on its edges, so neighbours and parents
 * share identical vertices and tile without slivers.
 */
export function buildDivisionRings(layout: Layout, plans: DivisionPlan[]): Xy[][] {
  const outlines = plans.map((d) => outline(layout, d))
  const allVertices = outlines.flat()
  return outlines.map((ring) => {
    const out: Xy[] = []
    ring.forEach((a, i) => {
      const b = ring[(i + 1) % ring.length]!
      out.push(a)
      const horizontal = a[1] === b[1]
      const vertical = a[0] === b[0]
      if (!horizontal && !vertical) return
      const between = allVertices.filter((p) =>
        horizontal
          ? p[1] === a[1] && p[0] > Math.min(a[0], b[0]) && p[0] < Math.max(a[0], b[0])
          : p[0] === a[0] && p[1] > Math.min(a[1], b[1]) && p[1] < Math.max(a[1], b[1]),
      )
      const key = (p: Xy) => (horizontal ? p[0] : p[1])
      const ascending = horizontal ? b[0] > a[0] : b[1] > a[1]
      const unique = [...new Map(between.map((p) => [`${p[0]},${p[1]}`, p])).values()]
      unique.sort((p, q) => (ascending ? key(p) - key(q) : key(q) - key(p)))
      out.push(...unique)
    })
    out.push(out[0]!)
    return out
  })
}
