import { Type, type Static } from 'typebox'
import { GeometrySchema } from './common.ts'
import { MarkerSchema } from './boundary-markers.ts'
import { IsoDateSchema, NullableDateSchema, NullableStringSchema, VersionSchema } from './boundary-common.ts'

const Version = VersionSchema
const IsoDate = IsoDateSchema
const NullableDate = NullableDateSchema
const NullableString = NullableStringSchema
const DivisionCode = Type.String({ pattern: '^[0-9]{12}$', description: 'A 12-digit division code' })

export const LineLevelSchema = Type.Union([Type.Literal('provincial'), Type.Literal('municipal'), Type.Literal('county'), Type.Literal('township')], {
  description: 'provincial, municipal, county or township (乡级, between sub-districts and towns)',
})
export type LineLevel = Static<typeof LineLevelSchema>

export const LineCodeSchema = Type.String({ pattern: '^[0-9A-Z]{1,16}$', description: 'The line code that starts every marker number on the line: 1–16 of 0-9 and A-Z' })

export const LineListQuerySchema = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100, description: 'Part of the line’s name or code, or a side’s name or code' })),
    level: Type.Optional(LineLevelSchema),
  },
  { additionalProperties: false },
)

export const LineSummarySchema = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  level: Type.String(),
  leftCode: Type.String(),
  leftName: Type.String(),
  rightCode: Type.String(),
  rightName: Type.String(),
  lengthM: Type.Number({ description: 'Length on the ellipsoid in metres, of the stored (detailed) geometry' }),
  source: Type.String({ description: 'derived, imported or drawn' }),
  agreementNumber: Type.String(),
  agreementDate: NullableString,
  validFrom: NullableString,
  validTo: NullableString,
  inspectionCycleYears: Type.Integer(),
  markerCount: Type.Integer(),
  lastInspectedOn: NullableString,
  nextDueYear: Type.Union([Type.Integer(), Type.Null()]),
  status: Type.Union([Type.Literal('ok'), Type.Literal('due'), Type.Literal('overdue'), Type.Literal('planned')]),
})
export type LineSummary = Static<typeof LineSummarySchema>

export const LineSchema = Type.Object({
  ...LineSummarySchema.properties,
  geometry: GeometrySchema,
  detailed: Type.Boolean({ description: 'false: the geometry is simplified (about 50 m) because the caller may not see the detailed line' }),
  courseDescription: Type.String(),
  agreementParties: Type.Array(Type.String()),
  note: Type.String(),
  version: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
})
export type Line = Static<typeof LineSchema>

export const LineDetailSchema = Type.Object({ ...LineSchema.properties, markers: Type.Array(MarkerSchema) })

const LineFields = {
  name: Type.String({ minLength: 1, maxLength: 100, description: 'e.g. 甲街道—乙街道线' }),
  level: LineLevelSchema,
  leftCode: DivisionCode,
  rightCode: DivisionCode,
  leftName: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'The left side’s name; taken from the divisions when left out' })),
  rightName: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'The right side’s name; taken from the divisions when left out' })),
  geometry: Type.Optional(
    Type.Union([Type.Null(), GeometrySchema], {
      description: 'LineString or MultiLineString in WGS84; when left out, the shared edge of the two divisions (source derived), else source drawn',
    }),
  ),
  courseDescription: Type.Optional(Type.String({ maxLength: 20000 })),
  agreementNumber: Type.Optional(Type.String({ maxLength: 100 })),
  agreementDate: Type.Optional(NullableDate),
  agreementParties: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 20 })),
  validFrom: Type.Optional(NullableDate),
  validTo: Type.Optional(NullableDate),
  inspectionCycleYears: Type.Optional(Type.Integer({ minimum: 1, maximum: 20, description: 'Years between periodic joint inspections; 5 when left out' })),
  note: Type.Optional(Type.String({ maxLength: 2000 })),
}

export const LineCreateSchema = Type.Object({ code: LineCodeSchema, ...LineFields }, { additionalProperties: false })
export const LineUpdateSchema = Type.Object({ code: LineCodeSchema, ...LineFields, version: Version }, { additionalProperties: false })
export type LineCreateInput = Static<typeof LineCreateSchema>

export const LineDeriveBodySchema = Type.Object(
  {
    parentCode: DivisionCode,
    level: LineLevelSchema,
  },
  { additionalProperties: false },
)

export const LineDeriveResultSchema = Type.Object({
  created: Type.Array(LineSummarySchema),
  skipped: Type.Array(Type.Object({ leftCode: Type.String(), rightCode: Type.String(), reason: Type.String() })),
})
