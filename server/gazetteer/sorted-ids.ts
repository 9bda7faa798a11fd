/** The first position in `sorted[from, to)` whose value is not below `value`. */
export function lowerBound(sorted: readonly number[], value: number, from: number, to: number): number {
  let lo = from
  let hi = to
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((sorted[mid] as number) < value) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** Removes `value` from an ascending list; false when it was not there. */
export function removeSorted(sorted: number[], value: number): boolean {
  const at = lowerBound(sorted, value, 0, sorted.length)
  if (sorted[at] !== value) return false
  sorted.splice(at, 1)
  return true
}

/**
 * The values found in every list, intersecting rarest first by galloping
 * search, and stopping once at most `enough` are left: the result is then a
 * superset of the true intersection, for the caller to verify. May return
 * one of the inputs itself; do not modify it.
 */
export function intersectRarest(lists: readonly number[][], enough: number): readonly number[] {
  const sorted = [...new Set(lists)].sort((a, b) => a.length - b.length)
  let result: number[] | undefined = sorted[0]
  if (result === undefined) return []
  for (let i = 1; i < sorted.length && result.length > enough; i += 1) result = intersect(result, sorted[i] as number[])
  return result
}

function intersect(shorter: readonly number[], longer: readonly number[]): number[] {
  const out: number[] = []
  let from = 0
  for (const value of shorter) {
    let step = 1
    while (from + step < longer.length && (longer[from + step] as number) < value) step *= 2
    from = lowerBound(longer, value, from, Math.min(from + step + 1, longer.length))
    if (from >= longer.length) break
    if (longer[from] === value) out.push(value)
  }
  return out
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
