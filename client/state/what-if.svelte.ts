import { fetchWhatIfCoverage, type CoverageQuery, type CoverageReport, type DivisionCoverage } from '../api/coverage.ts'
import { createScenario, staleScenario, updateScenario, type FacilityChange, type Scenario } from '../api/scenarios.ts'
import { fetchWhatIfServiceAreas, type ServiceAreaCollection } from '../api/service-areas.ts'
import type { RequestStatus } from './coverage-analysis.svelte.ts'
import type { AreaOptions } from './coverage-form.ts'
import {
  addFacility,
  moveFacility,
  removeFacility,
  sameChanges,
  undoChange,
  type LngLat,
} from './facility-changes.ts'
import { describeError, type LoadError } from './load-error.ts'

/** What a click on the map does while editing: add a facility, move one, or remove one. */
export type WhatIfTool = 'add' | 'move' | 'remove'

/** The analysis a what-if is computed against: the query of the results shown, and their service-area options. */
export interface WhatIfBasis {
  query: CoverageQuery
  areas: AreaOptions
  /** Whether straight-line circles are wanted too. */
  circles: boolean
}

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError'
}

/**
 * A what-if scenario being edited: changes to the facilities of the analysed
 * kind, the coverage and service areas computed with them, and the saved
 * scenario they came from. Nothing here alters the facilities; the server
 * computes every answer from the baseline plus the changes.
 *
 * A tool stays armed until it is disarmed, so that map clicks go to it
 * whatever order the map's click listeners run in.
 */
export class WhatIf {
  /** Whether the what-if section is open; the changes take effect on the map only then. */
  open = $state(false)
  /** The armed tool; while one is, map clicks edit instead of selecting. */
  tool = $state<WhatIfTool | null>(null)
  /** With `move` armed: the facility picked, waiting for its new spot. */
  movingId = $state<number | null>(null)
  /** The facility kind the changes are for. */
  kind = $state<string | null>(null)
  changes = $state.raw<FacilityChange[]>([])
  /** The saved scenario the changes were loaded from or last saved as. */
  scenario = $state.raw<Scenario | null>(null)

  /** Whether the changes differ from the saved scenario (or, without one, whether there are any). */
  readonly modified: boolean = $derived(this.scenario ? !sameChanges(this.changes, this.scenario.changes) : this.changes.length > 0)

  status = $state<RequestStatus>('idle')
  failure = $state.raw<LoadError | null>(null)
  /** Coverage with the changes; belongs to `computed`, not to whatever the list says now. */
  report = $state.raw<CoverageReport | null>(null)
  areas = $state.raw<ServiceAreaCollection | null>(null)
  circles = $state.raw<ServiceAreaCollection | null>(null)
  /** The changes the results were computed with. */
  computed = $state.raw<FacilityChange[] | null>(null)
  /** True once the map has drawn `areas`. */
  drawn = $state(false)

  saving = $state(false)
  saveFailure = $state.raw<LoadError | null>(null)
  /** The scenario as someone else saved it, after a save from an older version was refused. */
  conflict = $state.raw<Scenario | null>(null)

  #request: AbortController | null = null
  #basisKey: string | null = null

  /** Whether the what-if is in force: open, with changes. */
  get active(): boolean {
    return this.open && this.changes.length > 0
  }

  /**
   * The saved scenario the map shows exactly, so that exports can name it
   * (`scenario=id`); `null` with unsaved changes or none.
   */
  get savedScenarioShown(): Scenario | null {
    return this.active && this.scenario && !this.modified ? this.scenario : null
  }

  /** Coverage of a division with the changes, while their results are shown. */
  divisionCoverage(code: unknown): DivisionCoverage | null {
    if (!this.active || (typeof code !== 'string' && typeof code !== 'number')) return null
    return this.report?.divisions.find((division) => division.code === String(code)) ?? null
  }

  /** Opens or closes the what-if section; closing disarms the tools and shows the baseline again. */
  setOpen(open: boolean): void {
    this.open = open
    if (!open) this.disarm()
  }

  /**
   * Starts editing the facilities of `kind`; changes and the scenario of
   * another kind are dropped, since they name facilities of that kind.
   */
  useKind(kind: string): void {
    if (this.kind === kind) return
    this.kind = kind
    this.changes = []
    this.scenario = null
    this.conflict = null
    this.saveFailure = null
    this.disarm()
  }

  /** Arms a tool, or disarms it when it is already armed. */
  toggleTool(tool: WhatIfTool): void {
    this.tool = this.tool === tool ? null : tool
    this.movingId = null
  }

  disarm(): void {
    this.tool = null
    this.movingId = null
  }

