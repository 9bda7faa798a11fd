import { randomUUID } from 'node:crypto'

/** A long import running on the server, as its progress is polled. */
export interface ImportJobState<O> {
  id: string
  /** The user who started it: only they (or an admin) may see and cancel it. */
  ownerId: number | null
  layer: string
  dryRun: boolean
  state: 'running' | 'done' | 'failed' | 'cancelled'
  phase: string
  done: number
  total: number
  outcome: O | null
  error: string | null
}

/** What a job's work is given: the signal that cancels it, and where to report progress. */
export interface ImportJobContext {
  signal: AbortSignal
  progress: (phase: string, done: number, total: number) => void
}

/** How long a finished job is kept for its last poll. */
const KEEP_FINISHED_MS = 15 * 60_000

/**
 * Imports that run in the background while the browser polls them: each
 * has an id, its progress, and, once finished, its outcome or error.
 * Cancelling aborts the job's signal; the job's transaction rolls back and
 * the state becomes 'cancelled' once it has. Finished jobs are forgotten
 * after {@link KEEP_FINISHED_MS}.
 */
export class ImportJobs<O> {
  private readonly jobs = new Map<string, { state: ImportJobState<O>; controller: AbortController; finished: Promise<void> }>()

  /** Starts `work` and returns its job at once. */
  start(owner: { ownerId: number | null; layer: string; dryRun: boolean }, work: (context: ImportJobContext) => Promise<O>): ImportJobState<O> {
    this.forgetOld()
    const controller = new AbortController()
    const state: ImportJobState<O> = { id: randomUUID(), ...owner, state: 'running', phase: 'reading', done: 0, total: 0, outcome: null, error: null }
    const finishedAt = () => this.finishedAt.set(state.id, Date.now())
    const finished = work({
      signal: controller.signal,
      progress: (phase, done, total) => Object.assign(state, { phase, done, total }),
    }).then(
      (outcome) => {
        Object.assign(state, { state: 'done', phase: 'finished', outcome })
        finishedAt()
      },
      (error: unknown) => {
        if (controller.signal.aborted) Object.assign(state, { state: 'cancelled', error: 'cancelled: nothing was stored' })
        else Object.assign(state, { state: 'failed', error: error instanceof Error ? error.message : String(error) })
        finishedAt()
      },
    )
    this.jobs.set(state.id, { state, controller, finished })
    return { ...state }
  }

  private readonly finishedAt = new Map<string, number>()

  /** A copy of a job's state, or undefined when it is unknown or forgotten. */
  get(id: string): ImportJobState<O> | undefined {
    const job = this.jobs.get(id)
    return job && { ...job.state }
  }

  /** Cancels a running job and waits until it has stopped; returns its final state. */
  async cancel(id: string): Promise<ImportJobState<O> | undefined> {
    const job = this.jobs.get(id)
    if (!job) return undefined
    if (job.state.state === 'running') job.controller.abort()
    await job.finished
    return { ...job.state }
  }

  /** Waits for a job to finish (for the command line and tests). */
  async wait(id: string): Promise<ImportJobState<O> | undefined> {
    await this.jobs.get(id)?.finished
    return this.get(id)
  }

  /** Cancels every running job and waits for them: the server is closing. */
  async close(): Promise<void> {
    await Promise.all([...this.jobs.keys()].map((id) => this.cancel(id)))
  }

  private forgetOld(): void {
    const now = Date.now()
    for (const [id, at] of this.finishedAt) {
      if (now - at > KEEP_FINISHED_MS) {
        this.jobs.delete(id)
        this.finishedAt.delete(id)
      }
    }
  }
}
