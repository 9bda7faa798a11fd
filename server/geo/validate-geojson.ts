/** The GeoJSON geometry types (RFC 7946, section 3.1). */
export type GeometryTypeName =
  | 'Point'
  | 'MultiPoint'
  | 'LineString'
  | 'MultiLineString'
  | 'Polygon'
  | 'MultiPolygon'
  | 'GeometryCollection'

/**
 * What is wrong at a problem's path.
 *
 * - `not-object`: not the JSON object (or, for `features` and `geometries`, array) expected there.
 * - `unknown-type`: `type` is missing or not a GeoJSON type, or the wrong kind of object (a Feature where a geometry belongs).
 * - `missing-geometry`: a Feature without a geometry, or with `geometry: null`.
 * - `bad-coordinates`: coordinates missing, nested too deep or too shallow, or a position without 2 or 3 values.
 * - `not-a-number`: a position value that is not a finite number (a string, NaN, Infinity, null).
 * - `out-of-range`: longitude outside [-180, 180] or latitude outside [-90, 90].
 * - `too-few-positions`: a line under 2 positions, a ring under 4 (or under 3 distinct), an empty geometry.
 * - `ring-not-closed`: a ring whose last position does not repeat its first exactly.
 * - `self-intersection`: polygon rings that cross, touch or run back over themselves, or cross each other.
 * - `too-many-positions`: more positions in total than `maxPositions`.
 * - `wrong-geometry-type`: a type outside `allowedTypes`, or GeometryCollections nested too deep.
 */
export type GeoJsonProblemCode =
  | 'not-object'
  | 'unknown-type'
  | 'missing-geometry'
  | 'bad-coordinates'
  | 'not-a-number'
  | 'out-of-range'
  | 'too-few-positions'
  | 'ring-not-closed'
  | 'self-intersection'
  | 'too-many-positions'
  | 'wrong-geometry-type'

/** One thing wrong with submitted GeoJSON, located precisely enough to show the user. */
export interface GeoJsonProblem {
  /** Where in the input, e.g. `features[3].geometry.coordinates[0][5]`; `''` is the input itself. */
  path: string
  /** Index of the feature in the FeatureCollection (0 for a single Feature), or null outside any feature. */
  feature: number | null
  /** The feature's `id` member when it is a string or a number. */
  featureId: string | number | null
  code: GeoJsonProblemCode
  /** An English sentence without the feature, e.g. `ring 0 of the polygon is not closed: …`. */
  message: string
  /** A `[lng, lat]` to point at on a map: the offending position, or where rings cross. */
  coordinate?: [number, number]
}

/** What to accept beyond well-formed GeoJSON. */
export interface ValidateOptions {
  /** Geometry types accepted, e.g. only Polygon and MultiPolygon for parcels; every type when absent. */
  allowedTypes?: readonly GeometryTypeName[]
  /**
   * Refuse inputs with more positions than this in total, before any other check, with a single
   * `too-many-positions` problem. Set it for untrusted input: the self-intersection check costs up to
   * the square of a polygon's positions.
   */
  maxPositions?: number
  /** Look for polygon rings crossing themselves or each other; default true. */
  checkSelfIntersection?: boolean
  /**
   * Whether positions are longitude/latitude, checked against ±180°/±90°;
   * default true. False for projected coordinates such as Gauss–Krüger
   * metres, which are checked after conversion instead.
   */
  lngLat?: boolean
}

/**
 * At most this many problems are reported per call; validation stops there, so a huge broken input
 * costs little and a problem count at the limit means "at least this many".
 */
export const problemLimit = 1000

const maxCollectionDepth = 8

const geometryTypes: readonly GeometryTypeName[] = [
  'Point',
  'MultiPoint',
  'LineString',
  'MultiLineString',
  'Polygon',
  'MultiPolygon',
  'GeometryCollection',
]

const axisNames = ['longitude', 'latitude', 'height'] as const

interface Walk {
  out: GeoJsonProblem[]
  feature: number | null
  featureId: string | number | null
  /** Path of the GeometryCollection member being checked, relative to the geometry, or ''. */
  member: string
  allowed: ReadonlySet<string> | null
  checkSelfIntersection: boolean
  lngLat: boolean
}

