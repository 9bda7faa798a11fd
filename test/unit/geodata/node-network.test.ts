import { describe, expect, it } from 'vitest'
import { nodeStreetLines, type StreetLine } from '../../../geodata/node-network.ts'
import type { Xy } from '../../../geodata/local-frame.ts'

const street = (points: Xy[], name = ''): StreetLine => ({ points, name, highway: 'residential', bridge: false, tunnel: false })
const ends = (e: { points: Xy[] }) => [e.points[0]!, e.points[e.points.length - 1]!]

describe('nodeStreetLines', () => {
  it('splits two crossing streets into four edges around one shared node', () => {
    const edges = nodeStreetLines([[street([[0, 50], [100, 50]], 'a'), street([[50, 0], [50, 100]], 'b')]])
    expect(edges).toHaveLength(4)
    const centre = edges.filter((e) => ends(e).some(([x, y]) => x === 50 && y === 50))
    expect(centre).toHaveLength(4)
    const ids = new Set(centre.map((e) => (e.points[0]![0] === 50 && e.points[0]![1] === 50 ? e.sourceNode : e.targetNode)))
    expect(ids.size).toBe(1)
    expect(edges.filter((e) => e.line.name === 'a')).toHaveLength(2)
  })

  it('joins a street that ends on another (a T junction) and keeps inner vertices of bent streets', () => {
    const edges = nodeStreetLines([[street([[0, 0], [100, 0]]), street([[40, 0], [40, 30], [70, 60]])]])
    expect(edges).toHaveLength(3)
    const branch = edges.find((e) => e.points.length === 3)!
    expect(branch.points).toEqual([[40, 0], [40, 30], [70, 60]])
    const junction = branch.sourceNode
    expect(edges.filter((e) => e.sourceNode === junction || e.targetNode === junction)).toHaveLength(3)
  })

  it('never joins lines of different groups, even where they cross', () => {
    const edges = nodeStreetLines([[street([[0, 50], [100, 50]])], [street([[50, 0], [50, 100]])]])
    expect(edges).toHaveLength(2)
    expect(new Set(edges.flatMap((e) => [e.sourceNode, e.targetNode])).size).toBe(4)
  })

  it('leaves apart streets that stop short of each other', () => {
    const edges = nodeStreetLines([[street([[0, 0], [100, 0]]), street([[50, 5], [50, 100]])]])
    expect(edges).toHaveLength(2)
  })
})
