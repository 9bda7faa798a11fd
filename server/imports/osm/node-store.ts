/**
 * Node coordinates of an OSM file in compact typed arrays: 16 bytes a node
 * (id as a double, lon/lat as 1e-7 degree integers, OSM's own precision),
 * no object per node. Nodes may arrive in any order; `finish` sorts them
 * by id once when they did not arrive sorted, as OSM files normally do.
 */
export class NodeStore {
  private ids = new Float64Array(1024)
  private lonE7 = new Int32Array(1024)
  private latE7 = new Int32Array(1024)
  private sorted = true
  count = 0

  add(id: number, lon: number, lat: number): void {
    if (this.count === this.ids.length) this.grow()
    if (this.count > 0 && id <= this.ids[this.count - 1]!) this.sorted = false
    this.ids[this.count] = id
    this.lonE7[this.count] = Math.round(lon * 1e7)
    this.latE7[this.count] = Math.round(lat * 1e7)
    this.count++
  }

  /** Makes `indexOf` usable; call once after the last `add`. */
  finish(): void {
    this.ids = this.ids.slice(0, this.count)
    this.lonE7 = this.lonE7.slice(0, this.count)
    this.latE7 = this.latE7.slice(0, this.count)
    if (this.sorted) return
    const order = new Uint32Array(this.count).map((_, i) => i).sort((p, q) => this.ids[p]! - this.ids[q]!)
    this.ids = Float64Array.from(order, (i) => this.ids[i]!)
    this.lonE7 = Int32Array.from(order, (i) => this.lonE7[i]!)
    this.latE7 = Int32Array.from(order, (i) => this.latE7[i]!)
    this.sorted = true
  }

  /** The index of a node id, or -1 when the file does not have it. */
  indexOf(id: number): number {
    let lo = 0
    let hi = this.count - 1
    const ids = this.ids
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1
      const value = ids[mid]!
      if (value === id) return mid
      if (value < id) lo = mid + 1
      else hi = mid - 1
    }
    return -1
  }

  idAt(index: number): number {
    return this.ids[index]!
  }

  lonAt(index: number): number {
    return this.lonE7[index]! / 1e7
  }

  latAt(index: number): number {
    return this.latE7[index]! / 1e7
  }

  private grow(): void {
    const size = this.ids.length * 2
    const ids = new Float64Array(size)
    ids.set(this.ids)
    const lon = new Int32Array(size)
    lon.set(this.lonE7)
    const lat = new Int32Array(size)
    lat.set(this.latE7)
    this.ids = ids
    this.lonE7 = lon
    this.latE7 = lat
  }
}
