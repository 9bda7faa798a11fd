import type { Queryable } from '../db/transaction.ts'
import type { Ancestor } from '../schemas/divisions.ts'
import { findRegistryAncestors } from './division-registry.ts'
import { DIVISION_LEVELS } from './division-event-rules.ts'
import { listDivisionEvents, listDivisionVersions, readDivisionOrLastVersion, readParentChain, readSupersessions } from './divisions-repository.ts'

/**
 * The units above a division, top first: those kept here by following
 * parent codes, completed from the national registry for the province,
 * city and district levels the table does not hold.
 */
export async function findAncestors(db: Queryable, code: string): Promise<Ancestor[]> {
  const kept: Ancestor[] = (await readParentChain(db, code)).map((unit) => ({ ...unit, source: 'divisions' as const }))
  const levels = new Set(kept.map((a) => a.level))
  const fromRegistry: Ancestor[] = findRegistryAncestors(code)
    .filter((entry) => !levels.has(entry.level) && !kept.some((a) => a.code === entry.code))
    .map((entry) => ({ code: entry.code, name: entry.name, level: entry.level, source: 'registry' as const }))
  return [...kept, ...fromRegistry].sort((a, b) => DIVISION_LEVELS.indexOf(a.level) - DIVISION_LEVELS.indexOf(b.level))
}

/** A division as the detail view shows it: the unit (in force, or its last version), its history, the units before and after it, its events and ancestors. */
export async function readDivisionDetail(db: Queryable, code: string) {
  const unit = await readDivisionOrLastVersion(db, code)
  if (!unit) return undefined
  const [history, supersessions, events, ancestors] = [
    await listDivisionVersions(db, code),
    await readSupersessions(db, code),
    await listDivisionEvents(db, { code }),
    await findAncestors(db, code),
  ]
  return { ...unit, history, ...supersessions, events, ancestors }
}