/** A ring vertex: its position and its index in the submitted ring. */
interface Vertex {
  x: number
  y: number
  index: number
}

interface Segment {
  ring: number
  /** Number of the segment in its ring, and the ring's segment count. */
  k: number
  n: number
  start: number
  end: number
  ax: number
  ay: number
  bx: number
  by: number
  minX: number
  maxX: number
  minY: number
  maxY: number
}

interface Contact {
  kind: 'cross' | 'touch' | 'overlap'
  x: number
  y: number
}

interface Crossing extends Contact {
  /** The segment later in the polygon (higher ring, then higher position), which the problem's path names. */
  later: Segment
  earlier: Segment
}

/**
 * Problems with a bare GeoJSON geometry, in document order; empty when it is valid. Never throws,
 * whatever `value` is (plain JSON-like values; getters and proxies are not guarded against).
 *
 * @param at path of `value` within a larger document, prefixed to every problem's path.
 */
export function validateGeometry(value: unknown, options: ValidateOptions = {}, at = ''): GeoJsonProblem[] {
  const walk = startWalk(options)
  if (refuseHuge(walk, countPositions(value, 0), options.maxPositions, at)) return walk.out
  checkGeometry(walk, value, at, 0)
  return walk.out
}

/**
 * Problems with a GeoJSON FeatureCollection or a single Feature, in document order; empty when it is
 * valid. Each problem inside a feature carries the feature's index and `id`. A Feature must have a
 * geometry: `geometry: null` is reported as `missing-geometry`. Never throws.
 */
export function validateFeatureCollection(value: unknown, options: ValidateOptions = {}): GeoJsonProblem[] {
  const walk = startWalk(options)
  if (!isRecord(value)) {
    report(walk, '', 'not-object', `expected a GeoJSON FeatureCollection or Feature, got ${describeValue(value)}`)
    return walk.out
  }
  if (value.type === 'Feature') {
    if (refuseHuge(walk, countPositions(value.geometry, 0), options.maxPositions, '')) return walk.out
    checkFeature(walk, value, '', 0)
    return walk.out
  }
  if (value.type !== 'FeatureCollection') {
    const message =
      typeof value.type === 'string' && isGeometryType(value.type)
        ? `expected a FeatureCollection or Feature, got a bare ${value.type} geometry`
        : `expected a FeatureCollection or Feature, got type ${describeValue(value.type)}`
    report(walk, 'type', 'unknown-type', message)
    return walk.out
  }
  const features: unknown = value.features
  if (!Array.isArray(features)) {
    report(walk, 'features', 'not-object', `the features of the FeatureCollection should be an array, got ${describeValue(features)}`)
    return walk.out
  }
  let count = 0
  for (const feature of features) if (isRecord(feature)) count += countPositions(feature.geometry, 0)
  if (refuseHuge(walk, count, options.maxPositions, '')) return walk.out
  for (let i = 0; i < features.length && !isFull(walk); i++) checkFeature(walk, features[i], `features[${i}]`, i)
  return walk.out
}

/**
 * The first `limit` problems as one line of English separated by semicolons, each led by its feature,
 * e.g. `feature 3 (id "a7"): ring 0 of the polygon is not closed: …; …and 4 more problems`.
 */
export function describeProblems(problems: GeoJsonProblem[], limit = 10): string {
  if (problems.length === 0) return 'no problems'
  const shown = problems.slice(0, Math.max(0, Math.floor(limit)))
  const parts = shown.map(describeProblem)
  const rest = problems.length - shown.length
  if (rest > 0) parts.push(`${shown.length > 0 ? '…and ' : ''}${rest} more problem${rest === 1 ? '' : 's'}`)
  return parts.join('; ')
}

function describeProblem(problem: GeoJsonProblem): string {
  if (problem.feature === null) return problem.message
  const id = problem.featureId === null ? '' : ` (id ${JSON.stringify(problem.featureId)})`
  return `feature ${problem.feature}${id}: ${problem.message}`
}

