import { describe, expect, it } from 'vitest'
import { IdList, intersectRarest, lowerBound, smallestSorted } from '../../../server/gazetteer/sorted-ids.ts'

const ids = (values: number[]): Int32Array => Int32Array.from(values)

describe('IdList', () => {
  it('keeps pushed ids in order, grows, and removes an id only when present', () => {
    const list = new IdList()
    for (let id = 0; id < 100; id += 2) list.push(id)
    expect(list.length).toBe(50)
    expect(list.remove(5)).toBe(false)
    expect(list.remove(40)).toBe(true)
    expect(list.remove(40)).toBe(false)
    expect(Array.from(list.view()).slice(18, 22)).toEqual([36, 38, 42, 44])
    expect(list.length).toBe(49)
  })
})

describe('sorted id lists', () => {
  it('finds the first position not below a value', () => {
    expect(lowerBound([1, 3, 3, 7], 3, 0, 4)).toBe(1)
    expect(lowerBound([1, 3, 3, 7], 4, 0, 4)).toBe(3)
    expect(lowerBound([1, 3, 3, 7], 9, 0, 4)).toBe(4)
  })

  it('intersects every list while more than enough values are left', () => {
    const evens = ids(Array.from({ length: 500 }, (_, i) => i * 2))
    const threes = ids(Array.from({ length: 400 }, (_, i) => i * 3))
    const fives = ids(Array.from({ length: 200 }, (_, i) => i * 5))
    expect(Array.from(intersectRarest([evens, threes, fives], 0))).toEqual(Array.from({ length: 34 }, (_, i) => i * 30))
    expect(intersectRarest([evens, fives], 1000)).toBe(fives)
    expect(intersectRarest([fives, fives.subarray(0)], 0)).toBe(fives)
    expect(Array.from(intersectRarest([], 0))).toEqual([])
    expect(Array.from(intersectRarest([ids([1, 5, 9]), ids([0, 2, 4, 6, 8, 10])], 0))).toEqual([])
  })

  it('returns the smallest keys in order, by heap or by sort', () => {
    const keys = Float64Array.from({ length: 1000 }, (_, i) => (i * 7919) % 1000)
    expect(Array.from(smallestSorted(keys.slice(), 5))).toEqual([0, 1, 2, 3, 4])
    expect(Array.from(smallestSorted(keys.slice(), 900))).toEqual(Array.from({ length: 900 }, (_, i) => i))
  })
})
