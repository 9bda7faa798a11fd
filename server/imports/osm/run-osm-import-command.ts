import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type pg from 'pg'
import { createProgressPrinter, interruptibleByCtrlC } from '../progress-printer.ts'
import { importOsmFile, osmAttribution, type OsmImportResult } from './import-osm-file.ts'

const phaseLabel = { read: 'reading', load: 'loading' } as const

/** The figures of an import as lines for the terminal. */
export function describeOsmImport(result: OsmImportResult): string[] {
  const { counts, figures } = result
  const km = (m: number) => `${(m / 1000).toFixed(3)} km`
  const facilities = Object.entries(counts.facilities).map(([kind, n]) => `${kind} ${n}`).join(', ')
  return [
    `file: ${result.file}`,
    `read: ${counts.nodesRead} nodes, ${counts.waysRead} ways (${counts.highwayWays} with highway, ${counts.walkableWays} walkable, ${counts.closedToWalkers} closed to walkers by access tags)`,
    `walk network: ${figures.edgeCount} edges, ${km(figures.totalLengthM)}, ${figures.nodeCount} nodes, ${figures.componentCount} connected components`,
    `largest component: ${figures.largestComponent.edgeCount} edges, ${km(figures.largestComponent.lengthM)}, ${figures.largestComponent.nodeCount} nodes`,
    `missing node references: ${figures.missingNodeRefs}`,
    `points of interest: ${counts.pointsOfInterest}; facility kinds named by tags: ${facilities}`,
    `candidate compounds (closed ways): ${counts.compoundCandidates.residentialLanduse} landuse=residential, ${counts.compoundCandidates.buildings} buildings`,
    result.stored === undefined
      ? 'dry run: nothing was written'
      : `loaded as dataset ${result.stored.datasetId}, “${result.stored.series}” v${result.stored.version} (${osmAttribution})`,
    ...(result.stored?.replaced
      ? [`replaced dataset ${result.stored.replaced.id} (“${result.stored.replaced.series}” v${result.stored.replaced.version}): its ${result.stored.replaced.archivedEdges} edges are archived`]
      : []),
  ]
}

/**
 * Runs `import:osm` for the command line: progress while it works, the
 * figures when done. Ctrl-C (SIGINT) aborts the import; the transaction
 * rolls back and `ImportInterrupted` is thrown.
 */
export async function runOsmImportCommand(
  pool: pg.Pool | undefined,
  file: string,
  options: { dryRun: boolean; series?: string | undefined; replaces?: number | undefined; candidatesDir?: string | undefined },
): Promise<OsmImportResult> {
  const progress = createProgressPrinter(Boolean(process.stdout.isTTY))
  try {
    const result = await interruptibleByCtrlC((signal) =>
      importOsmFile(pool, file, { ...options, signal, onProgress: (p) => progress.update(phaseLabel[p.phase], p.fraction) }),
    )
    progress.stop()
    for (const line of describeOsmImport(result)) console.log(line)
    if (options.candidatesDir) for (const line of await writeCandidateFiles(result, options.candidatesDir)) console.log(line)
    return result
  } catch (error) {
    progress.stop()
    throw error
  }
}

/**
 * Writes the facilities and residential areas the file suggests as two
 * GeoJSON files in `dir`, named after the OSM file; returns what to tell
 * the user.
 */
async function writeCandidateFiles(result: OsmImportResult, dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true })
  const base = path.basename(result.file).replace(/\.osm(\.pbf)?$/i, '')
  const facilities = path.join(dir, `${base}-facilities.geojson`)
  const compounds = path.join(dir, `${base}-compounds.geojson`)
  await writeFile(facilities, JSON.stringify(result.candidates.facilities, null, 1))
  await writeFile(compounds, JSON.stringify(result.candidates.compounds, null, 1))
  return [
    `candidate facilities: ${result.candidates.facilities.features.length} in ${facilities} (check them, then: npm run cli -- import facilities ${facilities})`,
    `candidate compounds: ${result.candidates.compounds.features.length} in ${compounds} (fill in 户数, then: npm run cli -- import compounds ${compounds})`,
  ]
}
