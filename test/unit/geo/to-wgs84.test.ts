import gcoord from 'gcoord'
import type { Geometry, Position } from 'geojson'
import { describe, expect, it } from 'vitest'
import { geometryToWgs84, positionToWgs84 } from '../../../server/geo/to-wgs84.ts'

/** Metres between two positions, on a sphere: accurate to well under a metre at these distances. */
function metres(a: Position, b: Position): number {
  const rad = Math.PI / 180
  const x = (a[0]! - b[0]!) * rad * Math.cos(((a[1]! + b[1]!) / 2) * rad)
  const y = (a[1]! - b[1]!) * rad
  return Math.hypot(x, y) * 6_371_008.8
}

/**
 * WGS 84 → GCJ-02 pairs from an implementation independent of gcoord:
 * googollee/eviltransform, go/transform_test.go (MIT), given there as
 * [lat, lng] and written here as [lng, lat].
 */
const evilTransformPairs: { city: string; wgs84: Position; gcj02: Position }[] = [
  { city: 'Shanghai', wgs84: [121.5272106, 31.1774276], gcj02: [121.531541859215, 31.17530398364597] },
  { city: 'Shenzhen', wgs84: [113.912316, 22.543847], gcj02: [113.9171764808363, 22.540796131694766] },
  { city: 'Beijing', wgs84: [116.377817, 39.911954], gcj02: [116.38404722455657, 39.91334545536069] },
]

describe('positionToWgs84', () => {
  it.each(evilTransformPairs)('undoes the GCJ-02 offset of a few hundred metres in $city to within 1 m', ({ wgs84, gcj02 }) => {
    expect(metres(wgs84, gcj02)).toBeGreaterThan(300)
    expect(metres(wgs84, gcj02)).toBeLessThan(700)
    expect(metres(positionToWgs84(gcj02, 'gcj02'), wgs84)).toBeLessThan(1)
  })

  it('undoes the BD-09 offset in Shenyang to within 1 m', () => {
    // Shenyang city centre in gcoord's test/fixtures/china-cities.json (v1.0.7), the only BD-09 reference at hand.
    const wgs84 = [123.4253306, 41.8032629]
    const bd09 = [123.438095, 41.8114013]
    expect(metres(wgs84, bd09)).toBeGreaterThan(1000)
    expect(metres(positionToWgs84(bd09, 'bd09'), wgs84)).toBeLessThan(1)
  })

  it('round-trips points across the country to within 1 m', () => {
    for (const wgs84 of [[123.4612, 41.7385], [87.6168, 43.8256], [91.1172, 29.6469], [110.3312, 20.0311], [126.6425, 45.7569]]) {
      for (const [system, name] of [
        [gcoord.GCJ02, 'gcj02'],
        [gcoord.BD09, 'bd09'],
      ] as const) {
        const shifted = gcoord.transform(wgs84 as [number, number], gcoord.WGS84, system)
        expect(metres(shifted, wgs84)).toBeGreaterThan(50)
        expect(metres(positionToWgs84(shifted, name), wgs84)).toBeLessThan(1)
      }
    }
  })

  it('leaves WGS 84 alone and keeps a height', () => {
    expect(positionToWgs84([123.4612, 41.7385, 52], 'wgs84')).toEqual([123.4612, 41.7385, 52])
    const converted = positionToWgs84([123.4612, 41.7385, 52], 'gcj02')
    expect(converted).toHaveLength(3)
    expect(converted[2]).toBe(52)
  })
})

describe('geometryToWgs84', () => {
  it('converts every position, keeps rings closed and leaves the input unchanged', () => {
    const polygon: Geometry = {
      type: 'Polygon',
      coordinates: [
        [
          [123.4801, 41.7301],
          [123.4862, 41.7301],
          [123.4862, 41.7342],
          [123.4801, 41.7301],
        ],
      ],
    }
    const copy = structuredClone(polygon)
    const converted = geometryToWgs84(polygon, 'gcj02')
    expect(polygon).toEqual(copy)
    if (converted.type !== 'Polygon') throw new Error('expected a polygon')
    const ring = converted.coordinates[0]!
    expect(ring).toHaveLength(4)
    expect(ring[3]).toEqual(ring[0])
    ring.forEach((p, i) => expect(p).toEqual(positionToWgs84(polygon.coordinates[0]![i]!, 'gcj02')))
  })

  it('converts inside multi-geometries and collections', () => {
    const point: Position = [123.4612, 41.7385]
    const expected = positionToWgs84(point, 'bd09')
    const collection = geometryToWgs84(
      {
        type: 'GeometryCollection',
        geometries: [
          { type: 'MultiPolygon', coordinates: [[[point, point, point, point]]] },
          { type: 'MultiLineString', coordinates: [[point, point]] },
        ],
      },
      'bd09',
    )
    expect(collection).toEqual({
      type: 'GeometryCollection',
      geometries: [
        { type: 'MultiPolygon', coordinates: [[[expected, expected, expected, expected]]] },
        { type: 'MultiLineString', coordinates: [[expected, expected]] },
      ],
    })
  })
})
