/** The layers a department may import from its own files, each a versioned dataset series. */
export const LAYER_KINDS = ['facilities', 'compounds', 'divisions'] as const

export type LayerKind = (typeof LAYER_KINDS)[number]

/** The file formats an import reads; a Shapefile arrives as a .zip of its parts. */
export type ImportFileFormat = 'geojson' | 'csv' | 'xlsx' | 'shapefile'

/**
 * Something wrong with an import (or, among warnings, worth a look). Row 0
 * is the file as a whole; otherwise the spreadsheet row (header = row 1) or
 * the feature number from 1. `field` is the layer field's key, a column
 * header for problems of the file's columns, or '' for the row or file.
 */
export interface ImportProblem {
  row: number
  field: string
  message: string
}

/** Field key → the header of the file's column that fills it, exactly as the file spells it. */
export type ColumnMapping = Record<string, string>

/** Whether a text names one of {@link LAYER_KINDS}. */
export function isLayerKind(value: string): value is LayerKind {
  return (LAYER_KINDS as readonly string[]).includes(value)
}
