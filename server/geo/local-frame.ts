const metresPerDegreeLat = 110_574

/**
 * A local equirectangular frame in metres (x east, y north) around a
 * reference latitude: accurate to well under a metre across a city, and
 * cheap enough to project every vertex of a network.
 */
export class LocalFrame {
  private readonly metresPerDegreeLng: number

  constructor(
    readonly lng0: number,
    readonly lat0: number,
  ) {
    this.metresPerDegreeLng = 111_320 * Math.cos((lat0 * Math.PI) / 180)
  }

  /** The frame around flat [lng, lat, lng, lat, …] coordinates: origin at the west edge, reference latitude in the middle. */
  static around(coords: Float64Array): LocalFrame {
    let minLng = Infinity
    let minLat = Infinity
    let maxLat = -Infinity
    for (let i = 0; i < coords.length; i += 2) {
      minLng = Math.min(minLng, coords[i]!)
      minLat = Math.min(minLat, coords[i + 1]!)
      maxLat = Math.max(maxLat, coords[i + 1]!)
    }
    return Number.isFinite(minLng) ? new LocalFrame(minLng, (minLat + maxLat) / 2) : new LocalFrame(0, 0)
  }

  toLocal(lng: number, lat: number): [number, number] {
    return [(lng - this.lng0) * this.metresPerDegreeLng, (lat - this.lat0) * metresPerDegreeLat]
  }

  toLngLat(x: number, y: number): [number, number] {
    return [this.lng0 + x / this.metresPerDegreeLng, this.lat0 + y / metresPerDegreeLat]
  }

  /** Flat [lng, lat, …] coordinates projected to flat [x, y, …] metres. */
  project(coords: Float64Array): Float64Array {
    const out = new Float64Array(coords.length)
    for (let i = 0; i < coords.length; i += 2) {
      out[i] = (coords[i]! - this.lng0) * this.metresPerDegreeLng
      out[i + 1] = (coords[i + 1]! - this.lat0) * metresPerDegreeLat
    }
    return out
  }
}
