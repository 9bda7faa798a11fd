/**
 * A growable list of ascending ids in an Int32Array: a fourth to a half of
 * the memory of a `number[]` of the same ids, as V8 stores small integers
 * in 8-byte slots where it does not compress pointers (Node's default).
 */
export class IdList {
  private ids = new Int32Array(4)
  private count = 0

  get length(): number {
    return this.count
  }

  /** Appends `id`, which must be larger than every id already in the list. */
  push(id: number): void {
    if (this.count === this.ids.length) {
      const next = new Int32Array(Math.ceil(this.ids.length * 1.5) + 4)
      next.set(this.ids)
      this.ids = next
    }
    this.ids[this.count++] = id
  }

  /** Removes `id`; false when it was not there. */
  remove(id: number): boolean {
    const at = lowerBound(this.ids, id, 0, this.count)
    if (at >= this.count || this.ids[at] !== id) return false
    this.ids.copyWithin(at, at + 1, this.count)
    this.count -= 1
    return true
  }

  /** The ids, ascending: a view that is valid until the list next changes. */
  view(): Int32Array {
    return this.ids.subarray(0, this.count)
  }
}

/** The first position in `sorted[from, to)` whose value is not below `value`. */
export function lowerBound(sorted: ArrayLike<number>, value: number, from: number, to: number): number {
  let lo = from
  let hi = to
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((sorted[mid] as number) < value) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * The values found in every list (all ascending), intersecting rarest first
 * by galloping search and stopping once at most `enough` are left: the
 * result is then a superset of the true intersection, for the caller to
 * verify. May return one of the inputs itself; do not modify it.
 */
export function intersectRarest(lists: readonly Int32Array[], enough: number): Int32Array {
  const sorted = [...lists].sort((a, b) => a.length - b.length)
  let result = sorted[0]
  if (result === undefined) return new Int32Array(0)
  for (let i = 1; i < sorted.length && result.length > enough; i += 1) {
    const other = sorted[i] as Int32Array
    if (other.buffer !== result.buffer || other.byteOffset !== result.byteOffset) result = intersect(result, other)
  }
  return result
}

function intersect(shorter: Int32Array, longer: Int32Array): Int32Array {
  const out = new Int32Array(shorter.length)
  let count = 0
  let from = 0
  for (const value of shorter) {
    let step = 1
    while (from + step < longer.length && (longer[from + step] as number) < value) step *= 2
    from = lowerBound(longer, value, from, Math.min(from + step + 1, longer.length))
    if (from >= longer.length) break
    if (longer[from] === value) out[count++] = value
  }
  return out.subarray(0, count)
}

/**
 * The `count` smallest of `keys`, ascending. Sorts `keys` in place when most
 * of them are wanted; otherwise keeps a bounded max-heap, so a page of 20
 * out of 20,000 matches costs one pass.
 */
export function smallestSorted(keys: Float64Array, count: number): Float64Array {
  if (count * 8 >= keys.length) return keys.sort().subarray(0, count)
  const heap = new Float64Array(count)
  let size = 0
  for (const key of keys) {
    if (size < count) {
      let i = size++
      while (i > 0) {
        const parent = (i - 1) >> 1
        if ((heap[parent] as number) >= key) break
        heap[i] = heap[parent] as number
        i = parent
      }
      heap[i] = key
    } else if (key < (heap[0] as number)) {
      let i = 0
      for (;;) {
        const left = 2 * i + 1
        if (left >= count) break
        const right = left + 1
        const child = right < count && (heap[right] as number) > (heap[left] as number) ? right : left
        if ((heap[child] as number) <= key) break
        heap[i] = heap[child] as number
        i = child
      }
      heap[i] = key
    }
  }
  return heap.sort()
}
