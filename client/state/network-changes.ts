import type { NetworkChange } from '../api/scenarios.ts'
import type { LngLat } from './facility-changes.ts'

/** A network edit in the list of pending changes, with what it concerns. */
export interface NetworkChangeEntry {
  index: number
  change: NetworkChange
  /** For a `close`, the street's name as far as it is known; `null` when it has none or is not known yet. */
  name: string | null
  /** For a `link`, which one it is (1 for the first added); else 0. */
  ordinal: number
}

/** The network edges a list of edits closes, in order. */
export function closedEdgeIds(changes: readonly NetworkChange[]): number[] {
  return changes.flatMap((change) => (change.op === 'close' ? [change.edgeId] : []))
}

/** The new links of a list of edits, each from `[lng, lat]` to `[toLng, toLat]`. */
export function newLinks(changes: readonly NetworkChange[]): { ordinal: number; from: LngLat; to: LngLat; name: string | null }[] {
  return describeNetworkChanges(changes, new Map()).flatMap((entry) =>
    entry.change.op === 'link'
      ? [{ ordinal: entry.ordinal, from: [entry.change.lng, entry.change.lat], to: [entry.change.toLng, entry.change.toLat], name: entry.name }]
      : [],
  )
}

/** Each network edit with the street it closes or the link it adds, for the list of pending changes. */
export function describeNetworkChanges(changes: readonly NetworkChange[], edgeNames: ReadonlyMap<number, string>): NetworkChangeEntry[] {
  let links = 0
  return changes.map((change, index) => {
    if (change.op === 'close') return { index, change, name: edgeNames.get(change.edgeId) || null, ordinal: 0 }
    links++
    return { index, change, name: change.name?.trim() || null, ordinal: links }
  })
}

/** Closes a network edge; an edge closed already stays closed once. */
export function closeEdge(changes: readonly NetworkChange[], edgeId: number): NetworkChange[] {
  if (changes.some((change) => change.op === 'close' && change.edgeId === edgeId)) return [...changes]
  return [...changes, { op: 'close', edgeId }]
}

/** Adds a walkable link between two points; a link from a point to itself is no link and is ignored. */
export function addLink(changes: readonly NetworkChange[], [lng, lat]: LngLat, [toLng, toLat]: LngLat, name?: string): NetworkChange[] {
  if (lng === toLng && lat === toLat) return [...changes]
  return [...changes, { op: 'link', lng, lat, toLng, toLat, ...(name ? { name } : {}) }]
}

/** Takes back one network edit; the others stand as they were. */
export function undoNetworkChange(changes: readonly NetworkChange[], index: number): NetworkChange[] {
  return changes.filter((_, i) => i !== index)
}

/** Whether two lists of network edits say the same, edit by edit. */
export function sameNetworkChanges(a: readonly NetworkChange[], b: readonly NetworkChange[]): boolean {
  return a.length === b.length && a.every((change, i) => sameNetworkChange(change, b[i]))
}

function sameNetworkChange(a: NetworkChange, b: NetworkChange | undefined): boolean {
  if (!b || a.op !== b.op) return false
  if (a.op === 'close' && b.op === 'close') return a.edgeId === b.edgeId
  return (
    a.op === 'link' &&
    b.op === 'link' &&
    a.lng === b.lng &&
    a.lat === b.lat &&
    a.toLng === b.toLng &&
    a.toLat === b.toLat &&
    (a.name ?? '') === (b.name ?? '')
  )
}
