import type { MultiPolygon, Position } from 'geojson'
import type { DemoCompound, DemoDistrict, DemoDivision, DemoEdge, DemoFacility, FacilityKind } from './demo-types.ts'
import { generateGridNetwork } from './generate-grid-network.ts'
import { Prng } from './prng.ts'

/** What `generateLargeDistrict` builds. */
export interface LargeDistrictOptions {
  /** Street-grid nodes per side, 80 m apart: about 2·side² edges (316 gives about 191,000). */
  side: number
  /** Gated compounds, at most one per block. */
  compounds: number
  /** Facilities of each kind in `facility_kinds`. */
  facilitiesPerKind: number
  seed?: number
}

const spacingM = 80
// Beside the demo's county 210190, so both districts can be loaded into one database.
const countyCode = '210191'

const facilityKinds: readonly { kind: FacilityKind; label: string }[] = [
  { kind: 'community_service', label: '社区综合服务设施' },
  { kind: 'home_care', label: '居家养老服务站' },
  { kind: 'day_care', label: '日间照料中心' },
  { kind: 'elderly_institution', label: '养老机构' },
]

const districtName = '合成基准区（合成）'
const synthetic =
  '合成数据，虚构的基准测试区，不代表任何真实地点 / Synthetic data: a fictitious benchmark district on a street grid, not a real place'

// The frame of generateGridNetwork: node (i, j) lies i·spacingM east and j·spacingM north of (lng0, lat0).
const lng0 = 123.4
const lat0 = 41.7
const metresPerDegreeLat = 110_574
const metresPerDegreeLng = 111_320 * Math.cos((lat0 * Math.PI) / 180)
const round7 = (v: number) => Math.round(v * 1e7) / 1e7
const toLngLat = (x: number, y: number): Position => [round7(lng0 + x / metresPerDegreeLng), round7(lat0 + y / metresPerDegreeLat)]
const pad3 = (n: number) => String(n).padStart(3, '0')

// Compound fences stand this far from the street centre line; gates sit on the fence.
const fenceSetbackM = [7, 10] as const
// Facility entrances stand this far from the street centre line, in front of any fence.
const facilitySetbackM = 5

type Side = 'south' | 'north' | 'west' | 'east'

interface Totals {
  households: number
  population: number
  elderlyPopulation: number
}

/**
 * A synthetic district of any size for benchmarks: the street grid of
 * `generateGridNetwork` (same seed, same edges and node ids, so walk-search
 * figures compare), every tenth street an arterial and every fifth a
 * secondary road; up to nine sub-districts and communities of about
 * 1.2 × 1.2 km tiling the grid along streets; compounds as rectangles inside
 * blocks, with 1–3 gates on fences 7–10 m from an existing street and
 * 100–1,500 households; and `facilitiesPerKind` facilities of each kind 5 m
 * from a street. Division codes use county 210191. Deterministic: the same
 * options give the same data. Marked synthetic in its dataset and names.
 */
