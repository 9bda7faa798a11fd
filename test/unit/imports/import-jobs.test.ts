import { describe, expect, it } from 'vitest'
import { ImportJobs } from '../../../server/imports/import-jobs.ts'

const owner = { ownerId: 7, layer: 'facilities', dryRun: false }

describe('ImportJobs', () => {
  it('reports progress while running and the outcome once done', async () => {
    const jobs = new ImportJobs<{ stored: number }>()
    let release!: () => void
    const gate = new Promise<void>((resolve) => (release = resolve))
    const started = jobs.start(owner, async ({ progress }) => {
      progress('storing', 3, 10)
      await gate
      return { stored: 10 }
    })
    expect(started).toMatchObject({ state: 'running', ownerId: 7, outcome: null })
    expect(jobs.get(started.id)).toMatchObject({ state: 'running', phase: 'storing', done: 3, total: 10 })
    release()
    expect(await jobs.wait(started.id)).toMatchObject({ state: 'done', phase: 'finished', outcome: { stored: 10 }, error: null })
  })

  it('cancels by aborting the signal and answers once the work has stopped', async () => {
    const jobs = new ImportJobs<string>()
    let stoppedAt: number | null = null
    const started = jobs.start(owner, async ({ signal }) => {
      for (let i = 0; ; i++) {
        await new Promise((resolve) => setTimeout(resolve, 5))
        if (signal.aborted) {
          stoppedAt = i
          signal.throwIfAborted()
        }
      }
    })
    const cancelled = await jobs.cancel(started.id)
    expect(cancelled).toMatchObject({ state: 'cancelled', outcome: null, error: 'cancelled: nothing was stored' })
    expect(stoppedAt).not.toBeNull()
  })

  it('keeps a failure’s message, and cancelling a finished job changes nothing', async () => {
    const jobs = new ImportJobs<string>()
    const failed = jobs.start(owner, async () => {
      throw new Error('the file is not readable')
    })
    expect(await jobs.wait(failed.id)).toMatchObject({ state: 'failed', error: 'the file is not readable' })
    expect(await jobs.cancel(failed.id)).toMatchObject({ state: 'failed' })
    expect(jobs.get('no-such-job')).toBeUndefined()
    expect(await jobs.cancel('no-such-job')).toBeUndefined()
  })

  it('hands out copies: a caller cannot change a job’s state', () => {
    const jobs = new ImportJobs<string>()
    const started = jobs.start(owner, () => new Promise(() => {}))
    started.state = 'done'
    jobs.get(started.id)!.state = 'failed'
    expect(jobs.get(started.id)!.state).toBe('running')
  })
})
