import { Type, type Static } from 'typebox'
import { DOC_TYPES, DocumentSchema, IdSchema, IsoDateSchema, NullableDateSchema, NullableIntegerSchema, NullableStringSchema, VersionSchema } from './boundary-common.ts'
import { MarkerConditionSchema } from './boundary-markers.ts'
import { LineSummarySchema } from './boundary-lines.ts'

const Id = IdSchema
const Version = VersionSchema
const NullableString = NullableStringSchema
const NullableInteger = NullableIntegerSchema
const IsoDate = IsoDateSchema
const NullableDate = NullableDateSchema
/** An instant with its offset, e.g. 2025-03-01T08:30:00+08:00 or 2025-03-01T00:30:00Z. */
const Timestamp = Type.String({
  pattern: '^(?!0000)[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,6})?)?(Z|[+-][0-9]{2}:[0-9]{2})$',
  description: 'An instant with its UTC offset, e.g. 2025-03-01T08:30:00+08:00',
})

/** The states a boundary marker can be in. */
export const MARKER_CONDITIONS = ['intact', 'damaged', 'lost', 'displaced', 'moved', 'removed'] as const
const MarkerCondition = MarkerConditionSchema
const DamageCondition = Type.Union(
  [Type.Literal('damaged'), Type.Literal('lost'), Type.Literal('displaced'), Type.Literal('moved'), Type.Literal('removed')],
  { description: 'damaged, lost, displaced, moved or removed' },
)

// Inspections

const InspectionKind = Type.Union([Type.Literal('periodic'), Type.Literal('ad_hoc')], {
  description: 'periodic (every cycle) or ad_hoc (after a disaster, a river change…; needs its reason)',
})

const FindingInputSchema = Type.Object(
  {
    markerId: Type.Optional(Type.Union([Type.Null(), Id])),
    segment: Type.Optional(Type.String({ maxLength: 500, description: 'The stretch of line the finding is about, when not one marker' })),
    condition: Type.Optional(Type.Union([Type.Null(), MarkerCondition])),
    finding: Type.Optional(Type.String({ maxLength: 2000 })),
    actionTaken: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false, description: 'What was found at a marker (markerId) or along a segment; a condition only for a marker and once the inspection is done' },
)
export type FindingInput = Static<typeof FindingInputSchema>

const InspectionFields = {
  kind: InspectionKind,
  reason: Type.Optional(Type.String({ maxLength: 500 })),
  plannedOn: Type.Optional(NullableDate),
  doneOn: Type.Optional(NullableDate),
  officeCheck: Type.Optional(Type.Boolean({ description: 'The office (内业) check was part of the round; default true' })),
  fieldCheck: Type.Optional(Type.Boolean({ description: 'The field (外业) check was part of the round; default true' })),
  parties: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 20, description: 'Who took part' })),
  summary: Type.Optional(Type.String({ maxLength: 20000 })),
}

export const InspectionCreateSchema = Type.Object(
  { lineId: Id, ...InspectionFields, findings: Type.Optional(Type.Array(FindingInputSchema, { maxItems: 1000 })) },
  { additionalProperties: false },
)
export type InspectionCreateInput = Static<typeof InspectionCreateSchema>
export const InspectionUpdateSchema = Type.Object(
  {
    ...InspectionFields,
    findings: Type.Optional(Type.Array(FindingInputSchema, { maxItems: 1000, description: 'Replaces every finding; left out: the findings are kept' })),
    version: Version,
  },
  { additionalProperties: false },
)
export type InspectionUpdateInput = Static<typeof InspectionUpdateSchema>

export const InspectionListQuerySchema = Type.Object({ lineId: Type.Optional(Id) })

export const FindingSchema = Type.Object({
  id: Type.Integer(),
  markerId: NullableInteger,
  markerNumber: NullableString,
  segment: Type.String(),
  condition: NullableString,
  finding: Type.String(),
  actionTaken: Type.String(),
})
export type Finding = Static<typeof FindingSchema>

export const InspectionSchema = Type.Object({
  id: Type.Integer(),
  lineId: Type.Integer(),
  lineCode: Type.String(),
  lineName: Type.String(),
  kind: Type.String(),
  reason: Type.String(),
  plannedOn: NullableString,
  doneOn: NullableString,
  officeCheck: Type.Boolean(),
  fieldCheck: Type.Boolean(),
  parties: Type.Array(Type.String()),
  summary: Type.String(),
  findingCount: Type.Integer(),
  recordedBy: Type.String(),
  version: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
})
export type Inspection = Static<typeof InspectionSchema>

// Documents

const DocType = Type.Union(
  DOC_TYPES.map((t) => Type.Literal(t)),
  { description: 'agreement, map, marker_table, inspection_report, photo, change_order or other' },
)

const DocumentOwner = {
  lineId: Type.Optional(Id),
  markerId: Type.Optional(Id),
  inspectionId: Type.Optional(Id),
  divisionEventId: Type.Optional(Id),
}
export const DocumentListQuerySchema = Type.Object(DocumentOwner)
export const DocumentUploadQuerySchema = Type.Object({
  ...DocumentOwner,
  docType: DocType,
  title: Type.String({ minLength: 1, maxLength: 200 }),
  retentionYears: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, description: 'Years to keep; left out: permanently' })),
  filename: Type.Optional(Type.String({ maxLength: 500, description: 'The file’s name, for downloads; folders and control characters are dropped' })),
})

export const InspectionDetailSchema = Type.Object({
  ...InspectionSchema.properties,
  findings: Type.Array(FindingSchema),
  documents: Type.Array(DocumentSchema),
})

// Custody, patrols, damage reports

