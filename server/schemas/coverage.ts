import { DataSourceSchema } from './datasets.ts'
import { Type } from 'typebox'
import { INT4_MAX, INT4_MIN } from './common.ts'

const NullableNumber = Type.Union([Type.Number(), Type.Null()])

export const CoverageQuerySchema = Type.Object({
  kind: Type.String({ pattern: '^[a-z_]{1,40}$', description: 'Facility kind code, e.g. home_care' }),
  mode: Type.Optional(Type.Union([Type.Literal('time'), Type.Literal('distance')], { description: 'Bands in minutes (time, default) or metres (distance)' })),
  bands: Type.Optional(Type.String({ pattern: '^[0-9]+(\\.[0-9]+)?(,[0-9]+(\\.[0-9]+)?)*$', description: 'Comma-separated band limits, e.g. 5,10,15 (minutes) or 300,500,1000 (metres)' })),
  speed: Type.Optional(Type.Union([Type.Literal('standard'), Type.Literal('adult'), Type.Literal('elderly')], { description: 'Walking speed preset: standard 4 km/h, adult 4.5 km/h, elderly 3 km/h' })),
  speedKmh: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 10, description: 'Custom walking speed, overrides the preset' })),
  maxSnapM: Type.Optional(Type.Number({ minimum: 1, maximum: 2000, default: 300, description: 'Farthest a facility or gate may be from a walkable street' })),
  scenario: Type.Optional(Type.Integer({ minimum: 1, maximum: INT4_MAX, description: 'Id of a saved what-if scenario of the same kind to apply' })),
  compounds: Type.Optional(Type.Boolean({ default: true, description: 'List every compound with its walking distance (false: divisions only, a much smaller answer for large districts)' })),
})

/** One what-if change to the facilities of a kind. */
export const FacilityChangeSchema = Type.Union(
  [
    Type.Object(
      {
        op: Type.Literal('add'),
        lng: Type.Number({ minimum: -180, maximum: 180 }),
        lat: Type.Number({ minimum: -90, maximum: 90 }),
        name: Type.Optional(Type.String({ maxLength: 200 })),
      },
    ),
    Type.Object(
      {
        op: Type.Literal('move'),
        facilityId: Type.Integer({ minimum: INT4_MIN, maximum: INT4_MAX, description: 'A facility of the kind; an added one by its negative id (-1 for the first added)' }),
        lng: Type.Number({ minimum: -180, maximum: 180 }),
        lat: Type.Number({ minimum: -90, maximum: 90 }),
      },
    ),
    Type.Object({ op: Type.Literal('remove'), facilityId: Type.Integer({ minimum: INT4_MIN, maximum: INT4_MAX }) }),
  ],
  { description: 'add a facility at a point, move one, or remove one' },
)

export const FacilityChangesSchema = Type.Array(FacilityChangeSchema, { maxItems: 200, description: 'Changes applied in order; never written to the facilities' })

/** One what-if edit of the walk network. */
export const NetworkChangeSchema = Type.Union(
  [
    Type.Object({ op: Type.Literal('close'), edgeId: Type.Integer({ minimum: 1, maximum: INT4_MAX, description: 'A network edge walkers may no longer use (a closed gate passage, a blocked path)' }) }),
    Type.Object({
      op: Type.Literal('link'),
      lng: Type.Number({ minimum: -180, maximum: 180 }),
      lat: Type.Number({ minimum: -90, maximum: 90 }),
      toLng: Type.Number({ minimum: -180, maximum: 180 }),
      toLat: Type.Number({ minimum: -90, maximum: 90 }),
      name: Type.Optional(Type.String({ maxLength: 200 })),
    }),
  ],
  { description: 'close an edge, or add a walkable link (a footbridge, an opened passage) between the streets nearest its two ends' },
)

export const NetworkChangesSchema = Type.Array(NetworkChangeSchema, { maxItems: 100, description: 'Network edits; never written to the network' })

/** Body of the what-if endpoints: the query parameters of the GET endpoint, and the changes. */
export const WhatIfCoverageBodySchema = Type.Object(
  { ...CoverageQuerySchema.properties, changes: FacilityChangesSchema, networkChanges: Type.Optional(NetworkChangesSchema) },
  { additionalProperties: false },
)

const SnappedPlaceSchema = {
  snapped: Type.Boolean(),
  lng: NullableNumber,
  lat: NullableNumber,
  snapDistanceM: NullableNumber,
  problem: Type.Union([Type.String(), Type.Null()]),
}

const BandTotalsSchema = Type.Object({
  limitM: Type.Number(),
  households: Type.Integer(),
  population: Type.Integer(),
  elderlyPopulation: Type.Integer(),
  compounds: Type.Integer(),
  householdShare: NullableNumber,
})

