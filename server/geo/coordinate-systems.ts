/**
 * The longitude/latitude systems Chinese data arrives in. CGCS2000
 * (EPSG:4490) is taken as WGS 84: the two frames differ by a few centimetres,
 * far below what a service-circle analysis can see, so no shift is applied.
 */
export type GeographicSystemId = 'wgs84' | 'cgcs2000' | 'gcj02' | 'bd09'

/** A CGCS2000 Gauss–Krüger projected system, named by its EPSG code (EPSG:4491–4554). */
export type GaussKrugerSystemId = `EPSG:${number}`

/** A coordinate system a file may be in, as stored with an import and sent by the client. */
export type CoordinateSystemId = GeographicSystemId | GaussKrugerSystemId

interface LabelledSystem {
  /** For the picker: Chinese first (the default locale), English second. */
  labelZh: string
  labelEn: string
}

export interface GeographicSystem extends LabelledSystem {
  kind: 'geographic'
  id: GeographicSystemId
  /** The EPSG code, or null for the offset systems GCJ-02 and BD-09 that have none. */
  epsg: number | null
}

/**
 * A transverse Mercator zone on the CGCS2000 (GRS 80) ellipsoid, scale 1 on
 * the central meridian. Positions in it are [easting, northing] in metres:
 * Chinese survey tables often call the northing X and the easting Y, so the
 * columns need mapping with care.
 */
export interface GaussKrugerSystem extends LabelledSystem {
  kind: 'gauss-kruger'
  id: GaussKrugerSystemId
  epsg: number
  zoneWidthDeg: 3 | 6
  /** The zone number: 25–45 for 3° zones, 13–23 for 6° zones. */
  zone: number
  centralMeridianDeg: number
  /** Whether eastings carry the zone number in front (39 448 481 m rather than 448 481 m in zone 39). */
  zonePrefix: boolean
  falseEastingM: number
}

export type CoordinateSystem = GeographicSystem | GaussKrugerSystem

const geographicSystems: GeographicSystem[] = [
  { kind: 'geographic', id: 'wgs84', epsg: 4326, labelZh: 'WGS84 经纬度（GPS）', labelEn: 'WGS 84 longitude/latitude (GPS)' },
  {
    kind: 'geographic',
    id: 'cgcs2000',
    epsg: 4490,
    labelZh: 'CGCS2000 经纬度（2000国家大地坐标系）',
    labelEn: 'CGCS2000 longitude/latitude (China Geodetic Coordinate System 2000)',
  },
  { kind: 'geographic', id: 'gcj02', epsg: null, labelZh: 'GCJ-02 经纬度（高德、腾讯地图）', labelEn: 'GCJ-02 longitude/latitude (AMap, Tencent Maps)' },
  { kind: 'geographic', id: 'bd09', epsg: null, labelZh: 'BD-09 经纬度（百度地图）', labelEn: 'BD-09 longitude/latitude (Baidu Maps)' },
]

/**
 * The EPSG numbering of the CGCS2000 Gauss–Krüger systems: each run of codes
 * covers the zones from 75° E to 135° E in order.
 */
const gaussKrugerRuns = [
  { firstEpsg: 4491, zoneWidthDeg: 6, firstZone: 13, lastZone: 23, zonePrefix: true },
  { firstEpsg: 4502, zoneWidthDeg: 6, firstZone: 13, lastZone: 23, zonePrefix: false },
  { firstEpsg: 4513, zoneWidthDeg: 3, firstZone: 25, lastZone: 45, zonePrefix: true },
  { firstEpsg: 4534, zoneWidthDeg: 3, firstZone: 25, lastZone: 45, zonePrefix: false },
] as const

