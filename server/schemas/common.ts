import { Type, type Static } from 'typebox'

/** Bounds of a PostgreSQL `integer`, the type of every id and version: larger numbers name nothing and must not reach SQL. */
export const INT4_MAX = 2_147_483_647
export const INT4_MIN = -2_147_483_648

/** A GeoJSON geometry; coordinates are [lng, lat] in WGS84. */
export const GeometrySchema = Type.Object(
  { type: Type.String(), coordinates: Type.Unknown() },
  { additionalProperties: true, description: 'GeoJSON geometry, WGS84 [lng, lat]' },
)

/** A GeoJSON FeatureCollection whose features carry `properties`. */
export function featureCollectionSchema<P extends ReturnType<typeof Type.Object>>(properties: P, description: string) {
  return Type.Object(
    {
      type: Type.Literal('FeatureCollection'),
      features: Type.Array(
        Type.Object({
          type: Type.Literal('Feature'),
          id: Type.Union([Type.String(), Type.Number()]),
          geometry: GeometrySchema,
          properties,
        }),
      ),
    },
    { description },
  )
}

/** Error body, after RFC 9457 (problem details). */
export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String()),
  },
  { description: 'Problem details (application/problem+json)' },
)
export type Problem = Static<typeof ProblemSchema>

const NullableInteger = Type.Union([Type.Integer(), Type.Null()])
const NullableNumber = Type.Union([Type.Number(), Type.Null()])
const NullableString = Type.Union([Type.String(), Type.Null()])

export const DivisionPropertiesSchema = Type.Object({
  code: Type.String({ pattern: '^[0-9]{12}$' }),
  name: Type.String(),
  level: Type.Union([Type.Literal('district'), Type.Literal('subdistrict'), Type.Literal('community')]),
  parentCode: NullableString,
  urbanRural: Type.Union([Type.Literal('urban'), Type.Literal('rural')]),
  households: NullableInteger,
  population: NullableInteger,
  elderlyPopulation: NullableInteger,
})
export type DivisionProperties = Static<typeof DivisionPropertiesSchema>

export const FacilityKindSchema = Type.Union([
  Type.Literal('community_service'),
  Type.Literal('home_care'),
  Type.Literal('day_care'),
  Type.Literal('elderly_institution'),
])

export const FacilityPropertiesSchema = Type.Object({
  id: Type.Integer(),
  kind: FacilityKindSchema,
  name: Type.String(),
  address: Type.String(),
  communityCode: NullableString,
  communityName: NullableString,
  floorAreaM2: NullableNumber,
  beds: Type.Integer(),
  nursingBeds: Type.Integer(),
  openingYear: NullableInteger,
})
export type FacilityProperties = Static<typeof FacilityPropertiesSchema>

export const WaterPropertiesSchema = Type.Object({ id: Type.Integer(), name: Type.String(), kind: Type.String() })

export const DatasetSchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  source: Type.String(),
  synthetic: Type.Boolean(),
  description: Type.String(),
  attribution: Type.String(),
})

export const DistrictSummarySchema = Type.Object({
  code: NullableString,
  name: NullableString,
  bbox: Type.Union([Type.Tuple([Type.Number(), Type.Number(), Type.Number(), Type.Number()]), Type.Null()]),
  datasets: Type.Array(DatasetSchema),
})
export type DistrictSummary = Static<typeof DistrictSummarySchema>

export const FacilityKindRowSchema = Type.Object({ code: Type.String(), nameZh: Type.String(), nameEn: Type.String() })

export const HealthSchema = Type.Object({
  status: Type.Literal('ok'),
  database: Type.Object({
    mode: Type.Union([Type.Literal('embedded'), Type.Literal('server')]),
    postgres: Type.String(),
    postgis: Type.String(),
    mvtInSql: Type.Boolean({ description: 'Whether tiles are encoded by ST_AsMVT in the database' }),
  }),
})
export type Health = Static<typeof HealthSchema>

export const TileJsonSchema = Type.Object({
  tilejson: Type.String(),
  name: Type.String(),
  description: Type.String(),
  tiles: Type.Array(Type.String()),
  minzoom: Type.Integer(),
  maxzoom: Type.Integer(),
  bounds: Type.Optional(Type.Tuple([Type.Number(), Type.Number(), Type.Number(), Type.Number()])),
  attribution: Type.Optional(Type.String()),
  vector_layers: Type.Array(Type.Object({ id: Type.String(), description: Type.String(), fields: Type.Record(Type.String(), Type.String()) })),
})

export const FeatureSchema = Type.Object({
  layer: Type.String(),
  id: Type.String(),
  properties: Type.Record(Type.String(), Type.Unknown()),
})
