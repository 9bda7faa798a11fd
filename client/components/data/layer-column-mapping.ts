import type { LayerFieldInfo, LayerKind } from '../../api/layer-imports.ts'
import type { Lang } from '../../i18n/catalogues.ts'
import type { MappingField } from '../column-mapping.ts'

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
function fieldNeeded(field: LayerFieldInfo, layer: LayerKind, hasGeometry: boolean): boolean {
  if (POSITION_FIELDS[layer].includes(field.key)) return !hasGeometry
  return field.required
}

/** The layer's fields as the mapping table offers them for a file, named in the UI language. */
export function layerMappingFields(fields: readonly LayerFieldInfo[], layer: LayerKind, hasGeometry: boolean, lang: Lang): MappingField[] {
  return fields.map((field) => ({ key: field.key, label: lang === 'en' ? field.en : field.zh, required: fieldNeeded(field, layer, hasGeometry) }))
}