function startWalk(options: ValidateOptions): Walk {
  return {
    out: [],
    feature: null,
    featureId: null,
    member: '',
    allowed: options.allowedTypes ? new Set(options.allowedTypes) : null,
    checkSelfIntersection: options.checkSelfIntersection ?? true,
    lngLat: options.lngLat ?? true,
  }
}

function report(walk: Walk, path: string, code: GeoJsonProblemCode, message: string, coordinate?: [number, number]): void {
  if (isFull(walk)) return
  const problem: GeoJsonProblem = {
    path,
    feature: walk.feature,
    featureId: walk.featureId,
    code,
    message: walk.member === '' ? message : `${walk.member}: ${message}`,
  }
  if (coordinate) problem.coordinate = coordinate
  walk.out.push(problem)
}

function isFull(walk: Walk): boolean {
  return walk.out.length >= problemLimit
}

function refuseHuge(walk: Walk, count: number, maxPositions: number | undefined, path: string): boolean {
  if (maxPositions === undefined || !(count > maxPositions)) return false
  report(walk, path, 'too-many-positions', `the input has ${count} positions; at most ${maxPositions} are accepted`)
  return true
}

function checkFeature(walk: Walk, value: unknown, path: string, index: number): void {
  walk.feature = index
  walk.featureId = null
  if (!isRecord(value)) {
    report(walk, path, 'not-object', `expected a Feature object, got ${describeValue(value)}`)
    return
  }
  const id = value.id
  if (typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id))) walk.featureId = id
  if (value.type !== 'Feature') {
    report(walk, join(path, 'type'), 'unknown-type', `expected type "Feature", got ${describeValue(value.type)}`)
  }
  if (value.geometry === undefined || value.geometry === null) {
    const message = value.geometry === null ? 'the geometry of the feature is null' : 'the feature has no geometry'
    report(walk, join(path, 'geometry'), 'missing-geometry', message)
    return
  }
  checkGeometry(walk, value.geometry, join(path, 'geometry'), 0)
}

function checkGeometry(walk: Walk, value: unknown, path: string, depth: number): void {
  if (!isRecord(value)) {
    report(walk, path, 'not-object', `expected a geometry object, got ${describeValue(value)}`)
    return
  }
  const type = value.type
  if (typeof type !== 'string' || !isGeometryType(type)) {
    report(walk, join(path, 'type'), 'unknown-type', describeUnknownType(type))
    return
  }
  if (walk.allowed && !walk.allowed.has(type)) {
    const expected = walk.allowed.size === 0 ? 'no geometry is accepted' : `expected ${listOr([...walk.allowed])}`
    report(walk, join(path, 'type'), 'wrong-geometry-type', `a ${type} is not accepted here; ${expected}`)
  }
  const coordinates = join(path, 'coordinates')
  switch (type) {
    case 'Point':
      checkPosition(walk, value.coordinates, coordinates, 'the point')
      return
    case 'MultiPoint': {
      const list = checkPositionList(walk, value.coordinates, coordinates, 'the MultiPoint', (i) => `point ${i}`)
      if (list && list.count === 0) report(walk, coordinates, 'too-few-positions', 'the MultiPoint has no points')
      return
    }
    case 'LineString':
      checkLine(walk, value.coordinates, coordinates, 'the line')
      return
    case 'MultiLineString':
      checkParts(walk, value.coordinates, coordinates, 'the MultiLineString', 'lines', (part, at, i) =>
        checkLine(walk, part, at, `line ${i}`),
      )
      return
    case 'Polygon':
      checkPolygon(walk, value.coordinates, coordinates, 'the polygon')
      return
    case 'MultiPolygon':
      checkParts(walk, value.coordinates, coordinates, 'the MultiPolygon', 'polygons', (part, at, i) =>
        checkPolygon(walk, part, at, `polygon ${i}`),
      )
      return
    case 'GeometryCollection':
      checkCollection(walk, value, path, depth)
  }
}

