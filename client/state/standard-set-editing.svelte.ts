import {
  copyStandardSet,
  deleteStandardSet,
  makeDefaultStandardSet,
  problemField,
  staleStandardSet,
  updateStandardSet,
  type StandardRule,
  type StandardSet,
} from '../api/standards.ts'
import { describeError, type LoadError } from './load-error.ts'

/** What the editor is doing; one thing at a time. */
export type EditingTask = 'save' | 'copy' | 'default' | 'delete'

function cloneRules(rules: readonly StandardRule[]): StandardRule[] {
  return JSON.parse(JSON.stringify(rules)) as StandardRule[]
}

/**
 * A standard set being edited by a planner: its name, description, the year
 * from which compounds count as new, and its rules' thresholds, severities
 * and what they apply to. A save carries the version the edit started from;
 * when someone else saved since, their set is left in `conflict`. Server
 * refusals keep their `detail`, and `field` says which input it points at.
 */
export class StandardSetEditing {
  /** The set as it was when editing began; its version goes with the save. */
  base = $state.raw<StandardSet | null>(null)
  name = $state('')
  description = $state('')
  newResidentialFromYear = $state<number | null>(2021)
  rules = $state<StandardRule[]>([])

  busy = $state<EditingTask | null>(null)
  failure = $state.raw<LoadError | null>(null)
  /** The set as someone else saved it, after a save from an older version was refused. */
  conflict = $state.raw<StandardSet | null>(null)
  /** What the last task achieved, for a short confirmation. */
  done = $state.raw<{ task: EditingTask; name: string; version: number } | null>(null)

  /** The input the server's refusal points at, e.g. `{ rule: 2, field: 'threshold' }`. */
  get field(): { rule: number | null; field: string } | null {
    return problemField(this.failure?.detail)
  }

  /** Whether the inputs differ from the set as it was loaded. */
  get modified(): boolean {
    const base = this.base
    if (!base) return false
    return (
      this.name !== base.name ||
      this.description !== base.description ||
      this.newResidentialFromYear !== base.newResidentialFromYear ||
      JSON.stringify(this.rules) !== JSON.stringify(base.rules)
    )
  }

  /** Starts editing a set, dropping any edit of another. */
  start(set: StandardSet): void {
    this.base = set
    this.name = set.name
    this.description = set.description
    this.newResidentialFromYear = set.newResidentialFromYear
    this.rules = cloneRules(set.rules)
    this.failure = null
    this.conflict = null
  }

  /** Saves the edit as the set's next version; resolves to the saved set, or `null` when the save failed or was refused. */
  async save(): Promise<StandardSet | null> {
    const base = this.base
    if (!base || this.busy) return null
    return this.#run('save', 'report.edit.saveFailed', async () => {
      try {
        const saved = await updateStandardSet(base.id, {
          name: this.name.trim(),
          description: this.description,
          newResidentialFromYear: this.newResidentialFromYear ?? base.newResidentialFromYear,
          rules: $state.snapshot(this.rules),
          version: base.version,
        })
        this.start(saved)
        return saved
      } catch (error) {
        const stale = staleStandardSet(error)
        if (!stale) throw error
        this.conflict = stale
        return null
      }
    })
  }

  /** Takes the set as someone else saved it, dropping the edits made here. */
  reloadConflict(): void {
    if (this.conflict) this.start(this.conflict)
  }

  /** Copies a set under a new name and starts editing the copy. */
  async copy(source: StandardSet, name: string): Promise<StandardSet | null> {
    return this.#run('copy', 'report.edit.copyFailed', async () => {
      const copy = await copyStandardSet(source.id, name.trim())
      this.start(copy)
      return copy
    })
  }

  /** Makes a set the default for reports that name none. */
  async makeDefault(set: StandardSet): Promise<StandardSet | null> {
    return this.#run('default', 'report.edit.defaultFailed', async () => {
      const saved = await makeDefaultStandardSet(set.id)
      if (this.base?.id === saved.id) this.base = saved
      return saved
    })
  }

  /** Deletes a set (never the default one: the server refuses); resolves to whether it is gone. */
  async remove(set: StandardSet): Promise<boolean> {
    const gone = await this.#run('delete', 'report.edit.deleteFailed', async () => {
      await deleteStandardSet(set.id)
      if (this.base?.id === set.id) this.base = null
      return set
    })
    return gone !== null
  }

  async #run<T extends { name: string; version: number }>(
    task: EditingTask,
    what: Parameters<typeof describeError>[0],
    work: () => Promise<T | null>,
  ): Promise<T | null> {
    if (this.busy) return null
    this.busy = task
    this.failure = null
    this.conflict = null
    this.done = null
    try {
      const result = await work()
      if (result) this.done = { task, name: result.name, version: result.version }
      return result
    } catch (error) {
      this.failure = describeError(what, error)
      return null
    } finally {
      this.busy = null
    }
  }
}
