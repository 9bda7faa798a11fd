import { PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { findUnusableValue } from '../../../server/plugins/input-values.ts'

describe('findUnusableValue', () => {
  it('passes ordinary values', () => {
    expect(findUnusableValue({ kind: 'home_care', changes: [{ op: 'add', lng: 123.4, lat: 41.7 }], name: '新站 <b>' })).toBeNull()
    expect(findUnusableValue(undefined)).toBeNull()
  })

  it('leaves raw bodies alone: bytes are not values', () => {
    expect(findUnusableValue(Buffer.from([0, 0x89, 0x50]))).toBeNull()
  })

  it('names the first non-finite number by its path', () => {
    expect(findUnusableValue({ kind: 'x', changes: [{ op: 'add', lng: 123.4 }, { op: 'add', lng: Infinity }] })).toBe('changes[1].lng: must be a finite number')
    expect(findUnusableValue({ lat: -Infinity })).toBe('lat: must be a finite number')
    expect(findUnusableValue({ rules: [{ threshold: Number.NaN }] })).toBe('rules[0].threshold: must be a finite number')
  })

  it('names text and keys with the NUL character', () => {
    expect(findUnusableValue({ name: 'a\u0000b' })).toBe('name: must not contain the NUL character (U+0000)')
    expect(findUnusableValue({ nested: { ['k\u0000']: 1 } })).toBe('nested: a key must not contain the NUL character (U+0000)')
  })

  it('walks deep values without recursion', () => {
    let deep: unknown = [Infinity]
    for (let i = 0; i < 100_000; i++) deep = [deep]
    expect(findUnusableValue({ coordinates: deep })).toMatch(/^coordinates(\[0\]){100000}\[0\]: must be a finite number$/)
  })

  it('leaves a streamed body alone: a stream that links back to itself is not walked', () => {
    const body = new PassThrough() as PassThrough & { self?: unknown; bad?: number }
    body.self = body
    body.bad = Number.NaN
    expect(findUnusableValue(body)).toBeNull()
    expect(findUnusableValue(Buffer.from([0, 1, 2]))).toBeNull()
  })
})
