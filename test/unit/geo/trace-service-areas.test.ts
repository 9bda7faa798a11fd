import { describe, expect, it } from 'vitest'
import { area, booleanClockwise, booleanPointInPolygon, point } from '@turf/turf'
import type { MultiPolygon } from 'geojson'
import { buildWalkGraph, type WalkEdgeInput } from '../../../server/geo/walk-graph.ts'
import { LocalFrame } from '../../../server/geo/local-frame.ts'
import { traceServiceAreas, type ReachedStretch } from '../../../server/geo/trace-service-areas.ts'

const frame = new LocalFrame(123.4, 41.7)
const at = (x: number, y: number): [number, number] => frame.toLngLat(x, y)

let nextId = 1
function street(source: number, target: number, from: [number, number], to: [number, number]): WalkEdgeInput {
  return {
    id: nextId++,
    sourceNode: source,
    targetNode: target,
    lengthM: Math.hypot(to[0] - from[0], to[1] - from[1]),
    highway: 'residential',
    bridge: false,
    tunnel: false,
    coordinates: [at(...from), at(...to)],
  }
}

function trace(edges: WalkEdgeInput[], stretches: ReachedStretch[], bandCount: number, cellM = 5, bufferM = 50) {
  const graph = buildWalkGraph(edges)
  return traceServiceAreas(graph, frame.project(graph.coords), frame, stretches, { bandCount, bufferM, cellM })
}

const inside = (area: MultiPolygon | null, x: number, y: number) => area !== null && booleanPointInPolygon(point(at(x, y)), area)
const vertexCount = (area: MultiPolygon) => area.coordinates.flat().reduce((n, ring) => n + ring.length, 0)

describe('traceServiceAreas', () => {
  it('outlines a reached street with its buffer: a 200 m street and 50 m give a stadium of 27,854 m²', () => {
    const { bands } = trace([street(1, 2, [0, 0], [200, 0])], [{ edge: 0, band: 0, from: 0, to: 1 }], 1)
    const stadium = bands[0]!
    expect(area(stadium)).toBeGreaterThan(27_854 * 0.99)
    expect(area(stadium)).toBeLessThan(27_854 * 1.01)
    expect(inside(stadium, 100, 48)).toBe(true)
    expect(inside(stadium, 100, 52)).toBe(false)
    expect(inside(stadium, -48, 0)).toBe(true)
    expect(inside(stadium, 252, 0)).toBe(false)
  })

  it('draws only the reached part of an edge', () => {
    const { bands } = trace([street(1, 2, [0, 0], [400, 0])], [{ edge: 0, band: 0, from: 0, to: 0.25 }], 1)
    expect(inside(bands[0]!, 140, 0)).toBe(true)
    expect(inside(bands[0]!, 160, 0)).toBe(false)
  })

  it('keeps the hole inside a block larger than twice the buffer, with exteriors counter-clockwise and holes clockwise', () => {
    const corners: [number, number][] = [[0, 0], [400, 0], [400, 400], [0, 400]]
    const edges = corners.map((c, i) => street(i + 1, ((i + 1) % 4) + 1, c, corners[(i + 1) % 4]!))
    const { bands } = trace(edges, edges.map((_, edge) => ({ edge, band: 0, from: 0, to: 1 })), 1)
    const block = bands[0]!
    expect(inside(block, 200, 200)).toBe(false)
    expect(inside(block, 200, 40)).toBe(true)
    expect(block.coordinates).toHaveLength(1)
    const [exterior, hole] = block.coordinates[0]!
    expect(hole).toBeDefined()
    expect(booleanClockwise(exterior!)).toBe(false)
    expect(booleanClockwise(hole!)).toBe(true)
  })

  it('does not reach a street across a river the network does not cross', () => {
    // Two banks 120 m apart with no bridge here; only the south bank is reached.
    const edges = [street(1, 2, [0, 0], [300, 0]), street(3, 4, [0, 120], [300, 120])]
    const { bands } = trace(edges, [{ edge: 0, band: 0, from: 0, to: 1 }], 1)
    expect(inside(bands[0]!, 150, 45)).toBe(true)
    expect(inside(bands[0]!, 150, 120)).toBe(false)
    expect(inside(bands[0]!, 150, 70)).toBe(false)
  })

  it('nests the bands at every cell size, and a coarser cell gives fewer vertices', () => {
    const edges = [street(1, 2, [0, 0], [300, 0]), street(2, 3, [300, 0], [300, 300]), street(2, 4, [300, 0], [520, 90])]
    const stretches: ReachedStretch[] = [
      { edge: 0, band: 0, from: 0.5, to: 1 },
      { edge: 1, band: 0, from: 0, to: 0.2 },
      { edge: 0, band: 1, from: 0.1, to: 1 },
      { edge: 1, band: 1, from: 0, to: 0.7 },
      { edge: 2, band: 1, from: 0, to: 0.5 },
      { edge: 0, band: 2, from: 0, to: 1 },
      { edge: 1, band: 2, from: 0, to: 1 },
      { edge: 2, band: 2, from: 0, to: 1 },
    ]
    const fine = trace(edges, stretches, 3, 4)
    const coarse = trace(edges, stretches, 3, 20)
    for (const { bands } of [fine, coarse]) {
      for (let x = -80; x <= 620; x += 7) {
        for (let y = -80; y <= 400; y += 7) {
          if (inside(bands[0]!, x, y)) expect(inside(bands[1]!, x, y), `(${x}, ${y}) in band 0 but not band 1`).toBe(true)
          if (inside(bands[1]!, x, y)) expect(inside(bands[2]!, x, y), `(${x}, ${y}) in band 1 but not band 2`).toBe(true)
        }
      }
      expect(area(bands[0]!)).toBeLessThan(area(bands[1]!))
    }
    expect(vertexCount(coarse.bands[2]!)).toBeLessThan(vertexCount(fine.bands[2]!) / 2)
  })

  it('gives no outline to a band with nothing reached, and none at all without stretches', () => {
    expect(trace([street(1, 2, [0, 0], [100, 0])], [], 2).bands).toEqual([null, null])
    const { bands } = trace([street(1, 2, [0, 0], [100, 0])], [{ edge: 0, band: 1, from: 0, to: 1 }], 2)
    expect(bands[0]).toBeNull()
    expect(bands[1]).not.toBeNull()
  })

  it('coarsens the grid rather than exceed its cell limit', () => {
    const graph = buildWalkGraph([street(1, 2, [0, 0], [5000, 0])])
    const traced = traceServiceAreas(graph, frame.project(graph.coords), frame, [{ edge: 0, band: 0, from: 0, to: 1 }], {
      bandCount: 1,
      bufferM: 50,
      cellM: 1,
      maxCells: 100_000,
    })
    expect(traced.cellM).toBeGreaterThan(1)
    expect(inside(traced.bands[0]!, 2500, 30)).toBe(true)
  })
})
