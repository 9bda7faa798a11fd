import type { WalkEdgeInput } from '../server/geo/walk-graph.ts'
import { Prng } from './prng.ts'

/**
 * A synthetic street grid of `side` × `side` nodes spaced `spacingM` apart
 * (about 2·side² edges), for benchmarks at any size. A seeded share of the
 * edges are footways and some blocks lose a street, so searches meet a
 * realistic mix of degrees.
 */
export function generateGridNetwork(side: number, spacingM = 80, seed = 1): WalkEdgeInput[] {
  const prng = new Prng(seed)
  const metresPerDegreeLat = 110_574
  const lat0 = 41.7
  const lng0 = 123.4
  const metresPerDegreeLng = 111_320 * Math.cos((lat0 * Math.PI) / 180)
  const point = (i: number, j: number): [number, number] => [lng0 + (i * spacingM) / metresPerDegreeLng, lat0 + (j * spacingM) / metresPerDegreeLat]
  const node = (i: number, j: number) => j * side + i + 1
  const edges: WalkEdgeInput[] = []
  for (let j = 0; j < side; j++) {
    for (let i = 0; i < side; i++) {
      for (const [di, dj] of [[1, 0], [0, 1]] as const) {
        if (i + di >= side || j + dj >= side || prng.chance(0.04)) continue
        edges.push({
          id: edges.length + 1,
          sourceNode: node(i, j),
          targetNode: node(i + di, j + dj),
          lengthM: spacingM * prng.between(1, 1.15),
          highway: prng.chance(0.2) ? 'footway' : 'residential',
          bridge: false,
          tunnel: false,
          coordinates: [point(i, j), point(i + di, j + dj)],
        })
      }
    }
  }
  return edges
}
