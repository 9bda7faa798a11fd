import type { PlaceColumnInfo, PlaceColumnMapping, PlaceFileInspection } from '../../api/gazetteer-imports.ts'

/** The mapping the dialog starts from: each column the file can fill, with the header the server recognised for it (`''` for none). */
export function initialPlaceMapping(inspection: Pick<PlaceFileInspection, 'columns' | 'suggested'>): PlaceColumnMapping {
  return Object.fromEntries(inspection.columns.filter((c) => c.mappable).map((c) => [c.key, inspection.suggested[c.key] ?? '']))
}

/**
 * The mapping to send with an import: nothing while it is what the server
 * would recognise anyway (an import without a mapping reports columns it
 * cannot name as problems, which is safer when no one looked), else every
 * mapped column, and `''` for each recognised column the user switched off.
 */
export function placeMappingToSend(mapping: PlaceColumnMapping, suggested: PlaceColumnMapping): PlaceColumnMapping | undefined {
  const keys = new Set([...Object.keys(mapping), ...Object.keys(suggested)])
  const changed = [...keys].some((key) => (mapping[key] ?? '') !== (suggested[key] ?? ''))
  if (!changed) return undefined
  return Object.fromEntries([...keys].flatMap((key) => {
    const header = mapping[key] ?? ''
    return header !== '' || suggested[key] ? [[key, header]] : []
  }))
}

/** What is wrong with a mapping before it is sent (the server checks it again and names every problem). */
export interface PlaceMappingGaps {
  /** Required columns without a header. */
  unmapped: string[]
  /** Headers chosen for two or more columns. */
  repeated: string[]
}

export function findPlaceMappingGaps(columns: readonly PlaceColumnInfo[], mapping: PlaceColumnMapping): PlaceMappingGaps {
  const unmapped = columns.filter((c) => c.required && !mapping[c.key]).map((c) => c.key)
  const uses = new Map<string, number>()
  for (const header of Object.values(mapping)) if (header) uses.set(header, (uses.get(header) ?? 0) + 1)
  return { unmapped, repeated: [...uses].filter(([, count]) => count > 1).map(([header]) => header) }
}

/**
 * A saved mapping applied to a file: the columns it maps to a header the file
 * has take that header, the columns it leaves out are left unmapped, and the
 * columns whose saved header the file lacks keep what they had (answered as
 * `missing`, for the user to check).
 */
export function applySavedPlaceMapping(
  current: PlaceColumnMapping,
  saved: PlaceColumnMapping,
  columns: readonly PlaceColumnInfo[],
  headers: readonly string[],
): { mapping: PlaceColumnMapping; missing: string[] } {
  const present = new Set(headers)
  const mapping: PlaceColumnMapping = {}
  const missing: string[] = []
  for (const { key, mappable } of columns) {
    if (!mappable) continue
    const header = saved[key]
    if (!header) mapping[key] = ''
    else if (present.has(header)) mapping[key] = header
    else {
      mapping[key] = current[key] ?? ''
      missing.push(key)
    }
  }
  return { mapping, missing }
}
