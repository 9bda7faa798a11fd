import type { Prng } from './prng.ts'
import type { Block, SideKind } from './streets.ts'
import type { StreetLine } from './node-network.ts'

const walkable = (kind: SideKind) => kind === 'arterial' || kind === 'local'
const footway = (points: StreetLine['points']): StreetLine => ({ points, name: '', highway: 'footway', bridge: false, tunnel: false })

/**
 * Footpaths across blocks that hold no compound (parks, schools, shops):
 * straight paths from street to street, so that they join the network at
 * both ends. Only sides along walkable streets are joined; a block beside
 * the river or the expressway gets a path only in the other direction.
 */
export function planBlockPaths(freeBlocks: Block[], prng: Prng): StreetLine[] {
  const paths: StreetLine[] = []
  for (const b of freeBlocks) {
    const w = b.x1 - b.x0
    const h = b.y1 - b.y0
    if (w > 110 && h > 60 && walkable(b.south) && walkable(b.north) && prng.chance(0.85)) {
      const x = Math.round(b.x0 + w * prng.between(0.45, 0.55))
      paths.push(footway([[x, b.y0], [x, b.y1]]))
    }
    if (h > 110 && w > 60 && walkable(b.west) && walkable(b.east) && prng.chance(0.6)) {
      const y = Math.round(b.y0 + h * prng.between(0.45, 0.55))
      paths.push(footway([[b.x0, y], [b.x1, y]]))
    }
  }
  return paths
}
