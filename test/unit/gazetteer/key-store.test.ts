import { describe, expect, it } from 'vitest'
import { codesOf, KeyStore } from '../../../server/gazetteer/key-store.ts'

describe('KeyStore', () => {
  it('finds a pattern only within the region asked about', () => {
    const store = new KeyStore()
    const first = store.append('|changan|zhangan|')
    const second = store.append('|anju|')
    const firstEnd = second
    expect(store.includes(first, firstEnd, codesOf('|zhang'))).toBe(true)
    expect(store.includes(first, firstEnd, codesOf('|anju'))).toBe(false)
    expect(store.includes(second, store.length, codesOf('|anju|'))).toBe(true)
    expect(store.includes(first, firstEnd, codesOf('an|an'))).toBe(false)
    expect(store.includes(first + 1, first + 4, codesOf('cha'))).toBe(true)
    expect(store.includes(first + 1, first + 3, codesOf('cha'))).toBe(false)
  })

  it('grows past its first buffer and keeps what it holds', () => {
    const store = new KeyStore()
    const texts = Array.from({ length: 2000 }, (_, i) => `|key${i}|𠀋|`)
    const starts = texts.map((t) => store.append(t))
    expect(store.length).toBe(texts.join('').length)
    expect(String.fromCharCode(...store.codes.subarray(starts[1999]!, store.length))).toBe('|key1999|𠀋|')
    expect(store.includes(starts[1500]!, starts[1501]!, codesOf('y1500|𠀋'))).toBe(true)
    expect(store.includes(starts[1500]!, starts[1501]!, codesOf('y1501'))).toBe(false)
  })

  it('copies a region of another store', () => {
    const from = new KeyStore()
    from.append('|aa|')
    const start = from.append('|changan|')
    const to = new KeyStore()
    const copied = to.appendCodes(from.codes.subarray(start, from.length))
    expect(to.includes(copied, to.length, codesOf('|changan|'))).toBe(true)
  })
})
