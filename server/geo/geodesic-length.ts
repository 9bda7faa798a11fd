const a = 6378137
const f = 1 / 298.257223563
const b = a * (1 - f)

/**
 * Distance in metres between two [lng, lat] points on the WGS84 ellipsoid
 * (Vincenty's inverse formula), the same measure as PostGIS's
 * `ST_Length(geography)` to well under a millimetre for street segments.
 * Falls back to the last iterate for the nearly antipodal points that
 * never occur in a street network.
 */
export function geodesicDistanceM(lng1: number, lat1: number, lng2: number, lat2: number): number {
  if (lng1 === lng2 && lat1 === lat2) return 0
  const rad = Math.PI / 180
  const L = (lng2 - lng1) * rad
  const U1 = Math.atan((1 - f) * Math.tan(lat1 * rad))
  const U2 = Math.atan((1 - f) * Math.tan(lat2 * rad))
  const sinU1 = Math.sin(U1)
  const cosU1 = Math.cos(U1)
  const sinU2 = Math.sin(U2)
  const cosU2 = Math.cos(U2)
  let lambda = L
  let sinSigma = 0
  let cosSigma = 0
  let sigma = 0
  let cos2Alpha = 0
  let cos2SigmaM = 0
  for (let i = 0; i < 200; i++) {
    const sinLambda = Math.sin(lambda)
    const cosLambda = Math.cos(lambda)
    const x = cosU2 * sinLambda
    const y = cosU1 * sinU2 - sinU1 * cosU2 * cosLambda
    sinSigma = Math.sqrt(x * x + y * y)
    if (sinSigma === 0) return 0
    cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosLambda
    sigma = Math.atan2(sinSigma, cosSigma)
    const sinAlpha = (cosU1 * cosU2 * sinLambda) / sinSigma
    cos2Alpha = 1 - sinAlpha * sinAlpha
    cos2SigmaM = cos2Alpha === 0 ? 0 : cosSigma - (2 * sinU1 * sinU2) / cos2Alpha
    const C = (f / 16) * cos2Alpha * (4 + f * (4 - 3 * cos2Alpha))
    const previous = lambda
    lambda = L + (1 - C) * f * sinAlpha * (sigma + C * sinSigma * (cos2SigmaM + C * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)))
    if (Math.abs(lambda - previous) < 1e-13) break
  }
  const uSq = (cos2Alpha * (a * a - b * b)) / (b * b)
  const A = 1 + (uSq / 16384) * (4096 + uSq * (-768 + uSq * (320 - 175 * uSq)))
  const B = (uSq / 1024) * (256 + uSq * (-128 + uSq * (74 - 47 * uSq)))
  const deltaSigma =
    B * sinSigma * (cos2SigmaM + (B / 4) * (cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM) - (B / 6) * cos2SigmaM * (-3 + 4 * sinSigma * sinSigma) * (-3 + 4 * cos2SigmaM * cos2SigmaM)))
  return b * A * (sigma - deltaSigma)
}