const CustodyFields = {
  segment: Type.String({ minLength: 1, maxLength: 500, description: 'The stretch of line in custody' }),
  custodianUnit: Type.String({ minLength: 1, maxLength: 200 }),
  custodianPerson: Type.String({ minLength: 1, maxLength: 100 }),
  custodianContact: Type.Optional(Type.String({ maxLength: 100 })),
  patrolIntervalDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 366, description: 'Days between patrols; default 30' })),
  startsOn: IsoDate,
  endsOn: Type.Optional(NullableDate),
  markerIds: Type.Optional(Type.Array(Id, { maxItems: 999, description: 'The markers in custody; all on the custody’s line' })),
  note: Type.Optional(Type.String({ maxLength: 2000 })),
}
export const CustodyCreateSchema = Type.Object({ lineId: Id, ...CustodyFields }, { additionalProperties: false })
export type CustodyCreateInput = Static<typeof CustodyCreateSchema>
export const CustodyUpdateSchema = Type.Object({ ...CustodyFields, version: Version }, { additionalProperties: false })
export type CustodyUpdateInput = Static<typeof CustodyUpdateSchema>
export const CustodyListQuerySchema = Type.Object({ lineId: Type.Optional(Id) })

export const CustodySchema = Type.Object({
  id: Type.Integer(),
  lineId: Type.Integer(),
  lineCode: Type.String(),
  lineName: Type.String(),
  segment: Type.String(),
  custodianUnit: Type.String(),
  custodianPerson: Type.Union([Type.String(), Type.Null()], { description: 'null for callers without access to sensitive boundary data' }),
  custodianContact: Type.Union([Type.String(), Type.Null()], { description: 'null for callers without access to sensitive boundary data' }),
  patrolIntervalDays: Type.Integer(),
  startsOn: Type.String(),
  endsOn: NullableString,
  markerIds: Type.Array(Type.Integer()),
  markerNumbers: Type.Array(Type.String()),
  note: Type.String(),
  lastPatrolledOn: NullableString,
  patrolDueOn: Type.Union([Type.String(), Type.Null()], { description: 'null once the custody has ended' }),
  patrolOverdue: Type.Boolean(),
  version: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
})
export type Custody = Static<typeof CustodySchema>

export const PatrolCreateSchema = Type.Object(
  {
    patrolledOn: IsoDate,
    patroller: Type.String({ minLength: 1, maxLength: 100 }),
    findings: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
)
export type PatrolCreateInput = Static<typeof PatrolCreateSchema>
export const PatrolSchema = Type.Object({
  id: Type.Integer(),
  custodyId: Type.Integer(),
  patrolledOn: Type.String(),
  patroller: Type.String(),
  findings: Type.String(),
  recordedBy: Type.String(),
  recordedAt: Type.String(),
})
export type Patrol = Static<typeof PatrolSchema>

export const DamageReportCreateSchema = Type.Object(
  {
    markerId: Id,
    custodyId: Type.Optional(Type.Union([Type.Null(), Id])),
    reportedAt: Timestamp,
    reportedBy: Type.String({ minLength: 1, maxLength: 100 }),
    condition: DamageCondition,
    description: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
)
export type DamageReportCreateInput = Static<typeof DamageReportCreateSchema>
export const DamageActionSchema = Type.Object({ actionTaken: Type.String({ minLength: 1, maxLength: 2000 }) }, { additionalProperties: false })
export const DamageReportListQuerySchema = Type.Object({
  markerId: Type.Optional(Id),
  custodyId: Type.Optional(Id),
  open: Type.Optional(Type.Boolean({ description: 'true: only reports not yet acted on' })),
})

export const DamageReportSchema = Type.Object({
  id: Type.Integer(),
  markerId: Type.Integer(),
  markerNumber: Type.String(),
  lineId: Type.Integer(),
  lineCode: Type.String(),
  lineName: Type.String(),
  custodyId: NullableInteger,
  reportedAt: Type.String(),
  reportedBy: Type.String(),
  condition: Type.String(),
  description: Type.String(),
  actionTaken: Type.String(),
  actionAt: NullableString,
  recordedBy: Type.String(),
  recordedAt: Type.String(),
  needsAttention: Type.Boolean({ description: 'Waiting more than 12 hours without action' }),
})
export type DamageReport = Static<typeof DamageReportSchema>

export const CustodyDetailSchema = Type.Object({
  ...CustodySchema.properties,
  patrols: Type.Array(PatrolSchema),
  damageReports: Type.Array(DamageReportSchema),
})

// Dashboard

export const DashboardQuerySchema = Type.Object({ today: Type.Optional(IsoDate) })

export const DashboardLineSchema = Type.Object({
  ...LineSummarySchema.properties,
  plannedOn: Type.Union([Type.String(), Type.Null()], { description: 'The latest planned date of an inspection not yet done' }),
})
export type DashboardLine = Static<typeof DashboardLineSchema>

export const DashboardSchema = Type.Object({
  today: Type.String(),
  year: Type.Integer(),
  overdue: Type.Array(DashboardLineSchema, { description: 'Lines in force whose inspection year has passed, with no round planned' }),
  due: Type.Array(DashboardLineSchema, { description: 'Lines in force due for inspection this year, with no round planned' }),
  planned: Type.Array(InspectionSchema, { description: 'Inspections not yet done, planned for this year or later' }),
  patrolsOverdue: Type.Array(CustodySchema),
  damageUnattended: Type.Array(DamageReportSchema, { description: 'Damage reports older than 12 hours without action' }),
  markersByCondition: Type.Record(Type.String(), Type.Integer(), { description: 'Markers on lines in force, per condition (every condition, 0 included)' }),
})
export type Dashboard = Static<typeof DashboardSchema>
