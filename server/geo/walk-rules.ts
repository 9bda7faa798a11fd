/**
 * Pedestrian rules for the walk network, by OpenStreetMap highway class.
 *
 * Walkers use every street and path except roads built for motor traffic
 * only: motorways and trunk roads (expressways, 快速路) and their links are
 * barriers that walkers cross only where a footway, crossing or bridge
 * passes over or under them. Edges are undirected for walking.
 */
export const nonWalkableHighways: ReadonlySet<string> = new Set([
  'motorway',
  'motorway_link',
  'trunk',
  'trunk_link',
  'construction',
  'proposed',
  'raceway',
  'bus_guideway',
  'busway',
])

/** Whether walkers may use an edge of this highway class. */
export function isWalkable(highway: string): boolean {
  return !nonWalkableHighways.has(highway)
}

/**
 * Whether a facility or gate may be snapped onto an edge: walkable, and not
 * in a tunnel (an entrance is never underground on a road tunnel or an
 * underpass). Bridges are allowed: they are walkable ground at street level.
 */
export function isSnapTarget(edge: { highway: string; tunnel: boolean }): boolean {
  return isWalkable(edge.highway) && !edge.tunnel
}
