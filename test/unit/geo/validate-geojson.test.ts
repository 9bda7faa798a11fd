import { describe, expect, it } from 'vitest'
import { Prng } from '../../../geodata/prng.ts'
import {
  describeProblems,
  problemLimit,
  validateFeatureCollection,
  validateGeometry,
  type GeoJsonProblem,
} from '../../../server/geo/validate-geojson.ts'

const square = [
  [116, 39],
  [117, 39],
  [117, 40],
  [116, 40],
  [116, 39],
]
const hole = [
  [116.2, 39.2],
  [116.2, 39.8],
  [116.8, 39.8],
  [116.8, 39.2],
  [116.2, 39.2],
]

function feature(geometry: unknown, id?: string | number): Record<string, unknown> {
  return { type: 'Feature', ...(id === undefined ? {} : { id }), properties: {}, geometry }
}

function collection(...features: unknown[]): Record<string, unknown> {
  return { type: 'FeatureCollection', features }
}

/** The parts of each problem a test pins down, without the wording of the message. */
function located(problems: GeoJsonProblem[]): Pick<GeoJsonProblem, 'code' | 'path' | 'feature' | 'featureId'>[] {
  return problems.map(({ code, path, feature, featureId }) => ({ code, path, feature, featureId }))
}

describe('valid geometries', () => {
  const valid: [string, unknown][] = [
    ['Point', { type: 'Point', coordinates: [116.4, 39.9] }],
    ['Point with height', { type: 'Point', coordinates: [116.4, 39.9, 50] }],
    ['Point on the antimeridian and pole', { type: 'Point', coordinates: [-180, 90] }],
    ['MultiPoint', { type: 'MultiPoint', coordinates: [[116.4, 39.9], [116.5, 39.8]] }],
    ['LineString', { type: 'LineString', coordinates: [[116.4, 39.9], [116.5, 39.8], [116.6, 39.9]] }],
    ['MultiLineString', { type: 'MultiLineString', coordinates: [[[116, 39], [117, 40]], [[116, 40], [117, 39]]] }],
    ['Polygon', { type: 'Polygon', coordinates: [square] }],
    ['Polygon with a hole', { type: 'Polygon', coordinates: [square, hole] }],
    ['MultiPolygon', { type: 'MultiPolygon', coordinates: [[square], [hole]] }],
    [
      'GeometryCollection',
      {
        type: 'GeometryCollection',
        geometries: [
          { type: 'Point', coordinates: [116, 39] },
          { type: 'GeometryCollection', geometries: [{ type: 'Polygon', coordinates: [square] }] },
        ],
      },
    ],
  ]
  for (const [name, geometry] of valid) {
    it(`accepts a ${name}`, () => {
      expect(validateGeometry(geometry)).toEqual([])
    })
  }

  it('accepts a ring with a repeated position and a hole touching the shell at one point', () => {
    const shell = [[0, 0], [4, 0], [4, 0], [4, 4], [0, 4], [0, 0]]
    const touchingHole = [[0, 2], [2, 1], [2, 3], [0, 2]]
    expect(validateGeometry({ type: 'Polygon', coordinates: [shell, touchingHole] })).toEqual([])
  })

  it('accepts a FeatureCollection and a single Feature', () => {
    const fc = collection(feature({ type: 'Polygon', coordinates: [square] }, 'a1'), feature({ type: 'Point', coordinates: [116, 39] }, 2))
    expect(validateFeatureCollection(fc)).toEqual([])
    expect(validateFeatureCollection(feature({ type: 'Polygon', coordinates: [square] }))).toEqual([])
    expect(validateFeatureCollection(collection())).toEqual([])
  })
})

