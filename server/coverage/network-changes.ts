import { editWalkGraph, type EditedGraph } from '../geo/edit-graph.ts'
import { FacilityChangeError } from './facility-changes.ts'
import type { WalkNetwork } from './walk-network-cache.ts'

/** One what-if edit of the walk network; never written to the network itself. */
export type NetworkChange =
  | { op: 'close'; edgeId: number }
  | { op: 'link'; lng: number; lat: number; toLng: number; toLat: number; name?: string }

const metresPerDegreeLat = 110_574

/** Straight-line metres between two [lng, lat] points a few kilometres apart at most. */
function straightM(a: [number, number], b: [number, number]): number {
  const metresPerDegreeLng = 111_320 * Math.cos((((a[1] + b[1]) / 2) * Math.PI) / 180)
  return Math.hypot((b[0] - a[0]) * metresPerDegreeLng, (b[1] - a[1]) * metresPerDegreeLat)
}

/** The changes with only the fields each kind of change has, as they are stored. */
export function normalizeNetworkChanges(changes: readonly NetworkChange[]): NetworkChange[] {
  return changes.map((c): NetworkChange => {
    if (c.op === 'close') return { op: 'close', edgeId: c.edgeId }
    const link: NetworkChange = { op: 'link', lng: c.lng, lat: c.lat, toLng: c.toLng, toLat: c.toLat }
    return c.name === undefined ? link : { ...link, name: c.name }
  })
}

/**
 * The walk graph with the changes applied: closed edges (by database id)
 * left out, and each link joining the walkable streets nearest its two ends
 * (within `maxSnapM`, never a tunnel or an expressway), as long as the
 * straight line between its ends plus the short walks from them to the
 * streets. Null when there are no changes.
 */
export function applyNetworkChanges(network: WalkNetwork, changes: readonly NetworkChange[], maxSnapM: number): EditedGraph | null {
  if (changes.length === 0) return null
  const { graph, snapIndex } = network
  const edgeOf = new Map<number, number>()
  const closedEdges: number[] = []
  const links: { from: { position: { edge: number; fraction: number } }; to: { position: { edge: number; fraction: number } }; lengthM: number }[] = []
  changes.forEach((change, i) => {
    const where = `networkChanges[${i}]`
    if (change.op === 'close') {
      if (edgeOf.size === 0) for (let e = 0; e < graph.edgeCount; e++) edgeOf.set(graph.edgeIds[e]!, e)
      const edge = edgeOf.get(change.edgeId)
      if (edge === undefined) throw new FacilityChangeError(`${where}.edgeId: ${change.edgeId} is not a walkable edge of the network`)
      closedEdges.push(edge)
      return
    }
    const from: [number, number] = [change.lng, change.lat]
    const to: [number, number] = [change.toLng, change.toLat]
    const a = snapIndex.snap(from, maxSnapM)
    const b = snapIndex.snap(to, maxSnapM)
    if (!a.ok) throw new FacilityChangeError(`${where}: the link's start is not within ${maxSnapM} m of a walkable street`)
    if (!b.ok) throw new FacilityChangeError(`${where}: the link's end is not within ${maxSnapM} m of a walkable street`)
    links.push({ from: { position: a.position }, to: { position: b.position }, lengthM: a.distanceM + straightM(from, to) + b.distanceM })
  })
  return editWalkGraph(graph, snapIndex.local, { closedEdges, links })
}
