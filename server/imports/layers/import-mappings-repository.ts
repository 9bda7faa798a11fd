import type { Queryable } from '../../db/transaction.ts'
import type { ColumnMapping, LayerKind } from './layer-kinds.ts'

/** What a mapping is for: a layer, or the gazetteer's place records. */
export type MappingLayer = LayerKind | 'places'

/** A column mapping saved under a name, for the next file of the same shape. */
export interface SavedMapping {
  id: number
  layer: MappingLayer
  name: string
  mapping: ColumnMapping
  createdBy: string
  updatedAt: string
}

interface MappingRow {
  id: number
  layer: MappingLayer
  name: string
  mapping: ColumnMapping
  created_by: string
  updated_at: Date
}

const toMapping = (r: MappingRow): SavedMapping => ({ id: r.id, layer: r.layer, name: r.name, mapping: r.mapping, createdBy: r.created_by, updatedAt: r.updated_at.toISOString() })

export async function listMappings(db: Queryable, layer: MappingLayer | undefined): Promise<SavedMapping[]> {
  const { rows } = await db.query<MappingRow>(
    'SELECT id, layer, name, mapping, created_by, updated_at FROM import_mappings WHERE $1::text IS NULL OR layer = $1 ORDER BY layer, name',
    [layer ?? null],
  )
  return rows.map(toMapping)
}

/** A mapping by id. */
export async function findMappingById(db: Queryable, id: number): Promise<SavedMapping | undefined> {
  const { rows } = await db.query<MappingRow>('SELECT id, layer, name, mapping, created_by, updated_at FROM import_mappings WHERE id = $1', [id])
  return rows[0] && toMapping(rows[0])
}

/** A mapping by layer and name. */
export async function findMapping(db: Queryable, layer: MappingLayer, name: string): Promise<SavedMapping | undefined> {
  const { rows } = await db.query<MappingRow>('SELECT id, layer, name, mapping, created_by, updated_at FROM import_mappings WHERE layer = $1 AND name = $2', [layer, name])
  return rows[0] && toMapping(rows[0])
}

/** Saves a mapping; one of the same layer and name is overwritten. */
export async function saveMapping(db: Queryable, layer: MappingLayer, name: string, mapping: ColumnMapping, by: string): Promise<SavedMapping> {
  const { rows } = await db.query<MappingRow>(
    `INSERT INTO import_mappings (layer, name, mapping, created_by) VALUES ($1, $2, $3, $4)
     ON CONFLICT (layer, name) DO UPDATE SET mapping = EXCLUDED.mapping, created_by = EXCLUDED.created_by, updated_at = now()
     RETURNING id, layer, name, mapping, created_by, updated_at`,
    [layer, name, JSON.stringify(mapping), by],
  )
  return toMapping(rows[0]!)
}

/** Deletes a mapping; false when there was none. */
export async function deleteMapping(db: Queryable, id: number): Promise<boolean> {
  const { rowCount } = await db.query('DELETE FROM import_mappings WHERE id = $1', [id])
  return (rowCount ?? 0) > 0
}
