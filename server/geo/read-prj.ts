import { COORDINATE_SYSTEMS, type CoordinateSystemId, type GaussKrugerSystem } from './coordinate-systems.ts'

/** What a Shapefile's .prj says: the system it names, or why it names none we can use. */
export type PrjReading = { system: CoordinateSystemId } | { problem: string }

const squash = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, '')

const WGS84_NAMES = new Set(['gcswgs1984', 'wgs84', 'wgs1984'])
const CGCS2000_NAMES = new Set(['gcschinageodeticcoordinatesystem2000', 'chinageodeticcoordinatesystem2000', 'cgcs2000', 'dchina2000', 'china2000'])

const gaussKruger = COORDINATE_SYSTEMS.filter((s): s is GaussKrugerSystem => s.kind === 'gauss-kruger')

/** The first quoted name after `keyword[`, such as the PROJCS or GEOGCS name. */
function nameAfter(wkt: string, keyword: string): string | null {
  return new RegExp(`\\b${keyword}\\s*\\[\\s*"([^"]*)"`, 'i').exec(wkt)?.[1] ?? null
}

function parameter(wkt: string, name: string): number | null {
  const match = new RegExp(`PARAMETER\\s*\\[\\s*"${name}"\\s*,\\s*([-+0-9.eE]+)\\s*\\]`, 'i').exec(wkt)
  return match ? Number(match[1]) : null
}

const close = (a: number | null, b: number): boolean => a !== null && Math.abs(a - b) < 1e-6

/**
 * The coordinate system a Shapefile's .prj (ESRI or OGC WKT 1) names, among
 * those the importers know: WGS 84 and CGCS2000 longitude/latitude, and the
 * CGCS2000 Gauss–Krüger zones, matched by central meridian and false easting
 * (which carries the zone number or not), the 3° or 6° width taken from the
 * name where both fit. Anything else is a problem to report, not a guess: a
 * wrong system puts every point in the wrong place.
 */
export function readPrjCoordinateSystem(prj: string): PrjReading {
  const wkt = prj.trim()
  const geographicName = nameAfter(wkt, 'GEOGCS') ?? nameAfter(wkt, 'GEOGCRS')
  const projectedName = nameAfter(wkt, 'PROJCS') ?? nameAfter(wkt, 'PROJCRS')
  const unknown = (what: string): PrjReading => ({
    problem: `the .prj names ${what}, which the import cannot convert; give the coordinate system (crs) yourself, or reproject the file to WGS 84 or CGCS2000`,
  })
  if (!geographicName) return { problem: 'the .prj names no coordinate system; give the coordinate system (crs)' }
  const geographic = squash(geographicName)
  const isWgs84 = WGS84_NAMES.has(geographic)
  const isCgcs2000 = CGCS2000_NAMES.has(geographic)
  if (!projectedName) {
    if (isWgs84) return { system: 'wgs84' }
    if (isCgcs2000) return { system: 'cgcs2000' }
    return unknown(`"${geographicName}"`)
  }
  const projection = /PROJECTION\s*\[\s*"([^"]*)"/i.exec(wkt)?.[1] ?? ''
  const isTransverseMercator = /^(gausskruger|transversemercator)$/.test(squash(projection))
  const projectedUnit = [...wkt.matchAll(/UNIT\s*\[\s*"[^"]*"\s*,\s*([-+0-9.eE]+)/gi)].at(-1)
  const inMetres = !projectedUnit || close(Number(projectedUnit[1]), 1)
  const centralMeridian = parameter(wkt, 'Central_Meridian')
  const falseEasting = parameter(wkt, 'False_Easting')
  const plain =
    isCgcs2000 &&
    isTransverseMercator &&
    inMetres &&
    close(parameter(wkt, 'Scale_Factor') ?? 1, 1) &&
    close(parameter(wkt, 'Latitude_Of_Origin') ?? 0, 0) &&
    close(parameter(wkt, 'False_Northing') ?? 0, 0)
  const matches = plain ? gaussKruger.filter((s) => close(centralMeridian, s.centralMeridianDeg) && close(falseEasting, s.falseEastingM)) : []
  if (matches.length === 0) return unknown(`"${projectedName}"`)
  const width = /3\s*[_-]?\s*degree|3度/i.test(projectedName) ? 3 : 6
  return { system: (matches.find((s) => s.zoneWidthDeg === width) ?? matches[0]!).id }
}
