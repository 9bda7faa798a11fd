import type { Static } from 'typebox'
import type { ColumnMappingSchema, ImportMappingSchema, MappingLayerSchema } from '../../server/schemas/layer-imports.ts'
import { getJson, sendJson, withQuery } from './http.ts'

/** Which column of a file fills each field: field key → the header exactly as in the file; `''` reads no column for it. */
export type ColumnMapping = Static<typeof ColumnMappingSchema>

/** What a mapping is saved for: a layer of the data view, or place records. */
export type MappingLayer = Static<typeof MappingLayerSchema>

/** A column mapping saved under a name for one layer. */
export type SavedImportMapping = Static<typeof ImportMappingSchema>

/** The mappings saved for a layer. */
export async function fetchImportMappings(layer: MappingLayer, signal?: AbortSignal): Promise<SavedImportMapping[]> {
  return (await getJson<{ mappings: SavedImportMapping[] }>(withQuery('/api/import-mappings', { layer }), signal)).mappings
}

/** Saves a mapping under a name; a mapping of the same layer and name is overwritten. */
export function saveImportMapping(input: { layer: MappingLayer; name: string; mapping: ColumnMapping }): Promise<SavedImportMapping> {
  return sendJson<SavedImportMapping>('PUT', '/api/import-mappings', input)
}

/** Deletes a saved mapping. */
export function deleteImportMapping(id: number): Promise<void> {
  return sendJson<void>('DELETE', `/api/import-mappings/${id}`)
}
