import type { ColumnMapping } from '../api/import-mappings.ts'

/** A field the mapping table offers, as the dialog sees it for the file at hand. */
export interface MappingField {
  key: string
  /** The name shown for the field. */
  label: string
  /** Whether the file must give it a column. */
  required: boolean
}

/** Where a mapping table's texts live in the catalogues (`field`, `column`, `none`, `required`, `missing`, `repeated`, and `sample` when a sample is shown). */
export type MappingTableTexts = 'data.import.mapping' | 'gazetteer.import.mapping'

/** Where the saved-mappings block's texts live in the catalogues (`saved`, `noneSaved`, `choose`, `apply`, `delete`, `name`, `save`, the notices and the failures). */
export type SavedMappingTexts = 'data.mappings' | 'gazetteer.import.mapping'

/** What is wrong with a mapping before it is sent: required fields left unmapped, and headers mapped to more than one field. */
export interface MappingGaps {
  /** Keys of required fields without a column. */
  unmapped: string[]
  /** Headers chosen for two or more fields. */
  repeated: string[]
}

/** Finds the gaps of a mapping (the server checks it again and names every problem). */
export function findMappingGaps(fields: readonly Pick<MappingField, 'key' | 'required'>[], mapping: ColumnMapping): MappingGaps {
  const unmapped = fields.filter((field) => field.required && !mapping[field.key]).map((field) => field.key)
  const uses = new Map<string, number>()
  for (const header of Object.values(mapping)) if (header) uses.set(header, (uses.get(header) ?? 0) + 1)
  const repeated = [...uses].filter(([, count]) => count > 1).map(([header]) => header)
  return { unmapped, repeated }
}

/** The mapping without unmapped fields, as it is saved. */
export function compactMapping(mapping: ColumnMapping): ColumnMapping {
  return Object.fromEntries(Object.entries(mapping).filter(([, header]) => header !== ''))
}

/**
 * A saved mapping applied to a file: the fields it maps to a header the file
 * has take that header, the fields it leaves out are left unmapped, and the
 * fields whose saved header the file lacks keep what they had (answered as
 * `missing`, for the user to check). Only `keys` are mapped.
 */
export function applySavedMapping(
  current: ColumnMapping,
  saved: ColumnMapping,
  keys: readonly string[],
  headers: readonly string[],
): { mapping: ColumnMapping; missing: string[] } {
  const present = new Set(headers)
  const mapping: ColumnMapping = {}
  const missing: string[] = []
  for (const key of keys) {
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
