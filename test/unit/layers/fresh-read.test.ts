import { describe, expect, it } from 'vitest'
import { FreshRead } from '../../../server/layers/fresh-read.ts'

interface Deferred<T> {
  promise: Promise<T>
  resolve(value: T): void
  reject(error: Error): void
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void
  let reject!: (error: Error) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

/** A loader whose reads are settled by the test, one deferred per read, in order. */
function controlledLoader() {
  const reads: Deferred<string>[] = []
  return {
    reads,
    load: () => {
      const d = deferred<string>()
      reads.push(d)
      return d.promise
    },
  }
}

const settle = () => new Promise((resolve) => setImmediate(resolve))

describe('FreshRead', () => {
  it('never answers a caller with a read that started before it asked', async () => {
    const loader = controlledLoader()
    const fresh = new FreshRead(loader.load)
    const first = fresh.read()
    const second = fresh.read()
    expect(loader.reads).toHaveLength(1)
    loader.reads[0]!.resolve('before the edit')
    await settle()
    expect(loader.reads).toHaveLength(2)
    loader.reads[1]!.resolve('after the edit')
    expect(await first).toBe('before the edit')
    expect(await second).toBe('after the edit')
  })

  it('serves every caller that arrived during one read with the same next read', async () => {
    const loader = controlledLoader()
    const fresh = new FreshRead(loader.load)
    const first = fresh.read()
    const waiting = [fresh.read(), fresh.read(), fresh.read()]
    loader.reads[0]!.resolve('a')
    await settle()
    loader.reads[1]!.resolve('b')
    expect(await first).toBe('a')
    expect(await Promise.all(waiting)).toEqual(['b', 'b', 'b'])
    expect(loader.reads).toHaveLength(2)
  })

  it('reads afresh for a caller that comes after the last read ended', async () => {
    let n = 0
    const fresh = new FreshRead(async () => ++n)
    expect(await fresh.read()).toBe(1)
    expect(await fresh.read()).toBe(2)
  })

  it('rejects the callers of a failed read and still reads for those waiting', async () => {
    const loader = controlledLoader()
    const fresh = new FreshRead(loader.load)
    const failing = fresh.read()
    const waiting = fresh.read()
    loader.reads[0]!.reject(new Error('connection lost'))
    await expect(failing).rejects.toThrow('connection lost')
    await settle()
    loader.reads[1]!.resolve('recovered')
    expect(await waiting).toBe('recovered')
  })
})
