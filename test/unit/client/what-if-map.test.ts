import { describe, expect, it } from 'vitest'
import type { CoverageFacility } from '../../../client/api/coverage.ts'
import { snapFeatures } from '../../../client/map/snap-features.ts'
import { whatIfFeatures } from '../../../client/map/what-if-features.ts'
import { applyChanges } from '../../../client/state/facility-changes.ts'

function facility(id: number, status: CoverageFacility['status'], position: [number, number], snapDistanceM: number): CoverageFacility {
  return { id, name: `站 ${id}`, status, position, snapped: true, lng: position[0] + 0.0001, lat: position[1], snapDistanceM, problem: null }
}

describe('what-if map features', () => {
  it('mark added and moved facilities, the old spot of a moved one, and removed ones; label only the changed', () => {
    const facilities = applyChanges(
      [
        { id: 1, name: '甲', position: [0, 0] },
        { id: 2, name: '乙', position: [1, 1] },
        { id: 3, name: '丙', position: [2, 2] },
      ],
      [
        { op: 'move', facilityId: 1, lng: 0.5, lat: 0.5 },
        { op: 'remove', facilityId: 2 },
        { op: 'add', lng: 3, lat: 3 },
      ],
    )
    const collection = whatIfFeatures(facilities, -1, (f) => f.name ?? `新增 ${f.ordinal}`)
    const summary = collection.features.map((f) => [f.geometry.type, f.properties.facilityId, f.properties.mark, f.properties.label, f.properties.picked])
    expect(summary).toEqual([
      ['LineString', 1, 'origin', '', false],
      ['Point', 1, 'origin', '', false],
      ['Point', 1, 'moved', '甲', false],
      ['Point', 2, 'removed', '', false],
      ['Point', 3, 'unchanged', '', false],
      ['Point', -1, 'added', '新增 1', true],
    ])
    expect(collection.features[0]!.geometry).toEqual({ type: 'LineString', coordinates: [[0, 0], [0.5, 0.5]] })
  })

  it('draw snapped points from where each facility stands, leaving out removed ones', () => {
    const snaps = snapFeatures([facility(1, 'unchanged', [0, 0], 7), facility(-1, 'added', [3, 3], 0), facility(2, 'removed', [1, 1], 5)])
    expect(snaps.features.map((f) => [f.geometry.type, f.properties.facilityId])).toEqual([
      ['Point', 1],
      ['LineString', 1],
      ['Point', -1],
    ])
    expect(snaps.features[1]!.geometry).toEqual({ type: 'LineString', coordinates: [[0, 0], [0.0001, 0]] })
  })
})

