import { growTypedArray } from './grow-typed-array.ts'
import type { PlaceFilters } from './place-filters.ts'
import type { PlaceStatus } from './place-record.ts'
import type { SearchNameKind } from './search-types.ts'
import { smallestSorted } from './sorted-ids.ts'
import type { StandardNameOrder } from './standard-name-order.ts'

/** Current places rank before historical ones, historical before deprecated. */
export const STATUS_ORDER: Record<PlaceStatus, number> = { current: 0, historical: 1, deprecated: 2 }
/** Standard names rank before alias, short and map names, those before historical names. */
export const KIND_ORDER: Record<SearchNameKind, number> = { standard: 0, alias: 1, short: 1, map: 1, historical: 2 }
/** Matched-name lengths are ranked up to one below this; longer names rank as that long. */
export const LENGTH_SPAN = 256
/** Positions in the pinyin order stay below this, so an index holds at most this many places. */
export const ORDER_SPAN = 2 ** 24
const FILTERED_OUT = -1

/**
 * The best match of each place the search under way has found, in columns
 * by place slot. A match is ranked by one number, smaller first: rank, then
 * name kind ({@link KIND_ORDER}), place status ({@link STATUS_ORDER}),
 * matched-name length and the place's position in the pinyin order, so no
 * two places tie. The columns are reused from search to search, an epoch
 * stamp telling this search's entries from stale ones, so a search
 * allocates nothing per place. Each place is checked against the filters
 * once, when first offered. Holds no slot until grown ({@link grow}).
 */
export class BestMatches {
  private epoch = 0
  private stamp = new Uint32Array(0)
  private bestKey = new Float64Array(0)
  private bestName = new Int32Array(0)
  private bestVia = new Uint8Array(0)
  /** Slots of the places found that pass the filters, the first `found` of them. */
  private touched = new Int32Array(0)
  private found = 0
  private keyScratch = new Float64Array(0)

  /** The filters decide which places count; the order gives each place's position in it. */
  constructor(
    private readonly filters: PlaceFilters,
    private readonly order: StandardNameOrder,
  ) {}

  /** Places found so far that pass the filters. */
  get count(): number {
    return this.found
  }

  /** Makes room for slots below `capacity`. */
  grow(capacity: number): void {
    this.stamp = growTypedArray(this.stamp, capacity)
    this.bestKey = growTypedArray(this.bestKey, capacity)
    this.bestName = growTypedArray(this.bestName, capacity)
    this.bestVia = growTypedArray(this.bestVia, capacity)
    this.touched = growTypedArray(this.touched, capacity)
    this.keyScratch = growTypedArray(this.keyScratch, capacity)
  }

  /** Forgets the previous search's matches. */
  begin(): void {
    this.epoch += 1
    if (this.epoch === 0xffffffff) {
      this.stamp.fill(0)
      this.epoch = 1
    }
    this.found = 0
  }

  /**
   * Records that the place in slot `place` matches by its name in slot
   * `nameSlot` (of kind `kind` in {@link KIND_ORDER} and `length` characters)
   * with rank `rank` (0 best) by way `via`, keeping the place's best: ties go
   * to the smaller name slot, then the smaller way.
   */
  offer(place: number, nameSlot: number, rank: number, via: number, kind: number, length: number): void {
    const status = this.filters.statusOf(place)
    const key = (((rank * 3 + kind) * 3 + status) * LENGTH_SPAN + length) * ORDER_SPAN + this.order.positionOf(place)
    if (this.stamp[place] !== this.epoch) {
      this.stamp[place] = this.epoch
      if (this.filters.active && !this.filters.passes(place)) {
        this.bestKey[place] = FILTERED_OUT
        return
      }
      this.touched[this.found++] = place
    } else {
      const best = this.bestKey[place] as number
      if (best === FILTERED_OUT || key > best) return
      const bestSlot = this.bestName[place] as number
      if (key === best && (nameSlot > bestSlot || (nameSlot === bestSlot && via >= (this.bestVia[place] as number)))) return
    }
    this.bestKey[place] = key
    this.bestName[place] = nameSlot
    this.bestVia[place] = via
  }

  /** The slots of the places best matched, from the `offset`th best, at most `limit` of them. */
  page(offset: number, limit: number): number[] {
    const wanted = Math.min(offset + limit, this.found)
    if (offset >= wanted) return []
    const keys = this.keyScratch.subarray(0, this.found)
    for (let i = 0; i < this.found; i += 1) keys[i] = this.bestKey[this.touched[i] as number] as number
    const smallest = smallestSorted(keys, wanted)
    const slots: number[] = []
    for (let i = offset; i < wanted; i += 1) slots.push(this.order.slotAt((smallest[i] as number) % ORDER_SPAN))
    return slots
  }

  /** The rank of the place's best match. */
  rankOf(place: number): number {
    return Math.floor(Math.floor((this.bestKey[place] as number) / ORDER_SPAN) / (LENGTH_SPAN * 9))
  }

  /** The name slot of the place's best match. */
  nameOf(place: number): number {
    return this.bestName[place] as number
  }

  /** The way of the place's best match. */
  viaOf(place: number): number {
    return this.bestVia[place] as number
  }
}