describe('structure problems', () => {
  it('reports input that is not an object', () => {
    for (const value of [null, undefined, 42, 'Point', [116, 39], true]) {
      expect(located(validateGeometry(value))).toEqual([{ code: 'not-object', path: '', feature: null, featureId: null }])
      expect(located(validateFeatureCollection(value))).toEqual([{ code: 'not-object', path: '', feature: null, featureId: null }])
    }
  })

  it('reports a feature that is not an object, and features that are not an array', () => {
    const problems = validateFeatureCollection(collection(feature({ type: 'Point', coordinates: [1, 2] }), null))
    expect(located(problems)).toEqual([{ code: 'not-object', path: 'features[1]', feature: 1, featureId: null }])
    expect(problems[0]!.message).toBe('expected a Feature object, got null')
    expect(located(validateFeatureCollection({ type: 'FeatureCollection', features: {} }))).toEqual([
      { code: 'not-object', path: 'features', feature: null, featureId: null },
    ])
  })

  it('reports unknown types with a hint for wrong capitals', () => {
    const misspelt = validateGeometry({ type: 'Polygn', coordinates: [square] })
    expect(located(misspelt)).toEqual([{ code: 'unknown-type', path: 'type', feature: null, featureId: null }])
    expect(misspelt[0]!.message).toBe('the string "Polygn" is not a GeoJSON geometry type')
    expect(validateGeometry({ type: 'polygon', coordinates: [square] })[0]!.message).toBe(
      'the string "polygon" is not a GeoJSON geometry type; did you mean "Polygon"?',
    )
    expect(validateGeometry({ coordinates: [1, 2] })[0]).toMatchObject({ code: 'unknown-type', message: 'the geometry has no type' })
    expect(validateGeometry(feature({ type: 'Point', coordinates: [1, 2] }))[0]).toMatchObject({
      code: 'unknown-type',
      message: 'expected a geometry, got a Feature',
    })
  })

  it('reports a bare geometry or a wrongly typed feature in a collection', () => {
    expect(validateFeatureCollection({ type: 'Polygon', coordinates: [square] })).toEqual([
      { path: 'type', feature: null, featureId: null, code: 'unknown-type', message: 'expected a FeatureCollection or Feature, got a bare Polygon geometry' },
    ])
    const wrong = { type: 'Feat', id: 'x', geometry: { type: 'Point', coordinates: [1, 2] } }
    expect(located(validateFeatureCollection(collection(wrong)))).toEqual([
      { code: 'unknown-type', path: 'features[0].type', feature: 0, featureId: 'x' },
    ])
  })

  it('reports a feature without a geometry, naming the feature and its id', () => {
    const fc = collection(
      feature({ type: 'Point', coordinates: [1, 2] }),
      feature({ type: 'Point', coordinates: [1, 2] }),
      feature(null, 'a7'),
      { type: 'Feature', id: 9, properties: {} },
    )
    const problems = validateFeatureCollection(fc)
    expect(located(problems)).toEqual([
      { code: 'missing-geometry', path: 'features[2].geometry', feature: 2, featureId: 'a7' },
      { code: 'missing-geometry', path: 'features[3].geometry', feature: 3, featureId: 9 },
    ])
    expect(describeProblems(problems)).toBe('feature 2 (id "a7"): the geometry of the feature is null; feature 3 (id 9): the feature has no geometry')
  })

  it('ignores ids that are neither strings nor numbers', () => {
    const problems = validateFeatureCollection(collection({ type: 'Feature', id: { a: 1 }, geometry: null }))
    expect(problems[0]).toMatchObject({ feature: 0, featureId: null })
  })

  it('reports coordinates nested too shallow or too deep, missing, or of the wrong length', () => {
    const cases: [unknown, string, string][] = [
      [
        { type: 'Polygon', coordinates: square },
        'coordinates',
        'the polygon is nested one level too shallow: a polygon is an array of rings, each an array of [lng, lat] positions',
      ],
      [{ type: 'Point', coordinates: [[116, 39]] }, 'coordinates', 'the point is nested one level too deep: a position is [lng, lat], not an array of arrays'],
      [{ type: 'LineString', coordinates: [116, 39] }, 'coordinates', 'the line is a single position where an array of positions is expected'],
      [{ type: 'Polygon' }, 'coordinates', 'the polygon should be an array of rings, got nothing'],
      [{ type: 'MultiPoint', coordinates: [[1, 2], [1, 2, 3, 4]] }, 'coordinates[1]', 'point 1 has 4 values; a position has 2 or 3: [lng, lat] or [lng, lat, height]'],
      [{ type: 'MultiPoint', coordinates: [[1]] }, 'coordinates[0]', 'point 0 has 1 value; a position has 2 or 3: [lng, lat] or [lng, lat, height]'],
      [{ type: 'MultiLineString', coordinates: [[[1, 2], [3, 4]], { a: 1 }] }, 'coordinates[1]', 'line 1 should be an array of positions, got an object'],
      [{ type: 'MultiPolygon', coordinates: [[square], 5] }, 'coordinates[1]', 'polygon 1 should be an array of rings, got 5'],
      [{ type: 'Polygon', coordinates: [square, [[1, 2], 'x', [1, 2], [1, 2]]] }, 'coordinates[1][1]', 'position 1 of ring 1 of the polygon should be a position [lng, lat], got the string "x"'],
    ]
    for (const [geometry, path, message] of cases) {
      expect(validateGeometry(geometry)).toEqual([{ path, feature: null, featureId: null, code: 'bad-coordinates', message }])
    }
  })

  it('reports a GeometryCollection whose geometries are not an array', () => {
    expect(located(validateGeometry({ type: 'GeometryCollection', geometries: 'none' }))).toEqual([
      { code: 'not-object', path: 'geometries', feature: null, featureId: null },
    ])
  })

  it('prefixes paths with where the geometry sits in a larger document', () => {
    expect(validateGeometry({ type: 'Point', coordinates: ['116', 39] }, {}, 'body.geom').map((p) => p.path)).toEqual(['body.geom.coordinates[0]'])
  })
})