function checkCollection(walk: Walk, value: Record<string, unknown>, path: string, depth: number): void {
  if (depth >= maxCollectionDepth) {
    const message = `GeometryCollections nested more than ${maxCollectionDepth} deep are not accepted`
    report(walk, join(path, 'type'), 'wrong-geometry-type', message)
    return
  }
  const at = join(path, 'geometries')
  const geometries: unknown = value.geometries
  if (!Array.isArray(geometries)) {
    report(walk, at, 'not-object', `the geometries of the GeometryCollection should be an array, got ${describeValue(geometries)}`)
    return
  }
  if (geometries.length === 0) {
    report(walk, at, 'too-few-positions', 'the GeometryCollection is empty')
    return
  }
  const outer = walk.member
  for (let i = 0; i < geometries.length && !isFull(walk); i++) {
    walk.member = join(outer, `geometries[${i}]`)
    checkGeometry(walk, geometries[i], `${at}[${i}]`, depth + 1)
  }
  walk.member = outer
}

function checkParts(
  walk: Walk,
  value: unknown,
  path: string,
  label: string,
  partsNoun: string,
  checkPart: (part: unknown, path: string, index: number) => void,
): void {
  if (!Array.isArray(value)) {
    report(walk, path, 'bad-coordinates', `${label} should be an array of ${partsNoun}, got ${describeValue(value)}`)
    return
  }
  if (value.length === 0) {
    report(walk, path, 'too-few-positions', `${label} has no ${partsNoun}`)
    return
  }
  for (let i = 0; i < value.length && !isFull(walk); i++) checkPart(value[i], `${path}[${i}]`, i)
}

function checkLine(walk: Walk, value: unknown, path: string, label: string): void {
  const list = checkPositionList(walk, value, path, label, (i) => `position ${i} of ${label}`)
  if (list && list.count < 2) {
    report(walk, path, 'too-few-positions', `${label} has ${plural(list.count, 'position')}; a line needs at least 2`)
  }
}

function checkPolygon(walk: Walk, value: unknown, path: string, label: string): void {
  if (!Array.isArray(value)) {
    report(walk, path, 'bad-coordinates', `${label} should be an array of rings, got ${describeValue(value)}`)
    return
  }
  if (value.length === 0) {
    report(walk, path, 'too-few-positions', `${label} has no rings; a polygon needs at least an outer ring`)
    return
  }
  if (value.every(isPositionLike)) {
    const message = `${label} is nested one level too shallow: a polygon is an array of rings, each an array of [lng, lat] positions`
    report(walk, path, 'bad-coordinates', message)
    return
  }
  const rings: Vertex[][] = []
  for (let r = 0; r < value.length && !isFull(walk); r++) {
    const ring = checkRing(walk, value[r], `${path}[${r}]`, `ring ${r} of ${label}`)
    if (ring) rings.push(ring)
  }
  if (rings.length < value.length || !walk.checkSelfIntersection || isFull(walk)) return
  reportCrossings(walk, rings, path, label)
}

/** The ring's vertices without consecutive repeats, closing vertex included, if the ring is well formed. */
function checkRing(walk: Walk, value: unknown, path: string, label: string): Vertex[] | null {
  const list = checkPositionList(walk, value, path, label, (i) => `position ${i} of ${label}`)
  if (!list) return null
  const { count, positions } = list
  if (count < 4) {
    const message = `${label} has ${plural(count, 'position')}; a ring needs at least 4, the last repeating the first`
    report(walk, path, 'too-few-positions', message)
  }
  if (!positions || positions.length < 2) return null
  const first = positions[0]!
  const last = positions[positions.length - 1]!
  if (!samePosition(first, last)) {
    const message = `${label} is not closed: first ${formatPosition(first)} and last ${formatPosition(last)} differ`
    report(walk, path, 'ring-not-closed', message, [first[0]!, first[1]!])
    return null
  }
  if (count < 4) return null
  const vertices: Vertex[] = []
  positions.forEach((p, index) => {
    const x = p[0]!
    const y = p[1]!
    const previous = vertices[vertices.length - 1]
    if (previous && previous.x === x && previous.y === y) return
    vertices.push({ x, y, index })
  })
  if (vertices.length < 4) {
    const message = `${label} has only ${plural(vertices.length - 1, 'distinct position')}; a ring needs at least 3`
    report(walk, path, 'too-few-positions', message)
    return null
  }
  return vertices
}

