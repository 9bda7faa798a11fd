import { Type, type Static } from 'typebox'

/**
 * A coordinate-system id in a query string, checked by the route with
 * `parseCoordinateSystemId` so that the 400 can list what is accepted.
 */
export const CoordinateSystemParamSchema = Type.String({
  minLength: 1,
  maxLength: 40,
  description:
    'The coordinate system of the file, stored as WGS84: wgs84 (EPSG:4326), cgcs2000 (EPSG:4490), gcj02, bd09, or a CGCS2000 Gauss–Krüger zone EPSG:4491–4554 (positions as easting, northing in metres); see GET /api/coordinate-systems',
})

export const CoordinateSystemSchema = Type.Object({
  id: Type.String({ description: 'What to send as the import’s coordinate system' }),
  kind: Type.Union([Type.Literal('geographic'), Type.Literal('gauss-kruger')]),
  epsg: Type.Union([Type.Integer(), Type.Null()], { description: 'null for GCJ-02 and BD-09, which have no EPSG code' }),
  labelZh: Type.String(),
  labelEn: Type.String(),
  zoneWidthDeg: Type.Optional(Type.Union([Type.Literal(3), Type.Literal(6)])),
  zone: Type.Optional(Type.Integer()),
  centralMeridianDeg: Type.Optional(Type.Number()),
  zonePrefix: Type.Optional(Type.Boolean({ description: 'Whether eastings carry the zone number in front' })),
  falseEastingM: Type.Optional(Type.Number()),
})

export const CoordinateSystemListSchema = Type.Object({ systems: Type.Array(CoordinateSystemSchema) })
export type CoordinateSystemList = Static<typeof CoordinateSystemListSchema>
