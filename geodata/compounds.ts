import type { Prng } from './prng.ts'
import type { Xy } from './local-frame.ts'
import type { Layout } from './layout.ts'
import type { Block, SideKind } from './streets.ts'
import type { StreetLine } from './node-network.ts'
import { containsPoint, type DivisionPlan } from './divisions.ts'

type Side = 'south' | 'north' | 'west' | 'east'

/** A compound in local metres, before names and households are attached. */
export interface CompoundSite {
  communityCode: string
  ring: Xy[]
  gates: Xy[]
  areaM2: number
}

/** Set-back of compound fences from the centre line of the street beside them. */
const setbackM: Record<SideKind | 'path', number> = { arterial: 16, local: 11, expressway: 45, river: 20, path: 6 }
const walkable = (kind: SideKind | 'path') => kind === 'arterial' || kind === 'local' || kind === 'path'

export interface CompoundPlan {
  sites: CompoundSite[]
  /** Footpaths between split compounds and short paths from gates to streets. */
  paths: StreetLine[]
  /** Blocks holding no compound: room for facilities, schools and parks. */
  freeBlocks: Block[]
}

/** The community a block belongs to, by its centre. */
export function communityOfBlock(layout: Layout, communities: DivisionPlan[], b: Block): DivisionPlan {
  const centre: Xy = [(b.x0 + b.x1) / 2, (b.y0 + b.y1) / 2]
  const found = communities.find((c) => containsPoint(layout, c, centre))
  if (!found) throw new Error(`block at ${centre.join(',')} lies in no community`)
  return found
}

function ringArea(ring: Xy[]): number {
  let sum = 0
  for (let i = 0; i + 1 < ring.length; i++) sum += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1]
  return Math.abs(sum) / 2
}

interface Rect {
  x0: number
  x1: number
  y0: number
  y1: number
  kinds: Record<Side, SideKind | 'path'>
  /** The street (or path) centre line beside each side. */
  lines: Record<Side, number>
}

// Compounds per community, shuffled over the communities: 66 in all, so 50–80 for any seed.
const compoundsPerCommunity = [3, 3, 4, 4, 5, 5, 5, 5, 6, 6, 6, 7, 7]

/**
 * Places three to seven gated compounds in each community's blocks (long
 * blocks hold two, with a footpath between them), and puts one to three
 * gates on sides that face a walkable street, each joined to the street by
 * a short path.
 */
export function planCompounds(layout: Layout, communities: DivisionPlan[], blocks: Block[], prng: Prng): CompoundPlan {
  const byCommunity = new Map<string, Block[]>()
  for (const b of blocks) {
    const code = communityOfBlock(layout, communities, b).code
    byCommunity.set(code, [...(byCommunity.get(code) ?? []), b])
  }
  const targets = prng.shuffle(communities.map((_, i) => compoundsPerCommunity[i % compoundsPerCommunity.length]!))
  const sites: CompoundSite[] = []
  const paths: StreetLine[] = []
  const freeBlocks: Block[] = []
  communities.forEach((community, ci) => {
    const target = targets[ci]!
    let placed = 0
    for (const b of prng.shuffle(byCommunity.get(community.code) ?? [])) {
      const usable = b.x1 - b.x0 > 100 && b.y1 - b.y0 > 100
      if (placed >= target || !usable) {
        freeBlocks.push(b)
        continue
      }
      const base: Rect = {
        x0: b.x0, x1: b.x1, y0: b.y0, y1: b.y1,
        kinds: { south: b.south, north: b.north, west: b.west, east: b.east },
        lines: { south: b.y0, north: b.y1, west: b.x0, east: b.x1 },
      }
      const rects = target - placed >= 2 ? splitLongBlock(base, prng, paths) : [base]
      for (const r of rects) sites.push(placeCompound(r, community.code, prng, paths))
      placed += rects.length
    }
    if (placed === 0) throw new Error(`no block can hold a compound in ${community.name}`)
  })
  return { sites, paths, freeBlocks }
}

