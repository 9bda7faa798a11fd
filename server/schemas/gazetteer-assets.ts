import { Type, type Static } from 'typebox'
import { INT4_MAX } from './common.ts'

const Id = Type.Integer({ minimum: 1, maximum: INT4_MAX })
const Version = Type.Integer({ minimum: 1, maximum: INT4_MAX, description: 'The version the edit started from; a stale one gets 409 with the stored row in `current`' })
const NullableString = Type.Union([Type.String(), Type.Null()])

/** A calendar date that exists (2024-02-29 yes, 2023-02-29 no), from the year 1 (PostgreSQL has no year 0). */
const isoDate = (description = 'A calendar date, YYYY-MM-DD') => Type.String({ pattern: '^(?!0000)[0-9]{4}-[0-9]{2}-[0-9]{2}$', format: 'date', description })
export const IsoDateSchema = isoDate()
/** A date or null; an empty string is taken as null. */
const NullableDate = Type.Union([IsoDateSchema, Type.Null()])

/** A point in WGS84. */
export const LngLatSchema = Type.Object(
  { lng: Type.Number({ minimum: -180, maximum: 180 }), lat: Type.Number({ minimum: -90, maximum: 90 }) },
  { additionalProperties: false, description: 'A point in WGS84 degrees' },
)
export type LngLat = Static<typeof LngLatSchema>
const NullableLngLat = Type.Union([LngLatSchema, Type.Null()])

export const GazetteerIdParamsSchema = Type.Object({ id: Id })
export const SignPhotoParamsSchema = Type.Object({ id: Id, fileId: Id })

/** The place a protection entry, sign or door plate belongs to, as it stands now. */
export const PlaceSummarySchema = Type.Object({
  id: Type.Integer(),
  category: Type.String(),
  standardName: Type.String(),
  romanization: Type.String(),
  status: Type.String({ description: 'current, historical or deprecated' }),
})
export type PlaceSummary = Static<typeof PlaceSummarySchema>

const ProtectionLevel = Type.Union([Type.Literal('national'), Type.Literal('provincial'), Type.Literal('municipal'), Type.Literal('county')], {
  description: 'Who listed the name: national, provincial, municipal or county level',
})

const ProtectedNameFields = {
  level: ProtectionLevel,
  batch: Type.Optional(Type.String({ maxLength: 100, description: 'The batch of the list, e.g. 第一批' })),
  listedOn: Type.Optional(NullableDate),
  valueStatement: Type.Optional(Type.String({ maxLength: 5000, description: 'Why the name is worth protecting' })),
  measures: Type.Optional(Type.String({ maxLength: 5000, description: 'How it is protected' })),
}

export const ProtectedNameCreateSchema = Type.Object({ placeId: Id, ...ProtectedNameFields }, { additionalProperties: false })
export const ProtectedNameUpdateSchema = Type.Object({ ...ProtectedNameFields, version: Version }, { additionalProperties: false })
export type ProtectedNameFieldsInput = Static<typeof ProtectedNameUpdateSchema>

export const ProtectedNameSchema = Type.Object({
  id: Type.Integer(),
  placeId: Type.Integer(),
  place: PlaceSummarySchema,
  level: Type.String(),
  batch: Type.String(),
  listedOn: NullableString,
  valueStatement: Type.String(),
  measures: Type.String(),
  version: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
})
export type ProtectedName = Static<typeof ProtectedNameSchema>

export const ProtectedNameListQuerySchema = Type.Object({ level: Type.Optional(ProtectionLevel), placeId: Type.Optional(Id) })

const SignType = Type.Union(
  [
    Type.Literal('road'),
    Type.Literal('street'),
    Type.Literal('compound'),
    Type.Literal('village'),
    Type.Literal('building'),
    Type.Literal('bridge'),
    Type.Literal('guide'),
    Type.Literal('other'),
  ],
  { description: 'road, street, compound, village, building, bridge, guide or other' },
)
const SignCondition = Type.Union([Type.Literal('good'), Type.Literal('worn'), Type.Literal('damaged'), Type.Literal('missing'), Type.Literal('removed')], {
  description: 'good, worn, damaged, missing or removed; removed signs are not due for inspection',
})

