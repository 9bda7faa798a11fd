import { describe, expect, it } from 'vitest'
import type { Geometry, LineString, Point, Polygon } from 'geojson'
import { geometryOfShapes, shapesOfGeometry } from '../../../client/map/geometry-editor.ts'

const point = (lng: number, lat: number): Point => ({ type: 'Point', coordinates: [lng, lat] })
const line = (...coordinates: [number, number][]): LineString => ({ type: 'LineString', coordinates })
const square = (x: number): Polygon => ({ type: 'Polygon', coordinates: [[[x, 0], [x + 1, 0], [x + 1, 1], [x, 1], [x, 0]]] })

describe('the geometry of the shapes drawn', () => {
  it('is null when nothing is drawn, and one shape as itself', () => {
    expect(geometryOfShapes([])).toBeNull()
    const one = line([0, 0], [1, 1])
    expect(geometryOfShapes([one])).toBe(one)
    expect(geometryOfShapes([square(0)])).toEqual(square(0))
  })

  it('joins several shapes of one type into the multi-part geometry of that type, in the order drawn', () => {
    expect(geometryOfShapes([point(1, 2), point(3, 4)])).toEqual({ type: 'MultiPoint', coordinates: [[1, 2], [3, 4]] })
    expect(geometryOfShapes([line([0, 0], [1, 0]), line([2, 0], [3, 0])])).toEqual({
      type: 'MultiLineString',
      coordinates: [[[0, 0], [1, 0]], [[2, 0], [3, 0]]],
    })
    expect(geometryOfShapes([square(0), square(5)])).toEqual({ type: 'MultiPolygon', coordinates: [square(0).coordinates, square(5).coordinates] })
  })

  it('keeps only the shapes of the type drawn last when types are mixed', () => {
    expect(geometryOfShapes([point(1, 1), line([0, 0], [1, 1]), point(2, 2)])).toEqual({ type: 'MultiPoint', coordinates: [[1, 1], [2, 2]] })
    expect(geometryOfShapes([point(1, 1), square(0)])).toEqual(square(0))
  })

  it('gives back the geometry it was split from, a multi-part geometry of one part becoming that part', () => {
    const geometries: Geometry[] = [
      point(1, 2),
      line([0, 0], [1, 1], [2, 0]),
      square(3),
      { type: 'MultiPoint', coordinates: [[1, 2], [3, 4], [5, 6]] },
      { type: 'MultiLineString', coordinates: [[[0, 0], [1, 0]], [[0, 1], [1, 1]]] },
      { type: 'MultiPolygon', coordinates: [square(0).coordinates, square(2).coordinates] },
    ]
    for (const geometry of geometries) expect(geometryOfShapes(shapesOfGeometry(geometry)), geometry.type).toEqual(geometry)
    expect(geometryOfShapes(shapesOfGeometry({ type: 'MultiLineString', coordinates: [[[0, 0], [1, 0]]] }))).toEqual(line([0, 0], [1, 0]))
  })

  it('splits a collection into its shapes, nested ones too', () => {
    const collection: Geometry = {
      type: 'GeometryCollection',
      geometries: [point(1, 1), { type: 'GeometryCollection', geometries: [{ type: 'MultiPoint', coordinates: [[2, 2], [3, 3]] }] }],
    }
    expect(shapesOfGeometry(collection)).toEqual([point(1, 1), point(2, 2), point(3, 3)])
    expect(shapesOfGeometry(null)).toEqual([])
  })
})
