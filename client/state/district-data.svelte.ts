import type { District } from '../api/district.ts'
import { fetchDistrict } from '../api/district.ts'
import { fetchFacilityKinds, type FacilityKindName } from '../api/facility-kinds.ts'
import { fetchHealth, type Health } from '../api/health.ts'
import {
  fetchDivisions,
  fetchFacilities,
  fetchWater,
  type DivisionCollection,
  type FacilityCollection,
  type WaterCollection,
} from '../api/layers.ts'
import type { MessageKey } from '../i18n/catalogues.ts'
import { describeError, type LoadError } from './load-error.ts'

/**
 * The district and the layers the map shows as GeoJSON, loaded once at start.
 * GeoJSON is held in `$state.raw`: MapLibre copies it to its workers, which a
 * deep reactive proxy would not survive.
 */
export class DistrictData {
  district = $state.raw<District | null>(null)
  health = $state.raw<Health | null>(null)
  /** Whether `/api/health` answered; `null` while still asking. */
  serverUp = $state<boolean | null>(null)
  divisions = $state.raw<DivisionCollection | null>(null)
  facilities = $state.raw<FacilityCollection | null>(null)
  water = $state.raw<WaterCollection | null>(null)
  facilityKinds = $state.raw<FacilityKindName[]>([])
  errors = $state.raw<LoadError[]>([])
  /** True once every request has succeeded or failed. */
  settled = $state(false)

  /** Whether any dataset of the district is synthetic demo data. */
  get synthetic(): boolean {
    return this.district?.datasets.some((dataset) => dataset.synthetic) ?? false
  }

  /** Loads everything in parallel; failures are collected in `errors`, never thrown. */
  async load(signal?: AbortSignal): Promise<void> {
    const tasks: Promise<void>[] = [
      this.#fetch('error.district', () => fetchDistrict(signal), (value) => (this.district = value)),
      this.#fetch('error.divisions', () => fetchDivisions(signal), (value) => (this.divisions = value)),
      this.#fetch('error.facilities', () => fetchFacilities(signal), (value) => (this.facilities = value)),
      this.#fetch('error.water', () => fetchWater(signal), (value) => (this.water = value)),
      this.#fetch('error.facilityKinds', () => fetchFacilityKinds(signal), (value) => (this.facilityKinds = value)),
      fetchHealth(signal).then(
        (health) => {
          this.health = health
          this.serverUp = true
        },
        () => {
          this.serverUp = false
        },
      ),
    ]
    await Promise.all(tasks)
    if (!signal?.aborted) this.settled = true
  }

  /** Forgets the errors shown once the user dismissed them. */
  dismissErrors(): void {
    this.errors = []
  }

  /** Adds an error to show, e.g. one from the map. */
  addError(error: LoadError): void {
    if (this.errors.some((entry) => entry.what === error.what && entry.why === error.why)) return
    this.errors = [...this.errors, error]
  }

  async #fetch<T>(what: MessageKey, request: () => Promise<T>, store: (value: T) => void): Promise<void> {
    try {
      store(await request())
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') return
      this.addError(describeError(what, error))
    }
  }
}
