import { ApiError } from '../api/http.ts'

/**
 * An import dialog's dry run and load: the outcome of the last dry run (the
 * load is offered only after one), the problems to list, the outcome of the
 * load, and what to tell the user when the server refused. A refused load
 * that lists its problems (400 with `problems`) shows them as a dry run's.
 */
export class ImportRun<P, O extends { problems: P[] }> {
  busy = $state(false)
  error = $state<string | null>(null)
  /** The dry run of the choices made; cleared by {@link reset} when they change. */
  checked = $state.raw<O | null>(null)
  problems = $state.raw<P[]>([])
  imported = $state.raw<O | null>(null)

  /** Forgets every outcome: the file or a choice changed. */
  reset(): void {
    this.checked = null
    this.problems = []
    this.imported = null
    this.error = null
  }

  /**
   * Sends the file through `send` unless a run is under way.
   *
   * @param describe the text of a refusal, in the UI language
   */
  async run(dryRun: boolean, send: (dryRun: boolean) => Promise<O>, describe: (refusal: unknown, dryRun: boolean) => string): Promise<void> {
    if (this.busy) return
    this.busy = true
    this.error = null
    try {
      const outcome = await send(dryRun)
      this.problems = outcome.problems
      if (dryRun) this.checked = outcome
      else this.imported = outcome
    } catch (refusal) {
      const listed = refusal instanceof ApiError && Array.isArray(refusal.problem?.problems) ? (refusal.problem.problems as P[]) : null
      if (listed) {
        this.problems = listed
        this.checked = null
      }
      this.error = describe(refusal, dryRun)
    } finally {
      this.busy = false
    }
  }
}
