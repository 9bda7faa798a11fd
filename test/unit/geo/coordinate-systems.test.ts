import fs from 'node:fs'
import type { Position } from 'geojson'
import { describe, expect, it } from 'vitest'
import {
  COORDINATE_SYSTEMS,
  describeCoordinateSystem,
  gaussKrugerProj4Definition,
  parseCoordinateSystemId,
  type GaussKrugerSystemId,
} from '../../../server/geo/coordinate-systems.ts'
import { geometryToWgs84, positionFromWgs84, positionToWgs84 } from '../../../server/geo/to-wgs84.ts'
import { referenceGcj02ToBd09, referenceWgs84ToGcj02 } from './china-offset-reference.ts'

const fixtures = new URL('../../fixtures/coordinates/', import.meta.url)

interface GaussKrugerFixture {
  pairs: { place: string; epsg: number; crsName: string; lngLat: [number, number]; eastingNorthing: [number, number] }[]
  definitions: Record<string, string>
}
const gaussKruger = JSON.parse(fs.readFileSync(new URL('gauss-kruger.json', fixtures), 'utf8')) as GaussKrugerFixture

/** Metres between two [lng, lat] positions, on a sphere: well under a millimetre off at these distances. */
function metres(a: Position, b: Position): number {
  const rad = Math.PI / 180
  const x = (a[0]! - b[0]!) * rad * Math.cos(((a[1]! + b[1]!) / 2) * rad)
  const y = (a[1]! - b[1]!) * rad
  return Math.hypot(x, y) * 6_371_008.8
}

function readPointsCsv(name: string): { name: string; lngLat: Position; wgs84: Position }[] {
  const [, ...rows] = fs.readFileSync(new URL(name, fixtures), 'utf8').trim().split('\n')
  return rows.map((row) => {
    const [label, lng, lat, wgsLng, wgsLat] = row.split(',')
    return { name: label!, lngLat: [Number(lng), Number(lat)], wgs84: [Number(wgsLng), Number(wgsLat)] }
  })
}

/** Every 4° across China's box, plus the corners of the country where the offset polynomial bends most. */
const acrossChina: Position[] = [
  ...Array.from({ length: 16 }, (_, i) => 74 + 4 * i).flatMap((lng) => Array.from({ length: 9 }, (_, j): Position => [lng, 19 + 4 * j])),
  [75.99, 39.47],
  [134.29, 48.36],
  [124.5, 53.3],
  [109.5, 18.25],
  [112.3, 16.8],
]

describe('COORDINATE_SYSTEMS', () => {
  const projected = COORDINATE_SYSTEMS.filter((s) => s.kind === 'gauss-kruger')

  it('offers the four longitude/latitude systems and all 64 CGCS2000 Gauss–Krüger codes once each, labelled in both languages', () => {
    expect(COORDINATE_SYSTEMS.slice(0, 4).map((s) => s.id)).toEqual(['wgs84', 'cgcs2000', 'gcj02', 'bd09'])
    expect(projected.map((s) => s.epsg)).toEqual(Array.from({ length: 64 }, (_, i) => 4491 + i))
    for (const s of COORDINATE_SYSTEMS) {
      expect(s.labelZh).toMatch(/[\u4e00-\u9fff]/)
      expect(s.labelEn).toMatch(/^[\x20-\x7e]+$/)
    }
    expect(new Set(COORDINATE_SYSTEMS.map((s) => s.labelZh)).size).toBe(COORDINATE_SYSTEMS.length)
  })

  it.each(Object.entries(gaussKruger.definitions))('builds %s exactly as PROJ defines it', (id, projDefinition) => {
    const system = describeCoordinateSystem(id as GaussKrugerSystemId)
    if (system.kind !== 'gauss-kruger') throw new Error(`${id} is not projected`)
    expect(`${gaussKrugerProj4Definition(system)} +type=crs`).toBe(projDefinition)
  })

  it.each(gaussKruger.pairs)('labels EPSG:$epsg with the zone or meridian of PROJ\'s name "$crsName"', ({ epsg, crsName }) => {
    const system = describeCoordinateSystem(`EPSG:${epsg}`)
    if (system.kind !== 'gauss-kruger') throw new Error(`EPSG:${epsg} is not projected`)
    expect(crsName.includes('3-degree')).toBe(system.zoneWidthDeg === 3)
    const zone = /zone (\d+)$/.exec(crsName)
    const meridian = /CM (\d+)E$/.exec(crsName)
    if (zone) expect([system.zonePrefix, system.zone]).toEqual([true, Number(zone[1])])
    if (meridian) expect([system.zonePrefix, system.centralMeridianDeg]).toEqual([false, Number(meridian[1])])
    expect(system.labelEn).toContain(zone ? `zone ${zone[1]}` : `CM ${meridian![1]}E`)
  })
})

