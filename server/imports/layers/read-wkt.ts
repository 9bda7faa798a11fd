import type { MultiPolygon, Polygon, Position } from 'geojson'

/** Positions of a WKT coordinate list "x y, x y z, …", or null when one is not two or three numbers. */
function positionsOf(body: string): Position[] | null {
  const positions = body.split(',').map((pair) => pair.trim().split(/\s+/).map(Number))
  return positions.every((p) => p.length >= 2 && p.length <= 3 && p.every(Number.isFinite)) ? positions : null
}

/** Strips an EWKT "SRID=4326;" prefix and a Z/M/ZM tag after the type name. */
function tidy(wkt: string): string {
  return wkt.replace(/^\s*SRID=\d+\s*;/i, '').trim()
}

/**
 * A POLYGON or MULTIPOLYGON in WKT (or EWKT with an SRID prefix) as
 * GeoJSON, or why it is not one. Only the form is checked here; rings are
 * checked as geometry by the caller.
 */
export function parsePolygonWkt(wkt: string): Polygon | MultiPolygon | string {
  const m = /^(MULTIPOLYGON|POLYGON)\s*(?:ZM|Z|M)?\s*\((.*)\)$/is.exec(tidy(wkt))
  if (!m) return 'the WKT must be POLYGON((…)) or MULTIPOLYGON(((…)), …)'
  const ringsOf = (body: string): Position[][] | null => {
    const rings = [...body.matchAll(/\(([^()]*)\)/g)].map((ring) => positionsOf(ring[1]!))
    return rings.length > 0 && rings.every((r) => r !== null) ? (rings as Position[][]) : null
  }
  const bad = 'the WKT has a position that is not two or three numbers, or misplaced brackets'
  if (m[1]!.toUpperCase() === 'POLYGON') {
    const rings = ringsOf(m[2]!)
    return rings ? { type: 'Polygon', coordinates: rings } : bad
  }
  const polygons: Position[][][] = []
  let depth = 0
  let start = -1
  const body = m[2]!
  for (let i = 0; i < body.length; i++) {
    const c = body[i]
    if (c === '(') {
      if (depth === 0) start = i
      depth++
    } else if (c === ')') {
      depth--
      if (depth < 0) return bad
      if (depth === 0) {
        const rings = ringsOf(body.slice(start + 1, i))
        if (!rings) return bad
        polygons.push(rings)
      }
    }
  }
  if (depth !== 0 || polygons.length === 0) return bad
  return { type: 'MultiPolygon', coordinates: polygons }
}

/**
 * Points from a cell: WKT POINT or MULTIPOINT (both bracket styles), text
 * "x,y; x,y" (full-width ，；accepted, pairs may also be split by a space),
 * or a JSON-like array of [x, y] pairs; an empty cell is no points. Returns
 * why otherwise.
 */
export function parsePointList(value: unknown): Position[] | string {
  if (Array.isArray(value)) {
    const ok = value.every((p) => Array.isArray(p) && p.length >= 2 && p.length <= 3 && p.every((v) => typeof v === 'number' && Number.isFinite(v)))
    return ok ? (value as Position[]) : 'the points must be [x, y] pairs'
  }
  const text = tidy(value === null || value === undefined ? '' : String(value).normalize('NFKC'))
  if (text === '') return []
  const wkt = /^(MULTIPOINT|POINT)\s*(?:ZM|Z|M)?\s*\((.*)\)$/is.exec(text)
  if (wkt) {
    const positions = positionsOf(wkt[2]!.replace(/[()]/g, ''))
    if (!positions) return 'the WKT has a point that is not two or three numbers'
    if (wkt[1]!.toUpperCase() === 'POINT' && positions.length !== 1) return 'a WKT POINT has one position; use MULTIPOINT for several'
    return positions
  }
  if (/^[A-Z]+\s*\(/i.test(text)) return 'the WKT must be POINT(x y) or MULTIPOINT(x y, …)'
  const positions: Position[] = []
  for (const part of text.split(/[;|]/).map((p) => p.trim()).filter((p) => p !== '')) {
    const numbers = part.split(/[,\s]+/).map(Number)
    if (numbers.length !== 2 || !numbers.every(Number.isFinite)) return `"${part}" is not a point "x,y"; separate points with ";"`
    positions.push(numbers)
  }
  return positions
}
