import { fetchDoorPlatesOfRoad, type DoorPlate } from '../api/gazetteer-door-plates.ts'
import {
  fetchPlace,
  fetchPlaceDiff,
  fetchPlaceTimeline,
  fetchPlaceVersion,
  type FieldChange,
  type PlaceRecord,
  type PlaceTimeline,
} from '../api/gazetteer-places.ts'
import { fetchProtectedNameOfPlace, type ProtectedName } from '../api/gazetteer-protected-names.ts'
import { fetchSignsOfPlace, type PlaceSign } from '../api/gazetteer-signs.ts'
import type { MessageKey } from '../i18n/catalogues.ts'
import type { RequestStatus } from './coverage-analysis.svelte.ts'
import { describeError, type LoadError } from './load-error.ts'

/** How many door plates of a road the record page lists. */
export const DOOR_PLATE_LIMIT = 200

/** Which state of the record is shown: as it is now, as it stood on a day, or as one version saved it. */
export type ShownState = { as: 'current' } | { as: 'date'; date: string } | { as: 'version'; version: number }

/** One part of the record page that loads on its own. */
export class Loadable<T> {
  value = $state.raw<T | null>(null)
  status = $state<RequestStatus>('idle')
  failure = $state.raw<LoadError | null>(null)

  /** Loads the value; a failure is kept for the page to show, never thrown. */
  async load(what: MessageKey, request: () => Promise<T>, signal: AbortSignal): Promise<void> {
    this.status = 'loading'
    this.failure = null
    try {
      const value = await request()
      if (signal.aborted) return
      this.value = value
      this.status = 'ready'
    } catch (error) {
      if (signal.aborted) return
      this.status = 'failed'
      this.failure = describeError(what, error)
    }
  }
}

/**
 * A place's record page: the record as it is now, the state shown (now, as
 * of a day, or a version), its names over time with cases and versions, a
 * comparison of two versions, and what belongs to it (protection entry,
 * signs, and a road's door plates).
 */
export class PlaceRecordState {
  readonly id: number
  readonly record = new Loadable<PlaceRecord>()
  readonly timeline = new Loadable<PlaceTimeline>()
  readonly shown = new Loadable<PlaceRecord>()
  readonly diff = new Loadable<{ from: number; to: number; changes: FieldChange[] }>()
  readonly protectedName = new Loadable<ProtectedName | null>()
  readonly signs = new Loadable<PlaceSign[]>()
  readonly doorPlates = new Loadable<{ doorPlates: DoorPlate[]; total: number }>()
  shownAs = $state.raw<ShownState>({ as: 'current' })

  #controller = new AbortController()
  #shownRequest: AbortController | null = null

  constructor(id: number) {
    this.id = id
  }

  /** The record the page shows: an earlier state when one was asked for, else the record now. */
  get displayed(): PlaceRecord | null {
    return this.shownAs.as === 'current' ? this.record.value : this.shown.value
  }

  /** Loads the record, its timeline and what belongs to it, all at once. */
  async load(): Promise<void> {
    const signal = this.#controller.signal
    await Promise.all([
      this.record.load('gazetteer.place.failed', () => fetchPlace(this.id, undefined, signal), signal),
      this.timeline.load('gazetteer.timeline.failed', () => fetchPlaceTimeline(this.id, signal), signal),
      this.protectedName.load('gazetteer.assets.failed', () => fetchProtectedNameOfPlace(this.id, signal), signal),
      this.signs.load('gazetteer.assets.failed', () => fetchSignsOfPlace(this.id, signal), signal),
    ])
    if (this.record.value?.category === 'transport-facilities') await this.reloadDoorPlates()
  }

  /** Reads the protection entry again, after a change to it. */
  reloadProtectedName(): Promise<void> {
    const signal = this.#controller.signal
    return this.protectedName.load('gazetteer.assets.failed', () => fetchProtectedNameOfPlace(this.id, signal), signal)
  }

  /** Reads the signs again, after a change to one of them or their photos. */
  reloadSigns(): Promise<void> {
    const signal = this.#controller.signal
    return this.signs.load('gazetteer.assets.failed', () => fetchSignsOfPlace(this.id, signal), signal)
  }

  /** Reads the door plates again, after a change to one of them or their certificates. */
  reloadDoorPlates(): Promise<void> {
    const signal = this.#controller.signal
    return this.doorPlates.load('gazetteer.assets.failed', () => fetchDoorPlatesOfRoad(this.id, DOOR_PLATE_LIMIT, signal), signal)
  }

  /** Takes the record as a save answered with it, and reads the timeline again for the new version. */
  async replace(record: PlaceRecord): Promise<void> {
    this.record.value = record
    this.record.status = 'ready'
    const signal = this.#controller.signal
    await this.timeline.load('gazetteer.timeline.failed', () => fetchPlaceTimeline(this.id, signal), signal)
  }

  /** Shows the record as it stood at the end of a day (`YYYY-MM-DD`). */
  showAsOf(date: string): Promise<void> {
    this.shownAs = { as: 'date', date }
    return this.#loadShown((signal) => fetchPlace(this.id, date, signal))
  }

  /** Shows the record as one version saved it. */
  showVersion(version: number): Promise<void> {
    this.shownAs = { as: 'version', version }
    return this.#loadShown((signal) => fetchPlaceVersion(this.id, version, signal))
  }

  /** Shows the record as it is now. */
  showCurrent(): void {
    this.#shownRequest?.abort()
    this.shownAs = { as: 'current' }
  }

  /** Compares two versions. */
  compare(from: number, to: number): Promise<void> {
    const signal = this.#controller.signal
    return this.diff.load('gazetteer.versions.diffFailed', () => fetchPlaceDiff(this.id, from, to, signal), signal)
  }

  /** Stops every request; for when the page goes away. */
  dispose(): void {
    this.#controller.abort()
    this.#shownRequest?.abort()
  }

  async #loadShown(request: (signal: AbortSignal) => Promise<PlaceRecord>): Promise<void> {
    this.#shownRequest?.abort()
    const controller = new AbortController()
    this.#shownRequest = controller
    this.shown.value = null
    await this.shown.load('gazetteer.versions.shownFailed', () => request(controller.signal), controller.signal)
  }
}