describe('parseCoordinateSystemId', () => {
  it.each([
    ['wgs84', 'wgs84'],
    [' WGS 84 ', 'wgs84'],
    ['EPSG:4326', 'wgs84'],
    ['CGCS2000', 'cgcs2000'],
    ['epsg:4490', 'cgcs2000'],
    ['GCJ-02', 'gcj02'],
    ['bd_09', 'bd09'],
    ['epsg:4527', 'EPSG:4527'],
    ['EPSG:4491', 'EPSG:4491'],
    ['EPSG:4554', 'EPSG:4554'],
  ])('reads %j as %s', (text, id) => {
    expect(parseCoordinateSystemId(text)).toBe(id)
  })

  it.each(['', 'EPSG:3857', 'EPSG:4490x', 'EPSG:4490.5', 'EPSG:4555', 'EPSG:4490:4527', 'utm50n', 'beijing54'])('refuses %j, naming what it accepts', (text) => {
    expect(() => parseCoordinateSystemId(text)).toThrow(/Unknown coordinate system .*wgs84.*cgcs2000.*gcj02.*bd09.*EPSG:4491–4554/)
  })
})

describe('Gauss–Krüger conversion against PROJ (cs2cs)', () => {
  it.each(gaussKruger.pairs)('unprojects $place in EPSG:$epsg to within 1 cm', ({ epsg, lngLat, eastingNorthing }) => {
    expect(metres(positionToWgs84(eastingNorthing, `EPSG:${epsg}`), lngLat)).toBeLessThan(0.01)
  })

  it.each(gaussKruger.pairs)('projects $place into EPSG:$epsg to within 1 cm', ({ epsg, lngLat, eastingNorthing }) => {
    const [easting, northing] = positionFromWgs84(lngLat, `EPSG:${epsg}`)
    expect(Math.hypot(easting! - eastingNorthing[0], northing! - eastingNorthing[1])).toBeLessThan(0.01)
  })

  it('reads the prefixed and unprefixed forms of a zone as the same place', () => {
    let compared = 0
    for (const prefixed of gaussKruger.pairs) {
      const system = describeCoordinateSystem(`EPSG:${prefixed.epsg}`)
      if (system.kind !== 'gauss-kruger' || !system.zonePrefix) continue
      const plain = gaussKruger.pairs.find((p) => {
        const other = describeCoordinateSystem(`EPSG:${p.epsg}`)
        return p.place === prefixed.place && other.kind === 'gauss-kruger' && !other.zonePrefix && other.centralMeridianDeg === system.centralMeridianDeg && other.zoneWidthDeg === system.zoneWidthDeg
      })!
      expect(prefixed.eastingNorthing[0] - plain.eastingNorthing[0]).toBeCloseTo(system.zone * 1_000_000, 3)
      const a = positionToWgs84(prefixed.eastingNorthing, `EPSG:${prefixed.epsg}`)
      const b = positionToWgs84(plain.eastingNorthing, `EPSG:${plain.epsg}`)
      expect(metres(a, b)).toBeLessThan(0.01)
      compared++
    }
    expect(compared).toBe(18)
  })

  it('keeps a height and converts every position of a geometry', () => {
    const beijing = gaussKruger.pairs.find((p) => p.epsg === 4548)!
    const [e, n] = beijing.eastingNorthing
    expect(positionToWgs84([e, n, 43.5], 'EPSG:4548')[2]).toBe(43.5)
    const square = geometryToWgs84({ type: 'Polygon', coordinates: [[[e, n], [e + 100, n], [e + 100, n + 100], [e, n + 100], [e, n]]] }, 'EPSG:4548')
    if (square.type !== 'Polygon') throw new Error('expected a polygon')
    const ring = square.coordinates[0]!
    expect(metres(ring[0]!, beijing.lngLat)).toBeLessThan(0.01)
    expect(metres(ring[0]!, ring[1]!)).toBeCloseTo(100, 0)
    expect(metres(ring[1]!, ring[2]!)).toBeCloseTo(100, 0)
  })

  it('leaves CGCS2000 longitude/latitude as it is, taking it as WGS 84', () => {
    expect(positionToWgs84([116.3975, 39.9087, 50], 'cgcs2000')).toEqual([116.3975, 39.9087, 50])
  })
})

