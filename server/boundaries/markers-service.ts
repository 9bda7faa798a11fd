import type pg from 'pg'
import { auditedChange } from '../audit/audited-change.ts'
import type { Actor } from '../audit/audit-repository.ts'
import type { Queryable } from '../db/transaction.ts'
import { HttpError } from '../plugins/problem-errors.ts'
import type { Marker, MarkerCreateInput, MarkerUpdateInput } from '../schemas/boundary-markers.ts'
import { FULL_BOUNDARY_VIEW } from './boundary-redaction.ts'
import { explainMixedSequence, type MarkerTypeCode } from './marker-number.ts'
import { insertMarker, insertMarkerCondition, listSequenceTypes, readMarker, updateMarker, type MarkerInput } from './markers-repository.ts'
import { readLine } from './lines-repository.ts'
import { todayInChina } from '../calendar-date.ts'

/** The stored fields of a marker from a create or edit body; throws HttpError 400 naming the field. */
export function markerInputOf(body: Omit<MarkerUpdateInput, 'version'>): MarkerInput {
  if (body.referenceObjects.length < 3) throw new HttpError(400, 'referenceObjects: a marker needs at least three reference objects')
  body.referenceObjects.forEach((object, i) => {
    if (object.name.trim() === '') throw new HttpError(400, `referenceObjects[${i}].name: must not be blank`)
  })
  return {
    sequence: body.sequence,
    typeCode: body.typeCode,
    form: (body.form ?? '').trim(),
    material: (body.material ?? '').trim(),
    lng: body.lng,
    lat: body.lat,
    elevationM: body.elevationM ?? null,
    setOn: body.setOn ?? null,
    locationDescription: body.locationDescription ?? '',
    referenceObjects: body.referenceObjects.map((o) => ({ name: o.name.trim(), azimuthDeg: o.azimuthDeg, distanceM: o.distanceM })),
    condition: body.condition ?? 'intact',
    note: body.note ?? '',
  }
}

/** Refuses a marker whose type cannot share its sequence with the markers already there (one Q, or A+B, or C+D+E). */
export async function refuseMixedSequence(db: Queryable, lineId: number, input: MarkerInput, exceptId: number | null): Promise<void> {
  const types = [...(await listSequenceTypes(db, lineId, input.sequence, exceptId)), input.typeCode] as MarkerTypeCode[]
  const problem = explainMixedSequence(types, input.sequence)
  if (problem) throw new HttpError(400, `typeCode: ${problem}`)
}

/** Records a marker and its first condition (source 'recorded', observed on `setOn` or today); audited as 'boundary-marker' create. */
export async function createMarker(pool: pg.Pool, actor: Actor, body: MarkerCreateInput): Promise<Marker> {
  const { lineId, ...fields } = body
  const input = markerInputOf(fields)
  return auditedChange(pool, actor, async (tx) => {
    if (!(await readLine(tx, lineId, FULL_BOUNDARY_VIEW))) throw new HttpError(400, `lineId: there is no line ${lineId}`)
    await refuseMixedSequence(tx, lineId, input, null)
    const id = await insertMarker(tx, lineId, input)
    await insertMarkerCondition(tx, { markerId: id, condition: input.condition, observedOn: input.setOn ?? todayInChina(), source: 'recorded', note: '', recordedBy: actor.name })
    const marker = (await readMarker(tx, id, FULL_BOUNDARY_VIEW))!
    return { result: marker, audit: { entity: 'boundary-marker', entityId: id, action: 'create', before: null, after: marker } }
  })
}

/** Edits a marker if it is still at `version`; a changed condition adds a history entry (source 'edit', observed today). */
export async function editMarker(pool: pg.Pool, actor: Actor, id: number, body: MarkerUpdateInput): Promise<{ marker: Marker } | { stale: Marker } | 'missing'> {
  const { version, ...fields } = body
  const input = markerInputOf(fields)
  return auditedChange<{ marker: Marker } | { stale: Marker } | 'missing'>(pool, actor, async (tx) => {
    const before = await readMarker(tx, id, FULL_BOUNDARY_VIEW)
    if (!before) return { result: 'missing', audit: null }
    if (before.version === version) await refuseMixedSequence(tx, before.lineId, input, id)
    const result = await updateMarker(tx, id, version, input, FULL_BOUNDARY_VIEW)
    if (result === 'missing' || 'stale' in result) return { result, audit: null }
    if (before.condition !== input.condition) {
      await insertMarkerCondition(tx, { markerId: id, condition: input.condition, observedOn: todayInChina(), source: 'edit', note: input.note, recordedBy: actor.name })
    }
    return { result, audit: { entity: 'boundary-marker', entityId: id, action: 'update', before, after: result.marker } }
  })
}
