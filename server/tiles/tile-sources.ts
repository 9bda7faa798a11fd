/** A vector-tile source: the SQL functions behind it and its zoom range. */
export interface TileSource {
  /** SQL function returning the encoded tile (needs ST_AsMVT). */
  tileFunction: string
  /** Layers in tile order, each with its SQL function returning rows in tile coordinates. */
  layers: { name: string; rowsFunction: string; description: string }[]
  minzoom: number
  maxzoom: number
  description: string
  /** The version counter bumped by every change to the tables the source reads (migrations 003 and 004). */
  versionedBy: 'network' | 'data'
}

/**
 * The tile sources the server offers. Names here are the only identifiers
 * that reach SQL from a tile request.
 */
export const tileSources: Record<string, TileSource> = {
  network: {
    tileFunction: 'tile_network',
    layers: [{ name: 'network', rowsFunction: 'tile_network_rows', description: 'Street and footpath edges' }],
    minzoom: 10,
    maxzoom: 16,
    description: 'Street network (walk network edges by highway class)',
    versionedBy: 'network',
  },
  compounds: {
    tileFunction: 'tile_compounds',
    layers: [
      { name: 'compounds', rowsFunction: 'tile_compounds_rows', description: 'Residential compound outlines' },
      { name: 'compound_gates', rowsFunction: 'tile_compound_gates_rows', description: 'Compound gates' },
      { name: 'compound_labels', rowsFunction: 'tile_compound_labels_rows', description: 'One label point per compound' },
    ],
    minzoom: 12,
    maxzoom: 16,
    description: 'Residential compounds (小区) and their gates',
    versionedBy: 'data',
  },
}

export type TileSourceName = keyof typeof tileSources