describe('GCJ-02 and BD-09 against the published formulas', () => {
  it('the reference formula reproduces eviltransform\'s published GCJ-02 pairs to 1e-6°', () => {
    // googollee/eviltransform, go/transform_test.go (MIT), given there as [lat, lng].
    const pairs = [
      { wgs84: [121.5272106, 31.1774276], gcj02: [121.531541859215, 31.17530398364597] },
      { wgs84: [113.912316, 22.543847], gcj02: [113.9171764808363, 22.540796131694766] },
      { wgs84: [116.377817, 39.911954], gcj02: [116.38404722455657, 39.91334545536069] },
    ]
    for (const { wgs84, gcj02 } of pairs) {
      const [lng, lat] = referenceWgs84ToGcj02(wgs84)
      expect(Math.abs(lng - gcj02[0]!)).toBeLessThan(1e-6)
      expect(Math.abs(lat - gcj02[1]!)).toBeLessThan(1e-6)
    }
  })

  it.each(acrossChina)('undoes GCJ-02 at [%d, %d] to within 1 m', (lng, lat) => {
    const wgs84: Position = [lng, lat]
    const gcj02 = referenceWgs84ToGcj02(wgs84)
    expect(metres(gcj02, wgs84)).toBeGreaterThan(10)
    expect(metres(positionToWgs84(gcj02, 'gcj02'), wgs84)).toBeLessThan(1)
  })

  it.each(acrossChina)('undoes BD-09 at [%d, %d] to within 1 m', (lng, lat) => {
    const wgs84: Position = [lng, lat]
    const bd09 = referenceGcj02ToBd09(referenceWgs84ToGcj02(wgs84))
    expect(metres(bd09, wgs84)).toBeGreaterThan(10)
    expect(metres(positionToWgs84(bd09, 'bd09'), wgs84)).toBeLessThan(1)
  })

  it.each(['gcj02-points.csv', 'bd09-points.csv'] as const)('%s holds what the reference formulas give, and converts back within 1 m', (file) => {
    const rows = readPointsCsv(file)
    expect(rows.length).toBeGreaterThanOrEqual(10)
    const system = file.startsWith('gcj02') ? 'gcj02' : 'bd09'
    for (const { name, lngLat, wgs84 } of rows) {
      const gcj = referenceWgs84ToGcj02(wgs84)
      const expected = system === 'gcj02' ? gcj : referenceGcj02ToBd09(gcj)
      expect(metres(lngLat, expected), name).toBeLessThan(0.02)
      expect(metres(positionToWgs84(lngLat, system), wgs84), name).toBeLessThan(1)
    }
  })
})
