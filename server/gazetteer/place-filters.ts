import { divisionPrefixes, significantPrefix } from './division-codes.ts'
import { growTypedArray } from './grow-typed-array.ts'
import { STATUS_ORDER } from './search-ranking.ts'
import type { PlaceSearchQuery, SearchablePlace, SearchBbox } from './search-types.ts'

const ALL_STATUSES = 0b111
const DIVISIONS_INLINE = 6

/**
 * The fields searches filter on, in columns by place slot, and the filters
 * of the search under way ({@link apply}). Categories and divisions are
 * numbered as they are first seen; each place holds the number of every
 * division it lies in, ancestors included, so a division filter is one
 * lookup per place. Holds no slot until grown ({@link grow}).
 */
export class PlaceFilters {
  /** Whether the search under way filters at all: when false every place passes. */
  active = false
  private status = new Uint8Array(0)
  private category = new Uint8Array(0)
  private bbox = new Float64Array(0)
  /** {@link DIVISIONS_INLINE} division numbers per slot, -1 after the last; the rest in `divisionOverflow`. */
  private divisions = new Int32Array(0)
  private readonly divisionOverflow = new Map<number, number[]>()
  private readonly categoryCodes = new Map<string, number>()
  private readonly divisionIds = new Map<string, number>()
  private filterCategory = -1
  private filterDivision = -1
  private filterStatuses = ALL_STATUSES
  private filterBbox: SearchBbox | undefined

  /** Makes room for slots below `capacity`. */
  grow(capacity: number): void {
    this.status = growTypedArray(this.status, capacity)
    this.category = growTypedArray(this.category, capacity)
    this.bbox = growTypedArray(this.bbox, capacity * 4)
    this.divisions = growTypedArray(this.divisions, capacity * DIVISIONS_INLINE)
  }

  /** Stores the place's fields in `slot`, replacing what the slot held. */
  write(slot: number, place: SearchablePlace): void {
    this.status[slot] = STATUS_ORDER[place.status]
    this.category[slot] = numberOf(this.categoryCodes, place.category)
    this.bbox.set(place.bbox ?? [NaN, NaN, NaN, NaN], slot * 4)
    this.writeDivisions(slot, place.divisionCodes)
  }

  /** The place's status as its position in {@link STATUS_ORDER}. */
  statusOf(slot: number): number {
    return this.status[slot] as number
  }

  /** Takes the query's filters for the searches that follow; false when they cannot match any place. */
  apply(query: PlaceSearchQuery): boolean {
    this.filterCategory = -1
    this.filterDivision = -1
    this.filterStatuses = ALL_STATUSES
    this.filterBbox = query.bbox
    if (query.category !== undefined) {
      const code = this.categoryCodes.get(query.category)
      if (code === undefined) return false
      this.filterCategory = code
    }
    if (query.divisionCode !== undefined) {
      const prefix = significantPrefix(query.divisionCode)
      const id = prefix === null ? undefined : this.divisionIds.get(prefix)
      if (id === undefined) return false
      this.filterDivision = id
    }
    if (query.statuses !== undefined && query.statuses.length > 0) {
      this.filterStatuses = 0
      for (const status of query.statuses) this.filterStatuses |= 1 << STATUS_ORDER[status]
    }
    this.active =
      this.filterCategory !== -1 || this.filterDivision !== -1 || this.filterStatuses !== ALL_STATUSES || this.filterBbox !== undefined
    return true
  }

  /** Whether the place in `slot` passes the filters last applied. */
  passes(slot: number): boolean {
    if (this.filterCategory !== -1 && this.category[slot] !== this.filterCategory) return false
    if (((this.filterStatuses >> (this.status[slot] as number)) & 1) === 0) return false
    if (this.filterDivision !== -1 && !this.inDivision(slot, this.filterDivision)) return false
    const box = this.filterBbox
    if (box === undefined) return true
    const at = slot * 4
    return (
      (this.bbox[at] as number) <= box[2] &&
      (this.bbox[at + 2] as number) >= box[0] &&
      (this.bbox[at + 1] as number) <= box[3] &&
      (this.bbox[at + 3] as number) >= box[1]
    )
  }

  private writeDivisions(slot: number, codes: string[]): void {
    const ids = new Set<number>()
    for (const code of codes) {
      for (const prefix of divisionPrefixes(code)) ids.add(numberOf(this.divisionIds, prefix))
    }
    const list = [...ids]
    const base = slot * DIVISIONS_INLINE
    for (let i = 0; i < DIVISIONS_INLINE; i += 1) this.divisions[base + i] = list[i] ?? -1
    if (list.length > DIVISIONS_INLINE) this.divisionOverflow.set(slot, list.slice(DIVISIONS_INLINE))
    else this.divisionOverflow.delete(slot)
  }

  private inDivision(slot: number, id: number): boolean {
    const base = slot * DIVISIONS_INLINE
    for (let i = 0; i < DIVISIONS_INLINE; i += 1) {
      const own = this.divisions[base + i] as number
      if (own === id) return true
      if (own === -1) return false
    }
    return this.divisionOverflow.get(slot)?.includes(id) ?? false
  }
}

/** The number `key` has in `numbers`, giving it the next one if it has none. */
function numberOf(numbers: Map<string, number>, key: string): number {
  let number = numbers.get(key)
  if (number === undefined) {
    number = numbers.size
    numbers.set(key, number)
  }
  return number
}
