import type { Position } from 'geojson'

/**
 * Forward GCJ-02 and BD-09 offsets written for the tests from the published
 * formulas (the GCJ-02 polynomial circulated since 2013 as "eviltransform" /
 * "coordtransform", and Baidu's `bd_encrypt`), independently of gcoord and
 * proj4, so that the server's inverses are checked against something they
 * did not produce. Forward only: the inverses are what is under test.
 */

/** Krasovsky 1940 semi-major axis and first eccentricity squared, as the GCJ-02 formula uses them. */
const krasovskyA = 6_378_245
const krasovskyE2 = 0.006_693_421_622_965_943

function offsetLatDeg(x: number, y: number): number {
  let d = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x))
  d += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3
  d += ((20 * Math.sin(y * Math.PI) + 40 * Math.sin((y / 3) * Math.PI)) * 2) / 3
  d += ((160 * Math.sin((y / 12) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30)) * 2) / 3
  return d
}

function offsetLngDeg(x: number, y: number): number {
  let d = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x))
  d += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3
  d += ((20 * Math.sin(x * Math.PI) + 40 * Math.sin((x / 3) * Math.PI)) * 2) / 3
  d += ((150 * Math.sin((x / 12) * Math.PI) + 300 * Math.sin((x / 30) * Math.PI)) * 2) / 3
  return d
}

/** WGS 84 [lng, lat] → GCJ-02 [lng, lat]; the formula applies inside China only, so callers pass points in China. */
export function referenceWgs84ToGcj02([lng, lat]: Position): [number, number] {
  const x = lng! - 105
  const y = lat! - 35
  const radLat = (lat! / 180) * Math.PI
  const w = 1 - krasovskyE2 * Math.sin(radLat) ** 2
  const sqrtW = Math.sqrt(w)
  const dLat = (offsetLatDeg(x, y) * 180) / (((krasovskyA * (1 - krasovskyE2)) / (w * sqrtW)) * Math.PI)
  const dLng = (offsetLngDeg(x, y) * 180) / ((krasovskyA / sqrtW) * Math.cos(radLat) * Math.PI)
  return [lng! + dLng, lat! + dLat]
}

/** GCJ-02 [lng, lat] → BD-09 [lng, lat], Baidu's `bd_encrypt`. */
export function referenceGcj02ToBd09([lng, lat]: Position): [number, number] {
  const xPi = (Math.PI * 3000) / 180
  const z = Math.hypot(lng!, lat!) + 0.000_02 * Math.sin(lat! * xPi)
  const theta = Math.atan2(lat!, lng!) + 0.000_003 * Math.cos(lng! * xPi)
  return [z * Math.cos(theta) + 0.0065, z * Math.sin(theta) + 0.006]
}
