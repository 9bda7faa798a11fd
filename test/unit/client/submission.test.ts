import { describe, expect, it } from 'vitest'
import { ApiError } from '../../../client/api/http.ts'
import { Submission, VersionedSubmission } from '../../../client/state/submission.svelte.ts'

const describeRefusal = (refusal: unknown) => `refused: ${refusal instanceof Error ? refusal.message : String(refusal)}`

describe('Submission', () => {
  it('keeps a refusal and the field the server named, instead of throwing', async () => {
    const submission = new Submission(describeRefusal)
    await submission.send(() => Promise.reject(new ApiError('/api/x', 'http', 400, undefined, 'body/holder must NOT have fewer than 1 characters')))
    expect(submission.error).toMatch(/^refused: /)
    expect(submission.invalid).toBe('holder')
    expect(submission.busy).toBe(false)
  })

  it('clears the last refusal when it sends again, and ignores a send while one is under way', async () => {
    const submission = new Submission(describeRefusal)
    await submission.send(() => Promise.reject(new Error('down')))
    let finish = (): void => {}
    let sent = 0
    const first = submission.send(() => new Promise<void>((resolve) => ((sent += 1), (finish = resolve))))
    expect(submission.busy).toBe(true)
    expect(submission.error).toBeNull()
    await submission.send(async () => void (sent += 1))
    finish()
    await first
    expect(sent).toBe(1)
    expect(submission.busy).toBe(false)
  })
})

describe('VersionedSubmission', () => {
  const stored = { id: 3, version: 5, text: 'theirs' }

  it('keeps the stored row of a stale save instead of an error, and settles on its version', async () => {
    const submission = new VersionedSubmission<typeof stored>(4, describeRefusal)
    await submission.send(() => Promise.reject(new ApiError('/api/x/3', 'http', 409, undefined, 'stale', { detail: 'stale', current: stored })))
    expect(submission.stale).toEqual(stored)
    expect(submission.error).toBeNull()
    expect(submission.settle()).toEqual(stored)
    expect(submission.version).toBe(5)
    expect(submission.stale).toBeNull()
    expect(submission.settle()).toBeNull()
  })

  it('treats a 409 without a stored row as an ordinary refusal', async () => {
    const submission = new VersionedSubmission<typeof stored>(4, describeRefusal)
    await submission.send(() => Promise.reject(new ApiError('/api/x', 'http', 409, undefined, 'number: already taken', { detail: 'number: already taken' })))
    expect(submission.stale).toBeNull()
    expect(submission.invalid).toBe('number')
    expect(submission.version).toBe(4)
  })
})
