import type { LineString, MultiPolygon, Point, Geometry } from 'geojson'

/** Facility kinds known to the schema (table `facility_kinds`). */
export type FacilityKind = 'community_service' | 'home_care' | 'day_care' | 'elderly_institution'

export type DivisionLevel = 'district' | 'subdistrict' | 'community'

/** A district, sub-district (街道) or community (社区) with its 12-digit code. */
export interface DemoDivision {
  code: string
  name: string
  level: DivisionLevel
  parentCode: string | null
  urbanRural: 'urban' | 'rural'
  households: number
  population: number
  elderlyPopulation: number
  geom: MultiPolygon
}

export interface DemoGate {
  name: string
  geom: Point
}

/** A gated residential compound (小区) and its gates. */
export interface DemoCompound {
  name: string
  communityCode: string
  households: number
  population: number
  elderlyPopulation: number
  builtYear: number
  geom: MultiPolygon
  gates: DemoGate[]
}

export interface DemoFacility {
  name: string
  kind: FacilityKind
  address: string
  communityCode: string
  floorAreaM2: number
  beds: number
  nursingBeds: number
  openingYear: number
  geom: Point
}

/** One street-network edge between two node ids; `highway` uses OSM classes. */
export interface DemoEdge {
  sourceNode: number
  targetNode: number
  name: string
  highway: string
  lengthM: number
  bridge: boolean
  tunnel: boolean
  geom: LineString
}

export interface DemoWaterArea {
  name: string
  kind: string
  geom: MultiPolygon
}

export interface DemoPlaceName {
  name: string
  pinyin: string
  category: string
  description: string
  geom: Geometry
}

/** Everything the demo loader writes, in insertion order (parents before children). */
export interface DemoDistrict {
  dataset: { name: string; source: string; description: string }
  divisions: DemoDivision[]
  compounds: DemoCompound[]
  facilities: DemoFacility[]
  edges: DemoEdge[]
  waterAreas: DemoWaterArea[]
  placeNames: DemoPlaceName[]
}