const SignFields = {
  signType: SignType,
  textZh: Type.String({ minLength: 1, maxLength: 100, description: 'The Chinese text on the sign' }),
  textPinyin: Type.Optional(Type.String({ maxLength: 200, description: 'The romanized text on the sign; the place’s romanization when left out' })),
  location: Type.Optional(NullableLngLat),
  material: Type.Optional(Type.String({ maxLength: 100 })),
  installedOn: Type.Optional(NullableDate),
  condition: Type.Optional(SignCondition),
  lastInspectedOn: Type.Optional(NullableDate),
  note: Type.Optional(Type.String({ maxLength: 2000 })),
}

export const SignCreateSchema = Type.Object({ placeId: Id, ...SignFields }, { additionalProperties: false })
export const SignUpdateSchema = Type.Object({ ...SignFields, version: Version }, { additionalProperties: false })
export type SignFieldsInput = Static<typeof SignUpdateSchema>

export const SignSchema = Type.Object({
  id: Type.Integer(),
  placeId: Type.Integer(),
  place: PlaceSummarySchema,
  signType: Type.String(),
  textZh: Type.String(),
  textPinyin: Type.String(),
  location: Type.Union([LngLatSchema, Type.Null()]),
  material: Type.String(),
  installedOn: NullableString,
  condition: Type.String(),
  lastInspectedOn: NullableString,
  note: Type.String(),
  photoCount: Type.Integer(),
  version: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
})
export type Sign = Static<typeof SignSchema>

export const SignPhotoSchema = Type.Object({
  id: Type.Integer(),
  filename: Type.String(),
  mediaType: Type.String(),
  sizeBytes: Type.Integer(),
  uploadedBy: Type.String(),
  uploadedAt: Type.String(),
})
export type SignPhoto = Static<typeof SignPhotoSchema>

export const SignDetailSchema = Type.Object({ ...SignSchema.properties, photos: Type.Array(SignPhotoSchema) })

export const SignListQuerySchema = Type.Object({
  placeId: Type.Optional(Id),
  condition: Type.Optional(SignCondition),
  inspectedBefore: Type.Optional(isoDate('Signs due for inspection: last inspected before this date (YYYY-MM-DD) or never; removed signs are left out')),
})

export const PhotoUploadQuerySchema = Type.Object({
  filename: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'The file’s name, kept for downloads' })),
})

/** A stored file without its bytes: a sign photo or a naming-case attachment. */
export const GazetteerFileSchema = Type.Object({
  id: Type.Integer(),
  kind: Type.String(),
  signId: Type.Union([Type.Integer(), Type.Null()]),
  caseId: Type.Union([Type.Integer(), Type.Null()]),
  filename: Type.String(),
  mediaType: Type.String(),
  sizeBytes: Type.Integer(),
  uploadedBy: Type.String(),
  uploadedAt: Type.String(),
})
export type GazetteerFile = Static<typeof GazetteerFileSchema>

const DoorPlateStatus = Type.Union([Type.Literal('current'), Type.Literal('retired')], { description: 'current, or retired' })
const DivisionCode = Type.String({ pattern: '^[0-9]{12}$', description: '12-digit division code' })
const PlatePart = (description: string) => Type.Optional(Type.String({ maxLength: 20, description }))

const DoorPlateFields = {
  roadPlaceId: Type.Integer({ minimum: 1, maximum: INT4_MAX, description: 'The road: a current place of category transport-facilities' }),
  number: Type.String({ pattern: '^[0-9]+(-[0-9]+)?$', maxLength: 20, description: 'The number on the road, e.g. 12 or 12-1' }),
  building: PlatePart('Building (栋), when the plate names one'),
  unit: PlatePart('Unit (单元)'),
  room: PlatePart('Room (室)'),
  communityCode: Type.Optional(Type.Union([DivisionCode, Type.Null()], { description: 'The community; found from the location when left out' })),
  location: Type.Optional(NullableLngLat),
}