describe('position problems', () => {
  it('reports a longitude given as a string, at the value itself', () => {
    const ring = square.map((p) => [...p]) as unknown[][]
    ring[1] = ['116', 39]
    const problems = validateFeatureCollection(collection(feature({ type: 'Point', coordinates: [1, 2] }), feature({ type: 'Polygon', coordinates: [ring] }, 'p2')))
    expect(problems).toEqual([
      {
        path: 'features[1].geometry.coordinates[0][1][0]',
        feature: 1,
        featureId: 'p2',
        code: 'not-a-number',
        message: 'the longitude of position 1 of ring 0 of the polygon is the string "116", not a number',
      },
    ])
  })

  it('reports NaN, Infinity and null, which JSON cannot carry but callers can', () => {
    expect(validateGeometry({ type: 'Point', coordinates: [NaN, 39] })).toEqual([
      { path: 'coordinates[0]', feature: null, featureId: null, code: 'not-a-number', message: 'the longitude of the point is NaN, not a number' },
    ])
    expect(located(validateGeometry({ type: 'LineString', coordinates: [[116, Infinity], [116, 39, null]] }))).toEqual([
      { code: 'not-a-number', path: 'coordinates[0][1]', feature: null, featureId: null },
      { code: 'not-a-number', path: 'coordinates[1][2]', feature: null, featureId: null },
    ])
  })

  it('reports latitude 91 with the position to show on the map', () => {
    expect(validateGeometry({ type: 'Point', coordinates: [116, 91] })).toEqual([
      {
        path: 'coordinates[1]',
        feature: null,
        featureId: null,
        code: 'out-of-range',
        message: 'the latitude 91 of the point is outside [-90, 90]',
        coordinate: [116, 91],
      },
    ])
  })

  it('reports longitude beyond 180 and hints at swapped axes and projected metres', () => {
    expect(validateGeometry({ type: 'MultiPoint', coordinates: [[1, 2], [180.5, 2]] })).toMatchObject([
      { path: 'coordinates[1][0]', code: 'out-of-range', coordinate: [180.5, 2], message: 'the longitude 180.5 of point 1 is outside [-180, 180]' },
    ])
    expect(validateGeometry({ type: 'Point', coordinates: [39.9, 116.4] })[0]!.message).toBe(
      'the latitude 116.4 of the point is outside [-90, 90]; are longitude and latitude swapped?',
    )
    const projected = validateGeometry({ type: 'Point', coordinates: [12958000, 4825000] })
    expect(projected.map((p) => p.path)).toEqual(['coordinates[0]', 'coordinates[1]'])
    expect(projected[0]!.message).toContain('looks like projected metres')
  })
})

