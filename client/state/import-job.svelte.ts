import type { ImportJobEndpoint, ImportJobOf } from '../api/import-jobs.ts'

/**
 * Where a run of an import job stands in the browser: nothing started, the
 * file being uploaded, the job running on the server, or the job's end.
 * `failed` also covers a refused upload and a job that could no longer be
 * found.
 */
export type ImportJobRunState = 'idle' | 'uploading' | 'running' | 'done' | 'failed' | 'cancelled'

/** How often a running job is asked where it stands. */
export const JOB_POLL_MS = 300

/** Sends the file and answers the job the server started (202). */
export type StartJob<O> = (onprogress: (sent: number, total: number) => void, signal: AbortSignal) => Promise<ImportJobOf<O>>

/**
 * One run of an import job (a dry run or a commit): the upload with its
 * progress, then the job polled every {@link JOB_POLL_MS} ms until it is
 * done, failed or cancelled. Cancelling stops an upload under way, or asks
 * the server to cancel the job and waits until it has rolled back. `O` is
 * the outcome of the kind of import, whose jobs `endpoint` polls and cancels.
 */
export class ImportJobRun<O> {
  state = $state<ImportJobRunState>('idle')
  /** The job as last polled; `null` until the server answered the upload. */
  job = $state.raw<ImportJobOf<O> | null>(null)
  /** Bytes of the file sent, and of the whole file, while it is uploaded. */
  sent = $state(0)
  size = $state(0)
  /** Whether a cancel was asked for and not yet answered by the job's end. */
  cancelling = $state(false)
  /** Why the run failed, in the UI language; `null` while it did not. */
  error = $state<string | null>(null)

  #upload: AbortController | null = null
  #timer: ReturnType<typeof setTimeout> | null = null
  #poll: AbortController | null = null
  /** Counts runs, so that the answers of a run that was reset are dropped. */
  #generation = 0
  readonly #endpoint: ImportJobEndpoint<O>

  constructor(endpoint: ImportJobEndpoint<O>) {
    this.#endpoint = endpoint
  }

  /** Whether the upload or the job is under way. */
  get busy(): boolean {
    return this.state === 'uploading' || this.state === 'running'
  }

  /** The outcome of a job that is done; `null` before, and for a job that failed or was cancelled. */
  get outcome(): O | null {
    return this.state === 'done' ? (this.job?.outcome ?? null) : null
  }

  /**
   * Starts a run unless one is under way, and resolves once it has ended.
   *
   * @param describe the text of a refusal or failure, in the UI language
   */
  start(send: StartJob<O>, describe: (failure: unknown) => string): Promise<void> {
    if (this.busy) return Promise.resolve()
    this.#stop()
    const generation = ++this.#generation
    this.state = 'uploading'
    this.job = null
    this.sent = 0
    this.size = 0
    this.cancelling = false
    this.error = null
    const upload = new AbortController()
    this.#upload = upload
    return new Promise<void>((resolve) => {
      const ended = () => resolve()
      send((sent, total) => {
        if (generation !== this.#generation) return
        this.sent = sent
        this.size = total
      }, upload.signal).then(
        (job) => {
          if (generation !== this.#generation) return ended()
          this.#upload = null
          this.#follow(job, generation, describe, ended)
        },
        (failure: unknown) => {
          if (generation !== this.#generation) return ended()
          this.#upload = null
          if (failure instanceof DOMException && failure.name === 'AbortError') this.state = 'cancelled'
          else {
            this.state = 'failed'
            this.error = describe(failure)
          }
          this.cancelling = false
          ended()
        },
      )
    })
  }

  /**
   * Cancels the run: an upload is aborted at once; a running job is asked to
   * cancel and is polled on until the server reports it cancelled (or it
   * finished first).
   */
  async cancel(describe: (failure: unknown) => string): Promise<void> {
    if (!this.busy || this.cancelling) return
    this.cancelling = true
    if (this.state === 'uploading') {
      this.#upload?.abort()
      return
    }
    const job = this.job
    if (!job) return
    const generation = this.#generation
    try {
      const answer = await this.#endpoint.cancel(job.id)
      if (generation !== this.#generation || !this.busy) return
      this.job = answer
    } catch (failure) {
      if (generation !== this.#generation) return
      this.cancelling = false
      this.error = describe(failure)
    }
  }

  /** Forgets the run; a job still running on the server is left to finish. */
  reset(): void {
    this.#generation += 1
    this.#stop()
    this.state = 'idle'
    this.job = null
    this.sent = 0
    this.size = 0
    this.cancelling = false
    this.error = null
  }

  /** Stops uploading and polling, for a dialog that goes away. */
  dispose(): void {
    this.#generation += 1
    this.#stop()
  }

  #stop(): void {
    this.#upload?.abort()
    this.#upload = null
    this.#poll?.abort()
    this.#poll = null
    if (this.#timer !== null) clearTimeout(this.#timer)
    this.#timer = null
  }

  #follow(job: ImportJobOf<O>, generation: number, describe: (failure: unknown) => string, ended: () => void): void {
    this.job = job
    if (job.state !== 'running') {
      this.#end(job, describe)
      ended()
      return
    }
    this.state = 'running'
    this.#timer = setTimeout(() => {
      this.#timer = null
      const poll = new AbortController()
      this.#poll = poll
      this.#endpoint.fetch(job.id, poll.signal).then(
        (next) => {
          if (generation !== this.#generation) return ended()
          this.#poll = null
          this.#follow(next, generation, describe, ended)
        },
        (failure: unknown) => {
          if (generation !== this.#generation) return ended()
          this.#poll = null
          this.state = 'failed'
          this.cancelling = false
          this.error = describe(failure)
          ended()
        },
      )
    }, JOB_POLL_MS)
  }

  #end(job: ImportJobOf<O>, describe: (failure: unknown) => string): void {
    this.cancelling = false
    this.state = job.state === 'running' ? 'failed' : job.state
    if (job.state === 'failed') this.error = describe(new Error(job.error ?? job.state))
  }
}
