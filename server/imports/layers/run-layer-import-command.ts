import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type pg from 'pg'
import type { Actor } from '../../audit/audit-repository.ts'
import type { CoordinateSystemId } from '../../geo/coordinate-systems.ts'
import { createProgressPrinter, interruptibleByCtrlC } from '../progress-printer.ts'
import { findMapping } from './import-mappings-repository.ts'
import { importLayer, inspectLayerFile, type LayerImportOutcome } from './layer-import-service.ts'
import type { ColumnMapping, ImportFileFormat, LayerKind } from './layer-kinds.ts'

/** The format of an import file, from its name; undefined when it is none the importer reads. */
export function importFileFormat(file: string): ImportFileFormat | undefined {
  const name = file.toLowerCase()
  if (name.endsWith('.geojson') || name.endsWith('.json')) return 'geojson'
  if (name.endsWith('.csv')) return 'csv'
  if (name.endsWith('.xlsx')) return 'xlsx'
  if (name.endsWith('.zip')) return 'shapefile'
  return undefined
}

export interface LayerImportArguments {
  layer: LayerKind
  file: string
  crs: CoordinateSystemId | null
  /** A saved mapping's name, or a .json file of one; without it, the mapping suggested from the headers. */
  mapping: string | undefined
  series: string | undefined
  replaces: number | undefined
  dryRun: boolean
}

/** The outcome of an import as lines for the terminal; problems are listed up to `limit`. */
export function describeLayerImport(outcome: LayerImportOutcome, limit = 50): string[] {
  const lines = [`rows: ${outcome.counts.rows}, valid: ${outcome.counts.valid}, problems: ${outcome.counts.problems}, warnings: ${outcome.counts.warnings}`]
  const list = (label: string, items: LayerImportOutcome['problems']) => {
    for (const p of items.slice(0, limit)) lines.push(`${label} row ${p.row}${p.field ? `, ${p.field}` : ''}: ${p.message}`)
    if (items.length > limit) lines.push(`… and ${items.length - limit} more ${label}s`)
  }
  list('problem', outcome.problems)
  list('warning', outcome.warnings)
  if (outcome.dryRun) lines.push(`dry run: nothing was written; a load would create ${outcome.created} and update ${outcome.updated}`)
  else if (!outcome.dataset) lines.push('nothing was written: the file has problems')
  else {
    lines.push(`loaded as dataset ${outcome.dataset.id}, “${outcome.dataset.series}” v${outcome.dataset.version}: ${outcome.created} created, ${outcome.updated} updated`)
    if (outcome.replaces) lines.push(`replaced dataset ${outcome.replaces.id} (v${outcome.replaces.version}): ${outcome.archived} rows archived`)
  }
  return lines
}

async function resolveMapping(pool: pg.Pool, args: LayerImportArguments, bytes: Uint8Array, format: ImportFileFormat): Promise<ColumnMapping> {
  if (args.mapping === undefined) {
    const inspection = await inspectLayerFile(args.layer, format, args.crs, bytes)
    console.log(`columns: ${Object.entries(inspection.suggested).map(([field, header]) => `${field} ← ${header}`).join(', ') || 'none recognised'}`)
    return inspection.suggested
  }
  if (args.mapping.toLowerCase().endsWith('.json')) {
    try {
      return JSON.parse(await readFile(args.mapping, 'utf8')) as ColumnMapping
    } catch (error) {
      throw new LayerImportCommandError(`--mapping ${args.mapping}: ${error instanceof Error ? error.message : String(error)}`)
    }
  }
  const saved = await findMapping(pool, args.layer, args.mapping)
  if (!saved) throw new LayerImportCommandError(`there is no saved ${args.layer} mapping named "${args.mapping}"`)
  return saved.mapping
}

/** A problem with the command's arguments found once the database is open. */
export class LayerImportCommandError extends Error {}

/**
 * Runs `import <layer> <file>` for the command line: progress while it
 * works, counts and problems when done. Returns whether it succeeded (a
 * dry run or load without problems). Ctrl-C aborts; nothing is written.
 */
export async function runLayerImportCommand(pool: pg.Pool, actor: Actor, args: LayerImportArguments): Promise<boolean> {
  const format = importFileFormat(args.file)!
  const bytes = await readFile(args.file)
  const mapping = await resolveMapping(pool, args, bytes, format)
  const progress = createProgressPrinter(Boolean(process.stdout.isTTY))
  try {
    const outcome = await interruptibleByCtrlC((signal) =>
      importLayer(
        pool,
        actor,
        {
          layer: args.layer,
          format,
          crs: args.crs,
          mapping,
          dryRun: args.dryRun,
          series: args.series ?? null,
          replaces: args.replaces ?? null,
          fileName: path.basename(args.file),
          bytes,
        },
        { signal, onProgress: (p) => (p.phase === 'finished' ? undefined : progress.update(p.phase, p.total > 0 ? p.done / p.total : 1)) },
      ),
    )
    progress.stop()
    for (const line of describeLayerImport(outcome)) console.log(line)
    return outcome.problems.length === 0
  } catch (error) {
    progress.stop()
    throw error
  }
}