describe('shape problems', () => {
  it('reports a line with one position', () => {
    expect(validateGeometry({ type: 'LineString', coordinates: [[116, 39]] })).toEqual([
      { path: 'coordinates', feature: null, featureId: null, code: 'too-few-positions', message: 'the line has 1 position; a line needs at least 2' },
    ])
    expect(located(validateGeometry({ type: 'MultiLineString', coordinates: [[[1, 2], [3, 4]], []] }))).toEqual([
      { code: 'too-few-positions', path: 'coordinates[1]', feature: null, featureId: null },
    ])
  })

  it('reports rings with too few positions or too few distinct positions, and empty geometries', () => {
    expect(validateGeometry({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [0, 0]]] })).toEqual([
      {
        path: 'coordinates[0]',
        feature: null,
        featureId: null,
        code: 'too-few-positions',
        message: 'ring 0 of the polygon has 3 positions; a ring needs at least 4, the last repeating the first',
      },
    ])
    expect(validateGeometry({ type: 'Polygon', coordinates: [square, [[0, 0], [1, 0], [1, 0], [0, 0]]] })).toMatchObject([
      { path: 'coordinates[1]', code: 'too-few-positions', message: 'ring 1 of the polygon has only 2 distinct positions; a ring needs at least 3' },
    ])
    const empties: [unknown, string][] = [
      [{ type: 'Polygon', coordinates: [] }, 'coordinates'],
      [{ type: 'MultiPolygon', coordinates: [] }, 'coordinates'],
      [{ type: 'MultiPoint', coordinates: [] }, 'coordinates'],
      [{ type: 'GeometryCollection', geometries: [] }, 'geometries'],
    ]
    for (const [geometry, path] of empties) {
      expect(located(validateGeometry(geometry))).toEqual([{ code: 'too-few-positions', path, feature: null, featureId: null }])
    }
  })

  it('reports an unclosed ring with its first position', () => {
    const ring = [[116.1, 39.9], [116.2, 39.8], [116.3, 39.9], [116.2, 39.9]]
    const problems = validateFeatureCollection(collection(feature({ type: 'Polygon', coordinates: [square] }), feature({ type: 'MultiPolygon', coordinates: [[square], [ring]] }, 'a7')))
    expect(problems).toEqual([
      {
        path: 'features[1].geometry.coordinates[1][0]',
        feature: 1,
        featureId: 'a7',
        code: 'ring-not-closed',
        message: 'ring 0 of polygon 1 is not closed: first [116.1, 39.9] and last [116.2, 39.9] differ',
        coordinate: [116.1, 39.9],
      },
    ])
  })

  it('reports a ring that is both short and unclosed as both', () => {
    expect(validateGeometry({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1]]] }).map((p) => p.code)).toEqual([
      'too-few-positions',
      'ring-not-closed',
    ])
  })

  it('treats a height difference between first and last position as an unclosed ring', () => {
    const ring = [[0, 0, 5], [1, 0, 5], [1, 1, 5], [0, 0, 6]]
    expect(validateGeometry({ type: 'Polygon', coordinates: [ring] })[0]).toMatchObject({
      code: 'ring-not-closed',
      message: 'ring 0 of the polygon is not closed: first [0, 0, 5] and last [0, 0, 6] differ',
    })
    const mixed = [[0, 0], [1, 0], [1, 1], [0, 0, 0]]
    expect(validateGeometry({ type: 'Polygon', coordinates: [mixed] }).map((p) => p.code)).toEqual(['ring-not-closed'])
  })
})

