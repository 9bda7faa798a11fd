import type { Feature, FeatureCollection, Geometry } from 'geojson'
import type pg from 'pg'
import { appendAudit, type Actor } from '../../audit/audit-repository.ts'
import { readDivisionsExtent } from '../../boundaries/markers-repository.ts'
import { withTransaction } from '../../db/transaction.ts'
import { archiveLayer, findLatestOfSeries, insertDatasetVersion, lockReplaceTarget, nextVersionOf, type ReplaceTarget } from '../../datasets/datasets-repository.ts'
import type { CoordinateSystemId } from '../../geo/coordinate-systems.ts'
import { geometryPositions } from '../../geo/geometry-positions.ts'
import { geometryToWgs84 } from '../../geo/to-wgs84.ts'
import { reportPointsOutsideDistrict, type RowPositions } from '../../geo/report-points-outside-district.ts'
import { readFeatureTable, type FeatureTable } from '../read-feature-table.ts'
import { ESTIMATED_GATE_NAME, insertCompounds, insertFacilities, readDatasetDivisions, readFacilityKinds, readStoredDivisions, readStoredFeatureCodes, upsertDivisions } from './layer-import-repository.ts'
import type { ColumnMapping, ImportFileFormat, ImportProblem, LayerKind } from './layer-kinds.ts'
import { LAYER_FIELDS, checkColumnMapping, suggestColumnMapping } from './layer-fields.ts'
import { readLayerRows, type CompoundImportRow, type DivisionImportRow, type FacilityImportRow, type LayerImportRow } from './read-layer-rows.ts'

/** What to import, from which file, and into which dataset. */
export interface LayerImportRequest {
  layer: LayerKind
  format: ImportFileFormat
  /** The file's system, or null: a Shapefile's .prj then says, other files are WGS 84. */
  crs: CoordinateSystemId | null
  mapping: ColumnMapping
  dryRun: boolean
  /** The name of a new series; ignored when replacing. */
  series: string | null
  /** The dataset whose rows of this layer the import replaces, as that series' next version. */
  replaces: number | null
  fileName: string
  bytes: Uint8Array
}

/** How far an import has come: `done` of `total` within a phase. */
export interface LayerImportProgress {
  phase: 'reading' | 'checking' | 'storing' | 'finished'
  done: number
  total: number
}

export interface LayerImportOutcome {
  dryRun: boolean
  layer: LayerKind
  counts: { rows: number; valid: number; problems: number; warnings: number }
  problems: ImportProblem[]
  warnings: ImportProblem[]
  created: number
  updated: number
  archived: number
  dataset: { id: number; series: string; version: number } | null
  replaces: { id: number; series: string; version: number } | null
  preview: FeatureCollection
}

/** What a file holds, before any column is mapped: for the mapping step. */
export interface LayerFileInspection {
  layer: LayerKind
  format: ImportFileFormat
  headers: string[]
  sample: Record<string, string>[]
  rowCount: number
  hasGeometry: boolean
  geometryTypes: string[]
  prjCrs: string | null
  encoding: string | null
  suggested: ColumnMapping
  fields: { key: string; required: boolean; zh: string; en: string }[]
  problems: ImportProblem[]
}

/** Most features a preview carries. */
export const PREVIEW_LIMIT = 5000
/** Rows stored per INSERT. */
const BATCH_SIZE = 500
/** Most rows one file may have. */
export const MAX_LAYER_FILE_ROWS = 100_000

/** Reads a file's headers, a few rows and the suggested mapping; stores nothing. */
export async function inspectLayerFile(layer: LayerKind, format: ImportFileFormat, crs: CoordinateSystemId | null, bytes: Uint8Array): Promise<LayerFileInspection> {
  const table = await readFeatureTable(bytes, format, crs)
  const geometryTypes = [...new Set(table.rows.flatMap((r) => (r.geometry ? [r.geometry.type] : [])))]
  return {
    layer,
    format,
    headers: table.headers,
    sample: table.rows.slice(0, 5).map((r) => Object.fromEntries(table.headers.map((h) => [h, cellText(r.cells[h])]))),
    rowCount: table.rows.length,
    hasGeometry: geometryTypes.length > 0,
    geometryTypes,
    prjCrs: table.prjCrs ?? null,
    encoding: table.encoding,
    suggested: suggestColumnMapping(layer, table.headers),
    fields: LAYER_FIELDS[layer].map((f) => ({ key: f.key, required: f.required, zh: f.zh, en: f.en })),
    problems: table.problems.filter((p) => p.row === 0),
  }
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  return String(value)
}

