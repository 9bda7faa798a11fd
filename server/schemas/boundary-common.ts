import { Type, type Static } from 'typebox'
import { INT4_MAX } from './common.ts'

/** A row id. */
export const IdSchema = Type.Integer({ minimum: 1, maximum: INT4_MAX })
/** The version an edit started from. */
export const VersionSchema = Type.Integer({ minimum: 1, maximum: INT4_MAX, description: 'The version the edit started from; a stale one gets 409 with the stored row in `current`' })
/** A calendar date from the year 1 (PostgreSQL has no year 0). */
export const IsoDateSchema = Type.String({ pattern: '^(?!0000)[0-9]{4}-[0-9]{2}-[0-9]{2}$', format: 'date', description: 'A calendar date, YYYY-MM-DD' })
/** A date or null; null first, so coercion does not turn null into "". */
export const NullableDateSchema = Type.Union([Type.Null(), IsoDateSchema])
export const NullableStringSchema = Type.Union([Type.String(), Type.Null()])
export const NullableIntegerSchema = Type.Union([Type.Integer(), Type.Null()])
export const NullableNumberSchema = Type.Union([Type.Number(), Type.Null()])

export const BoundaryIdParamsSchema = Type.Object({ id: IdSchema })

/** What kind of archive document a file is. */
export const DOC_TYPES = ['agreement', 'map', 'marker_table', 'inspection_report', 'photo', 'change_order', 'other'] as const

/** An archive document or photo, without its content. */
export const DocumentSchema = Type.Object({
  id: Type.Integer(),
  lineId: NullableIntegerSchema,
  markerId: NullableIntegerSchema,
  inspectionId: NullableIntegerSchema,
  divisionEventId: NullableIntegerSchema,
  docType: Type.String({ description: DOC_TYPES.join(', ') }),
  title: Type.String(),
  filename: Type.String(),
  mediaType: Type.String(),
  sizeBytes: Type.Integer(),
  sha256: Type.String(),
  retentionYears: Type.Union([Type.Integer(), Type.Null()], { description: 'Years to keep; null: permanently (永久)' }),
  uploadedBy: Type.String(),
  uploadedAt: Type.String(),
})
export type BoundaryDocument = Static<typeof DocumentSchema>