/** Counts positions and checks each; `positions` is null when any of them is malformed. */
function checkPositionList(
  walk: Walk,
  value: unknown,
  path: string,
  label: string,
  positionLabel: (index: number) => string,
): { count: number; positions: (readonly number[])[] | null } | null {
  if (!Array.isArray(value)) {
    report(walk, path, 'bad-coordinates', `${label} should be an array of positions, got ${describeValue(value)}`)
    return null
  }
  if (isPositionLike(value)) {
    report(walk, path, 'bad-coordinates', `${label} is a single position where an array of positions is expected`)
    return null
  }
  const positions: (readonly number[])[] = []
  let valid = true
  for (let i = 0; i < value.length && !isFull(walk); i++) {
    const position = checkPosition(walk, value[i], `${path}[${i}]`, positionLabel(i))
    if (position) positions.push(position)
    else valid = false
  }
  return { count: value.length, positions: valid ? positions : null }
}

/** The position if it is 2 or 3 finite numbers (out of range or not), else null. */
function checkPosition(walk: Walk, value: unknown, path: string, label: string): readonly number[] | null {
  if (!Array.isArray(value)) {
    report(walk, path, 'bad-coordinates', `${label} should be a position [lng, lat], got ${describeValue(value)}`)
    return null
  }
  if (value.some((v) => Array.isArray(v))) {
    report(walk, path, 'bad-coordinates', `${label} is nested one level too deep: a position is [lng, lat], not an array of arrays`)
    return null
  }
  if (value.length < 2 || value.length > 3) {
    const message = `${label} has ${plural(value.length, 'value')}; a position has 2 or 3: [lng, lat] or [lng, lat, height]`
    report(walk, path, 'bad-coordinates', message)
    return null
  }
  let numeric = true
  for (let i = 0; i < value.length; i++) {
    const v: unknown = value[i]
    if (typeof v === 'number' && Number.isFinite(v)) continue
    numeric = false
    report(walk, `${path}[${i}]`, 'not-a-number', `the ${axisNames[i]} of ${label} is ${describeValue(v)}, not a number`)
  }
  if (!numeric) return null
  const position = value as number[]
  const lng = position[0]!
  const lat = position[1]!
  if (!walk.lngLat) return position
  if (lng < -180 || lng > 180) {
    const message = `the longitude ${lng} of ${label} is outside [-180, 180]${rangeHint(lng, lat)}`
    report(walk, `${path}[0]`, 'out-of-range', message, [lng, lat])
  }
  if (lat < -90 || lat > 90) {
    const message = `the latitude ${lat} of ${label} is outside [-90, 90]${rangeHint(lng, lat)}`
    report(walk, `${path}[1]`, 'out-of-range', message, [lng, lat])
  }
  return position
}

function rangeHint(lng: number, lat: number): string {
  if (Math.abs(lng) > 1000 || Math.abs(lat) > 1000) {
    return '; this looks like projected metres, but positions must be WGS 84 degrees'
  }
  if (Math.abs(lat) > 90 && Math.abs(lat) <= 180 && Math.abs(lng) <= 90) return '; are longitude and latitude swapped?'
  return ''
}