  /**
   * A map click while a tool is armed: where it was, and the standing facility
   * of the kind under it, if any. `add` adds a facility there; `remove`
   * removes the facility clicked; `move` picks the facility clicked, then
   * moves it to the next spot clicked.
   */
  clickMap(lngLat: LngLat, facilityId: number | null): void {
    switch (this.tool) {
      case 'add':
        this.setChanges(addFacility(this.changes, lngLat))
        return
      case 'remove':
        if (facilityId !== null) this.setChanges(removeFacility(this.changes, facilityId))
        return
      case 'move':
        if (this.movingId === null) {
          this.movingId = facilityId
          return
        }
        this.setChanges(moveFacility(this.changes, this.movingId, lngLat))
        this.movingId = null
        return
      case null:
        return
    }
  }

  /** Moves a facility to where it was dragged. */
  dragFacility(facilityId: number, lngLat: LngLat): void {
    this.setChanges(moveFacility(this.changes, facilityId, lngLat))
    this.movingId = null
  }

  /** Takes back one change (see {@link undoChange}). */
  undo(index: number): void {
    this.setChanges(undoChange(this.changes, index))
  }

  /** Takes back every change; a loaded scenario stays the one a save replaces. */
  clearChanges(): void {
    this.setChanges([])
  }

  setChanges(changes: FacilityChange[]): void {
    this.changes = changes
    this.saveFailure = null
  }

  /** Shows a saved scenario: its changes become the pending ones, and saving replaces it. */
  load(scenario: Scenario): void {
    this.kind = scenario.kind
    this.scenario = scenario
    this.changes = [...scenario.changes]
    this.conflict = null
    this.saveFailure = null
    this.open = true
    this.disarm()
  }

  /** Forgets the scenario the changes came from, e.g. after it was deleted; the changes stay, unsaved. */
  forgetScenario(id: number): void {
    if (this.scenario?.id !== id) return
    this.scenario = null
    this.conflict = null
  }

  /**
   * Computes coverage and service areas with the pending changes against a
   * basis, replacing the results; without changes (or closed, or without a
   * basis) it only clears them. Meant to run whenever the changes or the
   * basis change; an earlier computation still running is abandoned.
   */
  async compute(basis: WhatIfBasis | null): Promise<void> {
    this.#request?.abort()
    this.#request = null
    const changes = this.changes
    if (!basis || !this.active) {
      this.#show(null, null, null, null)
      this.status = 'idle'
      this.failure = null
      return
    }
    const basisKey = JSON.stringify(basis)
    if (this.#basisKey !== basisKey) this.#show(null, null, null, null)
    this.#basisKey = basisKey
    const request = new AbortController()
    this.#request = request
    this.status = 'loading'
    this.failure = null
    this.drawn = false
    const { query, areas: options } = basis
    try {
      const [report, areas, circles] = await Promise.all([
        fetchWhatIfCoverage(query, changes, request.signal),
        fetchWhatIfServiceAreas({ ...query, ...options, method: 'network' }, changes, request.signal),
        basis.circles ? fetchWhatIfServiceAreas({ ...query, ...options, method: 'circle' }, changes, request.signal) : null,
      ])
      if (request.signal.aborted) return
      this.#show(changes, report, areas, circles)
      this.status = 'ready'
    } catch (error) {
      if (request.signal.aborted || isAbort(error)) return
      this.status = 'failed'
      this.failure = describeError('whatIf.failed', error)
    }
  }

  /** Called by the map once it has drawn a set of service areas. */
  markDrawn(areas: ServiceAreaCollection): void {
    if (areas === this.areas && this.status === 'ready') this.drawn = true
  }

  /**
   * Saves the changes: over the scenario they came from (with the version
   * they started from) unless `asNew`, else as a new scenario of the kind.
   * A refused save leaves its reason in `saveFailure`; a save over a version
   * someone else replaced leaves their scenario in `conflict`. Resolves to
   * the saved scenario, or `null` when the save failed.
   */
  async save(name: string, description: string, asNew = false): Promise<Scenario | null> {
    const kind = this.kind
    if (!kind || this.saving) return null
    const changes = this.changes
    const current = asNew ? null : this.scenario
    this.saving = true
    this.saveFailure = null
    this.conflict = null
    try {
      const saved = current
        ? await updateScenario(current.id, { name, description, changes, version: current.version })
        : await createScenario({ name, kind, description, changes })
      if (this.kind === kind) this.scenario = saved
      return saved
    } catch (error) {
      const stale = current ? staleScenario(error) : null
      if (stale) this.conflict = stale
      else this.saveFailure = describeError('whatIf.saveFailed', error)
      return null
    } finally {
      this.saving = false
    }
  }

  /** Takes the scenario as someone else saved it, dropping the changes made here. */
  reloadConflict(): void {
    if (this.conflict) this.load(this.conflict)
  }

  #show(
    changes: FacilityChange[] | null,
    report: CoverageReport | null,
    areas: ServiceAreaCollection | null,
    circles: ServiceAreaCollection | null,
  ): void {
    this.computed = changes
    this.report = report
    this.areas = areas
    this.circles = circles
    this.drawn = false
  }
}
