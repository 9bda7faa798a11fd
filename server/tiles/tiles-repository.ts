import type pg from 'pg'
import type { Geometry } from 'geojson'
import { encodeVectorTile, type TileFeature } from '../geo/encode-vector-tile.ts'
import type { TileSource } from './tile-sources.ts'

/**
 * Reads one vector tile. With `mvtInSql` the database encodes it (ST_AsMVT);
 * otherwise the same rows are fetched in tile coordinates and encoded here.
 */
export async function readTile(
  pool: pg.Pool,
  source: TileSource,
  z: number,
  x: number,
  y: number,
  mvtInSql: boolean,
): Promise<Uint8Array> {
  if (mvtInSql) {
    const result = await pool.query<{ tile: Buffer }>(`SELECT ${source.tileFunction}($1, $2, $3) AS tile`, [z, x, y])
    return result.rows[0]!.tile
  }
  const layers: Record<string, TileFeature[]> = {}
  for (const layer of source.layers) {
    const result = await pool.query<{ fid: string; geom: string; props: Record<string, string | number | boolean | null> }>(
      `SELECT r.fid, ST_AsGeoJSON(r.geom) AS geom, to_jsonb(r) - 'geom' - 'fid' AS props
         FROM ${layer.rowsFunction}($1, $2, $3) AS r`,
      [z, x, y],
    )
    layers[layer.name] = result.rows.map((row) => ({
      id: Number(row.fid),
      geometry: JSON.parse(row.geom) as Geometry,
      properties: row.props,
    }))
  }
  return encodeVectorTile(layers)
}