/** Thrown inside the transaction to roll back a dry run or a refused file, carrying what it found. */
class Discarded {
  constructor(readonly outcome: LayerImportOutcome) {}
}

/**
 * Imports facilities, compounds or divisions from a file. Reads it through
 * the column mapping, checks every row (see read-layer-rows.ts) and then
 * against the database: codes stored in another dataset, community and
 * parent codes that do not exist, points outside the district, divisions of
 * the replaced version missing from the file. A dry run stores nothing; a
 * commit stores a new dataset version with every row in one transaction,
 * or nothing when any problem is found or the signal is aborted (the
 * abort's error is thrown). Replacing a dataset archives its rows of the
 * layer (datasets-repository.ts `archiveLayer`).
 */
export async function importLayer(
  pool: pg.Pool,
  actor: Actor,
  request: LayerImportRequest,
  options: { signal?: AbortSignal; onProgress?: (progress: LayerImportProgress) => void } = {},
): Promise<LayerImportOutcome> {
  const report = options.onProgress ?? (() => {})
  const { signal } = options
  report({ phase: 'reading', done: 0, total: 1 })
  const table = await readFeatureTable(request.bytes, request.format, request.crs)
  signal?.throwIfAborted()
  const crs = request.crs ?? table.prjCrs ?? 'wgs84'
  const hasGeometry = table.rows.some((r) => r.geometry !== null)
  const mappingProblems = checkColumnMapping(request.layer, request.mapping, table.headers, hasGeometry)
  report({ phase: 'reading', done: 1, total: 1 })
  try {
    return await withTransaction(pool, async (client) => {
      const kinds = await readFacilityKinds(client)
      const tooMany = table.rows.length > MAX_LAYER_FILE_ROWS
      const reading =
        mappingProblems.length > 0 || tooMany
          ? { rowCount: table.rows.length, rows: [] as LayerImportRow[], problems: [] as ImportProblem[], warnings: [] as ImportProblem[] }
          : readRows(request.layer, table, request.mapping, crs, kinds)
      const problems = [...table.problems, ...mappingProblems, ...reading.problems]
      if (tooMany) problems.push({ row: 0, field: '', message: `the file has ${table.rows.length} rows; at most ${MAX_LAYER_FILE_ROWS} can be imported at once, so split it` })
      const warnings = [...reading.warnings]
      report({ phase: 'checking', done: 0, total: reading.rows.length })

      let replaces: ReplaceTarget | null = null
      if (request.replaces !== null) {
        const target = await lockReplaceTarget(client, request.replaces, request.layer)
        if (typeof target === 'string') problems.push({ row: 0, field: 'replaces', message: target })
        else replaces = target
      }
      // A new version continues the series it replaces, unless that was a dataset of several layers (the demo).
      const series = replaces?.sameLayer ? replaces.series : request.series?.trim() || request.fileName || `${request.layer} import`
      if (request.replaces === null) {
        const taken = await findLatestOfSeries(client, series)
        if (taken) problems.push({ row: 0, field: 'series', message: `a dataset series “${series}” exists already (dataset ${taken.id}, v${taken.version}): import the file as its next version, or name a new series` })
      }
      const updating = await checkAgainstDatabase(client, request.layer, reading.rows, replaces, problems, warnings)
      signal?.throwIfAborted()
      report({ phase: 'checking', done: reading.rows.length, total: reading.rows.length })

      const problemRows = new Set(problems.map((p) => p.row))
      const valid = reading.rows.filter((r) => !problemRows.has(r.row))
      const base = {
        dryRun: request.dryRun,
        layer: request.layer,
        counts: { rows: table.rows.length, valid: valid.length, problems: problems.length, warnings: warnings.length },
        problems: problems.sort((a, b) => a.row - b.row),
        warnings: warnings.sort((a, b) => a.row - b.row),
        replaces: replaces && { id: replaces.id, series: replaces.series, version: replaces.version },
        preview: previewOf(request.layer, valid, table, problemRows, crs),
      }
      if (request.dryRun || problems.length > 0) {
        const refused = problems.length > 0 && !request.dryRun
        const updated = refused ? 0 : valid.filter((r) => 'code' in r && r.code !== null && updating.has(r.code)).length
        throw new Discarded({ ...base, created: refused ? 0 : valid.length - updated, updated, archived: 0, dataset: null })
      }

      const version = await nextVersionOf(client, series)
      const datasetId = await insertDatasetVersion(client, {
        name: replaces?.sameLayer ? replaces.name : series,
        series,
        version,
        layer: request.layer,
        source: `file:${request.fileName}`,
        description: `${valid.length} ${request.layer} imported from ${request.fileName || 'a file'}`,
        attribution: '',
        fileName: request.fileName,
        crs,
        importedBy: actor.name,
      })
      const archived = replaces ? await archiveLayer(client, replaces.id, request.layer, datasetId, actor.name) : 0
      const stored = await storeRows(client, datasetId, request.layer, valid, (done) => {
        signal?.throwIfAborted()
        report({ phase: 'storing', done, total: valid.length })
      })
      if (stored.estimatedGates > 0) {
        base.warnings.push({ row: 0, field: 'gates', message: `${stored.estimatedGates} compound(s) had no gates; each got one gate (“${ESTIMATED_GATE_NAME}”) where its outline is nearest the walk network` })
        base.counts.warnings = base.warnings.length
      }
      signal?.throwIfAborted()
      await appendAudit(client, actor, {
        entity: 'dataset',
        entityId: String(datasetId),
        action: replaces ? 'import-version' : 'import',
        before: replaces ? { datasetId: replaces.id, series: replaces.series, version: replaces.version, archived } : null,
        after: { datasetId, series, version, layer: request.layer, fileName: request.fileName, crs, created: stored.created, updated: stored.updated },
      })
      report({ phase: 'finished', done: valid.length, total: valid.length })
      return { ...base, created: stored.created, updated: stored.updated, archived, dataset: { id: datasetId, series, version } }
    })
  } catch (error) {
    if (error instanceof Discarded) {
      report({ phase: 'finished', done: error.outcome.counts.valid, total: error.outcome.counts.valid })
      return error.outcome
    }
    throw error
  }
}

