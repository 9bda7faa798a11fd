import { describe, expect, it } from 'vitest'
import { VectorTile } from '@mapbox/vector-tile'
import { PbfReader } from 'pbf'
import { encodeVectorTile } from '../../../server/geo/encode-vector-tile.ts'

function decode(bytes: Uint8Array) {
  return new VectorTile(new PbfReader(bytes))
}

describe('encodeVectorTile', () => {
  it('writes layers with ids, attributes and tile-coordinate geometry', () => {
    const bytes = encodeVectorTile({
      roads: [
        {
          id: 7,
          geometry: { type: 'LineString', coordinates: [[10, 20], [300, 400]] },
          properties: { name: '长青街', highway: 'residential', bridge: false, lengthM: 123.4 },
        },
      ],
      gates: [{ id: 9, geometry: { type: 'Point', coordinates: [2048, 1024] }, properties: { compoundId: 3, name: '' } }],
    })
    const tile = decode(bytes)
    expect(Object.keys(tile.layers).sort()).toEqual(['gates', 'roads'])
    const road = tile.layers.roads!.feature(0)
    expect(road.id).toBe(7)
    expect(road.type).toBe(2)
    expect(road.properties).toEqual({ name: '长青街', highway: 'residential', bridge: false, lengthM: 123.4 })
    expect(road.loadGeometry().map((line) => line.map((p) => [p.x, p.y]))).toEqual([[[10, 20], [300, 400]]])
    const gate = tile.layers.gates!.feature(0)
    expect(gate.type).toBe(1)
    expect(gate.loadGeometry()[0]![0]).toMatchObject({ x: 2048, y: 1024 })
    expect(tile.layers.roads!.extent).toBe(4096)
  })

  it('keeps polygon holes and multipolygon parts as separate rings', () => {
    const outer = [[0, 0], [0, 100], [100, 100], [100, 0], [0, 0]]
    const hole = [[20, 20], [80, 20], [80, 80], [20, 80], [20, 20]]
    const second = [[200, 200], [200, 300], [300, 300], [300, 200], [200, 200]]
    const tile = decode(
      encodeVectorTile({
        areas: [{ id: 1, geometry: { type: 'MultiPolygon', coordinates: [[outer, hole], [second]] }, properties: {} }],
      }),
    )
    const feature = tile.layers.areas!.feature(0)
    expect(feature.type).toBe(3)
    const geojson = feature.toGeoJSON(0, 0, 0)
    expect(geojson.geometry.type).toBe('MultiPolygon')
    const coordinates = (geojson.geometry as { coordinates: number[][][][] }).coordinates
    expect(coordinates).toHaveLength(2)
    expect(coordinates[0]).toHaveLength(2)
  })

  it('drops null attributes and returns an empty tile when no layer has features', () => {
    const tile = decode(
      encodeVectorTile({ a: [{ id: 1, geometry: { type: 'Point', coordinates: [1, 1] }, properties: { name: null, n: 2 } }] }),
    )
    expect(tile.layers.a!.feature(0).properties).toEqual({ n: 2 })
    expect(encodeVectorTile({ a: [], b: [] })).toHaveLength(0)
  })
})
