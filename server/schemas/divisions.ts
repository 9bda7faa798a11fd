import { Type, type Static } from 'typebox'
import { GeometrySchema, INT4_MAX } from './common.ts'
import { IsoDateSchema } from './gazetteer-assets.ts'

const NullableString = Type.Union([Type.String(), Type.Null()])
const NullableInteger = Type.Union([Type.Integer(), Type.Null()])
const Count = Type.Integer({ minimum: 0, maximum: INT4_MAX })

/** A 12-digit statistical division code (统计用区划代码). */
export const DivisionCodeSchema = Type.String({ pattern: '^[0-9]{12}$', description: 'A 12-digit division code' })
export const DivisionLevelSchema = Type.Union([
  Type.Literal('province'),
  Type.Literal('city'),
  Type.Literal('district'),
  Type.Literal('subdistrict'),
  Type.Literal('community'),
])
export const DivisionEventKindSchema = Type.Union([
  Type.Literal('establish'),
  Type.Literal('split'),
  Type.Literal('merge'),
  Type.Literal('rename'),
  Type.Literal('boundary_change'),
  Type.Literal('abolish'),
])
const UrbanRuralSchema = Type.Union([Type.Literal('urban'), Type.Literal('rural')])

/** A unit as it was in force: `validTo` null for a unit in force today, `validFrom` null when it dates from before records began. */
export const DivisionSchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  level: DivisionLevelSchema,
  parentCode: NullableString,
  urbanRural: UrbanRuralSchema,
  households: NullableInteger,
  population: NullableInteger,
  elderlyPopulation: NullableInteger,
  validFrom: NullableString,
  validTo: NullableString,
})
export type Division = Static<typeof DivisionSchema>

export const DivisionListQuerySchema = Type.Object({
  asOf: Type.Optional({ ...IsoDateSchema, description: 'The day to read the units in force on; today (China Standard Time) when left out' }),
  level: Type.Optional(DivisionLevelSchema),
  parent: Type.Optional({ ...DivisionCodeSchema, description: 'Only the units directly under this one' }),
})

export const DivisionListSchema = Type.Object({
  asOf: Type.String(),
  divisions: Type.Array(DivisionSchema),
  counts: Type.Record(Type.String(), Type.Integer(), { description: 'Units in force on the day per level (under `parent` when given; `level` does not narrow the counts)' }),
})

export const DivisionGeoJsonQuerySchema = Type.Object({
  asOf: Type.Optional({ ...IsoDateSchema, description: 'The day to read the units in force on; today (China Standard Time) when left out' }),
  level: Type.Optional(DivisionLevelSchema),
})

export const DivisionFeatureCollectionSchema = Type.Object(
  {
    type: Type.Literal('FeatureCollection'),
    asOf: Type.String(),
    features: Type.Array(Type.Object({ type: Type.Literal('Feature'), id: Type.String(), geometry: GeometrySchema, properties: DivisionSchema })),
  },
  { description: 'The units in force on the day, as GeoJSON (WGS84)' },
)

export const DivisionCodeParamsSchema = Type.Object({ code: DivisionCodeSchema })

const UnitRefSchema = Type.Object({ code: Type.String(), name: Type.String() })

/** An event's summary: the units it ended (`before`) and brought into force (`after`). */
export const DivisionEventSchema = Type.Object({
  id: Type.Integer(),
  kind: DivisionEventKindSchema,
  effectiveOn: Type.String(),
  authority: Type.String(),
  documentNumber: Type.String(),
  note: Type.String(),
  recordedBy: Type.String(),
  recordedAt: Type.String(),
  before: Type.Array(UnitRefSchema),
  after: Type.Array(UnitRefSchema),
})
export type DivisionEvent = Static<typeof DivisionEventSchema>

const SupersessionSchema = Type.Object({ code: Type.String(), name: Type.String(), eventId: Type.Integer(), kind: DivisionEventKindSchema, effectiveOn: Type.String() })
export type Supersession = Static<typeof SupersessionSchema>

export const DivisionVersionSchema = Type.Object({ ...DivisionSchema.properties, id: Type.Integer(), endedByEvent: Type.Integer() })
export type DivisionVersion = Static<typeof DivisionVersionSchema>

export const AncestorSchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  level: DivisionLevelSchema,
  source: Type.Union([Type.Literal('divisions'), Type.Literal('registry')], { description: 'Whether the name is from the divisions kept here or the national registry' }),
})
export type Ancestor = Static<typeof AncestorSchema>

