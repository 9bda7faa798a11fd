import { DataSourceSchema } from './datasets.ts'
import { Type } from 'typebox'
import { FacilityChangesSchema, NetworkChangesSchema } from './coverage.ts'
import { INT4_MAX } from './common.ts'

const NullableNumber = Type.Union([Type.Number(), Type.Null()])
const NullableString = Type.Union([Type.String(), Type.Null()])
const KindCode = Type.String({ pattern: '^[a-z_]{1,40}$' })

export const WalkSpecSchema = Type.Union([
  Type.Object({ minutes: Type.Number({ exclusiveMinimum: 0, maximum: 120 }), speedKmh: Type.Number({ exclusiveMinimum: 0, maximum: 10 }) }),
  Type.Object({ metres: Type.Number({ exclusiveMinimum: 0, maximum: 10_000 }) }),
])

export const StandardRuleSchema = Type.Object({
  code: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,59}$', description: 'Short code, unique within the set' }),
  label: Type.String({ minLength: 1, maxLength: 200 }),
  labelEn: Type.String({ maxLength: 200 }),
  indicator: Type.Union([
    Type.Literal('facility_area_per_100_households'),
    Type.Literal('facility_area_total'),
    Type.Literal('beds_per_1000_elderly'),
    Type.Literal('nursing_bed_share'),
    Type.Literal('households_within_walk_share'),
    Type.Literal('households_per_facility'),
    Type.Literal('residents_per_facility'),
  ]),
  comparator: Type.Union([Type.Literal('>='), Type.Literal('<=')]),
  threshold: Type.Number({ minimum: 0, maximum: 1e9 }),
  unit: Type.String({ minLength: 1, maxLength: 40 }),
  appliesTo: Type.Object({
    area: Type.Union([Type.Literal('any'), Type.Literal('urban'), Type.Literal('rural')]),
    residential: Type.Union([Type.Literal('any'), Type.Literal('new'), Type.Literal('existing')]),
  }),
  kinds: Type.Array(KindCode, { minItems: 1, maxItems: 10, description: 'Facility kinds the rule counts' }),
  walk: Type.Optional(WalkSpecSchema),
  severity: Type.Union([Type.Literal('high'), Type.Literal('medium'), Type.Literal('low')]),
  source: Type.String({ minLength: 1, maxLength: 2000, description: 'The plan or standard the rule comes from' }),
})

export const StandardSetSchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  description: Type.String(),
  presetKey: NullableString,
  newResidentialFromYear: Type.Integer(),
  rules: Type.Array(StandardRuleSchema),
  version: Type.Integer(),
  isDefault: Type.Boolean(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
})

const StandardSetFields = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  description: Type.Optional(Type.String({ maxLength: 4000 })),
  newResidentialFromYear: Type.Optional(Type.Integer({ minimum: 1900, maximum: 2100, default: 2021, description: 'Compounds built in or after this year make a new residential area' })),
  rules: Type.Array(StandardRuleSchema, { maxItems: 100 }),
}

export const StandardSetCreateSchema = Type.Object(StandardSetFields, { additionalProperties: false })
export const StandardSetCopySchema = Type.Object({ name: StandardSetFields.name }, { additionalProperties: false })
export const StandardSetUpdateSchema = Type.Object({ ...StandardSetFields, version: Type.Integer({ minimum: 1, maximum: INT4_MAX }) }, { additionalProperties: false })
export const StandardSetParamsSchema = Type.Object({ id: Type.Integer({ minimum: 1, maximum: INT4_MAX }) })
export const StandardSetVersionParamsSchema = Type.Object({ id: Type.Integer({ minimum: 1, maximum: INT4_MAX }), version: Type.Integer({ minimum: 1, maximum: INT4_MAX }) })

export const ReportQuerySchema = Type.Object({
  set: Type.Optional(Type.Integer({ minimum: 1, maximum: INT4_MAX, description: 'Standard set id; the default set when omitted' })),
  version: Type.Optional(Type.Integer({ minimum: 1, maximum: INT4_MAX, description: 'An earlier version of the set' })),
  maxSnapM: Type.Optional(Type.Number({ minimum: 1, maximum: 2000, default: 300 })),
  scenario: Type.Optional(Type.Integer({ minimum: 1, maximum: INT4_MAX, description: 'Apply a saved what-if scenario to its kind' })),
})

export const ReportWhatIfBodySchema = Type.Object(
  { ...ReportQuerySchema.properties, kind: KindCode, changes: FacilityChangesSchema, networkChanges: Type.Optional(NetworkChangesSchema) },
  { additionalProperties: false },
)

export const RuleEvaluationSchema = Type.Object({
  rule: Type.String(),
  status: Type.Union([Type.Literal('pass'), Type.Literal('fail'), Type.Literal('cannot-evaluate'), Type.Literal('not-applicable')]),
  measured: NullableNumber,
  required: Type.Number(),
  unit: Type.String(),
  shortfall: Type.Union([Type.Object({ value: Type.Number(), unit: Type.String() }), Type.Null()]),
  message: NullableString,
  messageEn: NullableString,
  severity: Type.String(),
})

const UnitIndicatorsSchema = Type.Object({
  facilitiesByKind: Type.Record(Type.String(), Type.Number()),
  areaM2ByKind: Type.Record(Type.String(), Type.Number()),
  areaPer100ByKind: Type.Record(Type.String(), NullableNumber),
  totalAreaM2: Type.Number(),
  areaUnknown: Type.Number(),
  beds: Type.Number(),
  nursingBeds: Type.Number(),
  bedsPer1000Elderly: NullableNumber,
  nursingBedShare: NullableNumber,
  residentsPerServiceCentre: NullableNumber,
  walks: Type.Array(Type.Object({ kind: Type.String(), limitM: Type.Number(), households: Type.Number(), covered: Type.Number(), share: NullableNumber })),
})

export const UnitReportSchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  level: Type.String(),
  parentCode: NullableString,
  urbanRural: Type.String(),
  residential: NullableString,
  households: NullableNumber,
  population: NullableNumber,
  elderly: NullableNumber,
  indicators: UnitIndicatorsSchema,
  evaluations: Type.Array(RuleEvaluationSchema),
  status: Type.Union([Type.Literal('pass'), Type.Literal('fail'), Type.Literal('cannot-evaluate')]),
  communities: Type.Object({ pass: Type.Integer(), fail: Type.Integer(), 'cannot-evaluate': Type.Integer() }),
})

export const StandardsReportSchema = Type.Object({
  set: Type.Object({ id: Type.Integer(), name: Type.String(), version: Type.Integer(), newResidentialFromYear: Type.Integer() }),
  rules: Type.Array(StandardRuleSchema),
  networkVersion: Type.Integer(),
  dataVersion: Type.Integer(),
  sources: Type.Array(DataSourceSchema, { description: 'The dataset version of each layer the figures were computed from (the current ones when computed)' }),
  maxSnapM: Type.Number(),
  scenario: Type.Union([Type.Object({ kind: Type.String(), changes: Type.Integer(), networkChanges: Type.Integer() }), Type.Null()]),
  generatedAt: Type.String(),
  communities: Type.Array(UnitReportSchema),
  subdistricts: Type.Array(UnitReportSchema),
  district: Type.Union([UnitReportSchema, Type.Null()]),
})
