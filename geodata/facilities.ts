import type { Prng } from './prng.ts'
import type { Xy } from './local-frame.ts'
import type { Layout } from './layout.ts'
import type { Block } from './streets.ts'
import type { DivisionPlan } from './divisions.ts'
import type { DemoFacility } from './demo-types.ts'
import { communityOfBlock } from './compounds.ts'
import { dayCareNames, homeCareNames, institutionNames } from './names.ts'

/** A facility placed in local metres; its point becomes WGS84 when the district is assembled. */
export type FacilitySite = Omit<DemoFacility, 'geom'> & { at: Xy }

/**
 * Which communities get what, by index in the community list. Chosen so
 * that some communities meet the community-service standard (≥ 40 m² per 100
 * households and ≥ 600 m²) and others clearly fail it, one has no service
 * centre at all, and home care is thin east of the expressway.
 */
const provision = {
  serviceMeets: new Set([0, 1, 4, 5, 8, 10]),
  serviceMissing: new Set([12]),
  homeCare: [0, 1, 2, 4, 5, 6, 8, 10, 0, 4, 8],
  dayCare: [1, 3, 5, 8, 10],
  institutions: [2, 6, 9, 11],
}

type Side = 'south' | 'north' | 'west' | 'east'

const maxBuildingAreaM2 = 1200
const ordinals = ['', '第二', '第三', '第四']

// Floor area beyond one building (1,200 m²) goes to branch stations (社区服务站);
// the centre is the largest part, and the parts add up to `totalM2`.
function splitServiceArea(community: string, totalM2: number, prng: Prng): [string, number][] {
  const n = Math.ceil(totalM2 / maxBuildingAreaM2)
  if (n === 1) return [[`${community}党群服务中心`, totalM2]]
  const centre = Math.min(maxBuildingAreaM2, Math.round((totalM2 / n) * prng.between(1, 1.1) / 10) * 10)
  const branch = Math.round((totalM2 - centre) / (n - 1) / 10) * 10
  const parts: [string, number][] = [[`${community}党群服务中心`, centre]]
  for (let k = 0; k < n - 1; k++) {
    const area = k === n - 2 ? totalM2 - centre - branch * (n - 2) : branch
    parts.push([`${community}${ordinals[k]}服务站`, area])
  }
  return parts
}

/**
 * Places community service centres (with branch stations where one
 * building would exceed 1,200 m²), home-care stations, day-care centres and
 * elderly-care institutions in the communities' blocks, each 7 m from a
 * walkable street so its entrance is on the network, and off the middle of
 * the block where a footpath may cross it.
 */
export function planFacilities(
  layout: Layout,
  communities: DivisionPlan[],
  households: Map<string, number>,
  blocks: Block[],
  freeBlocks: Block[],
  prng: Prng,
): FacilitySite[] {
  const free = new Set(freeBlocks)
  const slots = new Map<string, { block: Block; side: Side }[]>()
  for (const block of blocks) {
    const code = communityOfBlock(layout, communities, block).code
    const sides = (['south', 'north', 'west', 'east'] as Side[]).filter((s) => block[s] === 'arterial' || block[s] === 'local')
    const list = slots.get(code) ?? []
    for (const side of sides) list.push({ block, side })
    slots.set(code, list)
  }
  for (const [code, list] of slots) {
    const shuffled = prng.shuffle(list)
    shuffled.sort((a, b) => Number(free.has(b.block)) - Number(free.has(a.block)))
    slots.set(code, shuffled)
  }
  const take = (community: DivisionPlan) => {
    const list = slots.get(community.code)!
    const slot = list.shift()
    if (!slot) throw new Error(`no room left for a facility in ${community.name}`)
    const { block: b, side } = slot
    const t = prng.chance(0.5) ? prng.between(0.25, 0.4) : prng.between(0.6, 0.75)
    const along = (a: number, z: number) => Math.round(a + (z - a) * t)
    const at: Xy =
      side === 'south' ? [along(b.x0, b.x1), b.y0 + 7] : side === 'north' ? [along(b.x0, b.x1), b.y1 - 7] : side === 'west' ? [b.x0 + 7, along(b.y0, b.y1)] : [b.x1 - 7, along(b.y0, b.y1)]
    const street = b.streetNames[side] || community.name
    return { at, address: `${street}${prng.int(1, 399)}号` }
  }

  const sites: FacilitySite[] = []
  const year = () => prng.int(2005, 2025)
  communities.forEach((c, i) => {
    if (provision.serviceMissing.has(i)) return
    const h = households.get(c.code)!
    const meets = provision.serviceMeets.has(i)
    const total = Math.round((meets ? Math.max(650, h * prng.between(0.42, 0.52)) : Math.max(300, h * prng.between(0.1, 0.24))) / 10) * 10
    for (const [name, floorAreaM2] of splitServiceArea(c.name, total, prng)) {
      sites.push({ name, kind: 'community_service', communityCode: c.code, floorAreaM2, beds: 0, nursingBeds: 0, openingYear: year(), ...take(c) })
    }
  })
  provision.homeCare.forEach((ci, n) => {
    const c = communities[ci]!
    sites.push({
      name: `${homeCareNames[n]!}居家养老服务站`,
      kind: 'home_care',
      communityCode: c.code,
      floorAreaM2: Math.round(prng.between(90, 400) / 5) * 5,
      beds: 0,
      nursingBeds: 0,
      openingYear: year(),
      ...take(c),
    })
  })
  provision.dayCare.forEach((ci, n) => {
    const c = communities[ci]!
    sites.push({
      name: `${dayCareNames[n]!}日间照料中心`,
      kind: 'day_care',
      communityCode: c.code,
      floorAreaM2: Math.round(prng.between(320, 880) / 10) * 10,
      beds: prng.pick([0, 0, 8, 12, 16]),
      nursingBeds: 0,
      openingYear: year(),
      ...take(c),
    })
  })
  provision.institutions.forEach((ci, n) => {
    const c = communities[ci]!
    const beds = prng.int(6, 28) * 10
    sites.push({
      name: institutionNames[n]!,
      kind: 'elderly_institution',
      communityCode: c.code,
      floorAreaM2: Math.round(Math.min(6000, Math.max(1500, beds * prng.between(20, 26))) / 10) * 10,
      beds,
      nursingBeds: Math.round(beds * prng.between(0.42, 0.74)),
      openingYear: year(),
      ...take(c),
    })
  })
  return sites
}