describe('self-intersection', () => {
  const bowtie = [[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]

  it('reports a bowtie once, at the crossing point', () => {
    const problems = validateGeometry({ type: 'Polygon', coordinates: [bowtie] })
    expect(located(problems)).toEqual([{ code: 'self-intersection', path: 'coordinates[0][2]', feature: null, featureId: null }])
    expect(problems[0]!.message).toBe('ring 0 of the polygon crosses itself at [0.5, 0.5] (the edges from position 0 to 1 and from position 2 to 3)')
    expect(problems[0]!.coordinate![0]).toBeCloseTo(0.5, 12)
    expect(problems[0]!.coordinate![1]).toBeCloseTo(0.5, 12)
  })

  it('reports a hole crossing the shell at both crossings, on the hole', () => {
    const crossingHole = [[0.5, 0.5], [0.5, 1.5], [1.5, 1.5], [1.5, 0.5], [0.5, 0.5]]
    const shell = [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]
    const problems = validateFeatureCollection(collection(feature({ type: 'Polygon', coordinates: [shell, crossingHole] }, 'h')))
    expect(located(problems)).toEqual([
      { code: 'self-intersection', path: 'features[0].geometry.coordinates[1][0]', feature: 0, featureId: 'h' },
      { code: 'self-intersection', path: 'features[0].geometry.coordinates[1][3]', feature: 0, featureId: 'h' },
    ])
    expect(problems[0]!.message).toBe('ring 1 of the polygon crosses ring 0 at [0.5, 1] (the edge from position 0 to 1 of ring 1 and from position 2 to 3 of ring 0)')
    expect(problems.map((p) => p.coordinate)).toEqual([
      [0.5, 1],
      [1, 0.5],
    ])
  })

  it('reports a ring pinched at a repeated vertex once', () => {
    const figureEight = [[0, 0], [2, 0], [1, 1], [2, 2], [0, 2], [1, 1], [0, 0]]
    const problems = validateGeometry({ type: 'Polygon', coordinates: [figureEight] })
    expect(problems).toMatchObject([{ code: 'self-intersection', path: 'coordinates[0][5]', coordinate: [1, 1] }])
    expect(problems[0]!.message).toMatch(/^ring 0 of the polygon touches itself at \[1, 1\]/)
  })

  it('reports a spike that runs back along its own edge', () => {
    const spike = [[0, 0], [2, 0], [2, 2], [3, 2], [2, 2], [0, 2], [0, 0]]
    const problems = validateGeometry({ type: 'Polygon', coordinates: [spike] })
    expect(problems).toMatchObject([{ code: 'self-intersection', path: 'coordinates[0][3]' }])
    expect(problems[0]!.message).toMatch(/^ring 0 of the polygon runs along itself from \[2, 2\]/)
  })

  it('reports a hole lying along the shell', () => {
    const shell = [[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]]
    const alongHole = [[1, 0], [3, 0], [2, 1], [1, 0]]
    expect(validateGeometry({ type: 'Polygon', coordinates: [shell, alongHole] })).toMatchObject([
      { code: 'self-intersection', path: 'coordinates[1][0]', coordinate: [1, 0] },
    ])
  })

  it('names the polygon of a MultiPolygon', () => {
    expect(validateGeometry({ type: 'MultiPolygon', coordinates: [[square], [bowtie]] })).toMatchObject([
      { code: 'self-intersection', path: 'coordinates[1][0][2]', message: expect.stringMatching(/^ring 0 of polygon 1 crosses itself/) },
    ])
  })

  it('finds every crossing of a zigzag ring', () => {
    // A zigzag between y = 0 and y = 2 closed by an edge along y = 1: each of its 49 edges crosses that edge once.
    const zigzag = Array.from({ length: 50 }, (_, i) => [i, i % 2 === 0 ? 0 : 2])
    const ring = [...zigzag, [49, 1], [0, 1], [0, 0]]
    const problems = validateGeometry({ type: 'Polygon', coordinates: [ring] })
    expect(problems.map((p) => p.path)).toEqual(Array.from({ length: 49 }, () => 'coordinates[0][50]'))
    expect(problems.map((p) => p.coordinate![0])).toEqual(Array.from({ length: 49 }, (_, i) => i + 0.5))
  })

  it('can be turned off', () => {
    expect(validateGeometry({ type: 'Polygon', coordinates: [bowtie] }, { checkSelfIntersection: false })).toEqual([])
  })
})

describe('options', () => {
  it('refuses more positions than maxPositions, counting across features, before other checks', () => {
    const fc = collection(feature({ type: 'Polygon', coordinates: [square] }), feature({ type: 'LineString', coordinates: [[1, 2], ['x', 3]] }))
    expect(validateFeatureCollection(fc, { maxPositions: 6 })).toEqual([
      { path: '', feature: null, featureId: null, code: 'too-many-positions', message: 'the input has 7 positions; at most 6 are accepted' },
    ])
    expect(validateFeatureCollection(fc, { maxPositions: 7 }).map((p) => p.code)).toEqual(['not-a-number'])
    const nested = { type: 'GeometryCollection', geometries: [{ type: 'MultiPolygon', coordinates: [[square, hole]] }, { type: 'Point', coordinates: [1, 2] }] }
    expect(validateGeometry(nested, { maxPositions: 10 }, 'geom')).toMatchObject([{ path: 'geom', code: 'too-many-positions', message: 'the input has 11 positions; at most 10 are accepted' }])
  })

  it('refuses geometry types outside allowedTypes', () => {
    const parcels = { allowedTypes: ['Polygon', 'MultiPolygon'] as const }
    const fc = collection(feature({ type: 'Polygon', coordinates: [square] }), feature({ type: 'LineString', coordinates: [[1, 2], [3, 4]] }, 'road'))
    expect(validateFeatureCollection(fc, parcels)).toEqual([
      {
        path: 'features[1].geometry.type',
        feature: 1,
        featureId: 'road',
        code: 'wrong-geometry-type',
        message: 'a LineString is not accepted here; expected Polygon or MultiPolygon',
      },
    ])
    expect(located(validateGeometry({ type: 'GeometryCollection', geometries: [{ type: 'Polygon', coordinates: [square] }] }, parcels))).toEqual([
      { code: 'wrong-geometry-type', path: 'type', feature: null, featureId: null },
    ])
  })

  it('applies allowedTypes to the members of a GeometryCollection too', () => {
    const gc = { type: 'GeometryCollection', geometries: [{ type: 'Polygon', coordinates: [square] }, { type: 'Point', coordinates: [1, 2] }] }
    expect(validateGeometry(gc, { allowedTypes: ['GeometryCollection', 'Polygon'] })).toMatchObject([
      { path: 'geometries[1].type', code: 'wrong-geometry-type', message: 'geometries[1]: a Point is not accepted here; expected GeometryCollection or Polygon' },
    ])
  })
})

describe('nested GeometryCollections', () => {
  it('reports problems deep inside with their path and member', () => {
    const gc = {
      type: 'GeometryCollection',
      geometries: [
        { type: 'Point', coordinates: [1, 2] },
        { type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [100, 95] }] },
      ],
    }
    expect(validateFeatureCollection(feature(gc, 'g'))).toEqual([
      {
        path: 'geometry.geometries[1].geometries[0].coordinates[1]',
        feature: 0,
        featureId: 'g',
        code: 'out-of-range',
        message: 'geometries[1].geometries[0]: the latitude 95 of the point is outside [-90, 90]',
        coordinate: [100, 95],
      },
    ])
  })

  it('refuses collections nested more than 8 deep instead of recursing without end', () => {
    let geometry: Record<string, unknown> = { type: 'Point', coordinates: [1, 2] }
    for (let i = 0; i < 10_000; i++) geometry = { type: 'GeometryCollection', geometries: [geometry] }
    const problems = validateGeometry(geometry, { maxPositions: 5 })
    expect(located(problems)).toEqual([
      { code: 'wrong-geometry-type', path: `${'geometries[0].'.repeat(8)}type`, feature: null, featureId: null },
    ])
  })
})