function readRows(layer: LayerKind, table: FeatureTable, mapping: ColumnMapping, crs: CoordinateSystemId, kinds: Awaited<ReturnType<typeof readFacilityKinds>>) {
  if (layer === 'facilities') return readLayerRows('facilities', table, mapping, crs, kinds)
  if (layer === 'compounds') return readLayerRows('compounds', table, mapping, crs, kinds)
  return readLayerRows('divisions', table, mapping, crs, kinds)
}

async function storeRows(
  client: pg.PoolClient,
  datasetId: number,
  layer: LayerKind,
  rows: readonly LayerImportRow[],
  onBatch: (done: number) => void,
): Promise<{ created: number; updated: number; estimatedGates: number }> {
  if (layer === 'divisions') {
    const { created, updated } = await upsertDivisions(client, datasetId, rows as DivisionImportRow[])
    onBatch(rows.length)
    return { created, updated, estimatedGates: 0 }
  }
  let estimatedGates = 0
  for (let start = 0; start < rows.length; start += BATCH_SIZE) {
    const batch = rows.slice(start, start + BATCH_SIZE)
    if (layer === 'facilities') await insertFacilities(client, datasetId, batch as FacilityImportRow[])
    else estimatedGates += await insertCompounds(client, datasetId, batch as CompoundImportRow[])
    onBatch(start + batch.length)
  }
  return { created: rows.length, updated: 0, estimatedGates }
}

const describeVersion = (s: { series: string; version: number }) => `“${s.series}” v${s.version}`

/**
 * The checks that need the database, adding to `problems` and `warnings`;
 * returns the division codes that the import would update in place.
 */
