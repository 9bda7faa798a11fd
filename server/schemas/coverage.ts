import { Type } from 'typebox'

const NullableNumber = Type.Union([Type.Number(), Type.Null()])

export const CoverageQuerySchema = Type.Object({
  kind: Type.String({ pattern: '^[a-z_]{1,40}$', description: 'Facility kind code, e.g. home_care' }),
  mode: Type.Optional(Type.Union([Type.Literal('time'), Type.Literal('distance')], { description: 'Bands in minutes (time, default) or metres (distance)' })),
  bands: Type.Optional(Type.String({ pattern: '^[0-9]+(\\.[0-9]+)?(,[0-9]+(\\.[0-9]+)?)*$', description: 'Comma-separated band limits, e.g. 5,10,15 (minutes) or 300,500,1000 (metres)' })),
  speed: Type.Optional(Type.Union([Type.Literal('standard'), Type.Literal('adult'), Type.Literal('elderly')], { description: 'Walking speed preset: standard 4 km/h, adult 4.5 km/h, elderly 3 km/h' })),
  speedKmh: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 10, description: 'Custom walking speed, overrides the preset' })),
  maxSnapM: Type.Optional(Type.Number({ minimum: 1, maximum: 2000, default: 300, description: 'Farthest a facility or gate may be from a walkable street' })),
})

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

export const CoverageReportSchema = Type.Object({
  kind: Type.String(),
  bands: Type.Object({
    mode: Type.Union([Type.Literal('time'), Type.Literal('distance')]),
    speedKmh: Type.Number(),
    bands: Type.Array(Type.Number()),
    limitsM: Type.Array(Type.Number()),
  }),
  networkVersion: Type.Integer(),
  facilities: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), ...SnappedPlaceSchema })),
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
      code: Type.String(),
      name: Type.String(),
      level: Type.Union([Type.Literal('district'), Type.Literal('subdistrict'), Type.Literal('community')]),
      parentCode: Type.Union([Type.String(), Type.Null()]),
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

export const ServiceAreaQuerySchema = Type.Object({
  ...CoverageQuerySchema.properties,
  bufferM: Type.Optional(Type.Number({ minimum: 5, maximum: 300, default: 50, description: 'Buffer around reached streets, metres' })),
  perFacility: Type.Optional(Type.Boolean({ default: false, description: 'One set of bands per facility instead of one dissolved set' })),
  method: Type.Optional(Type.Union([Type.Literal('network'), Type.Literal('circle')], { description: 'network (default): reached streets, buffered; circle: straight-line circles of the same distances, for comparison' })),
  download: Type.Optional(Type.Boolean({ default: false, description: 'Send as a file attachment' })),
})

/** What every exported GeoJSON file says of itself in its top-level properties. */
const ExportHeaderProperties = {
  kind: Type.String(),
  mode: Type.Union([Type.Literal('time'), Type.Literal('distance')]),
  bands: Type.Array(Type.Number()),
  limitsM: Type.Array(Type.Number()),
  speedKmh: Type.Number(),
  networkVersion: Type.Integer(),
  crs: Type.String(),
  generatedAt: Type.String({ description: 'ISO 8601 time the file was made' }),
}

export const ServiceAreaCollectionSchema = Type.Object({
  type: Type.Literal('FeatureCollection'),
  properties: Type.Object({
    ...ExportHeaderProperties,
    bufferM: Type.Number(),
    perFacility: Type.Boolean(),
    method: Type.Union([Type.Literal('network'), Type.Literal('circle')]),
    facilities: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), ...SnappedPlaceSchema })),
  }),
  features: Type.Array(
    Type.Object({
      type: Type.Literal('Feature'),
      geometry: Type.Object({ type: Type.String(), coordinates: Type.Unknown() }, { additionalProperties: true }),
      properties: Type.Object({
        kind: Type.String(),
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
})

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