function splitLongBlock(r: Rect, prng: Prng, paths: StreetLine[]): Rect[] {
  const w = r.x1 - r.x0
  const h = r.y1 - r.y0
  if (Math.max(w, h) < 250 || !prng.chance(0.6)) return [r]
  const end = (side: Side) => (walkable(r.kinds[side]) ? 0 : 25)
  if (w >= h) {
    const m = Math.round(r.x0 + w * prng.between(0.4, 0.6))
    paths.push({ points: [[m, r.y0 + end('south')], [m, r.y1 - end('north')]], name: '', highway: 'footway', bridge: false, tunnel: false })
    return [
      { ...r, x1: m, kinds: { ...r.kinds, east: 'path' }, lines: { ...r.lines, east: m } },
      { ...r, x0: m, kinds: { ...r.kinds, west: 'path' }, lines: { ...r.lines, west: m } },
    ]
  }
  const m = Math.round(r.y0 + h * prng.between(0.4, 0.6))
  paths.push({ points: [[r.x0 + end('west'), m], [r.x1 - end('east'), m]], name: '', highway: 'footway', bridge: false, tunnel: false })
  return [
    { ...r, y1: m, kinds: { ...r.kinds, north: 'path' }, lines: { ...r.lines, north: m } },
    { ...r, y0: m, kinds: { ...r.kinds, south: 'path' }, lines: { ...r.lines, south: m } },
  ]
}

function placeCompound(r: Rect, communityCode: string, prng: Prng, paths: StreetLine[]): CompoundSite {
  const inset = (side: Side) => setbackM[r.kinds[side]] + prng.between(0, 5)
  const x0 = Math.round(r.x0 + inset('west'))
  const x1 = Math.round(r.x1 - inset('east'))
  const y0 = Math.round(r.y0 + inset('south'))
  const y1 = Math.round(r.y1 - inset('north'))
  const gateSides = prng.shuffle((['south', 'north', 'west', 'east'] as Side[]).filter((s) => walkable(r.kinds[s])))
  const gateCount = Math.min(gateSides.length, prng.pick([1, 2, 2, 3]))
  const used = new Set(gateSides.slice(0, Math.max(1, gateCount)))
  const cutCorner = prng.chance(0.3) ? prng.pick(['sw', 'se', 'nw', 'ne'] as const) : undefined
  const cut = { w: Math.round((x1 - x0) * 0.35), h: Math.round((y1 - y0) * 0.35) }
  // Gates sit in the middle stretch of a side, which a corner cut of 35 % never reaches.
  const ring: Xy[] = [
    ...(cutCorner === 'sw' ? ([[x0 + cut.w, y0], ] as Xy[]) : ([[x0, y0]] as Xy[])),
    ...(cutCorner === 'se' ? ([[x1 - cut.w, y0], [x1 - cut.w, y0 + cut.h], [x1, y0 + cut.h]] as Xy[]) : ([[x1, y0]] as Xy[])),
    ...(cutCorner === 'ne' ? ([[x1, y1 - cut.h], [x1 - cut.w, y1 - cut.h], [x1 - cut.w, y1]] as Xy[]) : ([[x1, y1]] as Xy[])),
    ...(cutCorner === 'nw' ? ([[x0 + cut.w, y1], [x0 + cut.w, y1 - cut.h], [x0, y1 - cut.h]] as Xy[]) : ([[x0, y1]] as Xy[])),
    ...(cutCorner === 'sw' ? ([[x0, y0 + cut.h], [x0 + cut.w, y0 + cut.h]] as Xy[]) : []),
  ]
  ring.push(ring[0]!)
  const gates: Xy[] = []
  for (const side of used) {
    const t = prng.between(0.4, 0.6)
    const along = (a: number, b: number) => Math.round(a + (b - a) * t)
    const gate: Xy =
      side === 'south' ? [along(x0, x1), y0] : side === 'north' ? [along(x0, x1), y1] : side === 'west' ? [x0, along(y0, y1)] : [x1, along(y0, y1)]
    const street: Xy =
      side === 'south' ? [gate[0], r.lines.south] : side === 'north' ? [gate[0], r.lines.north] : side === 'west' ? [r.lines.west, gate[1]] : [r.lines.east, gate[1]]
    gates.push(gate)
    paths.push({ points: [gate, street], name: '', highway: r.kinds[side] === 'path' ? 'footway' : 'service', bridge: false, tunnel: false })
  }
  return { communityCode, ring, gates, areaM2: ringArea(ring) }
}
