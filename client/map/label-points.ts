import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon, Position } from 'geojson'

type Ring = Position[]

function ringArea(ring: Ring): number {
  let sum = 0
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi = 0, yi = 0] = ring[i] ?? []
    const [xj = 0, yj = 0] = ring[j] ?? []
    sum += (xj - xi) * (yj + yi)
  }
  return Math.abs(sum) / 2
}

function largestPolygon(geometry: Polygon | MultiPolygon): Ring[] | undefined {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates
  let best: Ring[] | undefined
  let bestArea = -1
  for (const polygon of polygons) {
    const area = polygon[0] ? ringArea(polygon[0]) : 0
    if (area > bestArea) {
      best = polygon
      bestArea = area
    }
  }
  return best
}

/** Where the rings of a polygon cross the horizontal line at `y`, sorted by x. */
function crossings(rings: Ring[], y: number): number[] {
  const xs: number[] = []
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi = 0, yi = 0] = ring[i] ?? []
      const [xj = 0, yj = 0] = ring[j] ?? []
      if (yi > y === yj > y) continue
      xs.push(xi + ((y - yi) / (yj - yi)) * (xj - xi))
    }
  }
  return xs.sort((a, b) => a - b)
}

/**
 * A point inside a polygon to hang its label on: the middle of the widest
 * stretch of the polygon along a few horizontal lines near its middle. Good
 * enough for administrative areas, and always inside (unlike a centroid).
 */
export function labelPoint(geometry: Polygon | MultiPolygon): Position | null {
  const rings = largestPolygon(geometry)
  const outer = rings?.[0]
  if (!rings || !outer || outer.length < 4) return null
  let minY = Infinity
  let maxY = -Infinity
  for (const [, y = 0] of outer) {
    minY = Math.min(minY, y)
    maxY = Math.max(maxY, y)
  }
  let best: Position | null = null
  let bestWidth = -1
  for (const fraction of [0.5, 0.4, 0.6, 0.3, 0.7]) {
    const y = minY + (maxY - minY) * fraction
    const xs = crossings(rings, y)
    for (let i = 0; i + 1 < xs.length; i += 2) {
      const left = xs[i] ?? 0
      const right = xs[i + 1] ?? 0
      // Prefer the middle line unless another is clearly wider.
      const width = (right - left) * (fraction === 0.5 ? 1.25 : 1)
      if (width > bestWidth) {
        bestWidth = width
        best = [(left + right) / 2, y]
      }
    }
  }
  return best
}

/**
 * One label point per polygon feature, with the same properties. Labelling
 * the polygons themselves would repeat a name in every tile the polygon
 * crosses.
 */
export function labelPoints<P>(collection: FeatureCollection<Polygon | MultiPolygon, P>): FeatureCollection<Point, P> {
  const features: Feature<Point, P>[] = []
  for (const feature of collection.features) {
    if (!feature.geometry) continue
    const point = labelPoint(feature.geometry)
    if (!point) continue
    features.push({ type: 'Feature', properties: feature.properties, geometry: { type: 'Point', coordinates: point } })
  }
  return { type: 'FeatureCollection', features }
}
