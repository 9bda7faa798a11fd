import cliProgress from 'cli-progress'
import type pg from 'pg'
import { importOsmFile, osmAttribution, type OsmImportProgress, type OsmImportResult } from './import-osm-file.ts'

/** Thrown when the user interrupts an import; nothing has been written. */
export class OsmImportInterrupted extends Error {}

const phaseLabel = { read: 'reading', load: 'loading' } as const

/**
 * Progress for the command line: a bar on a terminal (`cli-progress`),
 * otherwise a plain line at every 10 % of each phase.
 */
function createProgressPrinter(tty: boolean): { update(progress: OsmImportProgress): void; stop(): void } {
  if (tty) {
    const bar = new cliProgress.SingleBar({ format: '{phase} [{bar}] {percentage}%', hideCursor: true }, cliProgress.Presets.shades_classic)
    let started = false
    return {
      update({ phase, fraction }) {
        if (!started) bar.start(100, 0, { phase: phaseLabel[phase] })
        started = true
        bar.update(Math.round(fraction * 100), { phase: phaseLabel[phase] })
      },
      stop: () => bar.stop(),
    }
  }
  const printed = { read: -1, load: -1 }
  return {
    update({ phase, fraction }) {
      const step = Math.floor(fraction * 10) * 10
      if (step <= printed[phase]) return
      printed[phase] = step
      console.log(`${phaseLabel[phase]} ${step}%`)
    },
    stop: () => {},
  }
}

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
    result.datasetId === undefined ? 'dry run: nothing was written' : `loaded as dataset ${result.datasetId} (${osmAttribution})`,
  ]
}

/**
 * Runs `import:osm` for the command line: progress while it works, the
 * figures when done. Ctrl-C (SIGINT) aborts the import; the transaction
 * rolls back and `OsmImportInterrupted` is thrown.
 */
export async function runOsmImportCommand(pool: pg.Pool | undefined, file: string, dryRun: boolean): Promise<OsmImportResult> {
  const controller = new AbortController()
  const interrupt = () => controller.abort(new OsmImportInterrupted('import interrupted: nothing was written'))
  process.on('SIGINT', interrupt)
  const progress = createProgressPrinter(Boolean(process.stdout.isTTY))
  try {
    const result = await importOsmFile(pool, file, { dryRun, signal: controller.signal, onProgress: (p) => progress.update(p) })
    progress.stop()
    for (const line of describeOsmImport(result)) console.log(line)
    return result
  } catch (error) {
    progress.stop()
    if (controller.signal.aborted) throw controller.signal.reason
    throw error
  } finally {
    process.off('SIGINT', interrupt)
  }
}
