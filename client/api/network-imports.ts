import type { Static } from 'typebox'
import type { NetworkImportOutcomeSchema, NetworkImportQuerySchema } from '../../server/schemas/layer-imports.ts'
import { withQuery } from './http.ts'
import { importJobEndpoint, uploadImportFile, type ImportJobOf } from './import-jobs.ts'

/**
 * What a walk network import from an OpenStreetMap file found, and (unless a
 * dry run) stored: the network's figures, what the file held, the facilities
 * and residential areas it names, the version stored and the one replaced.
 */
export type NetworkImportOutcome = Static<typeof NetworkImportOutcomeSchema>

/** A network import running on the server; `total` is 1000, `done` its progress in per mille. */
export type NetworkImportJob = ImportJobOf<NetworkImportOutcome>

/** What a network import is sent with besides the file: the series is left out when `replaces` is given. */
export type NetworkImportParams = Static<typeof NetworkImportQuerySchema>

/** The extensions the file picker offers (a browser matches only the last one, so `.pbf` stands for `.osm.pbf`). */
export const OSM_FILE_EXTENSIONS = ['.osm', '.pbf'] as const

/** Whether a file name ends `.osm` or `.osm.pbf`, the OpenStreetMap files the server reads. */
export function isOsmFileName(fileName: string): boolean {
  return /\.osm(\.pbf)?$/i.test(fileName)
}

/** The series a new network import gets by default, as the server names it. */
export function osmSeriesName(fileName: string): string {
  return `OpenStreetMap ${fileName}`
}

/** Uploads an .osm or .osm.pbf file to start a network import job; see {@link uploadImportFile}. */
export function startNetworkImport(
  file: File,
  params: NetworkImportParams,
  onprogress: (sent: number, total: number) => void,
  signal: AbortSignal,
): Promise<NetworkImportJob> {
  const path = withQuery('/api/network-imports', {
    fileName: params.fileName,
    dryRun: params.dryRun,
    series: params.replaces === undefined ? params.series : undefined,
    replaces: params.replaces,
  })
  return uploadImportFile<NetworkImportOutcome>(path, file, 'application/octet-stream', onprogress, signal)
}

/** Polls and cancels network import jobs. */
export const networkImportJobs = importJobEndpoint<NetworkImportOutcome>('/api/network-imports')
