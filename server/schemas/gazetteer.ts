import { Type } from 'typebox'
import { GeometrySchema, INT4_MAX, ProblemSchema } from './common.ts'
import { PLACE_CATEGORY_CLASSES } from '../gazetteer/place-categories.ts'
import { ALT_NAME_KINDS, PLACE_STATUSES } from '../gazetteer/place-record.ts'
import { CASE_KINDS } from '../gazetteer/naming-cases.ts'

const literals = <T extends string>(values: readonly T[], options: Record<string, unknown> = {}) => Type.Union(values.map((v) => Type.Literal(v)), options)
/** Null first: with the request validator's type coercion, a string-first union would turn null into "". */
const NullableDate = Type.Union([Type.Null(), Type.String({ maxLength: 10, description: 'YYYY-MM-DD' })])
/** For responses: a nullable string without keywords, which the serializer writes as null rather than "". */
const NullableString = Type.Union([Type.String(), Type.Null()])
const Text = (maxLength: number) => Type.String({ maxLength })

export const PlaceIdParamsSchema = Type.Object({ id: Type.Integer({ minimum: 1, maximum: INT4_MAX }) })
export const PlaceVersionParamsSchema = Type.Object({ id: Type.Integer({ minimum: 1, maximum: INT4_MAX }), version: Type.Integer({ minimum: 1, maximum: INT4_MAX }) })

export const CategorySchema = literals(PLACE_CATEGORY_CLASSES.map((c) => c.id))
export const PlaceStatusSchema = literals(PLACE_STATUSES)

export const AltNameSchema = Type.Object(
  {
    kind: literals(ALT_NAME_KINDS),
    name: Text(100),
    romanization: Type.Optional(Text(200)),
    validFrom: Type.Optional(NullableDate),
    validTo: Type.Optional(NullableDate),
    note: Type.Optional(Text(2000)),
  },
  { additionalProperties: false },
)

/** The editable fields of a place; optional ones take their empty value. */
export const PlaceFieldsSchema = Type.Object(
  {
    category: CategorySchema,
    categoryCode: Type.Optional(Type.Union([Type.Null(), Type.String({ maxLength: 5 })])),
    featureType: Type.Optional(Text(50)),
    standardName: Text(100),
    specificPart: Type.Optional(Text(100)),
    genericPart: Type.Optional(Text(100)),
    romanization: Type.Optional(Text(200)),
    romanizationConfirmed: Type.Optional(Type.Boolean()),
    minorityName: Type.Optional(Text(200)),
    meaning: Type.Optional(Text(10_000)),
    history: Type.Optional(Text(10_000)),
    description: Type.Optional(Text(10_000)),
    sources: Type.Optional(Text(10_000)),
    divisionCodes: Type.Optional(Type.Array(Type.String({ maxLength: 12 }), { maxItems: 50 })),
    geometry: Type.Optional(Type.Union([Type.Null(), GeometrySchema])),
    namedOn: Type.Optional(NullableDate),
    establishedOn: Type.Optional(NullableDate),
    abolishedOn: Type.Optional(NullableDate),
    status: Type.Optional(PlaceStatusSchema),
    registeredBy: Type.Optional(Text(100)),
    registeringUnit: Type.Optional(Text(200)),
    registeredOn: Type.Optional(NullableDate),
    altNames: Type.Optional(Type.Array(AltNameSchema, { maxItems: 100 })),
  },
  { additionalProperties: false },
)