export function generateLargeDistrict(options: LargeDistrictOptions): DemoDistrict {
  const { side, compounds: compoundCount, facilitiesPerKind } = options
  const seed = options.seed ?? 1
  if (!Number.isInteger(side) || side < 3 || side > 1000) throw new Error(`side must be an integer from 3 to 1000, got ${side}`)
  if (!Number.isInteger(compoundCount) || compoundCount < 0) throw new Error(`compounds must be a whole number, got ${compoundCount}`)
  if (!Number.isInteger(facilitiesPerKind) || facilitiesPerKind < 0) throw new Error(`facilitiesPerKind must be a whole number, got ${facilitiesPerKind}`)
  const node = (i: number, j: number) => j * side + i + 1
  const present = new Uint8Array(side * side * 2)
  const edgeKey = (i: number, j: number, horizontal: boolean) => (node(i, j) - 1) * 2 + (horizontal ? 0 : 1)
  const streetName = (line: number, horizontal: boolean) => (horizontal ? `纬${line + 1}路` : `经${line + 1}街`)
  const lineClass = (line: number) => (line % 10 === 0 ? 'primary' : line % 5 === 0 ? 'secondary' : undefined)

  const edges: DemoEdge[] = generateGridNetwork(side, spacingM, seed).map((e) => {
    const n = e.sourceNode - 1
    const i = n % side
    const j = Math.floor(n / side)
    const horizontal = e.targetNode === e.sourceNode + 1
    present[edgeKey(i, j, horizontal)] = 1
    const line = horizontal ? j : i
    const highway = lineClass(line) ?? e.highway
    return {
      sourceNode: e.sourceNode,
      targetNode: e.targetNode,
      name: highway === 'footway' ? '' : streetName(line, horizontal),
      highway,
      lengthM: Math.round(e.lengthM * 100) / 100,
      bridge: false,
      tunnel: false,
      geom: { type: 'LineString', coordinates: [toLngLat(i * spacingM, j * spacingM), horizontal ? toLngLat((i + 1) * spacingM, j * spacingM) : toLngLat(i * spacingM, (j + 1) * spacingM)] },
    }
  })

  const blocks = side - 1
  // The existing street edges along the sides of block (bi, bj), and their names.
  const blockSides = (bi: number, bj: number): { side: Side; street: string }[] => {
    const out: { side: Side; street: string }[] = []
    if (present[edgeKey(bi, bj, true)]) out.push({ side: 'south', street: streetName(bj, true) })
    if (present[edgeKey(bi, bj + 1, true)]) out.push({ side: 'north', street: streetName(bj + 1, true) })
    if (present[edgeKey(bi, bj, false)]) out.push({ side: 'west', street: streetName(bi, false) })
    if (present[edgeKey(bi + 1, bj, false)]) out.push({ side: 'east', street: streetName(bi + 1, false) })
    return out
  }

  // Division boundaries run along grid lines: `cuts` are the block-line indices of every community edge,
  // and every `perSub`-th cut is a sub-district edge too, so parents and children share vertices.
  const subPerAxis = Math.min(3, blocks)
  const perSub = Math.max(1, Math.round(blocks / subPerAxis / 16))
  const parts = subPerAxis * perSub
  const cuts = Array.from({ length: parts + 1 }, (_, k) => Math.round((blocks * k) / parts))
  const partOf = new Uint16Array(blocks)
  for (let p = 0; p < parts; p++) for (let b = cuts[p]!; b < cuts[p + 1]!; b++) partOf[b] = p
  const rectangle = (px0: number, px1: number, py0: number, py1: number): MultiPolygon => {
    const at = (px: number, py: number) => toLngLat(cuts[px]! * spacingM, cuts[py]! * spacingM)
    const ring: Position[] = []
    for (let k = px0; k < px1; k++) ring.push(at(k, py0))
    for (let k = py0; k < py1; k++) ring.push(at(px1, k))
    for (let k = px1; k > px0; k--) ring.push(at(k, py1))
    for (let k = py1; k > py0; k--) ring.push(at(px0, k))
    ring.push(ring[0]!)
    return { type: 'MultiPolygon', coordinates: [[ring]] }
  }

  const districtCode = `${countyCode}000000`
  const subdistricts: DemoDivision[] = []
  const communities: DemoDivision[] = new Array(parts * parts)
  for (let sy = 0; sy < subPerAxis; sy++) {
    for (let sx = 0; sx < subPerAxis; sx++) {
      const n = subdistricts.length + 1
      const code = `${countyCode}${pad3(n)}000`
      const name = `基准${n}街道`
      subdistricts.push(division(code, name, 'subdistrict', districtCode, rectangle(sx * perSub, (sx + 1) * perSub, sy * perSub, (sy + 1) * perSub)))
      let k = 0
      for (let cy = sy * perSub; cy < (sy + 1) * perSub; cy++) {
        for (let cx = sx * perSub; cx < (sx + 1) * perSub; cx++) {
          k++
          communities[cy * parts + cx] = division(`${code.slice(0, 9)}${pad3(k)}`, `${name}第${k}社区`, 'community', code, rectangle(cx, cx + 1, cy, cy + 1))
        }
      }
    }
  }
  const communityOf = (bi: number, bj: number) => communities[partOf[bj]! * parts + partOf[bi]!]!

  const prng = new Prng(seed + 0x9e3779b9)
  const candidates: number[] = []
  for (let b = 0; b < blocks * blocks; b++) if (blockSides(b % blocks, Math.floor(b / blocks)).length > 0) candidates.push(b)
  if (compoundCount > candidates.length) throw new Error(`${compoundCount} compounds do not fit in ${candidates.length} blocks next to a street`)
  const pool = Int32Array.from(candidates)
  for (let k = 0; k < compoundCount; k++) {
    const r = k + Math.floor(prng.next() * (pool.length - k))
    ;[pool[k], pool[r]] = [pool[r]!, pool[k]!]
  }
  const chosen = pool.slice(0, compoundCount).sort()

  const totals = new Map<string, Totals>()
  const add = (code: string, t: Totals) => {
    const sum = totals.get(code) ?? { households: 0, population: 0, elderlyPopulation: 0 }
    sum.households += t.households
    sum.population += t.population
    sum.elderlyPopulation += t.elderlyPopulation
    totals.set(code, sum)
  }
  const perCommunity = new Map<string, number>()
  const compounds: DemoCompound[] = []
  for (const b of chosen) {
    const bi = b % blocks
    const bj = Math.floor(b / blocks)
    const community = communityOf(bi, bj)
    const setback = () => Math.round(prng.between(fenceSetbackM[0], fenceSetbackM[1]) * 10) / 10
    const x0 = bi * spacingM + setback()
    const x1 = (bi + 1) * spacingM - setback()
    const y0 = bj * spacingM + setback()
    const y1 = (bj + 1) * spacingM - setback()
    const open = prng.shuffle(blockSides(bi, bj))
    const gateSides = open.slice(0, Math.min(open.length, prng.pick([1, 2, 2, 3])))
    const gates = gateSides.map(({ side: s }, n) => {
      const t = prng.between(0.3, 0.7)
      const [x, y] = s === 'south' ? [x0 + (x1 - x0) * t, y0] : s === 'north' ? [x0 + (x1 - x0) * t, y1] : s === 'west' ? [x0, y0 + (y1 - y0) * t] : [x1, y0 + (y1 - y0) * t]
      return { name: gateSides.length > 1 ? `${n + 1}号门` : '正门', geom: { type: 'Point' as const, coordinates: toLngLat(x, y) } }
    })
    const builtYear = prng.int(1985, 2022)
    const households = prng.int(100, 1500)
    const population = Math.round(households * prng.between(2.4, 2.9))
    const elderlyPopulation = Math.round(population * (builtYear < 2000 ? prng.between(0.22, 0.28) : prng.between(0.18, 0.23)))
    const k = (perCommunity.get(community.code) ?? 0) + 1
    perCommunity.set(community.code, k)
    compounds.push({
      name: `${community.name}${k}号院`,
      communityCode: community.code,
      households,
      population,
      elderlyPopulation,
      builtYear,
      geom: { type: 'MultiPolygon', coordinates: [[[toLngLat(x0, y0), toLngLat(x1, y0), toLngLat(x1, y1), toLngLat(x0, y1), toLngLat(x0, y0)]]] },
      gates,
    })
    add(community.code, { households, population, elderlyPopulation })
  }
  for (const c of communities) add(c.parentCode!, totals.get(c.code) ?? { households: 0, population: 0, elderlyPopulation: 0 })
  for (const s of subdistricts) add(districtCode, totals.get(s.code) ?? { households: 0, population: 0, elderlyPopulation: 0 })

  const facilities: DemoFacility[] = []
  for (const { kind, label } of facilityKinds) {
    for (let n = 0; n < facilitiesPerKind; n++) {
      const b = candidates[Math.floor(prng.next() * candidates.length)]!
      const bi = b % blocks
      const bj = Math.floor(b / blocks)
      const { side: s, street } = prng.pick(blockSides(bi, bj))
      const along = prng.between(0.15, 0.85) * spacingM
      const [x, y] =
        s === 'south' ? [bi * spacingM + along, bj * spacingM + facilitySetbackM]
        : s === 'north' ? [bi * spacingM + along, (bj + 1) * spacingM - facilitySetbackM]
        : s === 'west' ? [bi * spacingM + facilitySetbackM, bj * spacingM + along]
        : [(bi + 1) * spacingM - facilitySetbackM, bj * spacingM + along]
      facilities.push({
        name: `基准区${label}${String(n + 1).padStart(4, '0')}号`,
        kind,
        address: `${street}${prng.int(1, 399)}号`,
        communityCode: communityOf(bi, bj).code,
        ...facilityFigures(kind, prng),
        openingYear: prng.int(2005, 2025),
        geom: { type: 'Point', coordinates: toLngLat(x, y) },
      })
    }
  }

  const district = division(districtCode, districtName, 'district', null, rectangle(0, parts, 0, parts))
  const byCode = (a: DemoDivision, b: DemoDivision) => (a.code < b.code ? -1 : 1)
  const divisions = [district, ...subdistricts, ...[...communities].sort(byCode)].map((d) => ({ ...d, ...(totals.get(d.code) ?? {}) }))
  return {
    dataset: {
      name: `${districtName} / Synthetic benchmark district`,
      source: `geodata/generate-large-district.ts side ${side} compounds ${compoundCount} facilitiesPerKind ${facilitiesPerKind} seed ${seed}`,
      description: synthetic,
    },
    divisions,
    compounds,
    facilities,
    edges,
    waterAreas: [],
    placeNames: [],
  }
}