async function checkAgainstDatabase(
  client: pg.PoolClient,
  layer: LayerKind,
  rows: readonly LayerImportRow[],
  replaces: ReplaceTarget | null,
  problems: ImportProblem[],
  warnings: ImportProblem[],
): Promise<Set<string>> {
  const add = (row: number, field: string, message: string) => problems.push({ row, field, message })
  if (layer === 'divisions') {
    const divisions = rows as DivisionImportRow[]
    const inFile = new Map(divisions.map((d) => [d.code, d]))
    const stored = new Map((await readStoredDivisions(client, [...new Set(divisions.flatMap((d) => [d.code, ...(d.parentCode ? [d.parentCode] : [])]))])).map((s) => [s.code, s]))
    for (const d of divisions) {
      const held = stored.get(d.code)
      if (held && held.datasetId !== replaces?.id) {
        add(d.row, 'code', `the division ${d.code} (${held.name}) is stored already, in ${describeVersion(held)}; import the file as a new version of that dataset`)
      }
      if (d.parentCode && !inFile.has(d.parentCode) && !stored.has(d.parentCode)) add(d.row, 'parentCode', `the parent division ${d.parentCode} is neither in the file nor stored`)
      const parentLevel = d.parentCode ? (inFile.get(d.parentCode)?.level ?? stored.get(d.parentCode)?.level) : undefined
      const expected = d.level === 'community' ? 'subdistrict' : d.level === 'subdistrict' ? 'district' : undefined
      if (parentLevel && expected && parentLevel !== expected) add(d.row, 'parentCode', `the parent ${d.parentCode} is a ${parentLevel}; a ${d.level}'s parent is a ${expected}`)
    }
    if (replaces) {
      for (const unit of await readDatasetDivisions(client, replaces.id)) {
        if (!inFile.has(unit.code)) {
          add(0, 'code', `${unit.name} (${unit.code}, ${unit.level}) is in ${describeVersion(replaces)} but not in the file; a unit is ended by recording its abolition or merger as a division change (界线 → 区划), not by leaving it out`)
        }
      }
    }
    const extent = await readDivisionsExtent(client)
    if (extent && !replaces) warnings.push(...outsideDistrict(divisions, extent))
    return new Set(divisions.filter((d) => stored.get(d.code)?.datasetId === replaces?.id && replaces !== null).map((d) => d.code))
  }
  const features = rows as (FacilityImportRow | CompoundImportRow)[]
  const codes = [...new Set(features.flatMap((f) => (f.code ? [f.code] : [])))]
  for (const held of await readStoredFeatureCodes(client, layer, codes)) {
    if (held.datasetId === replaces?.id) continue
    for (const f of features.filter((x) => x.code === held.code)) {
      add(f.row, 'code', `the code ${held.code} is stored already (${held.name}, in ${describeVersion(held)}); import the file as a new version of that dataset, or give the row another code`)
    }
  }
  const communityCodes = [...new Set(features.flatMap((f) => (f.communityCode ? [f.communityCode] : [])))]
  const communities = new Map((await readStoredDivisions(client, communityCodes)).map((s) => [s.code, s]))
  for (const f of features) {
    if (!f.communityCode) continue
    const unit = communities.get(f.communityCode)
    if (!unit) add(f.row, 'communityCode', `the community ${f.communityCode} is not stored; import the divisions first`)
    else if (unit.level !== 'community') add(f.row, 'communityCode', `${f.communityCode} (${unit.name}) is a ${unit.level}, not a community`)
  }
  const extent = await readDivisionsExtent(client)
  if (extent) problems.push(...outsideDistrict(features, extent))
  return new Set()
}

function outsideDistrict(rows: readonly LayerImportRow[], extent: [number, number, number, number]): ImportProblem[] {
  const positions: RowPositions[] = rows.map((r) =>
    'lng' in r ? { row: r.row, field: 'lng', positions: [[r.lng, r.lat]] } : { row: r.row, field: 'geometry', positions: geometryPositions(r.geometry) },
  )
  return reportPointsOutsideDistrict(positions, extent)
}

/**
 * The map preview of a run: the valid rows, and the rows with problems
 * whose geometry could be read and converted, at most
 * {@link PREVIEW_LIMIT} features.
 */
function previewOf(layer: LayerKind, valid: readonly LayerImportRow[], table: FeatureTable, problemRows: ReadonlySet<number>, crs: CoordinateSystemId): FeatureCollection {
  const features: Feature[] = []
  for (const r of valid) {
    if (features.length >= PREVIEW_LIMIT) break
    const geometry: Geometry = 'lng' in r ? { type: 'Point', coordinates: [r.lng, r.lat] } : r.geometry
    features.push({ type: 'Feature', geometry, properties: { row: r.row, name: r.name, problem: false, layer } })
  }
  for (const r of table.rows) {
    if (features.length >= PREVIEW_LIMIT) break
    if (!problemRows.has(r.row) || !r.geometry) continue
    const geometry = inWgs84(r.geometry, crs)
    if (geometry) features.push({ type: 'Feature', geometry, properties: { row: r.row, name: '', problem: true, layer } })
  }
  return { type: 'FeatureCollection', features }
}


/** A row's geometry in WGS 84, or null when it cannot be converted to finite longitudes and latitudes. */
function inWgs84(geometry: Geometry, crs: CoordinateSystemId): Geometry | null {
  try {
    const converted = geometryToWgs84(geometry, crs)
    const lngLat = geometryPositions(converted).every(([lng, lat]) => Math.abs(lng!) <= 180 && Math.abs(lat!) <= 90)
    return lngLat ? converted : null
  } catch {
    return null
  }
}
