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

/**
 * Places community service centres, home-care stations, day-care centres
 * and elderly-care institutions in the communities' blocks, each 7 m from a
 * walkable street so its entrance is on the network.
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
    const t = prng.between(0.3, 0.7)
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
    const area = provision.serviceMeets.has(i) ? Math.max(650, h * prng.between(0.44, 0.58)) : h * prng.between(0.12, 0.26)
    sites.push({
      name: `${c.name}党群服务中心`,
      kind: 'community_service',
      communityCode: c.code,
      floorAreaM2: Math.round(area / 10) * 10,
      beds: 0,
      nursingBeds: 0,
      openingYear: year(),
      ...take(c),
    })
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
      floorAreaM2: Math.round((beds * prng.between(18, 24)) / 10) * 10,
      beds,
      nursingBeds: Math.round(beds * prng.between(0.42, 0.74)),
      openingYear: year(),
      ...take(c),
    })
  })
  return sites
}