function division(code: string, name: string, level: DemoDivision['level'], parentCode: string | null, geom: MultiPolygon): DemoDivision {
  return { code, name, level, parentCode, urbanRural: 'urban', households: 0, population: 0, elderlyPopulation: 0, geom }
}

function facilityFigures(kind: FacilityKind, prng: Prng): Pick<DemoFacility, 'floorAreaM2' | 'beds' | 'nursingBeds'> {
  switch (kind) {
    case 'community_service':
      return { floorAreaM2: Math.round(prng.between(300, 1200) / 10) * 10, beds: 0, nursingBeds: 0 }
    case 'home_care':
      return { floorAreaM2: Math.round(prng.between(90, 400) / 5) * 5, beds: 0, nursingBeds: 0 }
    case 'day_care':
      return { floorAreaM2: Math.round(prng.between(320, 880) / 10) * 10, beds: prng.pick([0, 0, 8, 12, 16]), nursingBeds: 0 }
    case 'elderly_institution': {
      const beds = prng.int(6, 28) * 10
      return {
        floorAreaM2: Math.round(Math.min(6000, Math.max(1500, beds * prng.between(20, 26))) / 10) * 10,
        beds,
        nursingBeds: Math.round(beds * prng.between(0.42, 0.74)),
      }
    }
  }
}
