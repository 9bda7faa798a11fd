import { FACILITY_KINDS, type FacilityKind } from '../api/facility-kinds.ts'

/** Ids of the map's sources. */
export const SOURCE_IDS = {
  water: 'water',
  divisions: 'divisions',
  /** One point per division, where its name is written. */
  divisionLabels: 'division-labels',
  network: 'network',
  compounds: 'compounds',
  facilities: 'facilities',
  /** Coverage analysis: nested walking service areas, one polygon per band. */
  serviceAreas: 'service-areas',
  /** Coverage analysis: straight-line circles of the same bands, for comparison. */
  serviceAreaCircles: 'service-area-circles',
  /** Coverage analysis: where each facility joins the walk network. */
  coverageSnaps: 'coverage-snaps',
  /** What-if: facilities added, moved and removed, and every facility of the kind to pick. */
  whatIf: 'what-if',
  /** What-if: new walkable links, their ends, and the link being placed. */
  whatIfNetwork: 'what-if-network',
  /** Standards report: communities coloured by whether they meet the chosen standard set. */
  reportStatus: 'report-status',
  /** Site suggestions: candidate points and parcels drawn by the planner, and the suggested sites. */
  siteSuggestions: 'site-suggestions',
} as const

/** Layers inside the vector tile sources (`source-layer`). */
export const SOURCE_LAYERS = {
  network: 'network',
  compounds: 'compounds',
  gates: 'compound_gates',
  compoundLabels: 'compound_labels',
} as const

/** The style layer id of the symbols of one facility kind. */
export function facilityLayerId(kind: FacilityKind): `facilities-${FacilityKind}` {
  return `facilities-${kind}`
}

/**
 * Style layer ids, stable so that browser tests and other code can address
 * them (`map.getLayer`, `queryRenderedFeatures({ layers })`).
 */
export const LAYER_IDS = {
  background: 'background',
  waterFill: 'water-fill',
  waterLine: 'water-line',
  waterLabel: 'water-label',
  communitiesFill: 'communities-fill',
  communitiesLine: 'communities-line',
  communitiesLabel: 'communities-label',
  subdistrictLine: 'divisions-subdistrict-line',
  subdistrictLabel: 'divisions-subdistrict-label',
  districtCasing: 'divisions-district-casing',
  districtLine: 'divisions-district-line',
  compoundsFill: 'compounds-fill',
  compoundsLine: 'compounds-line',
  compoundsLabel: 'compounds-label',
  gatesCircle: 'gates-circle',
  networkCasing: 'network-casing',
  networkRoad: 'network-road',
  networkFootway: 'network-footway',
  networkTunnel: 'network-tunnel',
  networkSelected: 'network-selected',
  networkLabel: 'network-label',
  /** What-if: network edges closed to walkers, drawn over the network tiles. */
  networkClosed: 'network-closed',
  /** What-if: a cross at the middle of each closed edge. */
  networkClosedMark: 'network-closed-mark',
  /** What-if: new walkable links, and the one being placed (dashed). */
  whatIfLinkLine: 'what-if-link-line',
  whatIfLinkDraft: 'what-if-link-draft',
  whatIfLinkEnd: 'what-if-link-end',
  facilitiesHalo: 'facilities-halo',
  serviceAreaFill: 'service-area-fill',
  serviceAreaLine: 'service-area-line',
  serviceAreaCircle: 'service-area-circle',
  coverageSnapLine: 'coverage-snap-line',
  coverageSnapPoint: 'coverage-snap-point',
  whatIfLine: 'what-if-line',
  whatIfOrigin: 'what-if-origin',
  whatIfMarker: 'what-if-marker',
  whatIfLabel: 'what-if-label',
  /** Invisible circles on every standing facility of the kind, for picking one to move or remove. */
  whatIfHit: 'what-if-hit',
  reportStatusFill: 'report-status-fill',
  reportStatusLine: 'report-status-line',
  siteParcelFill: 'site-parcel-fill',
  siteParcelLine: 'site-parcel-line',
  siteCandidatePoint: 'site-candidate-point',
  sitePick: 'site-pick',
  sitePickLabel: 'site-pick-label',
} as const

/**
 * The facility symbol layers, one per kind, e.g. `facilities-home_care`. Pass
 * this to `map.queryRenderedFeatures({ layers: FACILITY_LAYER_IDS })` to find
 * facilities on screen.
 */
