import { isWalkable } from './walk-rules.ts'

/** The tags of one OpenStreetMap element, key to value. */
export type OsmTags = Readonly<Record<string, string>>

/**
 * The OpenStreetMap `highway` values that are streets or paths a walker can
 * follow. Every one is also walkable by `walk-rules.ts`, whose classes the
 * coverage engine filters on; values not listed here (platforms, bus stops,
 * rest areas, roads under construction, expressways) are not imported.
 */
export const walkableOsmHighways: ReadonlySet<string> = new Set([
  'primary',
  'primary_link',
  'secondary',
  'secondary_link',
  'tertiary',
  'tertiary_link',
  'unclassified',
  'residential',
  'living_street',
  'service',
  'road',
  'track',
  'pedestrian',
  'footway',
  'path',
  'steps',
  'cycleway',
  'bridleway',
  'corridor',
])

/** `foot=*` values that open a way to walkers even where `access=no|private` closes it. */
export const footPermissions: ReadonlySet<string> = new Set(['yes', 'designated', 'permissive'])

/** `foot=*` values that close a way to walkers whatever `access=*` says (`use_sidepath`: walk on the separately mapped sidewalk). */
export const footProhibitions: ReadonlySet<string> = new Set(['no', 'private', 'use_sidepath'])

/** `access=*` values that close a way to everyone unless `foot=*` opens it. */
export const accessProhibitions: ReadonlySet<string> = new Set(['no', 'private'])

/** Whether a tag value means "yes" in the OSM sense for `bridge`/`tunnel`: any value but `no` (`viaduct`, `building_passage`, `culvert`…). */
export function isTaggedStructure(value: string | undefined): boolean {
  return value !== undefined && value !== '' && value !== 'no'
}

/**
 * Whether walkers may use a way by its access tags: `foot=no|private|use_sidepath`
 * closes it; otherwise `access=no|private` closes it unless `foot=yes|designated|permissive`
 * opens it again. Other access values (`permissive`, `destination`, `customers`…)
 * leave it open and are kept on the edge.
 */
export function isOpenToWalkers(tags: OsmTags): boolean {
  const foot = tags.foot
  if (foot !== undefined && footProhibitions.has(foot)) return false
  if (foot !== undefined && footPermissions.has(foot)) return true
  return !(tags.access !== undefined && accessProhibitions.has(tags.access))
}

/** What an imported walk edge keeps of a way's tags. */
export interface WalkWayAttributes {
  highway: string
  name: string
  bridge: boolean
  tunnel: boolean
  /**
   * The access that applies to walkers: the `foot=*` value when there is one,
   * else `access=*`, else empty (open). Kept so that gated campuses
   * (`permissive`, `destination`) can be told apart later.
   */
  access: string
}

/**
 * The walk-edge attributes of a way, or undefined when the way is not part
 * of the walk network. Rules, in order:
 * - the `highway` value must be in `walkableOsmHighways` (so motorways,
 *   trunk roads and their links stay barriers, as in `walk-rules.ts`, even
 *   with `foot=yes` or a `sidewalk` tag: the engine filters by class);
 * - the access tags must leave it open to walkers (`isOpenToWalkers`);
 * - `area=yes` ways (pedestrian squares) are kept as their outline: walkers
 *   follow the edge of the square, crossing it is not modelled;
 * - `sidewalk=*` never removes a road walkers may use (a street without
 *   sidewalks is still walked along; with `sidewalk=separate` the road still
 *   carries the crossings), and never adds one they may not;
 * - `steps` are kept as their own class; `bridge` and `tunnel` are kept as flags;
 * - the name is `name`, else `name:zh`, else `ref`, else empty.
 */
export function classifyWalkWay(tags: OsmTags): WalkWayAttributes | undefined {
  const highway = tags.highway
  if (highway === undefined || !walkableOsmHighways.has(highway) || !isWalkable(highway)) return undefined
  if (!isOpenToWalkers(tags)) return undefined
  return {
    highway,
    name: tags.name ?? tags['name:zh'] ?? tags.ref ?? '',
    bridge: isTaggedStructure(tags.bridge),
    tunnel: isTaggedStructure(tags.tunnel),
    access: tags.foot ?? tags.access ?? '',
  }
}

/** The facility kinds of `migrations/001_base_schema.sql` that OSM tags can name. */
export type OsmFacilityKind = 'community_service' | 'home_care' | 'day_care' | 'elderly_institution'

/** Whether `social_facility:for` names older people (`senior`, alone or among others). */
export function isForSeniors(tags: OsmTags): boolean {
  return (tags['social_facility:for'] ?? '').split(';').some((v) => v.trim() === 'senior' || v.trim() === 'elderly')
}

/**
 * The facility kind an element's tags say it is, or undefined. Only tags
 * that state the kind count; nothing is guessed from names:
 * - `amenity=nursing_home`, or `amenity=social_facility` with
 *   `social_facility=nursing_home|assisted_living` → `elderly_institution`;
 * - `social_facility=group_home` → `elderly_institution` only with
 *   `social_facility:for=senior`;
 * - `social_facility=day_care` → `day_care` only with `social_facility:for=senior`;
 * - `amenity=community_centre` → `community_service`.
 */
export function facilityKindOf(tags: OsmTags): OsmFacilityKind | undefined {
  const amenity = tags.amenity
  if (amenity === 'nursing_home') return 'elderly_institution'
  if (amenity === 'community_centre') return 'community_service'
  if (amenity !== 'social_facility') return undefined
  const kind = tags.social_facility
  if (kind === 'nursing_home' || kind === 'assisted_living') return 'elderly_institution'
  if (kind === 'group_home' && isForSeniors(tags)) return 'elderly_institution'
  if (kind === 'day_care' && isForSeniors(tags)) return 'day_care'
  return undefined
}

/** Keys whose presence makes an element a point of interest in the import figures. */
export const poiKeys: readonly string[] = ['amenity', 'shop', 'tourism', 'leisure', 'office', 'healthcare', 'craft']

/** Whether an element is a point of interest: it carries one of `poiKeys`. */
export function isPointOfInterest(tags: OsmTags): boolean {
  return poiKeys.some((key) => tags[key] !== undefined)
}

/** Why a closed way is a candidate residential compound, or undefined. */
export type CompoundCandidateKind = 'residential_landuse' | 'building'

/**
 * Whether a way outlines a candidate compound: it must be closed (first
 * node = last node, at least 4 nodes) and be `landuse=residential` or a
 * `building` (any value but `no`). Candidates are counted, not loaded: a
 * compound needs households, which OSM does not have.
 */
export function compoundCandidateKind(tags: OsmTags, closed: boolean): CompoundCandidateKind | undefined {
  if (!closed) return undefined
  if (tags.landuse === 'residential') return 'residential_landuse'
  if (isTaggedStructure(tags.building)) return 'building'
  return undefined
}
