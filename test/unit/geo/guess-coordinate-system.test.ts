import fs from 'node:fs'
import type { Position } from 'geojson'
import { describe, expect, it } from 'vitest'
import { guessCoordinateSystem } from '../../../server/geo/guess-coordinate-system.ts'

interface GaussKrugerFixture {
  pairs: { place: string; epsg: number; lngLat: [number, number]; eastingNorthing: [number, number] }[]
}
const { pairs } = JSON.parse(
  fs.readFileSync(new URL('../../fixtures/coordinates/gauss-kruger.json', import.meta.url), 'utf8'),
) as GaussKrugerFixture

/** Points around a place, as a surveyed table of one compound might hold them. */
const around = ([x, y]: [number, number], step: number): Position[] => [
  [x, y],
  [x + step, y],
  [x, y + step],
  [x - step, y - step],
]
const swap = (points: Position[]): Position[] => points.map(([x, y]) => [y!, x!])
const projected = (epsg: number): Position[] =>
  pairs.filter((p) => p.epsg === epsg).flatMap((p) => around(p.eastingNorthing, 250))

describe('guessCoordinateSystem', () => {
  it('offers all four longitude/latitude systems for degrees in China, choosing none', () => {
    const guess = guessCoordinateSystem(around([123.43, 41.8], 0.01))
    expect(guess).toEqual({ kind: 'degrees', candidates: ['wgs84', 'cgcs2000', 'gcj02', 'bd09'], axesSwapped: false, matched: 4, sampled: 4 })
  })

  it('notices latitude written before longitude', () => {
    const guess = guessCoordinateSystem(swap(around([87.62, 43.83], 0.01)))
    expect(guess.kind).toBe('degrees')
    expect(guess.axesSwapped).toBe(true)
  })

  it.each([
    [4527, 'EPSG:4527'],
    [4498, 'EPSG:4498'],
    [4513, 'EPSG:4513'],
    [4501, 'EPSG:4501'],
  ])('reads the zone prefix of eastings in EPSG:%i as that system alone', (epsg, id) => {
    const guess = guessCoordinateSystem(projected(epsg))
    expect(guess.kind).toBe('gauss-kruger-with-zone-prefix')
    expect(guess.candidates).toEqual([id])
    expect(guess.axesSwapped).toBe(false)
  })

  it('notices northing (X) written before easting (Y), as Chinese survey tables do', () => {
    const guess = guessCoordinateSystem(swap(projected(4529)))
    expect(guess).toMatchObject({ kind: 'gauss-kruger-with-zone-prefix', candidates: ['EPSG:4529'], axesSwapped: true })
    const plain = guessCoordinateSystem(swap(projected(4550)))
    expect(plain).toMatchObject({ kind: 'gauss-kruger-without-zone-prefix', axesSwapped: true })
  })

  it('lists the zones of a file that spans two, the commoner first', () => {
    const sample = [...projected(4527).slice(0, 2), ...projected(4526)]
    expect(guessCoordinateSystem(sample).candidates).toEqual(['EPSG:4526', 'EPSG:4527'])
  })

  it('offers every unprefixed zone, 3° first, when nothing says where the data is', () => {
    const guess = guessCoordinateSystem(projected(4548))
    expect(guess.kind).toBe('gauss-kruger-without-zone-prefix')
    expect(guess.candidates).toHaveLength(21 + 11)
    expect(guess.candidates.slice(0, 2)).toEqual(['EPSG:4534', 'EPSG:4535'])
    expect(guess.candidates).toContain('EPSG:4509')
  })

  it('narrows unprefixed metres to the nearest 3° and 6° zones given a longitude near the data', () => {
    expect(guessCoordinateSystem(projected(4548), { nearLng: 116.4 }).candidates).toEqual(['EPSG:4548', 'EPSG:4509'])
    // Guangzhou, 113.26° E: the 3° zone of 114° E holds it, the 6° zone of 111° E; 112.6° E lies near the edge of both 3° zones, nearer 114° E.
    expect(guessCoordinateSystem(projected(4547), { nearLng: 113.26 }).candidates).toEqual(['EPSG:4547', 'EPSG:4508'])
    expect(guessCoordinateSystem(projected(4547), { nearLng: 112.6 }).candidates).toEqual(['EPSG:4547', 'EPSG:4546', 'EPSG:4508'])
  })

  it('goes with the reading most positions share and says how many did', () => {
    const sample = [...around([116.39, 39.9], 0.01), [0, 0], [Number.NaN, 39.9]]
    expect(guessCoordinateSystem(sample)).toMatchObject({ kind: 'degrees', matched: 4, sampled: 6 })
  })

  it.each([
    ['an empty sample', []],
    ['degrees outside China', around([2.35, 48.86], 0.01)],
    ['metres of no zone', around([5_500_000, 4_400_000], 100)],
    ['an even mix of degrees and metres', [...around([116.39, 39.9], 0.01), ...projected(4527)]],
  ])('suggests nothing for %s', (_, sample) => {
    const guess = guessCoordinateSystem(sample as Position[])
    expect(guess.kind).toBe('unrecognised')
    expect(guess.candidates).toEqual([])
  })
})