function reportCrossings(walk: Walk, rings: Vertex[][], path: string, label: string): void {
  const crossings = findCrossings(rings, problemLimit - walk.out.length).sort(
    (a, b) =>
      a.later.ring - b.later.ring ||
      a.later.start - b.later.start ||
      a.earlier.ring - b.earlier.ring ||
      a.earlier.start - b.earlier.start,
  )
  // Where several edges meet at one point, or a touch coincides with a crossing, report the point once.
  const contactKey = (c: Crossing): string => `${c.later.ring} ${c.earlier.ring} ${c.x} ${c.y}`
  const seen = new Set(crossings.filter((c) => c.kind !== 'touch').map(contactKey))
  const reported = crossings.filter((c) => {
    if (c.kind !== 'touch') return true
    if (seen.has(contactKey(c))) return false
    seen.add(contactKey(c))
    return true
  })
  for (const c of reported) {
    const { later, earlier } = c
    const vertex = c.kind === 'touch' && c.x === later.bx && c.y === later.by ? later.end : later.start
    const at = `${path}[${later.ring}][${vertex}]`
    const point = formatPosition([round(c.x), round(c.y)])
    const ringLabel = `ring ${later.ring} of ${label}`
    const edges =
      later.ring === earlier.ring
        ? `the edges from position ${earlier.start} to ${earlier.end} and from position ${later.start} to ${later.end}`
        : `the edge from position ${later.start} to ${later.end} of ring ${later.ring} and from position ${earlier.start} to ${earlier.end} of ring ${earlier.ring}`
    const other = later.ring === earlier.ring ? 'itself' : `ring ${earlier.ring}`
    const verb = c.kind === 'cross' ? `crosses ${other} at` : c.kind === 'touch' ? `touches ${other} at` : `runs along ${other} from`
    report(walk, at, 'self-intersection', `${ringLabel} ${verb} ${point} (${edges})`, [c.x, c.y])
  }
}

/**
 * Where the rings of one polygon meet other than at shared neighbouring vertices: crossings and
 * overlapping edges anywhere, and touching points within one ring (a hole may touch another ring at a
 * point, as OGC allows). A sweep over x keeps it near linear for ordinary rings.
 */
function findCrossings(rings: Vertex[][], limit: number): Crossing[] {
  const segments: Segment[] = []
  rings.forEach((ring, r) => {
    const n = ring.length - 1
    for (let k = 0; k < n; k++) {
      const a = ring[k]!
      const b = ring[k + 1]!
      segments.push({
        ring: r,
        k,
        n,
        start: a.index,
        end: b.index,
        ax: a.x,
        ay: a.y,
        bx: b.x,
        by: b.y,
        minX: Math.min(a.x, b.x),
        maxX: Math.max(a.x, b.x),
        minY: Math.min(a.y, b.y),
        maxY: Math.max(a.y, b.y),
      })
    }
  })
  segments.sort((s, t) => s.minX - t.minX)
  const found: Crossing[] = []
  const active: Segment[] = []
  for (const s of segments) {
    let kept = 0
    for (const t of active) if (t.maxX >= s.minX) active[kept++] = t
    active.length = kept
    for (const t of active) {
      if (t.maxY < s.minY || t.minY > s.maxY) continue
      const contact = intersectSegments(s, t)
      if (!contact) continue
      const sameRing = s.ring === t.ring
      if (sameRing && areNeighbours(s, t) && contact.kind !== 'overlap') continue
      if (!sameRing && contact.kind === 'touch') continue
      const [later, earlier] = s.ring > t.ring || (s.ring === t.ring && s.k > t.k) ? [s, t] : [t, s]
      found.push({ ...contact, later, earlier })
      if (found.length >= limit) return found
    }
    active.push(s)
  }
  return found
}

function areNeighbours(s: Segment, t: Segment): boolean {
  return (s.k + 1) % s.n === t.k || (t.k + 1) % t.n === s.k
}

/** How two segments of non-zero length meet, if they do. */
function intersectSegments(s: Segment, t: Segment): Contact | null {
  const d1 = orient(t.ax, t.ay, t.bx, t.by, s.ax, s.ay)
  const d2 = orient(t.ax, t.ay, t.bx, t.by, s.bx, s.by)
  const d3 = orient(s.ax, s.ay, s.bx, s.by, t.ax, t.ay)
  const d4 = orient(s.ax, s.ay, s.bx, s.by, t.bx, t.by)
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) {
    const f = d1 / (d1 - d2)
    return { kind: 'cross', x: s.ax + f * (s.bx - s.ax), y: s.ay + f * (s.by - s.ay) }
  }
  if (d1 === 0 && d2 === 0) return intersectCollinear(s, t)
  if (d1 === 0 && withinBox(t, s.ax, s.ay)) return { kind: 'touch', x: s.ax, y: s.ay }
  if (d2 === 0 && withinBox(t, s.bx, s.by)) return { kind: 'touch', x: s.bx, y: s.by }
  if (d3 === 0 && withinBox(s, t.ax, t.ay)) return { kind: 'touch', x: t.ax, y: t.ay }
  if (d4 === 0 && withinBox(s, t.bx, t.by)) return { kind: 'touch', x: t.bx, y: t.by }
  return null
}