export const DoorPlateCreateSchema = Type.Object(DoorPlateFields, { additionalProperties: false })
export const DoorPlateUpdateSchema = Type.Object(
  { ...DoorPlateFields, status: DoorPlateStatus, version: Version },
  { additionalProperties: false },
)
export type DoorPlateFieldsInput = Static<typeof DoorPlateCreateSchema>

export const DoorPlateSchema = Type.Object({
  id: Type.Integer(),
  roadPlaceId: Type.Integer(),
  road: PlaceSummarySchema,
  number: Type.String(),
  building: Type.String(),
  unit: Type.String(),
  room: Type.String(),
  communityCode: NullableString,
  communityName: NullableString,
  location: Type.Union([LngLatSchema, Type.Null()]),
  status: Type.String(),
  standardAddress: Type.String({ description: '标准地址: divisions, the road’s current standard name, number, building, unit and room' }),
  version: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
})
export type DoorPlate = Static<typeof DoorPlateSchema>

export const CertificateSchema = Type.Object({
  id: Type.Integer(),
  doorPlateId: Type.Integer(),
  number: Type.String(),
  holder: Type.String(),
  issuedOn: Type.String(),
  revokedOn: NullableString,
  revokedReason: Type.String(),
  issuedBy: Type.String(),
  valid: Type.Boolean({ description: 'Not revoked' }),
  createdAt: Type.String(),
})
export type Certificate = Static<typeof CertificateSchema>

export const DoorPlateDetailSchema = Type.Object({ ...DoorPlateSchema.properties, certificates: Type.Array(CertificateSchema) })

export const DoorPlateListQuerySchema = Type.Object({
  roadId: Type.Optional(Id),
  communityCode: Type.Optional(DivisionCode),
  status: Type.Optional(DoorPlateStatus),
  q: Type.Optional(Type.String({ pattern: '^[0-9][0-9-]{0,19}$', description: 'Numbers starting with this' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000, default: 1000 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: INT4_MAX, default: 0 })),
})

/** What a plate list says of a plate's valid certificate, enough to print or revoke it. */
export const ValidCertificateSummarySchema = Type.Object({
  id: Type.Integer(),
  number: Type.String(),
  holder: Type.String(),
  issuedOn: Type.String(),
})
export type ValidCertificateSummary = Static<typeof ValidCertificateSummarySchema>

/** A plate as lists show it: with its valid certificate, or `null` when none is valid. */
export const DoorPlateListItemSchema = Type.Object({
  ...DoorPlateSchema.properties,
  validCertificate: Type.Union([ValidCertificateSummarySchema, Type.Null()], { description: 'The certificate not revoked, if any; a plate has at most one' }),
})
export type DoorPlateListItem = Static<typeof DoorPlateListItemSchema>

export const DoorPlateListSchema = Type.Object({
  doorPlates: Type.Array(DoorPlateListItemSchema),
  total: Type.Integer({ description: 'How many plates match, beyond the page too' }),
})

export const CertificateCreateSchema = Type.Object(
  {
    number: Type.String({ minLength: 1, maxLength: 50, description: 'The certificate number, unique' }),
    holder: Type.String({ minLength: 1, maxLength: 200, description: 'Who holds the certificate' }),
    issuedOn: IsoDateSchema,
  },
  { additionalProperties: false },
)

export const CertificateRevokeSchema = Type.Object(
  { revokedOn: IsoDateSchema, reason: Type.String({ minLength: 1, maxLength: 500, description: 'Why it is revoked; printed on the certificate and kept in the audit trail' }) },
  { additionalProperties: false },
)
