import { describe, expect, it } from 'vitest'
import type { FacilityChange } from '../../../client/api/scenarios.ts'
import {
  addFacility,
  applyChanges,
  describeChanges,
  moveFacility,
  removeFacility,
  sameChanges,
  undoChange,
  type BaseFacility,
} from '../../../client/state/facility-changes.ts'

const BASE: BaseFacility[] = [
  { id: 20, name: '康乐站', position: [123.39, 41.70] },
  { id: 21, name: '福寿站', position: [123.40, 41.71] },
]

describe('what-if change lists', () => {
  it('number added facilities -1, -2, … and apply changes in order, as the server does', () => {
    let changes: FacilityChange[] = []
    changes = addFacility(changes, [123.42, 41.72])
    changes = addFacility(changes, [123.43, 41.73], '新站')
    changes = moveFacility(changes, 20, [123.391, 41.701])
    changes = removeFacility(changes, 21)
    expect(changes).toEqual([
      { op: 'add', lng: 123.42, lat: 41.72 },
      { op: 'add', lng: 123.43, lat: 41.73, name: '新站' },
      { op: 'move', facilityId: 20, lng: 123.391, lat: 41.701 },
      { op: 'remove', facilityId: 21 },
    ])
    const facilities = applyChanges(BASE, changes)
    expect(facilities.map((f) => [f.id, f.status])).toEqual([
      [20, 'moved'],
      [21, 'removed'],
      [-1, 'added'],
      [-2, 'added'],
    ])
    expect(facilities[0]).toMatchObject({ position: [123.391, 41.701], origin: [123.39, 41.70] })
    expect(facilities[3]).toMatchObject({ name: '新站', ordinal: 2 })
    expect(facilities[2]).toMatchObject({ name: null, ordinal: 1 })
  })

  it('keep the list short: moving again replaces the earlier move, moving an added facility moves its add', () => {
    let changes = addFacility([], [1, 1])
    changes = moveFacility(changes, 20, [2, 2])
    changes = moveFacility(changes, 20, [3, 3])
    changes = moveFacility(changes, -1, [4, 4])
    expect(changes).toEqual([
      { op: 'add', lng: 4, lat: 4 },
      { op: 'move', facilityId: 20, lng: 3, lat: 3 },
    ])
  })

  it('move the last placement of an added facility that a saved scenario moved by id', () => {
    const saved: FacilityChange[] = [{ op: 'add', lng: 1, lat: 1 }, { op: 'move', facilityId: -1, lng: 2, lat: 2 }]
    expect(moveFacility(saved, -1, [5, 5])).toEqual([{ op: 'add', lng: 1, lat: 1 }, { op: 'move', facilityId: -1, lng: 5, lat: 5 }])
  })

  it('remove an added facility by dropping its add, and a moved one by replacing its move', () => {
    const changes = moveFacility(addFacility([], [1, 1]), 20, [2, 2])
    expect(removeFacility(changes, -1)).toEqual([{ op: 'move', facilityId: 20, lng: 2, lat: 2 }])
    expect(removeFacility(changes, 20)).toEqual([{ op: 'add', lng: 1, lat: 1 }, { op: 'remove', facilityId: 20 }])
  })

  it('undo an add together with the later changes to it, renumbering the facilities added after it', () => {
    const changes: FacilityChange[] = [
      { op: 'add', lng: 1, lat: 1 },
      { op: 'add', lng: 2, lat: 2 },
      { op: 'move', facilityId: -1, lng: 3, lat: 3 },
      { op: 'add', lng: 4, lat: 4 },
      { op: 'remove', facilityId: -3 },
      { op: 'remove', facilityId: 20 },
    ]
    expect(undoChange(changes, 1)).toEqual([
      { op: 'add', lng: 1, lat: 1 },
      { op: 'move', facilityId: -1, lng: 3, lat: 3 },
      { op: 'add', lng: 4, lat: 4 },
      { op: 'remove', facilityId: -2 },
      { op: 'remove', facilityId: 20 },
    ])
    expect(undoChange(changes, 0)).toEqual([
      { op: 'add', lng: 2, lat: 2 },
      { op: 'add', lng: 4, lat: 4 },
      { op: 'remove', facilityId: -2 },
      { op: 'remove', facilityId: 20 },
    ])
    expect(undoChange(changes, 5)).toEqual(changes.slice(0, 5))
    expect(undoChange(changes, 9)).toEqual(changes)
  })

  it('name each change by the facility it concerns, at the time it was made', () => {
    const changes: FacilityChange[] = [
      { op: 'remove', facilityId: 21 },
      { op: 'add', lng: 1, lat: 1 },
      { op: 'move', facilityId: -1, lng: 2, lat: 2 },
      { op: 'remove', facilityId: 99 },
    ]
    expect(describeChanges(BASE, changes).map(({ facilityId, name, ordinal }) => ({ facilityId, name, ordinal }))).toEqual([
      { facilityId: 21, name: '福寿站', ordinal: 0 },
      { facilityId: -1, name: null, ordinal: 1 },
      { facilityId: -1, name: null, ordinal: 1 },
      { facilityId: 99, name: null, ordinal: 0 },
    ])
  })

  it('compare lists change by change', () => {
    const changes = addFacility([], [1, 1])
    expect(sameChanges(changes, [{ op: 'add', lng: 1, lat: 1 }])).toBe(true)
    expect(sameChanges(changes, [{ op: 'add', lng: 1, lat: 1, name: 'x' }])).toBe(false)
    expect(sameChanges(changes, moveFacility(changes, -1, [1, 2]))).toBe(false)
    expect(sameChanges([], [])).toBe(true)
  })
})