export const FACILITY_LAYER_IDS: readonly string[] = FACILITY_KINDS.map(facilityLayerId)

/**
 * Every style layer from bottom to top. Layers are inserted at their place in
 * this list whatever order their components mount in.
 */
export const DRAW_ORDER: readonly string[] = [
  LAYER_IDS.background,
  LAYER_IDS.communitiesFill,
  LAYER_IDS.reportStatusFill,
  LAYER_IDS.waterFill,
  LAYER_IDS.waterLine,
  LAYER_IDS.compoundsFill,
  LAYER_IDS.compoundsLine,
  LAYER_IDS.networkTunnel,
  LAYER_IDS.networkCasing,
  LAYER_IDS.networkRoad,
  LAYER_IDS.networkFootway,
  LAYER_IDS.networkSelected,
  LAYER_IDS.serviceAreaFill,
  LAYER_IDS.serviceAreaLine,
  LAYER_IDS.serviceAreaCircle,
  LAYER_IDS.communitiesLine,
  LAYER_IDS.reportStatusLine,
  LAYER_IDS.subdistrictLine,
  LAYER_IDS.districtCasing,
  LAYER_IDS.districtLine,
  LAYER_IDS.gatesCircle,
  LAYER_IDS.coverageSnapLine,
  LAYER_IDS.coverageSnapPoint,
  LAYER_IDS.networkClosed,
  LAYER_IDS.whatIfLinkLine,
  LAYER_IDS.whatIfLinkDraft,
  LAYER_IDS.whatIfLinkEnd,
  LAYER_IDS.waterLabel,
  LAYER_IDS.networkLabel,
  LAYER_IDS.compoundsLabel,
  LAYER_IDS.communitiesLabel,
  LAYER_IDS.subdistrictLabel,
  LAYER_IDS.networkClosedMark,
  LAYER_IDS.facilitiesHalo,
  ...FACILITY_LAYER_IDS,
  LAYER_IDS.whatIfLine,
  LAYER_IDS.whatIfOrigin,
  LAYER_IDS.whatIfMarker,
  LAYER_IDS.whatIfLabel,
  LAYER_IDS.whatIfHit,
  LAYER_IDS.siteParcelFill,
  LAYER_IDS.siteParcelLine,
  LAYER_IDS.siteCandidatePoint,
  LAYER_IDS.sitePick,
  LAYER_IDS.sitePickLabel,
]

/** A group of layers the user switches on and off together. */
export type LayerGroupId =
  | 'water'
  | 'network'
  | 'divisions'
  | 'communities'
  | 'compounds'
  | 'gates'
  | `facilities-${FacilityKind}`

/** The style layers of each switchable group. */
export const LAYER_GROUPS: Record<LayerGroupId, readonly string[]> = {
  water: [LAYER_IDS.waterFill, LAYER_IDS.waterLine, LAYER_IDS.waterLabel],
  network: [
    LAYER_IDS.networkTunnel,
    LAYER_IDS.networkCasing,
    LAYER_IDS.networkRoad,
    LAYER_IDS.networkFootway,
    LAYER_IDS.networkSelected,
    LAYER_IDS.networkLabel,
  ],
  divisions: [
    LAYER_IDS.subdistrictLine,
    LAYER_IDS.subdistrictLabel,
    LAYER_IDS.districtCasing,
    LAYER_IDS.districtLine,
  ],
  communities: [LAYER_IDS.communitiesFill, LAYER_IDS.communitiesLine, LAYER_IDS.communitiesLabel],
  compounds: [LAYER_IDS.compoundsFill, LAYER_IDS.compoundsLine, LAYER_IDS.compoundsLabel],
  gates: [LAYER_IDS.gatesCircle],
  'facilities-community_service': [facilityLayerId('community_service')],
  'facilities-home_care': [facilityLayerId('home_care')],
  'facilities-day_care': [facilityLayerId('day_care')],
  'facilities-elderly_institution': [facilityLayerId('elderly_institution')],
}

/** The group a style layer belongs to, if it can be switched at all. */
export function groupOfLayer(layerId: string): LayerGroupId | undefined {
  for (const [group, layers] of Object.entries(LAYER_GROUPS) as [LayerGroupId, readonly string[]][]) {
    if (layers.includes(layerId)) return group
  }
  return undefined
}
