import type { FeatureCollection, MultiPolygon, Point } from 'geojson'
import type { Static } from 'typebox'
import type {
  DivisionProperties,
  FacilityProperties,
  WaterPropertiesSchema,
} from '../../server/schemas/common.ts'
import { getJson } from './http.ts'

export type { DivisionProperties, FacilityProperties }

/** Properties of a water area. */
export type WaterProperties = Static<typeof WaterPropertiesSchema>

/** The divisions of the district as MultiPolygons. */
export type DivisionCollection = FeatureCollection<MultiPolygon, DivisionProperties>
/** The facilities of the district as Points. */
export type FacilityCollection = FeatureCollection<Point, FacilityProperties>
/** The water areas of the district as MultiPolygons. */
export type WaterCollection = FeatureCollection<MultiPolygon, WaterProperties>

/** Loads every division of the district. */
export function fetchDivisions(signal?: AbortSignal): Promise<DivisionCollection> {
  return getJson<DivisionCollection>('/api/layers/divisions', signal)
}

/** Loads every facility of the district. */
export function fetchFacilities(signal?: AbortSignal): Promise<FacilityCollection> {
  return getJson<FacilityCollection>('/api/layers/facilities', signal)
}

/** Loads every water area of the district. */
export function fetchWater(signal?: AbortSignal): Promise<WaterCollection> {
  return getJson<WaterCollection>('/api/layers/water', signal)
}