export const PlaceCreateSchema = Type.Object(
  { ...PlaceFieldsSchema.properties, acknowledgeSimilar: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
)
export const PlaceUpdateSchema = Type.Object(
  { ...PlaceFieldsSchema.properties, version: Type.Integer({ minimum: 1, maximum: INT4_MAX }) },
  { additionalProperties: false },
)

export const PlaceRecordSchema = Type.Object({
  ...PlaceFieldsSchema.properties,
  id: Type.Integer(),
  placeCode: Type.Union([Type.String(), Type.Null()]),
  version: Type.Integer(),
  changeSeq: Type.Number(),
  synthetic: Type.Boolean(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  geometry: Type.Union([Type.Unknown(), Type.Null()]),
  category: Type.String(),
  status: Type.String(),
  categoryCode: NullableString,
  namedOn: NullableString,
  establishedOn: NullableString,
  abolishedOn: NullableString,
  registeredOn: NullableString,
  altNames: Type.Array(Type.Object({ kind: Type.String(), name: Type.String(), romanization: Type.String(), validFrom: NullableString, validTo: NullableString, note: Type.String() })),
})

export const GazetteerProblemSchema = Type.Object({
  ...ProblemSchema.properties,
  problems: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
  similarNames: Type.Optional(Type.Array(Type.Unknown())),
  current: Type.Optional(Type.Unknown()),
  changes: Type.Optional(Type.Array(Type.Unknown())),
})

const Bbox = Type.Union([Type.Tuple([Type.Number(), Type.Number(), Type.Number(), Type.Number()]), Type.Null()])

export const PlaceSearchQuerySchema = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100 })),
    category: Type.Optional(CategorySchema),
    division: Type.Optional(Type.String({ pattern: '^[0-9]{12}$' })),
    status: Type.Optional(Type.String({ pattern: '^(current|historical|deprecated)(,(current|historical|deprecated))*$', description: 'one or more statuses, comma-separated' })),
    bbox: Type.Optional(Type.String({ pattern: '^-?[0-9.]+,-?[0-9.]+,-?[0-9.]+,-?[0-9.]+$', description: 'west,south,east,north' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 20 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
  },
  { additionalProperties: false },
)

export const PlaceSearchItemSchema = Type.Object({
  placeId: Type.Integer(),
  standardName: Type.String(),
  romanization: Type.String(),
  category: Type.String(),
  status: Type.String(),
  divisionCodes: Type.Array(Type.String()),
  matchedName: Type.String(),
  matchedKind: Type.String(),
  rank: Type.String(),
  via: Type.String(),
  center: Type.Union([Type.Tuple([Type.Number(), Type.Number()]), Type.Null()]),
  bbox: Bbox,
})

export const PlaceSearchResultSchema = Type.Object({ total: Type.Integer(), items: Type.Array(PlaceSearchItemSchema) })

export const CaseIdParamsSchema = PlaceIdParamsSchema
export const CaseFileParamsSchema = Type.Object({ id: Type.Integer({ minimum: 1, maximum: INT4_MAX }), fileId: Type.Integer({ minimum: 1, maximum: INT4_MAX }) })

export const CaseCreateSchema = Type.Object(
  {
    kind: literals(CASE_KINDS),
    placeId: Type.Union([Type.Null(), Type.Integer({ minimum: 1, maximum: INT4_MAX })]),
    title: Type.String({ minLength: 1, maxLength: 200 }),
    proposal: Type.Object({}, { additionalProperties: true, description: 'naming and correction: { fields }; renaming: { standardName, specificPart, genericPart, romanization, romanizationConfirmed, effectiveOn }; retiring: { abolishedOn }' }),
    reason: Type.Optional(Type.String({ maxLength: 10_000 })),
  },
  { additionalProperties: false },
)

export const CaseUpdateSchema = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 200 }),
    proposal: Type.Object({}, { additionalProperties: true }),
    reason: Type.Optional(Type.String({ maxLength: 10_000 })),
    version: Type.Integer({ minimum: 1, maximum: INT4_MAX }),
  },
  { additionalProperties: false },
)

export const CaseActionSchema = Type.Object(
  {
    version: Type.Integer({ minimum: 1, maximum: INT4_MAX }),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
    acknowledgeSimilar: Type.Optional(Type.Boolean()),
    noticeStartsOn: Type.Optional(NullableDate),
    noticeEndsOn: Type.Optional(NullableDate),
    authority: Type.Optional(Type.String({ maxLength: 200 })),
    documentNumber: Type.Optional(Type.String({ maxLength: 100 })),
    approvedOn: Type.Optional(Type.String({ maxLength: 10 })),
    on: Type.Optional(Type.String({ maxLength: 10 })),
  },
  { additionalProperties: false },
)

export const CaseListQuerySchema = Type.Object(
  {
    status: Type.Optional(literals(['draft', 'submitted', 'under_review', 'approved', 'filed', 'announced', 'returned', 'rejected', 'withdrawn'] as const)),
    kind: Type.Optional(literals(CASE_KINDS)),
    placeId: Type.Optional(Type.Integer({ minimum: 1, maximum: INT4_MAX })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
  },
  { additionalProperties: false },
)

/** A case as the API gives it; its proposal and lists are passed through as stored. */
export const NamingCaseSchema = Type.Object({
  id: Type.Integer(),
  kind: Type.String(),
  status: Type.String(),
  placeId: Type.Union([Type.Integer(), Type.Null()]),
  placeName: Type.Union([Type.String(), Type.Null()]),
  title: Type.String(),
  proposal: Type.Unknown(),
  reason: Type.String(),
  similarNames: Type.Array(Type.Unknown()),
  similarAcknowledgedBy: Type.Union([Type.String(), Type.Null()]),
  similarAcknowledgedAt: Type.Union([Type.String(), Type.Null()]),
  noticeStartsOn: NullableString,
  noticeEndsOn: NullableString,
  authority: Type.String(),
  documentNumber: Type.String(),
  approvedOn: NullableString,
  filedOn: NullableString,
  announcedOn: NullableString,
  createdBy: Type.String(),
  version: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
})

export const NamingCaseDetailSchema = Type.Object({
  ...NamingCaseSchema.properties,
  events: Type.Array(Type.Object({ id: Type.Integer(), at: Type.String(), actorName: Type.String(), action: Type.String(), fromStatus: Type.Union([Type.String(), Type.Null()]), toStatus: Type.String(), note: Type.String() })),
  attachments: Type.Array(Type.Object({ id: Type.Integer(), kind: Type.String(), filename: Type.String(), mediaType: Type.String(), sizeBytes: Type.Integer(), uploadedBy: Type.String(), uploadedAt: Type.String() })),
})
