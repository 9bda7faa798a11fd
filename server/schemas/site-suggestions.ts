import { Type } from 'typebox'
import { CoverageQuerySchema, DivisionIdentityProperties, FacilityChangesSchema, NetworkChangesSchema } from './coverage.ts'

const NullableNumber = Type.Union([Type.Number(), Type.Null()])
const NullableInteger = Type.Union([Type.Integer(), Type.Null()])

const Position = Type.Array(Type.Number(), { minItems: 2, maxItems: 3, description: '[lng, lat]' })

/** Body of POST /api/site-suggestions: the kind, one band, k, the candidate sites, and optionally what-if changes to build on. */
export const SiteSuggestionBodySchema = Type.Object(
  {
    kind: CoverageQuerySchema.properties.kind,
    mode: CoverageQuerySchema.properties.mode,
    minutes: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 120, description: 'The band in minutes (time mode; default 15)' })),
    metres: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 10_000, description: 'The band in metres (distance mode; default 1000)' })),
    speed: CoverageQuerySchema.properties.speed,
    speedKmh: CoverageQuerySchema.properties.speedKmh,
    k: Type.Integer({ minimum: 1, maximum: 20, description: 'How many sites to suggest, at most' }),
    candidates: Type.Object(
      {
        gates: Type.Optional(Type.Boolean({ description: 'The gates of compounds not yet within the band (gates that snap to the same place counted once)' })),
        points: Type.Optional(Type.Array(Position, { description: 'Points drawn on the map, [lng, lat]' })),
        parcels: Type.Optional(
          Type.Array(Type.Array(Type.Array(Position)), {
            description: "Vacant parcels as GeoJSON Polygon coordinates; each is tried at its boundary's point nearest a walkable street",
          }),
        ),
      },
      { additionalProperties: false, description: 'Where new facilities could stand: at most 5,000 points and parcels, and 50,000 candidates in all' },
    ),
    weightElderly: Type.Optional(
      Type.Number({ minimum: 0, maximum: 1000, default: 0, description: 'A compound is worth its households plus this many times its elderly population' }),
    ),
    maxSnapM: CoverageQuerySchema.properties.maxSnapM,
    scenario: CoverageQuerySchema.properties.scenario,
    changes: Type.Optional(FacilityChangesSchema),
    networkChanges: Type.Optional(NetworkChangesSchema),
  },
  { additionalProperties: false },
)

const CandidateRefProperties = {
  type: Type.Union([Type.Literal('gate'), Type.Literal('point'), Type.Literal('parcel')]),
  index: Type.Union([Type.Integer(), Type.Null()], { description: 'Index of a drawn point or parcel in the request' }),
  compoundId: NullableInteger,
  gateIndex: Type.Union([Type.Integer(), Type.Null()], { description: "Place of the gate among its compound's gates, as coverage lists them" }),
  lng: Type.Number(),
  lat: Type.Number(),
}

const CoveredTotalsSchema = Type.Object({
  compounds: Type.Integer(),
  households: Type.Integer(),
  elderlyPopulation: Type.Integer(),
  compoundsCovered: Type.Integer(),
  householdsCovered: Type.Integer(),
  elderlyCovered: Type.Integer(),
  householdShare: NullableNumber,
  elderlyShare: NullableNumber,
})

/** The suggested sites in the order they were picked, with coverage before and after and the picks as what-if changes. */
export const SiteSuggestionReportSchema = Type.Object({
  kind: Type.String(),
  mode: Type.Union([Type.Literal('time'), Type.Literal('distance')]),
  band: Type.Number({ description: 'Minutes (time mode) or metres (distance mode), as given' }),
  speedKmh: Type.Number(),
  limitM: Type.Number(),
  k: Type.Integer(),
  weightElderly: Type.Number(),
  maxSnapM: Type.Number(),
  networkVersion: Type.Integer(),
  dataVersion: Type.Integer(),
  scenario: Type.Union([Type.Object({ id: NullableInteger, name: Type.Union([Type.String(), Type.Null()]), changes: Type.Integer(), networkChanges: Type.Integer() }), Type.Null()]),
  candidates: Type.Object({
    parcels: Type.Integer(),
    points: Type.Integer(),
    gates: Type.Integer(),
    gatesMerged: Type.Integer({ description: 'Gates left out because another gate snaps to the same place (within 1 m) no farther from the street' }),
    searched: Type.Integer(),
    unsnapped: Type.Integer(),
    reachedNodes: Type.Integer(),
  }),
  before: CoveredTotalsSchema,
  after: CoveredTotalsSchema,
  picks: Type.Array(
    Type.Object({
      rank: Type.Integer(),
      candidate: Type.Object({
        ...CandidateRefProperties,
        snapped: Type.Array(Type.Number(), { minItems: 2, maxItems: 2, description: 'Where the site meets the network, [lng, lat]' }),
        snapDistanceM: Type.Number(),
      }),
      gainHouseholds: Type.Integer(),
      gainElderly: Type.Integer(),
      gainValue: Type.Number(),
      compounds: Type.Array(Type.Integer(), { description: 'Ids of the compounds newly within the band' }),
      cumulativeHouseholds: Type.Integer({ description: 'Households within the band with this and every earlier pick' }),
      cumulativeElderly: Type.Integer(),
      cumulativeShare: NullableNumber,
    }),
  ),
  changes: Type.Array(
    Type.Object({ op: Type.Literal('add'), lng: Type.Number(), lat: Type.Number(), name: Type.String() }),
    { description: 'The picks as what-if additions, to apply after the scenario and changes of the request (same maxSnapM)' },
  ),
  unsnapped: Type.Array(Type.Object({ ...CandidateRefProperties, problem: Type.String() })),
  divisions: Type.Array(
    Type.Object({
      ...DivisionIdentityProperties,
      households: Type.Integer(),
      elderlyPopulation: Type.Integer(),
      householdsBefore: Type.Integer(),
      householdsAfter: Type.Integer(),
      elderlyBefore: Type.Integer(),
      elderlyAfter: Type.Integer(),
      shareBefore: NullableNumber,
      shareAfter: NullableNumber,
    }),
  ),
})
