const ignore = () => undefined

/**
 * Shares reads of a changing value (such as the data versions) among
 * concurrent callers without ever answering a caller with a read that started
 * before it asked. A caller arriving while a read is under way waits for the
 * next one, which starts when that read ends and serves everyone who arrived
 * in the meantime. Under load this is one read per round trip instead of one
 * per caller, and a change committed before a caller asked is always seen.
 */
export class FreshRead<T> {
  private running: Promise<T> | undefined
  private queued: Promise<T> | undefined

  constructor(private readonly load: () => Promise<T>) {}

  read(): Promise<T> {
    if (this.queued) return this.queued
    if (!this.running) return this.start()
    const queued = this.running.then(ignore, ignore).then(() => {
      this.queued = undefined
      return this.start()
    })
    this.queued = queued
    return queued
  }

  private start(): Promise<T> {
    const running = this.load()
    this.running = running
    const done = () => {
      if (this.running === running) this.running = undefined
    }
    running.then(done, done)
    return running
  }
}
