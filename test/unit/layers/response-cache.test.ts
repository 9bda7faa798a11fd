import { describe, expect, it } from 'vitest'
import { ResponseCache, ifNoneMatchHits, tagBody } from '../../../server/layers/response-cache.ts'

const body = (text: string) => Buffer.from(text)

describe('ResponseCache', () => {
  it('builds a missing body once however many ask for it at the same time', async () => {
    const cache = new ResponseCache(1 << 20)
    let builds = 0
    const build = async () => {
      builds++
      await new Promise((resolve) => setTimeout(resolve, 5))
      return body('tile')
    }
    const answers = await Promise.all([cache.get('k', build), cache.get('k', build), cache.get('k', build)])
    expect(builds).toBe(1)
    expect(answers.map((a) => a.body.toString())).toEqual(['tile', 'tile', 'tile'])
    await cache.get('k', build)
    expect(builds).toBe(1)
  })

  it('keeps bodies apart by key, so a new data version in the key builds anew', async () => {
    const cache = new ResponseCache(1 << 20)
    const v1 = await cache.get('facilities|data 1', async () => body('old name'))
    const v2 = await cache.get('facilities|data 2', async () => body('new name'))
    expect(v2.body.toString()).toBe('new name')
    expect(v2.etag).not.toBe(v1.etag)
  })

  it('does not keep a failed build', async () => {
    const cache = new ResponseCache(1 << 20)
    await expect(cache.get('k', async () => Promise.reject(new Error('query failed')))).rejects.toThrow('query failed')
    expect((await cache.get('k', async () => body('ok'))).body.toString()).toBe('ok')
  })

  it('drops the least recently used bodies beyond its byte budget', async () => {
    const cache = new ResponseCache(3 * 1200)
    const builds: string[] = []
    const get = (key: string) =>
      cache.get(key, async () => {
        builds.push(key)
        return Buffer.alloc(1000)
      })
    await get('a')
    await get('b')
    await get('c')
    await get('a')
    await get('d')
    expect(cache.bytes).toBeLessThanOrEqual(3 * 1200)
    await get('a')
    await get('b')
    expect(builds).toEqual(['a', 'b', 'c', 'd', 'b'])
  })

  it('does not keep a body larger than the whole budget', async () => {
    const cache = new ResponseCache(1000)
    let builds = 0
    const build = async () => {
      builds++
      return Buffer.alloc(5000)
    }
    expect((await cache.get('big', build)).body.byteLength).toBe(5000)
    await cache.get('big', build)
    expect(builds).toBe(2)
    expect(cache.bytes).toBe(0)
  })
})

describe('entity tags', () => {
  it('are equal for equal bytes and differ for different bytes', () => {
    expect(tagBody(body('{"a":1}')).etag).toBe(tagBody(body('{"a":1}')).etag)
    expect(tagBody(body('{"a":1}')).etag).not.toBe(tagBody(body('{"a":2}')).etag)
    expect(tagBody(body('x')).etag).toMatch(/^"[A-Za-z0-9_-]+"$/)
  })

  it('match If-None-Match lists, weak tags and *', () => {
    const { etag } = tagBody(body('x'))
    expect(ifNoneMatchHits(etag, etag)).toBe(true)
    expect(ifNoneMatchHits(`"other", W/${etag}`, etag)).toBe(true)
    expect(ifNoneMatchHits('*', etag)).toBe(true)
    expect(ifNoneMatchHits('"other"', etag)).toBe(false)
    expect(ifNoneMatchHits(undefined, etag)).toBe(false)
  })
})