function intersectCollinear(s: Segment, t: Segment): Contact | null {
  const alongX = s.maxX - s.minX >= s.maxY - s.minY
  const lo = alongX ? Math.max(s.minX, t.minX) : Math.max(s.minY, t.minY)
  const hi = alongX ? Math.min(s.maxX, t.maxX) : Math.min(s.maxY, t.maxY)
  if (lo > hi) return null
  const ends: [number, number][] = [
    [s.ax, s.ay],
    [s.bx, s.by],
    [t.ax, t.ay],
    [t.bx, t.by],
  ]
  const [x, y] = ends.find(([ex, ey]) => (alongX ? ex : ey) === lo)!
  return { kind: lo === hi ? 'touch' : 'overlap', x, y }
}

function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax)
}

function withinBox(s: Segment, x: number, y: number): boolean {
  return x >= s.minX && x <= s.maxX && y >= s.minY && y <= s.maxY
}

/** Positions in a geometry, counted from array lengths alone so that huge inputs are cheap to refuse. */
function countPositions(geometry: unknown, depth: number): number {
  if (!isRecord(geometry)) return 0
  const c = geometry.coordinates
  switch (geometry.type) {
    case 'Point':
      return Array.isArray(c) ? 1 : 0
    case 'MultiPoint':
    case 'LineString':
      return Array.isArray(c) ? c.length : 0
    case 'MultiLineString':
    case 'Polygon':
      return sumLengths(c)
    case 'MultiPolygon':
      return Array.isArray(c) ? c.reduce((sum: number, polygon: unknown) => sum + sumLengths(polygon), 0) : 0
    case 'GeometryCollection': {
      const geometries = geometry.geometries
      if (depth >= maxCollectionDepth || !Array.isArray(geometries)) return 0
      return geometries.reduce((sum: number, g: unknown) => sum + countPositions(g, depth + 1), 0)
    }
    default:
      return 0
  }
}

function sumLengths(value: unknown): number {
  if (!Array.isArray(value)) return 0
  return value.reduce((sum: number, part: unknown) => sum + (Array.isArray(part) ? part.length : 0), 0)
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isGeometryType(type: string): type is GeometryTypeName {
  return (geometryTypes as readonly string[]).includes(type)
}

function isPositionLike(value: unknown): boolean {
  return Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'number')
}

function describeUnknownType(type: unknown): string {
  if (type === undefined) return 'the geometry has no type'
  if (typeof type !== 'string') return `the type is ${describeValue(type)}, not a GeoJSON geometry type`
  if (type === 'Feature' || type === 'FeatureCollection') return `expected a geometry, got a ${type}`
  const near = geometryTypes.find((t) => t.toLowerCase() === type.toLowerCase())
  const hint = near ? `; did you mean "${near}"?` : ''
  return `${describeValue(type)} is not a GeoJSON geometry type${hint}`
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing'
  if (value === null) return 'null'
  if (Array.isArray(value)) return `an array of ${plural(value.length, 'item')}`
  switch (typeof value) {
    case 'string':
      return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`
    case 'number':
      return String(value)
    case 'boolean':
      return String(value)
    case 'object':
      return 'an object'
    default:
      return `a ${typeof value}`
  }
}

function samePosition(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i])
}

function formatPosition(position: readonly number[]): string {
  return `[${position.join(', ')}]`
}

function round(value: number): number {
  return Number(value.toPrecision(12))
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`
}

function listOr(items: readonly string[]): string {
  if (items.length <= 1) return items.join('')
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`
}
