import type { FeatureCollection, Geometry, MultiPolygon, Polygon } from 'geojson'
import type { Static } from 'typebox'
import type { DivisionEventCreatedSchema, DivisionEventCreateSchema, DivisionEventSchema, DivisionListSchema, DivisionSchema, TopologySchema } from '../../server/schemas/divisions.ts'
import { getJson, sendJson, withQuery } from './http.ts'

/** A division as it stood on a day. */
export type DivisionAsOf = Static<typeof DivisionSchema>

/** The divisions in force on a day, with their counts by level. */
export type DivisionsAsOf = Static<typeof DivisionListSchema>

/** A change to divisions (split, merge, rename …) with the units before and after it. */
export type DivisionEvent = Static<typeof DivisionEventSchema>

/** The gaps between and the overlaps among the children of a division, each with its area, location and geometry. */
export type TopologyCheck = Static<typeof TopologySchema>

/** The divisions in force on `asOf` (today when left out). */
export function fetchDivisionsAsOf(asOf: string | undefined, signal?: AbortSignal): Promise<DivisionsAsOf> {
  return getJson<DivisionsAsOf>(withQuery('/api/divisions', { asOf }), signal)
}

/** The divisions in force on `asOf` as polygons. */
export function fetchDivisionsGeoJson(asOf: string | undefined, signal?: AbortSignal): Promise<FeatureCollection<Geometry, DivisionAsOf>> {
  return getJson(withQuery('/api/divisions.geojson', { asOf }), signal)
}

/** Every recorded change to divisions. */
export async function fetchDivisionEvents(signal?: AbortSignal): Promise<DivisionEvent[]> {
  return (await getJson<{ events: DivisionEvent[] }>('/api/division-events', signal)).events
}

/** The gaps and overlaps among the children of `parent`. */
export function fetchTopology(parent: string, signal?: AbortSignal): Promise<TopologyCheck> {
  return getJson<TopologyCheck>(withQuery('/api/divisions/topology', { parent }), signal)
}

/** The kinds of change to divisions. */
export const DIVISION_EVENT_KINDS = ['rename', 'split', 'merge', 'boundary_change', 'establish', 'abolish'] as const

/** A kind of change to divisions. */
export type DivisionEventKind = (typeof DIVISION_EVENT_KINDS)[number]

/** What the change form sends: the codes of the units it ends and the units it brings into force. */
export type DivisionEventInput = Omit<Static<typeof DivisionEventCreateSchema>, 'after'> & {
  after: (Omit<Static<typeof DivisionEventCreateSchema>['after'][number], 'geometry'> & { geometry?: Polygon | MultiPolygon })[]
}

/** A change as recorded, with how many linked rows moved to the new units. */
export type RecordedDivisionEvent = Static<typeof DivisionEventCreatedSchema>

/** Records a change to divisions; a change the server cannot apply (parts not covering the unit, say) is refused with 400 and the reason. */
export function recordDivisionEvent(input: DivisionEventInput, signal?: AbortSignal): Promise<RecordedDivisionEvent> {
  return sendJson<RecordedDivisionEvent>('POST', '/api/division-events', input, signal)
}
