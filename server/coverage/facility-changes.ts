import type { SnapResult } from '../geo/snap-index.ts'
import type { SearchSource } from '../geo/walk-search.ts'
import type { KindBaseline } from './coverage-baseline.ts'

/** One what-if change to the facilities of a kind; never written to the facilities themselves. */
export type FacilityChange =
  | { op: 'add'; lng: number; lat: number; name?: string }
  | { op: 'move'; facilityId: number; lng: number; lat: number }
  | { op: 'remove'; facilityId: number }

/** A change that cannot be applied; the message names the change by its position in the list. */
export class FacilityChangeError extends Error {}

export type FacilityStatus = 'unchanged' | 'moved' | 'added' | 'removed'

/** A facility as a what-if leaves it. Added facilities get ids -1, -2, … in the order they were added. */
export interface ChangedFacility {
  id: number
  name: string
  status: FacilityStatus
  lng: number
  lat: number
  snap: SnapResult | null
}

/** The changes as the search sees them, and the facilities they leave. */
export interface AppliedChanges {
  facilities: ChangedFacility[]
  /** Sources of the baseline search to take away (moved and removed facilities). */
  removedSources: number[]
  /** New sources (moved and added facilities on the network), in order after the baseline's. */
  addedSources: SearchSource[]
  /** The facility of each source index of the updated search. */
  sourceFacility: Map<number, { id: number; name: string }>
}

export const maxFacilityChanges = 200

/** The changes with only the fields each kind of change has, as they are stored. */
export function normalizeFacilityChanges(changes: readonly FacilityChange[]): FacilityChange[] {
  return changes.map((c): FacilityChange => {
    if (c.op === 'add') return c.name === undefined ? { op: 'add', lng: c.lng, lat: c.lat } : { op: 'add', lng: c.lng, lat: c.lat, name: c.name }
    if (c.op === 'move') return { op: 'move', facilityId: c.facilityId, lng: c.lng, lat: c.lat }
    return { op: 'remove', facilityId: c.facilityId }
  })
}

/**
 * Applies changes in order to the baseline's facilities: a later change may
 * move or remove a facility an earlier one added (by its negative id). Only
 * facilities that moved, appeared or went away touch the search.
 */
export function applyFacilityChanges(baseline: KindBaseline, changes: readonly FacilityChange[]): AppliedChanges {
  if (changes.length > maxFacilityChanges) throw new FacilityChangeError(`at most ${maxFacilityChanges} changes, got ${changes.length}`)
  const { facilities: base, network, maxSnapM, kind } = baseline
  const byId = new Map<number, ChangedFacility>()
  base.rows.forEach((row, i) => byId.set(row.id, { id: row.id, name: row.name, status: 'unchanged', lng: row.lng, lat: row.lat, snap: base.snaps[i]! }))
  let added = 0
  changes.forEach((change, i) => {
    const where = `changes[${i}]`
    if (change.op === 'add') {
      added++
      byId.set(-added, { id: -added, name: change.name?.trim() || `新增设施 ${added}`, status: 'added', lng: change.lng, lat: change.lat, snap: null })
      return
    }
    const facility = byId.get(change.facilityId)
    if (!facility) throw new FacilityChangeError(`${where}.facilityId: ${change.facilityId} is not a ${kind} facility`)
    if (facility.status === 'removed') throw new FacilityChangeError(`${where}.facilityId: facility ${change.facilityId} was already removed`)
    if (change.op === 'remove') {
      facility.status = 'removed'
      return
    }
    facility.lng = change.lng
    facility.lat = change.lat
    facility.snap = null
    if (facility.status === 'unchanged') facility.status = 'moved'
  })

  const removedSources: number[] = []
  const addedSources: SearchSource[] = []
  const sourceFacility = new Map<number, { id: number; name: string }>()
  base.sourceFacility.forEach((row, s) => sourceFacility.set(s, { id: row.id, name: row.name }))
  const facilities = [...byId.values()]
  for (const f of facilities) {
    const baseSource = base.sourceOf.get(f.id)
    if (f.status !== 'unchanged' && baseSource !== undefined) {
      removedSources.push(baseSource)
      sourceFacility.delete(baseSource)
    }
    if (f.status === 'removed') continue
    if (f.snap === null) f.snap = network.snapIndex.snap([f.lng, f.lat], maxSnapM)
    if ((f.status === 'moved' || f.status === 'added') && f.snap.ok) {
      sourceFacility.set(base.sources.length + addedSources.length, { id: f.id, name: f.name })
      addedSources.push({ position: f.snap.position, startM: f.snap.distanceM })
    }
  }
  return { facilities, removedSources, addedSources, sourceFacility }
}
