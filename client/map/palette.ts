import type { FacilityKind } from '../api/facility-kinds.ts'

/**
 * Colours of the map, shared by the style layers and the legend so that the
 * two cannot drift apart.
 */
export const PALETTE = {
  background: '#f3f1ec',
  water: '#a8d2ef',
  waterOutline: '#7fb4dc',
  waterLabel: '#2f6b9a',
  communityUrban: '#9d8fd1',
  communityRural: '#8fc57a',
  communityLine: '#8f82bd',
  communityLabel: '#5d4f94',
  subdistrictLine: '#7262a8',
  districtLine: '#4b3d7e',
  districtCasing: '#ffffff',
  compoundFill: '#f3dcbf',
  compoundLine: '#cf9b60',
  compoundSelected: '#f0a848',
  compoundLabel: '#8a5a2b',
  gate: '#8a5a2b',
  selected: '#e8590c',
  /** Place-name signs and door plates on a gazetteer record's map. */
  signPoint: '#1c7ed6',
  platePoint: '#4a4a4a',
  motorway: '#f08c3a',
  motorwayCasing: '#b4541b',
  trunk: '#f6ab5f',
  trunkCasing: '#bf6f2b',
  primary: '#ffdd7a',
  primaryCasing: '#c9a23f',
  secondary: '#fff0b3',
  secondaryCasing: '#c8b878',
  minor: '#ffffff',
  minorCasing: '#c9c3b8',
  footway: '#9c7b62',
  bridgeCasing: '#3d3d3d',
  tunnel: '#9a948a',
  roadLabel: '#4a4a4a',
  /** The smallest service-area band; larger bands shade towards `serviceAreaLight`. */
  serviceAreaDark: '#1b7a3a',
  serviceAreaLight: '#a9dc8e',
  serviceAreaOutline: '#145c2b',
  serviceAreaCircle: '#0d4a57',
  snapPoint: '#145c2b',
  /** What-if: a facility added or moved. */
  whatIfChanged: '#f08c00',
  /** What-if: a facility removed, and where a moved one stood. */
  whatIfRemoved: '#868e96',
  /** What-if: a network edge closed to walkers. */
  whatIfClosed: '#e03131',
  /** What-if: the facility picked to move. */
  whatIfPicked: '#c92a2a',
  /** Standards report: a community that meets every rule that applies. */
  statusPass: '#2f9e44',
  /** Standards report: a community that fails a rule. */
  statusFail: '#e03131',
  /** Standards report: a community some rule cannot be evaluated for, and none fails. */
  statusCannot: '#f08c00',
  statusOutline: '#495057',
  /** Site suggestions: a suggested site and its rank. */
  suggestedSite: '#7048e8',
  /** Site suggestions: candidate points and parcels drawn by the planner. */
  candidate: '#1098ad',
} as const

/** The colour of each status a community can have in a standards report, shared by the map and the report view. */
export const STATUS_COLORS = {
  pass: PALETTE.statusPass,
  fail: PALETTE.statusFail,
  'cannot-evaluate': PALETTE.statusCannot,
} as const

/**
 * Opacity of each service-area band's fill. Bands are nested, so a spot
 * inside the smallest band is covered by every band and looks darkest.
 */
export const SERVICE_AREA_FILL_OPACITY = 0.3

/** The colour and shape that tell one facility kind from another. */
export interface FacilityStyle {
  color: string
  shape: 'square' | 'circle' | 'triangle' | 'diamond'
}

/** Symbol of each facility kind: different in both colour and shape. */
export const FACILITY_STYLES: Record<FacilityKind, FacilityStyle> = {
  community_service: { color: '#1c6fd1', shape: 'square' },
  home_care: { color: '#2b8a3e', shape: 'circle' },
  day_care: { color: '#0b8a9a', shape: 'triangle' },
  elderly_institution: { color: '#c2255c', shape: 'diamond' },
}
