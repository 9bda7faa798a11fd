import { ApiError, staleCurrent } from '../api/http.ts'
import { problemField } from './place-asset-forms.ts'

/**
 * A form or confirmation that sends one request at a time: whether it is
 * being sent, and what the server said when it refused. The form keeps its
 * own inputs; this keeps what every such form shows around its buttons.
 */
export class Submission {
  /** Whether a request is under way; another send is ignored meanwhile. */
  busy = $state(false)
  /** What to tell the user of the last refusal, or of a check the form made itself. */
  error = $state<string | null>(null)
  /** The input the server named as wrong, for its `aria-invalid`. */
  invalid = $state<string | null>(null)

  readonly #describe: (refusal: unknown) => string

  /** @param describe The text for a refusal, in the UI language (usually `refusalText` with the form's failure key). */
  constructor(describe: (refusal: unknown) => string) {
    this.#describe = describe
  }

  /**
   * Runs `request` unless one is under way, clearing the last error first;
   * a refusal is kept in `error` and `invalid` instead of thrown.
   */
  async send(request: () => Promise<void>): Promise<void> {
    if (this.busy) return
    this.busy = true
    this.error = null
    this.invalid = null
    try {
      await request()
    } catch (refusal) {
      this.refused(refusal)
    } finally {
      this.busy = false
    }
  }

  /** Keeps what the user is told of a refusal. */
  protected refused(refusal: unknown): void {
    this.error = this.#describe(refusal)
    this.invalid = refusal instanceof ApiError ? problemField(refusal.detail) : null
  }
}

/**
 * A {@link Submission} that saves a versioned row: a save naming a version
 * someone else has since replaced is refused with the stored row, kept in
 * `stale` for the user to load it or save over it.
 */
export class VersionedSubmission<T extends { version: number }> extends Submission {
  /** The version the next save names: the row's, or the stored one once the user chose to save over it. */
  version = $state(0)
  /** The row as someone else saved it, while the user has not chosen what to do. */
  stale = $state.raw<T | null>(null)

  constructor(version: number, describe: (refusal: unknown) => string) {
    super(describe)
    this.version = version
  }

  protected override refused(refusal: unknown): void {
    const current = staleCurrent<T>(refusal)
    if (current) this.stale = current
    else super.refused(refusal)
  }

  /**
   * Settles a stale save by naming the stored version from now on; returns
   * the stored row (for the form to load it, or to save over it), or `null`
   * when nothing was stale.
   */
  settle(): T | null {
    const current = this.stale
    if (!current) return null
    this.version = current.version
    this.stale = null
    return current
  }
}
