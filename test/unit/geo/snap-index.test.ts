import { describe, expect, it } from 'vitest'
import { generateGridNetwork } from '../../../geodata/generate-grid-network.ts'
import { Prng } from '../../../geodata/prng.ts'
import { buildWalkGraph } from '../../../server/geo/walk-graph.ts'
import { SnapIndex } from '../../../server/geo/snap-index.ts'

/** The nearest allowed edge by looking at every edge. */
function bruteForceDistance(index: SnapIndex, graph: ReturnType<typeof buildWalkGraph>, px: number, py: number): number {
  let best = Infinity
  for (let e = 0; e < graph.edgeCount; e++) {
    if (graph.edgeFlags[e]! & 1) continue
    for (let k = graph.coordStart[e]! + 2; k < graph.coordStart[e + 1]!; k += 2) {
      const ax = index.local[k - 2]!
      const ay = index.local[k - 1]!
      const dx = index.local[k]! - ax
      const dy = index.local[k + 1]! - ay
      const len2 = dx * dx + dy * dy
      const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2))
      best = Math.min(best, Math.hypot(px - ax - t * dx, py - ay - t * dy))
    }
  }
  return best
}

describe('SnapIndex against a brute-force search', () => {
  const edges = generateGridNetwork(25, 80, 7)
  edges.forEach((e, i) => {
    if (i % 13 === 0) e.tunnel = true
    if (i % 17 === 0) e.coordinates.splice(1, 0, [(e.coordinates[0]![0] + e.coordinates[1]![0]) / 2 + 0.0002, (e.coordinates[0]![1] + e.coordinates[1]![1]) / 2])
  })
  const graph = buildWalkGraph(edges)

  for (const cellM of [10, 50, 400]) {
    it(`finds the nearest edge or refuses exactly as looking at every edge would (cells of ${cellM} m)`, () => {
      const index = new SnapIndex(graph, cellM)
      const prng = new Prng(cellM)
      for (let k = 0; k < 400; k++) {
        // Points over the grid and up to 500 m beyond it.
        const x = prng.between(-500, 25 * 80 + 500)
        const y = prng.between(-500, 25 * 80 + 500)
        const lngLat = index.frame.toLngLat(x, y)
        const [px, py] = index.frame.toLocal(...lngLat)
        const expected = bruteForceDistance(index, graph, px, py)
        const snapped = index.snap(lngLat, 300)
        if (expected <= 300) {
          expect(snapped.ok, `point ${k} at (${x.toFixed(1)}, ${y.toFixed(1)})`).toBe(true)
          if (snapped.ok) {
            expect(snapped.distanceM).toBeCloseTo(expected, 9)
            expect(graph.edgeFlags[snapped.position.edge]! & 1).toBe(0)
          }
        } else {
          expect(snapped.ok, `point ${k} is ${expected.toFixed(1)} m away`).toBe(false)
        }
      }
    })
  }

  it('refuses coordinates or distances that are not finite instead of searching forever', () => {
    const index = new SnapIndex(graph, 50)
    const inside = index.frame.toLngLat(100, 100)
    expect(() => index.snap([Infinity, inside[1]], 300)).toThrow(/must be finite numbers/)
    expect(() => index.snap([inside[0], Number.NaN], 300)).toThrow(RangeError)
    expect(() => index.snap(inside, Infinity)).toThrow(RangeError)
    expect(index.snap(inside, 300).ok).toBe(true)
    expect(() => index.snap(inside, Number.NaN)).toThrow(RangeError)
  })
})