export const DivisionDetailSchema = Type.Object({
  ...DivisionSchema.properties,
  current: Type.Boolean({ description: 'In force today; false: the last version of a unit that has been ended' }),
  areaM2: Type.Number(),
  geometry: GeometrySchema,
  history: Type.Array(DivisionVersionSchema, { description: 'Earlier forms of this code, latest first' }),
  supersedes: Type.Array(SupersessionSchema, { description: 'Other units this code took over from' }),
  supersededBy: Type.Array(SupersessionSchema, { description: 'Other units that took over from this code' }),
  events: Type.Array(DivisionEventSchema),
  ancestors: Type.Array(AncestorSchema, { description: 'Province, city, district … above the unit, top first' }),
})

const AfterUnitSchema = Type.Object({
  code: DivisionCodeSchema,
  name: Type.String({ minLength: 1, maxLength: 100 }),
  level: Type.Optional({ ...DivisionLevelSchema, description: 'Only when establishing; otherwise the level of the units before' }),
  parentCode: Type.Optional({ ...DivisionCodeSchema, description: 'The unit above; by default that of the before unit sharing the most territory' }),
  urbanRural: Type.Optional(UrbanRuralSchema),
  households: Type.Optional(Count),
  population: Type.Optional(Count),
  elderlyPopulation: Type.Optional(Count),
  geometry: Type.Optional({ ...GeometrySchema, description: 'Polygon or MultiPolygon, WGS84; a rename may leave it out to keep the territory' }),
})
export type AfterUnitInput = Static<typeof AfterUnitSchema>

export const DivisionEventCreateSchema = Type.Object({
  kind: DivisionEventKindSchema,
  effectiveOn: IsoDateSchema,
  authority: Type.Optional(Type.String({ maxLength: 200, description: 'Who ordered the change' })),
  documentNumber: Type.Optional(Type.String({ maxLength: 100, description: 'The number of the approving document' })),
  note: Type.Optional(Type.String({ maxLength: 2000 })),
  before: Type.Array(DivisionCodeSchema, { maxItems: 50, description: 'Codes of the units in force that the change ends' }),
  after: Type.Array(AfterUnitSchema, { maxItems: 50, description: 'The units the change brings into force' }),
  successorCode: Type.Optional({ ...DivisionCodeSchema, description: 'Abolition only: the unit that takes over sub-units, compounds, facilities and places' }),
})
export type DivisionEventInput = Static<typeof DivisionEventCreateSchema>

export const DivisionEventCreatedSchema = Type.Object({
  ...DivisionEventSchema.properties,
  relinked: Type.Object(
    {
      children: Type.Integer(),
      compounds: Type.Integer(),
      facilities: Type.Integer(),
      facilityServiceCommunities: Type.Integer(),
      places: Type.Integer(),
    },
    { description: 'How many sub-units, compounds, facilities, facility service areas and gazetteer places were moved to the new units' },
  ),
})

export const DivisionEventListQuerySchema = Type.Object({
  code: Type.Optional({ ...DivisionCodeSchema, description: 'Only events with this unit on either side' }),
})
export const DivisionEventParamsSchema = Type.Object({ id: Type.Integer({ minimum: 1, maximum: INT4_MAX }) })

export const RegistryQuerySchema = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 50, description: 'Part of a name' })),
  code: Type.Optional(Type.String({ pattern: '^[0-9]{1,12}$', description: 'The start of a code' })),
})
export const RegistryListSchema = Type.Object({
  total: Type.Integer({ description: 'Entries that matched; at most 50 are listed' }),
  entries: Type.Array(
    Type.Object({
      code: Type.String(),
      name: Type.String(),
      level: Type.Union([Type.Literal('province'), Type.Literal('city'), Type.Literal('district'), Type.Literal('subdistrict')]),
      parentCode: NullableString,
    }),
  ),
})

export const TopologyQuerySchema = Type.Object({
  parent: Type.Optional({ ...DivisionCodeSchema, description: 'Check the units directly under this one; the top-level units when left out' }),
})

const LocationSchema = Type.Object({ lng: Type.Number(), lat: Type.Number() })
export const TopologySchema = Type.Object({
  parentCode: NullableString,
  gaps: Type.Array(Type.Object({ areaM2: Type.Number(), location: LocationSchema, geometry: GeometrySchema })),
  overlaps: Type.Array(
    Type.Object({
      codes: Type.Array(Type.String()),
      names: Type.Array(Type.String()),
      areaM2: Type.Number(),
      location: LocationSchema,
      geometry: GeometrySchema,
    }),
  ),
})
export type Topology = Static<typeof TopologySchema>