describe('describeProblems', () => {
  const unclosed = { type: 'Polygon', coordinates: [[[116.1, 39.9], [116.2, 39.8], [116.3, 39.9], [116.2, 39.9]]] }

  it('leads each problem with its feature and id', () => {
    const fc = collection(...Array.from({ length: 3 }, () => feature({ type: 'Point', coordinates: [1, 2] })), feature(unclosed, 'a7'))
    expect(describeProblems(validateFeatureCollection(fc))).toBe(
      'feature 3 (id "a7"): ring 0 of the polygon is not closed: first [116.1, 39.9] and last [116.2, 39.9] differ',
    )
  })

  it('stops after the limit and says how many more', () => {
    const fc = collection(...Array.from({ length: 14 }, (_, i) => feature(unclosed, i)))
    const problems = validateFeatureCollection(fc)
    expect(problems).toHaveLength(14)
    const text = describeProblems(problems)
    expect(text.split('; ')).toHaveLength(11)
    expect(text.startsWith('feature 0 (id 0): ring 0 of the polygon is not closed')).toBe(true)
    expect(text.endsWith('; feature 9 (id 9): ring 0 of the polygon is not closed: first [116.1, 39.9] and last [116.2, 39.9] differ; …and 4 more problems')).toBe(true)
    expect(describeProblems(problems, 13).endsWith('; …and 1 more problem')).toBe(true)
    expect(describeProblems(problems, 0)).toBe('14 more problems')
    expect(describeProblems(problems, 14)).not.toContain('more problem')
    expect(describeProblems([])).toBe('no problems')
  })

  it('gives problems outside any feature without a prefix', () => {
    expect(describeProblems(validateGeometry({ type: 'LineString', coordinates: [[1, 2]] }))).toBe('the line has 1 position; a line needs at least 2')
  })
})

