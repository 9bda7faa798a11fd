import type { FacilityChange } from '../api/scenarios.ts'

/** A point `[lng, lat]`. */
export type LngLat = [number, number]

/** A facility of the kind as it stands before any change. */
export interface BaseFacility {
  id: number
  name: string
  position: LngLat
}

/** What the changes did to a facility. */
export type FacilityStatus = 'unchanged' | 'moved' | 'added' | 'removed'

/** A facility as the changes leave it. */
export interface ChangedFacility {
  /** The facility's id; added ones count down from -1 in the order added. */
  id: number
  /** Its name; `null` for an added facility given none (the UI names it by `ordinal`). */
  name: string | null
  status: FacilityStatus
  /** Where it stands after the changes. */
  position: LngLat
  /** Where a moved facility stood before; `null` for the others. */
  origin: LngLat | null
  /** For an added facility, which one it is (1 for the first added); else 0. */
  ordinal: number
}

/** A change in the list, with the facility it concerns. */
export interface ChangeEntry {
  index: number
  change: FacilityChange
  /** The facility changed; for an `add`, the id it gets. */
  facilityId: number
  /** The facility's name when the change was made, `null` for an unnamed added one. */
  name: string | null
  /** For a facility added by this or an earlier change, which one it is; else 0. */
  ordinal: number
}

/** The id the `ordinal`-th added facility gets (-1 for the first). */
export function addedFacilityId(ordinal: number): number {
  return -ordinal
}

/**
 * Applies changes in order to the facilities of a kind, as the server does:
 * an `add` creates the facility -1, -2, …; `move` and `remove` name a
 * facility by id. Changes that name no standing facility are skipped here;
 * the server refuses them and says which one.
 */
export function applyChanges(baseline: readonly BaseFacility[], changes: readonly FacilityChange[]): ChangedFacility[] {
  return walkChanges(baseline, changes).facilities
}

/** Each change with the facility it concerns, for the list of pending changes. */
export function describeChanges(baseline: readonly BaseFacility[], changes: readonly FacilityChange[]): ChangeEntry[] {
  return walkChanges(baseline, changes).entries
}

function walkChanges(baseline: readonly BaseFacility[], changes: readonly FacilityChange[]) {
  const byId = new Map<number, ChangedFacility>()
  for (const facility of baseline) {
    byId.set(facility.id, { ...facility, position: [...facility.position], status: 'unchanged', origin: null, ordinal: 0 })
  }
  const entries: ChangeEntry[] = []
  let added = 0
  changes.forEach((change, index) => {
    if (change.op === 'add') {
      added++
      const id = addedFacilityId(added)
      byId.set(id, { id, name: change.name?.trim() || null, status: 'added', position: [change.lng, change.lat], origin: null, ordinal: added })
      entries.push({ index, change, facilityId: id, name: change.name?.trim() || null, ordinal: added })
      return
    }
    const facility = byId.get(change.facilityId)
    entries.push({ index, change, facilityId: change.facilityId, name: facility?.name ?? null, ordinal: facility?.ordinal ?? 0 })
    if (!facility || facility.status === 'removed') return
    if (change.op === 'remove') {
      facility.status = 'removed'
      return
    }
    if (facility.status === 'unchanged') {
      facility.status = 'moved'
      facility.origin = facility.position
    }
    facility.position = [change.lng, change.lat]
  })
  return { facilities: [...byId.values()], entries }
}

/** Index of the change that adds the facility `id` (negative), or -1. */
function addIndexOf(changes: readonly FacilityChange[], id: number): number {
  let added = 0
  return changes.findIndex((change) => change.op === 'add' && addedFacilityId(++added) === id)
}

/** Adds a facility at a point; it gets the next negative id. */
export function addFacility(changes: readonly FacilityChange[], [lng, lat]: LngLat, name?: string): FacilityChange[] {
  return [...changes, { op: 'add', lng, lat, ...(name ? { name } : {}) }]
}

/**
 * Moves a facility to a point. The list stays short: the last change that
 * placed the facility (its `add`, or an earlier `move`) takes the new point;
 * only a facility never moved before gets a new `move`.
 */
export function moveFacility(changes: readonly FacilityChange[], facilityId: number, [lng, lat]: LngLat): FacilityChange[] {
  let last = -1
  changes.forEach((change, index) => {
    if (change.op === 'move' && change.facilityId === facilityId) last = index
  })
  if (last < 0 && facilityId < 0) last = addIndexOf(changes, facilityId)
  if (last < 0) return [...changes, { op: 'move', facilityId, lng, lat }]
  return changes.map((change, index) => (index === last && change.op !== 'remove' ? { ...change, lng, lat } : change))
}

/**
 * Removes a facility. An added one simply goes away with its `add` (see
 * {@link undoChange}); a facility of the kind loses any pending moves and
 * gets a `remove`.
 */
export function removeFacility(changes: readonly FacilityChange[], facilityId: number): FacilityChange[] {
  if (facilityId < 0) {
    const index = addIndexOf(changes, facilityId)
    return index < 0 ? [...changes] : undoChange(changes, index)
  }
  const kept = changes.filter((change) => !(change.op === 'move' && change.facilityId === facilityId))
  return [...kept, { op: 'remove', facilityId }]
}

/**
 * Takes back one change. Taking back an `add` also takes back the later
 * changes to that facility, and renumbers the facilities added after it
 * (each moves up by one: -3 becomes -2) in the changes that name them.
 */
export function undoChange(changes: readonly FacilityChange[], index: number): FacilityChange[] {
  const undone = changes[index]
  if (!undone) return [...changes]
  const rest = changes.filter((_, i) => i !== index)
  if (undone.op !== 'add') return rest
  const goneId = addedFacilityId(changes.slice(0, index + 1).filter((change) => change.op === 'add').length)
  return rest.flatMap((change, i): FacilityChange[] => {
    if (change.op === 'add' || i < index) return [change]
    if (change.facilityId === goneId) return []
    return change.facilityId < goneId ? [{ ...change, facilityId: change.facilityId + 1 }] : [change]
  })
}

/** Whether two change lists say the same, change by change. */
export function sameChanges(a: readonly FacilityChange[], b: readonly FacilityChange[]): boolean {
  return a.length === b.length && a.every((change, i) => sameChange(change, b[i]))
}

function sameChange(a: FacilityChange, b: FacilityChange | undefined): boolean {
  if (!b || a.op !== b.op) return false
  if (a.op === 'add' && b.op === 'add') return a.lng === b.lng && a.lat === b.lat && (a.name ?? '') === (b.name ?? '')
  if (a.op === 'move' && b.op === 'move') return a.facilityId === b.facilityId && a.lng === b.lng && a.lat === b.lat
  return a.op === 'remove' && b.op === 'remove' && a.facilityId === b.facilityId
}
