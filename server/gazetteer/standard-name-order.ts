import { growTypedArray } from './grow-typed-array.ts'

/** What the order needs of a place. */
export interface OrderedPlace {
  id: number
  /** Where the place's columns are; unique among the places in the order. */
  slot: number
  standardName: string
}

/**
 * Places in pinyin order of the standard name (`Intl.Collator('zh')`), then
 * by id, as their slots, and each slot's position in that order. Kept up to
 * date by {@link update} rather than re-sorted, so that one edit costs a
 * pass over the order, not a sort. Holds no slot until grown ({@link grow}).
 */
export class StandardNameOrder {
  private ordered = new Int32Array(0)
  private count = 0
  private positions = new Int32Array(0)
  private readonly collator = new Intl.Collator('zh')

  /** `placeAt` gives the place in a slot that is in the order. */
  constructor(private readonly placeAt: (slot: number) => OrderedPlace) {}

  /** The slots in order: a view that is valid until the next {@link update}. */
  slots(): Int32Array {
    return this.ordered.subarray(0, this.count)
  }

  /** The slot at `position`, which must be below the number of places in the order. */
  slotAt(position: number): number {
    return this.ordered[position] as number
  }

  /** The position of the place in `slot` as of the last {@link update}, which must have included it. */
  positionOf(slot: number): number {
    return this.positions[slot] as number
  }

  /** Makes room for slots below `capacity`. */
  grow(capacity: number): void {
    this.positions = growTypedArray(this.positions, capacity)
  }

  /**
   * Drops the places whose slot is marked 1 in `leaving` (omit it when none
   * leave), merges in `added` (places not in the order, in any order; sorted
   * in place) and renumbers the positions.
   */
  update(added: OrderedPlace[], leaving?: Uint8Array): void {
    if (leaving !== undefined) {
      let kept = 0
      for (let i = 0; i < this.count; i += 1) {
        const slot = this.ordered[i] as number
        if (leaving[slot] === 0) this.ordered[kept++] = slot
      }
      this.count = kept
    }
    if (this.count + added.length > this.ordered.length) {
      this.ordered = growTypedArray(this.ordered, Math.max(this.positions.length, this.count + added.length))
    }
    if (added.length > 0) this.merge(added)
    for (let i = 0; i < this.count; i += 1) this.positions[this.ordered[i] as number] = i
  }

  private readonly compare = (a: OrderedPlace, b: OrderedPlace): number =>
    this.collator.compare(a.standardName, b.standardName) || a.id - b.id

  /**
   * Merges `added` into the order in place, from the back, so an edit
   * allocates nothing. Few additions among many places find their positions
   * by binary search (1,000 edits cost some 17,000 comparisons, not
   * 100,000); many are merged by stepping. `ordered` must have room.
   */
  private merge(added: OrderedPlace[]): void {
    added.sort(this.compare)
    const order = this.ordered
    const search = added.length * Math.log2(this.count + 1) < this.count
    let end = this.count
    let write = end + added.length
    for (let j = added.length - 1; j >= 0; j -= 1) {
      const place = added[j] as OrderedPlace
      const at = search ? this.firstAfter(place, 0, end) : this.firstAfterStepping(place, end)
      order.copyWithin(write - (end - at), at, end)
      write -= end - at
      order[--write] = place.slot
      end = at
    }
    this.count += added.length
  }

  /** The first position in `ordered[from, to)` whose place comes after `place`, by binary search. */
  private firstAfter(place: OrderedPlace, from: number, to: number): number {
    let lo = from
    let hi = to
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (this.compare(this.placeAt(this.ordered[mid] as number), place) < 0) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  /** The same position in `ordered[0, to)`, stepping back from `to`. */
  private firstAfterStepping(place: OrderedPlace, to: number): number {
    let at = to
    while (at > 0 && this.compare(this.placeAt(this.ordered[at - 1] as number), place) > 0) at -= 1
    return at
  }
}
