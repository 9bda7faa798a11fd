import type { ColumnMapping, LayerFieldInfo, LayerKind } from '../../api/layer-imports.ts'

/** The fields that place a row of each layer when the file has no geometry of its own. */
const POSITION_FIELDS: Readonly<Record<LayerKind, readonly string[]>> = {
  facilities: ['lng', 'lat'],
  compounds: ['wkt'],
  divisions: ['wkt'],
}

/**
 * Whether a field must be mapped for this file: the server marks the
 * required fields, and the fields that place a row are needed only when the
 * file has no geometry.
 */
export function fieldNeeded(field: LayerFieldInfo, layer: LayerKind, hasGeometry: boolean): boolean {
  if (POSITION_FIELDS[layer].includes(field.key)) return !hasGeometry
  return field.required
}

/** What is wrong with a mapping before it is sent: needed fields left unmapped, and headers mapped to more than one field. */
export interface MappingGaps {
  /** Keys of needed fields without a column. */
  unmapped: string[]
  /** Headers chosen for two or more fields. */
  repeated: string[]
}

/** Finds the gaps of a mapping (the server checks it again and names every problem). */
export function mappingGaps(fields: readonly LayerFieldInfo[], layer: LayerKind, mapping: ColumnMapping, hasGeometry: boolean): MappingGaps {
  const unmapped = fields.filter((field) => fieldNeeded(field, layer, hasGeometry) && !mapping[field.key]).map((field) => field.key)
  const uses = new Map<string, number>()
  for (const header of Object.values(mapping)) if (header) uses.set(header, (uses.get(header) ?? 0) + 1)
  const repeated = [...uses].filter(([, count]) => count > 1).map(([header]) => header)
  return { unmapped, repeated }
}

/** The mapping without unmapped fields, as the import takes it. */
export function compactMapping(mapping: ColumnMapping): ColumnMapping {
  return Object.fromEntries(Object.entries(mapping).filter(([, header]) => header !== ''))
}

/**
 * A saved mapping applied to a file: the fields it maps to a column the file
 * has take that column, the fields it leaves out are left unmapped, and the
 * fields whose saved column the file lacks keep what they had. Answers the
 * new mapping and those last fields.
 */
export function applySavedMapping(
  current: ColumnMapping,
  saved: ColumnMapping,
  fields: readonly LayerFieldInfo[],
  headers: readonly string[],
): { mapping: ColumnMapping; missing: string[] } {
  const known = new Set(fields.map((field) => field.key))
  const present = new Set(headers)
  const mapping: ColumnMapping = {}
  const missing: string[] = []
  for (const key of known) {
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