describe('hostile input', () => {
  it('never throws and reports at most problemLimit problems', () => {
    let deepArray: unknown = [1, 2]
    for (let i = 0; i < 100_000; i++) deepArray = [deepArray]
    const cyclic: Record<string, unknown> = { type: 'GeometryCollection' }
    cyclic.geometries = [cyclic]
    const sparse = [[0, 0], , [1, 1], [0, 0]] // eslint-disable-line no-sparse-arrays
    const hostile: unknown[] = [
      {},
      [],
      { type: Symbol('Point') },
      { type: 'Point', coordinates: [10n, 20n] },
      { type: 'Polygon', coordinates: deepArray },
      { type: 'MultiPolygon', coordinates: deepArray },
      { type: 'Polygon', coordinates: [sparse] },
      cyclic,
      { type: 'LineString', coordinates: Array.from({ length: 200_000 }, () => 'x') },
      { type: 'MultiPoint', coordinates: Array.from({ length: 200_000 }, (_, i) => [i, i]) },
      { type: 'Polygon', coordinates: [new Array(100_000).fill([NaN, 1])] },
      { type: 'Feature', geometry: { type: 'Point', coordinates: [1, 2] } },
      Object.create(null),
    ]
    for (const value of hostile) {
      const problems = validateGeometry(value)
      expect(problems.length).toBeLessThanOrEqual(problemLimit)
      expect(validateFeatureCollection(collection(feature(value))).length).toBeLessThanOrEqual(problemLimit)
      expect(validateFeatureCollection(value).length).toBeLessThanOrEqual(problemLimit)
    }
    expect(validateGeometry(hostile[8])).toHaveLength(problemLimit)
  })

  it('never throws on randomly damaged collections', () => {
    const prng = new Prng(11)
    const junk = [null, undefined, '116', NaN, -Infinity, 1e308, -0, [], {}, [[]], true, 'Polygon', 200, -95]
    const base = JSON.stringify(
      collection(
        feature({ type: 'Polygon', coordinates: [square, hole] }, 'a'),
        feature({ type: 'MultiLineString', coordinates: [[[1, 2], [3, 4]], [[5, 6], [7, 8]]] }),
        feature({ type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [1, 2] }, { type: 'MultiPolygon', coordinates: [[square]] }] }),
      ),
    )
    for (let round = 0; round < 500; round++) {
      const value: unknown = JSON.parse(base)
      for (let edits = prng.int(1, 4); edits > 0; edits--) damage(value, prng, junk)
      expect(() => validateFeatureCollection(value, { allowedTypes: ['Polygon', 'GeometryCollection'], maxPositions: 1000 })).not.toThrow()
      const problems = validateFeatureCollection(value)
      for (const p of problems) expect(typeof p.path).toBe('string')
      expect(() => describeProblems(problems)).not.toThrow()
    }
  })
})

/** Replaces one randomly chosen value somewhere in a JSON-like tree with junk. */
function damage(root: unknown, prng: Prng, junk: readonly unknown[]): void {
  let node = root
  for (;;) {
    if (typeof node !== 'object' || node === null) return
    const container = node as Record<string, unknown>
    const keys = Object.keys(container)
    if (keys.length === 0) return
    const key = prng.pick(keys)
    const child = container[key]
    if (typeof child !== 'object' || child === null || prng.chance(0.2)) {
      container[key] = prng.pick(junk)
      return
    }
    node = child
  }
}

describe('validateGeometry with projected coordinates', () => {
  it('skips the longitude/latitude range with lngLat: false and still checks the shape', () => {
    const metres = { type: 'LineString', coordinates: [[41_534_612, 4_619_232], [41_534_700, 4_619_300]] }
    expect(validateGeometry(metres).map((p) => p.code)).toContain('out-of-range')
    expect(validateGeometry(metres, { lngLat: false })).toEqual([])
    expect(validateGeometry({ type: 'LineString', coordinates: [[41_534_612, 4_619_232]] }, { lngLat: false })).not.toEqual([])
  })
})