/** Which division a row is about. */
export const DivisionIdentityProperties = {
  code: Type.String(),
  name: Type.String(),
  level: Type.Union([Type.Literal('district'), Type.Literal('subdistrict'), Type.Literal('community')]),
  parentCode: Type.Union([Type.String(), Type.Null()]),
}

const ReportedFacilitySchema = Type.Object({
  id: Type.Integer({ description: 'Facility id; negative for facilities added in a what-if, or for ad-hoc points' }),
  name: Type.String(),
  status: Type.Union([Type.Literal('unchanged'), Type.Literal('moved'), Type.Literal('added'), Type.Literal('removed')]),
  position: Type.Array(Type.Number(), { minItems: 2, maxItems: 2, description: 'Where the facility stands, [lng, lat]' }),
  ...SnappedPlaceSchema,
})

export const CoverageReportSchema = Type.Object({
  kind: Type.String(),
  bands: Type.Object({
    mode: Type.Union([Type.Literal('time'), Type.Literal('distance')]),
    speedKmh: Type.Number(),
    bands: Type.Array(Type.Number()),
    limitsM: Type.Array(Type.Number()),
  }),
  networkVersion: Type.Integer(),
  dataVersion: Type.Integer(),
  sources: Type.Array(DataSourceSchema, { description: 'The dataset version of each layer the figures were computed from (the current ones when computed)' }),
  scenario: Type.Union([Type.Object({ id: Type.Union([Type.Integer(), Type.Null()]), name: Type.Union([Type.String(), Type.Null()]), changes: Type.Integer(), networkChanges: Type.Integer() }), Type.Null()]),
  facilities: Type.Array(ReportedFacilitySchema),
  compounds: Type.Array(
    Type.Object({
      id: Type.Integer(),
      name: Type.String(),
      communityCode: Type.Union([Type.String(), Type.Null()]),
      households: Type.Integer(),
      distanceM: NullableNumber,
      minutes: NullableNumber,
      band: Type.Union([Type.Integer(), Type.Null()]),
      nearestFacilityId: Type.Union([Type.Integer(), Type.Null()]),
      gates: Type.Array(Type.Object(SnappedPlaceSchema)),
    }),
  ),
  divisions: Type.Array(
    Type.Object({
      ...DivisionIdentityProperties,
      households: Type.Integer(),
      population: Type.Integer(),
      elderlyPopulation: Type.Integer(),
      compounds: Type.Integer(),
      bands: Type.Array(BandTotalsSchema),
      medianDistanceM: NullableNumber,
      p90DistanceM: NullableNumber,
      medianMinutes: NullableNumber,
      p90Minutes: NullableNumber,
      compoundsUnreachable: Type.Integer(),
    }),
  ),
})

const { compounds: _compoundList, ...analysisParameters } = CoverageQuerySchema.properties

const ServiceAreaParameters = {
  ...analysisParameters,
  kind: Type.Optional(CoverageQuerySchema.properties.kind),
  points: Type.Optional(
    Type.String({
      pattern: '^-?[0-9]+(\\.[0-9]+)?,-?[0-9]+(\\.[0-9]+)?(;-?[0-9]+(\\.[0-9]+)?,-?[0-9]+(\\.[0-9]+)?){0,49}$',
      description: 'Ad-hoc points instead of facilities: lng,lat;lng,lat (up to 50)',
    }),
  ),
  facilityIds: Type.Optional(Type.String({ pattern: '^-?[0-9]+(,-?[0-9]+){0,499}$', description: 'Only these facilities of the kind, comma-separated ids' })),
  cellM: Type.Optional(Type.Number({ minimum: 1, maximum: 100, description: 'Grid spacing of the traced outlines, metres; coarser gives simpler outlines for display (default bufferM / 5, 2–25 m)' })),
  bufferM: Type.Optional(Type.Number({ minimum: 5, maximum: 300, default: 50, description: 'Buffer around reached streets, metres' })),
  perFacility: Type.Optional(Type.Boolean({ default: false, description: 'One set of bands per facility instead of one dissolved set' })),
  method: Type.Optional(Type.Union([Type.Literal('network'), Type.Literal('circle')], { description: 'network (default): reached streets, buffered; circle: straight-line circles of the same distances, for comparison' })),
  download: Type.Optional(Type.Boolean({ default: false, description: 'Send as a file attachment' })),
}

export const ServiceAreaQuerySchema = Type.Object(ServiceAreaParameters)

export const WhatIfServiceAreaBodySchema = Type.Object(
  { ...ServiceAreaParameters, kind: CoverageQuerySchema.properties.kind, changes: FacilityChangesSchema, networkChanges: Type.Optional(NetworkChangesSchema) },
  { additionalProperties: false },
)

