import { Type, type Static } from 'typebox'
import { CoordinateSystemParamSchema } from './coordinate-systems.ts'
import { DocumentSchema, IdSchema, IsoDateSchema, NullableDateSchema, NullableNumberSchema, NullableStringSchema, VersionSchema } from './boundary-common.ts'

const Id = IdSchema
const Version = VersionSchema
const IsoDate = IsoDateSchema
const NullableDate = NullableDateSchema
const NullableString = NullableStringSchema
const NullableNumber = NullableNumberSchema

export const MarkerConditionSchema = Type.Union(
  [Type.Literal('intact'), Type.Literal('damaged'), Type.Literal('lost'), Type.Literal('displaced'), Type.Literal('moved'), Type.Literal('removed')],
  { description: 'intact, damaged, lost, displaced, moved or removed' },
)
export type MarkerCondition = Static<typeof MarkerConditionSchema>

export const MarkerTypeCodeSchema = Type.Union([Type.Literal('Q'), Type.Literal('A'), Type.Literal('B'), Type.Literal('C'), Type.Literal('D'), Type.Literal('E')], {
  description: 'Q a single marker; A and B a pair sharing one number; C, D and E a triple',
})

export const ReferenceObjectSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100, description: 'The reference object (方位物), e.g. a bridge or a well' }),
    azimuthDeg: Type.Number({ minimum: 0, maximum: 360, description: 'Azimuth from the marker to the object, degrees clockwise from north' }),
    distanceM: Type.Number({ exclusiveMinimum: 0, maximum: 100000, description: 'Distance from the marker, metres' }),
  },
  { additionalProperties: false },
)
export type ReferenceObject = Static<typeof ReferenceObjectSchema>

export const MarkerListQuerySchema = Type.Object(
  { lineId: Type.Optional(Id), condition: Type.Optional(MarkerConditionSchema) },
  { additionalProperties: false },
)

export const MarkerSchema = Type.Object({
  id: Type.Integer(),
  lineId: Type.Integer(),
  lineCode: Type.String(),
  lineName: Type.String(),
  number: Type.String({ description: 'Line code + three-digit sequence + type code, e.g. 210190001002003A' }),
  sequence: Type.Integer(),
  typeCode: Type.String(),
  form: Type.String(),
  material: Type.String(),
  lng: NullableNumber,
  lat: NullableNumber,
  elevationM: NullableNumber,
  setOn: NullableString,
  locationDescription: Type.String(),
  referenceObjects: Type.Union([Type.Array(ReferenceObjectSchema), Type.Null()]),
  condition: Type.String(),
  note: Type.String(),
  version: Type.Integer(),
  coordinatesHidden: Type.Boolean({ description: 'true: lng, lat, elevationM and referenceObjects are withheld from this caller' }),
})
export type Marker = Static<typeof MarkerSchema>

export const MarkerConditionEntrySchema = Type.Object({
  condition: Type.String(),
  observedOn: Type.String(),
  source: Type.String({ description: 'recorded, edit, inspection, damage_report or import' }),
  note: Type.String(),
  recordedBy: Type.String(),
})


export const MarkerDetailSchema = Type.Object({
  ...MarkerSchema.properties,
  conditionHistory: Type.Array(MarkerConditionEntrySchema),
  documents: Type.Array(DocumentSchema),
})

const MarkerFields = {
  sequence: Type.Integer({ minimum: 1, maximum: 999, description: 'The marker’s sequence along its line, 1–999' }),
  typeCode: MarkerTypeCodeSchema,
  form: Type.Optional(Type.String({ maxLength: 50, description: 'e.g. 柱状, 碑状' })),
  material: Type.Optional(Type.String({ maxLength: 50, description: 'e.g. 花岗岩, 钢筋混凝土' })),
  lng: Type.Number({ minimum: -180, maximum: 180, description: 'WGS84 longitude' }),
  lat: Type.Number({ minimum: -90, maximum: 90, description: 'WGS84 latitude' }),
  elevationM: Type.Optional(Type.Union([Type.Null(), Type.Number({ minimum: -500, maximum: 9000 })])),
  setOn: Type.Optional(NullableDate),
  locationDescription: Type.Optional(Type.String({ maxLength: 2000 })),
  referenceObjects: Type.Array(ReferenceObjectSchema, { minItems: 3, maxItems: 20, description: 'At least three reference objects (方位物)' }),
  condition: Type.Optional(MarkerConditionSchema),
  note: Type.Optional(Type.String({ maxLength: 2000 })),
}

export const MarkerCreateSchema = Type.Object({ lineId: Id, ...MarkerFields }, { additionalProperties: false })
export const MarkerUpdateSchema = Type.Object({ ...MarkerFields, version: Version }, { additionalProperties: false })
export type MarkerCreateInput = Static<typeof MarkerCreateSchema>
export type MarkerUpdateInput = Static<typeof MarkerUpdateSchema>

export const BoundaryImportQuerySchema = Type.Object(
  {
    kind: Type.Union([Type.Literal('lines'), Type.Literal('markers')]),
    format: Type.Union([Type.Literal('geojson'), Type.Literal('csv'), Type.Literal('xlsx'), Type.Literal('shapefile')]),
    crs: Type.Optional(CoordinateSystemParamSchema),
    dryRun: Type.Boolean(),
  },
  { additionalProperties: false },
)

export const BoundaryImportProblemSchema = Type.Object({ row: Type.Integer(), field: Type.String(), message: Type.String() })

export const BoundaryImportOutcomeSchema = Type.Object({
  dryRun: Type.Boolean(),
  counts: Type.Object({ rows: Type.Integer(), valid: Type.Integer(), problems: Type.Integer() }),
  problems: Type.Array(BoundaryImportProblemSchema),
  created: Type.Integer(),
  updated: Type.Integer(),
})
export type BoundaryImportOutcome = Static<typeof BoundaryImportOutcomeSchema>
