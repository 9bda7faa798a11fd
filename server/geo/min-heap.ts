/**
 * A binary min-heap of (key, value) pairs in typed arrays, for Dijkstra.
 * Decrease-key is done by pushing again; callers skip stale entries.
 */
export class MinHeap {
  private keys: Float64Array
  private values: Uint32Array
  size = 0

  constructor(capacity = 1024) {
    this.keys = new Float64Array(capacity)
    this.values = new Uint32Array(capacity)
  }

  push(key: number, value: number): void {
    if (this.size === this.keys.length) this.grow()
    let i = this.size++
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (this.keys[parent]! <= key) break
      this.keys[i] = this.keys[parent]!
      this.values[i] = this.values[parent]!
      i = parent
    }
    this.keys[i] = key
    this.values[i] = value
  }

  /** The smallest key; undefined when empty. */
  peekKey(): number | undefined {
    return this.size > 0 ? this.keys[0] : undefined
  }

  /** Removes the entry with the smallest key and returns its value. */
  pop(): number {
    const top = this.values[0]!
    const size = --this.size
    if (size > 0) {
      const key = this.keys[size]!
      const value = this.values[size]!
      let i = 0
      for (;;) {
        let child = 2 * i + 1
        if (child >= size) break
        if (child + 1 < size && this.keys[child + 1]! < this.keys[child]!) child++
        if (this.keys[child]! >= key) break
        this.keys[i] = this.keys[child]!
        this.values[i] = this.values[child]!
        i = child
      }
      this.keys[i] = key
      this.values[i] = value
    }
    return top
  }

  private grow(): void {
    const keys = new Float64Array(this.keys.length * 2)
    keys.set(this.keys)
    const values = new Uint32Array(this.values.length * 2)
    values.set(this.values)
    this.keys = keys
    this.values = values
  }
}