/** What every exported GeoJSON file says of itself in its top-level properties. */
const ExportHeaderProperties = {
  kind: Type.Union([Type.String(), Type.Null()], { description: 'Facility kind; null for ad-hoc points' }),
  sources: Type.Array(DataSourceSchema, { description: 'The dataset version of each layer the figures were computed from (the current ones when computed)' }),
  mode: Type.Union([Type.Literal('time'), Type.Literal('distance')]),
  bands: Type.Array(Type.Number()),
  limitsM: Type.Array(Type.Number()),
  speedKmh: Type.Number(),
  networkVersion: Type.Integer(),
  dataVersion: Type.Integer(),
  scenario: Type.Union([Type.Object({ id: Type.Union([Type.Integer(), Type.Null()]), name: Type.Union([Type.String(), Type.Null()]), changes: Type.Integer(), networkChanges: Type.Integer() }), Type.Null()]),
  crs: Type.String(),
  generatedAt: Type.String({ description: 'ISO 8601 time the file was made' }),
}

export const ServiceAreaCollectionSchema = Type.Object({
  type: Type.Literal('FeatureCollection'),
  properties: Type.Object({
    ...ExportHeaderProperties,
    bufferM: Type.Number(),
    perFacility: Type.Boolean(),
    cellM: Type.Number({ description: 'Grid spacing the outlines were traced at, metres' }),
    method: Type.Union([Type.Literal('network'), Type.Literal('circle')]),
    facilities: Type.Array(ReportedFacilitySchema),
  }),
  features: Type.Array(
    Type.Object({
      type: Type.Literal('Feature'),
      geometry: Type.Object({ type: Type.String(), coordinates: Type.Unknown() }, { additionalProperties: true }),
      properties: Type.Object({
        kind: Type.Union([Type.String(), Type.Null()]),
        band: Type.Integer(),
        limitM: Type.Number(),
        value: Type.Number(),
        unit: Type.Union([Type.Literal('min'), Type.Literal('m')]),
        facilityId: Type.Union([Type.Integer(), Type.Null()]),
      }),
    }),
  ),
})

export const WalkTimeQuerySchema = Type.Object({
  kind: CoverageQuerySchema.properties.kind,
  lng: Type.Number({ minimum: -180, maximum: 180 }),
  lat: Type.Number({ minimum: -90, maximum: 90 }),
  speed: CoverageQuerySchema.properties.speed,
  speedKmh: CoverageQuerySchema.properties.speedKmh,
  maxSnapM: CoverageQuerySchema.properties.maxSnapM,
  scenario: CoverageQuerySchema.properties.scenario,
})

export const WhatIfWalkTimeBodySchema = Type.Object(
  { ...WalkTimeQuerySchema.properties, changes: FacilityChangesSchema, networkChanges: Type.Optional(NetworkChangesSchema) },
  { additionalProperties: false },
)

export const WalkTimeSchema = Type.Object({
  point: Type.Object(SnappedPlaceSchema),
  distanceM: NullableNumber,
  minutes: NullableNumber,
  facility: Type.Union([Type.Object({ id: Type.Integer(), name: Type.String() }), Type.Null()]),
})

export const CommunityCoverageCollectionSchema = Type.Object({
  type: Type.Literal('FeatureCollection'),
  properties: Type.Object(ExportHeaderProperties),
  features: Type.Array(
    Type.Object({
      type: Type.Literal('Feature'),
      id: Type.String(),
      geometry: Type.Object({ type: Type.String(), coordinates: Type.Unknown() }, { additionalProperties: true }),
      properties: Type.Record(Type.String(), Type.Unknown()),
    }),
  ),
})

const ScenarioProperties = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  description: Type.Optional(Type.String({ maxLength: 4000 })),
  changes: FacilityChangesSchema,
  networkChanges: Type.Optional(NetworkChangesSchema),
}

export const ScenarioCreateSchema = Type.Object({ ...ScenarioProperties, kind: CoverageQuerySchema.properties.kind }, { additionalProperties: false })

export const ScenarioUpdateSchema = Type.Object(
  { ...ScenarioProperties, version: Type.Integer({ minimum: 1, maximum: INT4_MAX, description: 'The version the edit started from; a stale one gets 409' }) },
  { additionalProperties: false },
)

export const ScenarioSchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  kind: Type.String(),
  description: Type.String(),
  changes: FacilityChangesSchema,
  networkChanges: NetworkChangesSchema,
  version: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
})

export const ScenarioListQuerySchema = Type.Object({ kind: Type.Optional(CoverageQuerySchema.properties.kind) })
export const ScenarioParamsSchema = Type.Object({ id: Type.Integer({ minimum: 1, maximum: INT4_MAX }) })
