import { stat } from 'node:fs/promises'
import path from 'node:path'
import type pg from 'pg'
import { buildWalkNetwork, type WalkNetworkFigures } from './build-walk-network.ts'
import { collectOsmExtract, type OsmContentCounts, type OsmFacilityCandidate } from './collect-osm-extract.ts'
import { osmCandidateFiles, type OsmCandidateFiles } from './osm-candidates.ts'
import { insertOsmWalkNetwork, type OsmStoredVersion } from './osm-import-repository.ts'
import { readOsmFile } from './read-osm-file.ts'

/** The attribution every OSM-derived dataset carries (ODbL 1.0 requires it). */
export const osmAttribution = '© OpenStreetMap contributors, ODbL 1.0'

/** How far an import has come: reading the file, then loading the edges; `fraction` runs 0…1 within a phase. */
export interface OsmImportProgress {
  phase: 'read' | 'load'
  fraction: number
}

export interface OsmImportOptions {
  /** Read, split and count only; nothing is written. */
  dryRun: boolean
  signal?: AbortSignal
  onProgress?: (progress: OsmImportProgress) => void
  batchSize?: number
  /** The series of the new version (default: "OpenStreetMap <file name>"). */
  series?: string | undefined
  /** The dataset whose network this import replaces. */
  replaces?: number | undefined
  /** Who imports, for the dataset's record. */
  importedBy?: string
}

export interface OsmImportResult {
  file: string
  counts: OsmContentCounts
  figures: WalkNetworkFigures
  /** Points of interest whose tags name a facility kind; reported, not loaded. */
  facilities: OsmFacilityCandidate[]
  /** Facilities and residential areas as GeoJSON for people to check and complete (see osm-candidates.ts). */
  candidates: OsmCandidateFiles
  /** The new dataset; undefined on a dry run. */
  datasetId: number | undefined
  /** The version stored and what it replaced; undefined on a dry run. */
  stored: OsmStoredVersion | undefined
}

/**
 * Imports the walk network of an OSM file (`.osm` or `.osm.pbf`) as a new
 * dataset version (source `openstreetmap:<file name>`, not synthetic, with
 * OSM's attribution), in one transaction, replacing the network of
 * `options.replaces` when given; a dry run reads and counts only.
 * Aborting the signal stops the import and leaves nothing written.
 */
export async function importOsmFile(pool: pg.Pool | undefined, file: string, options: OsmImportOptions): Promise<OsmImportResult> {
  const { size } = await stat(file)
  const onProgress = options.onProgress
  const extract = await collectOsmExtract(
    readOsmFile(file, (bytes) => onProgress?.({ phase: 'read', fraction: size > 0 ? Math.min(1, bytes / size) : 1 })),
    options.signal,
  )
  const network = buildWalkNetwork(extract)
  const { figures } = network
  const candidates = osmCandidateFiles(extract.nodes, extract.facilities, extract.residentialAreas)
  const base = { file, counts: extract.counts, figures, facilities: extract.facilities, candidates }
  if (options.dryRun) return { ...base, datasetId: undefined, stored: undefined }
  if (!pool) throw new Error('importOsmFile needs a database unless it is a dry run')
  const name = path.basename(file)
  const stored = await insertOsmWalkNetwork(
    pool,
    {
      name: `OpenStreetMap ${name}`,
      source: `openstreetmap:${name}`,
      description: `Walk network imported from ${name}: ${figures.edgeCount} edges, ${(figures.totalLengthM / 1000).toFixed(1)} km`,
      attribution: osmAttribution,
      series: options.series,
      replaces: options.replaces,
      fileName: name,
      importedBy: options.importedBy ?? 'command line',
    },
    network.edges(),
    {
      batchSize: options.batchSize,
      signal: options.signal,
      onBatch: (loaded) => onProgress?.({ phase: 'load', fraction: figures.edgeCount > 0 ? loaded / figures.edgeCount : 1 }),
    },
  )
  return { ...base, datasetId: stored.datasetId, stored }
}