function makeGaussKrugerSystem(epsg: number, zoneWidthDeg: 3 | 6, zone: number, zonePrefix: boolean): GaussKrugerSystem {
  const centralMeridianDeg = zoneWidthDeg === 3 ? 3 * zone : 6 * zone - 3
  const widthZh = zoneWidthDeg === 3 ? '3度带' : '6度带'
  const widthEn = zoneWidthDeg === 3 ? '3-degree' : '6-degree'
  return {
    kind: 'gauss-kruger',
    id: `EPSG:${epsg}`,
    epsg,
    zoneWidthDeg,
    zone,
    centralMeridianDeg,
    zonePrefix,
    falseEastingM: (zonePrefix ? zone * 1_000_000 : 0) + 500_000,
    labelZh: zonePrefix
      ? `CGCS2000 高斯-克吕格 ${widthZh} 第${zone}带（横坐标含带号）`
      : `CGCS2000 高斯-克吕格 ${widthZh} 中央经线${centralMeridianDeg}°E（横坐标不含带号）`,
    labelEn: zonePrefix
      ? `CGCS2000 / ${widthEn} Gauss-Kruger zone ${zone} (easting with zone prefix)`
      : `CGCS2000 / ${widthEn} Gauss-Kruger CM ${centralMeridianDeg}E (easting without zone prefix)`,
  }
}

const gaussKrugerSystems: GaussKrugerSystem[] = gaussKrugerRuns.flatMap((run) =>
  Array.from({ length: run.lastZone - run.firstZone + 1 }, (_, i) =>
    makeGaussKrugerSystem(run.firstEpsg + i, run.zoneWidthDeg, run.firstZone + i, run.zonePrefix),
  ),
)

/**
 * Every supported system, in the order a picker shows them: the four
 * longitude/latitude systems, then the Gauss–Krüger systems by EPSG code.
 */
export const COORDINATE_SYSTEMS: readonly CoordinateSystem[] = [...geographicSystems, ...gaussKrugerSystems]

const systemsById = new Map<string, CoordinateSystem>(COORDINATE_SYSTEMS.map((s) => [s.id, s]))

const aliases: Record<string, GeographicSystemId> = {
  wgs84: 'wgs84',
  epsg4326: 'wgs84',
  cgcs2000: 'cgcs2000',
  epsg4490: 'cgcs2000',
  gcj02: 'gcj02',
  bd09: 'bd09',
}

/**
 * The system named by `text`: one of the ids in `COORDINATE_SYSTEMS`, ignoring
 * case, spaces, hyphens and underscores ("GCJ-02", "epsg:4527"), with
 * EPSG:4326 and EPSG:4490 read as 'wgs84' and 'cgcs2000'. Throws an Error
 * naming what is accepted for anything else, including EPSG codes of other
 * systems: a wrong guess here would put every point in the wrong place.
 */
export function parseCoordinateSystemId(text: string): CoordinateSystemId {
  const key = text.toLowerCase().replace(/[\s_-]/g, '')
  const alias = aliases[key.replace(':', '')]
  if (alias) return alias
  const epsg = /^epsg:(\d+)$/.exec(key)
  const system = epsg ? systemsById.get(`EPSG:${Number(epsg[1])}`) : undefined
  if (system) return system.id
  throw new Error(
    `Unknown coordinate system "${text}": expected wgs84 (EPSG:4326), cgcs2000 (EPSG:4490), gcj02, bd09 ` +
      'or a CGCS2000 Gauss–Krüger zone EPSG:4491–4554',
  )
}

/** The catalogue entry for an id; throws for an id that `parseCoordinateSystemId` would not return. */
export function describeCoordinateSystem(id: CoordinateSystemId): CoordinateSystem {
  const system = systemsById.get(id)
  if (!system) throw new Error(`Unknown coordinate system "${id}"`)
  return system
}

/**
 * The proj4 definition of a Gauss–Krüger system, built from its zone. The
 * GRS 80 ellipsoid stands for CGCS2000's, whose flattening differs from it in
 * the eleventh digit (nanometres at the surface).
 */
export function gaussKrugerProj4Definition(system: GaussKrugerSystem): string {
  return `+proj=tmerc +lat_0=0 +lon_0=${system.centralMeridianDeg} +k=1 +x_0=${system.falseEastingM} +y_0=0 +ellps=GRS80 +units=m +no_defs`
}
