import { fetchWhatIfCoverage, type CoverageQuery, type CoverageReport, type DivisionCoverage } from '../api/coverage.ts'
import { fetchFeatureDetails } from '../api/features.ts'
import {
  createScenario,
  staleScenario,
  updateScenario,
  type FacilityChange,
  type NetworkChange,
  type Scenario,
} from '../api/scenarios.ts'
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
import { addLink, closeEdge, closedEdgeIds, sameNetworkChanges, undoNetworkChange } from './network-changes.ts'

/**
 * What a click on the map does while editing: add a facility, move one, or
 * remove one; close the street clicked, or place the ends of a new link.
 */
export type WhatIfTool = 'add' | 'move' | 'remove' | 'close' | 'link'

/** The network edge under a click: its id, and its street name if it has one. */
export interface PickedEdge {
  id: number
  name: string | null
}

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
 * kind and edits of the walk network, the coverage and service areas computed with them, and the saved
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
  /** Edits of the walk network: closed edges and new links; they hold for every facility kind. */
  networkChanges = $state.raw<NetworkChange[]>([])
  /** With `link` armed: the first end placed, waiting for the second. */
  linkStart = $state.raw<LngLat | null>(null)
  /** Street names of closed edges, by edge id, as far as they are known. */
  edgeNames = $state.raw<ReadonlyMap<number, string>>(new Map())
  /** The saved scenario the changes were loaded from or last saved as. */
  scenario = $state.raw<Scenario | null>(null)

  /** Whether the changes differ from the saved scenario (or, without one, whether there are any). */
  readonly modified: boolean = $derived(
    this.scenario
      ? !sameChanges(this.changes, this.scenario.changes) || !sameNetworkChanges(this.networkChanges, this.scenario.networkChanges ?? [])
      : this.editCount > 0,
  )

  status = $state<RequestStatus>('idle')
  failure = $state.raw<LoadError | null>(null)
  /** Coverage with the changes; belongs to `computed`, not to whatever the list says now. */
  report = $state.raw<CoverageReport | null>(null)
  areas = $state.raw<ServiceAreaCollection | null>(null)
  circles = $state.raw<ServiceAreaCollection | null>(null)
  /** The changes the results were computed with. */
  computed = $state.raw<FacilityChange[] | null>(null)
  /** The network edits the results were computed with. */
  computedNetwork = $state.raw<NetworkChange[] | null>(null)
  /** True once the map has drawn `areas`. */
  drawn = $state(false)

  saving = $state(false)
  saveFailure = $state.raw<LoadError | null>(null)
  /** The scenario as someone else saved it, after a save from an older version was refused. */
  conflict = $state.raw<Scenario | null>(null)

  #request: AbortController | null = null
  #basisKey: string | null = null

  /** How many changes and network edits are pending. */
  get editCount(): number {
    return this.changes.length + this.networkChanges.length
  }

  /** Whether the what-if is in force: open, with changes or network edits. */
  get active(): boolean {
    return this.open && this.editCount > 0
  }

  /** Whether the results shown were computed with the changes and network edits as they are now. */
  get upToDate(): boolean {
    return this.computed === this.changes && this.computedNetwork === this.networkChanges
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
   * Network edits stay: they name no facility.
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
    this.linkStart = null
  }

  disarm(): void {
    this.tool = null
    this.movingId = null
    this.linkStart = null
  }

  /**
   * A map click while a tool is armed: where it was, the standing facility
   * of the kind under it and the network edge under it, if any. `add` adds a
   * facility there; `remove` removes the facility clicked; `move` picks the
   * facility clicked, then moves it to the next spot clicked; `close` closes
   * the edge clicked; `link` places the start of a link, then its end.
   */
  clickMap(lngLat: LngLat, facilityId: number | null, edge: PickedEdge | null = null): void {
    switch (this.tool) {
      case 'close':
        if (!edge) return
        if (edge.name) this.edgeNames = new Map(this.edgeNames).set(edge.id, edge.name)
        this.setNetworkChanges(closeEdge(this.networkChanges, edge.id))
        return
      case 'link':
        if (!this.linkStart) {
          this.linkStart = lngLat
          return
        }
        this.setNetworkChanges(addLink(this.networkChanges, this.linkStart, lngLat))
        this.linkStart = null
        return
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

  /** Takes back one network edit. */
  undoNetwork(index: number): void {
    this.setNetworkChanges(undoNetworkChange(this.networkChanges, index))
  }

  /** Takes back every change and network edit; a loaded scenario stays the one a save replaces. */
  clearChanges(): void {
    this.setChanges([])
    this.setNetworkChanges([])
    this.linkStart = null
  }

  setChanges(changes: FacilityChange[]): void {
    this.changes = changes
    this.saveFailure = null
  }

  setNetworkChanges(networkChanges: NetworkChange[]): void {
    this.networkChanges = networkChanges
    this.saveFailure = null
  }

  /**
   * Shows a saved scenario: its changes and network edits become the pending
   * ones, and saving replaces it. The names of the streets it closes are
   * looked up in the background.
   */
  load(scenario: Scenario): void {
    this.kind = scenario.kind
    this.scenario = scenario
    this.changes = [...scenario.changes]
    this.networkChanges = [...(scenario.networkChanges ?? [])]
    this.conflict = null
    this.saveFailure = null
    this.open = true
    this.disarm()
    void this.#lookUpEdgeNames(closedEdgeIds(this.networkChanges))
  }

  async #lookUpEdgeNames(ids: readonly number[]): Promise<void> {
    const unknown = ids.filter((id) => !this.edgeNames.has(id))
    const found = await Promise.all(
      unknown.map(async (id) => {
        try {
          const { properties } = await fetchFeatureDetails('network', id)
          return typeof properties.name === 'string' && properties.name ? ([id, properties.name] as const) : null
        } catch {
          return null
        }
      }),
    )
    const names = new Map(this.edgeNames)
    for (const entry of found) if (entry) names.set(entry[0], entry[1])
    if (names.size > this.edgeNames.size) this.edgeNames = names
  }

  /** Forgets the scenario the changes came from, e.g. after it was deleted; the changes stay, unsaved. */
  forgetScenario(id: number): void {
    if (this.scenario?.id !== id) return
    this.scenario = null
    this.conflict = null
  }

  /**
   * Computes coverage and service areas with the pending changes and network
   * edits against a basis, replacing the results; without any (or closed, or without a
   * basis) it only clears them. Meant to run whenever the changes or the
   * basis change; an earlier computation still running is abandoned.
   */
  async compute(basis: WhatIfBasis | null): Promise<void> {
    this.#request?.abort()
    this.#request = null
    const changes = this.changes
    const networkChanges = this.networkChanges
    if (!basis || !this.active) {
      this.#show(null, null, null, null, null)
      this.status = 'idle'
      this.failure = null
      return
    }
    const basisKey = JSON.stringify(basis)
    if (this.#basisKey !== basisKey) this.#show(null, null, null, null, null)
    this.#basisKey = basisKey
    const request = new AbortController()
    this.#request = request
    this.status = 'loading'
    this.failure = null
    this.drawn = false
    const { query, areas: options } = basis
    try {
      const [report, areas, circles] = await Promise.all([
        fetchWhatIfCoverage(query, changes, networkChanges, request.signal),
        fetchWhatIfServiceAreas({ ...query, ...options, method: 'network' }, changes, networkChanges, request.signal),
        basis.circles
          ? fetchWhatIfServiceAreas({ ...query, ...options, method: 'circle' }, changes, networkChanges, request.signal)
          : null,
      ])
      if (request.signal.aborted) return
      this.#show(changes, networkChanges, report, areas, circles)
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
   * Saves the changes and network edits: over the scenario they came from (with the version
   * they started from) unless `asNew`, else as a new scenario of the kind.
   * A refused save leaves its reason in `saveFailure`; a save over a version
   * someone else replaced leaves their scenario in `conflict`. Resolves to
   * the saved scenario, or `null` when the save failed.
   */
  async save(name: string, description: string, asNew = false): Promise<Scenario | null> {
    const kind = this.kind
    if (!kind || this.saving) return null
    const changes = this.changes
    const networkChanges = this.networkChanges
    const current = asNew ? null : this.scenario
    this.saving = true
    this.saveFailure = null
    this.conflict = null
    try {
      const saved = current
        ? await updateScenario(current.id, { name, description, changes, networkChanges, version: current.version })
        : await createScenario({ name, kind, description, changes, networkChanges })
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
    networkChanges: NetworkChange[] | null,
    report: CoverageReport | null,
    areas: ServiceAreaCollection | null,
    circles: ServiceAreaCollection | null,
  ): void {
    this.computed = changes
    this.computedNetwork = networkChanges
    this.report = report
    this.areas = areas
    this.circles = circles
    this.drawn = false
  }
}
