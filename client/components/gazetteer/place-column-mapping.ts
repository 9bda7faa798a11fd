import type { PlaceColumnInfo, PlaceFileInspection } from '../../api/gazetteer-imports.ts'
import type { ColumnMapping } from '../../api/import-mappings.ts'
import type { MappingField } from '../column-mapping.ts'

/** The place columns a file can fill, as the mapping table offers them: named by the Chinese header exports write. */
export function placeMappingFields(columns: readonly PlaceColumnInfo[]): MappingField[] {
  return columns.filter((column) => column.mappable).map(({ key, header, required }) => ({ key, label: header, required }))
}

/** The mapping the dialog starts from: each column the file can fill, with the header the server recognised for it (`''` for none). */
export function initialPlaceMapping(inspection: Pick<PlaceFileInspection, 'columns' | 'suggested'>): ColumnMapping {
  return Object.fromEntries(inspection.columns.filter((c) => c.mappable).map((c) => [c.key, inspection.suggested[c.key] ?? '']))
}

/**
 * The mapping to send with an import: nothing while it is what the server
 * would recognise anyway (an import without a mapping reports columns it
 * cannot name as problems, which is safer when no one looked), else every
 * mapped column, and `''` for each recognised column the user switched off.
 */
export function placeMappingToSend(mapping: ColumnMapping, suggested: Readonly<Partial<ColumnMapping>>): ColumnMapping | undefined {
  const keys = new Set([...Object.keys(mapping), ...Object.keys(suggested)])
  const changed = [...keys].some((key) => (mapping[key] ?? '') !== (suggested[key] ?? ''))
  if (!changed) return undefined
  return Object.fromEntries([...keys].flatMap((key) => {
    const header = mapping[key] ?? ''
    return header !== '' || suggested[key] ? [[key, header]] : []
  }))
}
