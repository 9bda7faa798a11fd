import type { PlaceRecord } from './place-record.ts'

/** One field that differs between two versions of a record. */
export interface FieldChange {
  field: string
  before: unknown
  after: unknown
}

/** The fields compared, in the order a record page shows them; bookkeeping (version, timestamps, change order) is left out. */
const COMPARED: readonly (keyof PlaceRecord)[] = [
  'standardName', 'specificPart', 'genericPart', 'romanization', 'romanizationConfirmed', 'status', 'category', 'categoryCode', 'featureType',
  'placeCode', 'minorityName', 'meaning', 'history', 'description', 'sources', 'divisionCodes', 'geometry',
  'namedOn', 'establishedOn', 'abolishedOn', 'registeredBy', 'registeringUnit', 'registeredOn', 'altNames',
]

/**
 * The fields that differ between two versions of a place, compared by
 * value (JSON), `before` from `older` and `after` from `newer`. Fields a
 * version lacks (saved before the field existed) count as null.
 */
export function diffPlaceRecords(older: Partial<PlaceRecord>, newer: Partial<PlaceRecord>): FieldChange[] {
  const changes: FieldChange[] = []
  for (const field of COMPARED) {
    const before = older[field] ?? null
    const after = newer[field] ?? null
    if (JSON.stringify(before) !== JSON.stringify(after)) changes.push({ field, before, after })
  }
  return changes
}
