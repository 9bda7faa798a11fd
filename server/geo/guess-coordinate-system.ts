import type { Position } from 'geojson'
import { COORDINATE_SYSTEMS, type CoordinateSystemId, type GaussKrugerSystem } from './coordinate-systems.ts'

/**
 * What a sample of coordinates looks like: longitude/latitude degrees in
 * China, Gauss–Krüger metres whose easting starts with a zone number, metres
 * without one, or none of these.
 */
export type CoordinateSampleKind = 'degrees' | 'gauss-kruger-with-zone-prefix' | 'gauss-kruger-without-zone-prefix' | 'unrecognised'

export interface CoordinateSystemGuess {
  kind: CoordinateSampleKind
  /**
   * Systems the sample fits, likeliest first, to offer the user; never to be
   * used without asking. Degrees fit all four longitude/latitude systems
   * alike: their offsets of a few hundred metres cannot be told from the
   * numbers. Metres without a zone prefix fit every zone of the same width
   * unless `nearLng` narrows them.
   */
  candidates: CoordinateSystemId[]
  /**
   * True when the sample fits only with its two values exchanged: [lat, lng],
   * or [northing, easting] as Chinese survey tables put X (north) before Y (east).
   */
  axesSwapped: boolean
  /** How many positions of the sample fit `kind` (and `axesSwapped`), out of `sampled`. */
  matched: number
  sampled: number
}

export interface GuessOptions {
  /** A longitude near the data, such as the district's centre; narrows the zones offered for metres without a zone prefix. */
  nearLng?: number
}

/** China's mainland and islands, generously: longitude 73–136° E, latitude 3–54° N. */
const chinaDeg = { west: 73, east: 136, south: 3, north: 54 }
/** Northings from 3° N to 54° N; eastings within a zone up to 400 km from its central meridian. */
const northingM = { min: 300_000, max: 6_000_000 }
const zoneEastingM = { min: 100_000, max: 900_000 }

type Reading = { kind: Exclude<CoordinateSampleKind, 'unrecognised'>; zone: number | null }

const inRange = (v: number, min: number, max: number): boolean => v >= min && v <= max

function readAs(x: number, y: number): Reading | null {
  if (inRange(x, chinaDeg.west, chinaDeg.east) && inRange(y, chinaDeg.south, chinaDeg.north)) return { kind: 'degrees', zone: null }
  if (!inRange(y, northingM.min, northingM.max)) return null
  if (inRange(x, zoneEastingM.min, zoneEastingM.max)) return { kind: 'gauss-kruger-without-zone-prefix', zone: null }
  const zone = Math.floor(x / 1_000_000)
  const prefixed = (zone >= 13 && zone <= 23) || (zone >= 25 && zone <= 45)
  if (prefixed && inRange(x - zone * 1_000_000, zoneEastingM.min, zoneEastingM.max)) return { kind: 'gauss-kruger-with-zone-prefix', zone }
  return null
}

const gaussKruger = COORDINATE_SYSTEMS.filter((s): s is GaussKrugerSystem => s.kind === 'gauss-kruger')

function unprefixedCandidates(nearLng: number | undefined): CoordinateSystemId[] {
  const fits = (s: GaussKrugerSystem): boolean =>
    nearLng === undefined || Math.abs(s.centralMeridianDeg - nearLng) <= s.zoneWidthDeg / 2 + 0.5
  const distance = (s: GaussKrugerSystem): number => (nearLng === undefined ? 0 : Math.abs(s.centralMeridianDeg - nearLng))
  return gaussKruger
    .filter((s) => !s.zonePrefix && fits(s))
    .sort((a, b) => a.zoneWidthDeg - b.zoneWidthDeg || distance(a) - distance(b) || a.epsg - b.epsg)
    .map((s) => s.id)
}

/**
 * Suggests the coordinate system of a sample of positions as they stand in a
 * file ([first column, second column]), for the import form to offer: the
 * reading shared by most positions wins if more than half share it. 3° zones
 * come before 6° ones, being the usual choice for city-scale survey data.
 */
export function guessCoordinateSystem(sample: readonly Position[], options: GuessOptions = {}): CoordinateSystemGuess {
  const finite = sample.filter((p) => Number.isFinite(p[0]) && Number.isFinite(p[1]))
  const tally = new Map<string, { reading: Reading; axesSwapped: boolean; count: number; zones: Map<number, number> }>()
  for (const p of finite) {
    const [x, y] = [p[0]!, p[1]!]
    const straight = readAs(x, y)
    const reading = straight ?? readAs(y, x)
    if (!reading) continue
    const axesSwapped = !straight
    const key = `${reading.kind}:${axesSwapped}`
    const entry = tally.get(key) ?? { reading, axesSwapped, count: 0, zones: new Map() }
    entry.count++
    if (reading.zone !== null) entry.zones.set(reading.zone, (entry.zones.get(reading.zone) ?? 0) + 1)
    tally.set(key, entry)
  }
  const best = [...tally.values()].sort((a, b) => b.count - a.count)[0]
  if (!best || best.count * 2 <= finite.length) {
    return { kind: 'unrecognised', candidates: [], axesSwapped: false, matched: best?.count ?? 0, sampled: sample.length }
  }
  const common = { kind: best.reading.kind, axesSwapped: best.axesSwapped, matched: best.count, sampled: sample.length }
  switch (best.reading.kind) {
    case 'degrees':
      return { ...common, candidates: ['wgs84', 'cgcs2000', 'gcj02', 'bd09'] }
    case 'gauss-kruger-without-zone-prefix':
      return { ...common, candidates: unprefixedCandidates(options.nearLng) }
    case 'gauss-kruger-with-zone-prefix': {
      const zones = [...best.zones.entries()].sort((a, b) => b[1] - a[1]).map(([zone]) => zone)
      const candidates = zones.map((zone) => gaussKruger.find((s) => s.zonePrefix && s.zone === zone)!.id)
      return { ...common, candidates }
    }
  }
}
