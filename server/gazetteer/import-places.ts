import type pg from 'pg'
import { geometryPositions } from '../geo/geometry-positions.ts'
import type { Actor } from '../audit/audit-repository.ts'
import { appendAudit } from '../audit/audit-repository.ts'
import { withTransaction, type Queryable } from '../db/transaction.ts'
import type { Geometry, Position } from 'geojson'
import { readDivisionsExtent } from '../boundaries/markers-repository.ts'
import type { CoordinateSystemId } from '../geo/coordinate-systems.ts'
import { reportPointsOutsideDistrict } from '../geo/report-points-outside-district.ts'
import { normalizeName } from './normalize-name.ts'
import type { PlaceColumnMapping } from './place-column-mapping.ts'
import { readPlaceFile, type PlaceFileFormat, type PlaceFileProblem, type PlaceFileRow } from './read-place-table.ts'
import { analyzePlaces, findPlacesByCodes, findPlacesByNames, readPlace } from './places-repository.ts'
import { PlaceFieldsError, savePlace } from './places-service.ts'

export interface ImportRequest {
  bytes: Uint8Array
  format: PlaceFileFormat
  /** The system the request names; null to take a Shapefile's .prj, else WGS 84. */
  coordinateSystem: CoordinateSystemId | null
  /** Place column key → the file's header that fills it; null to recognise the headers by name alone. */
  mapping: PlaceColumnMapping | null
  filename: string
  dryRun: boolean
}

/** What an import did, or, on a dry run, would do. */
export interface ImportOutcome {
  dryRun: boolean
  /** True when the file can be loaded (dry run) or was loaded. */
  ok: boolean
  encoding: string | null
  /** The system the coordinates were read in: the one named, else a Shapefile's .prj's, else WGS 84. */
  coordinateSystem: CoordinateSystemId
  rows: number
  /** Rows that make new records. */
  created: number
  /** Rows whose place code names an existing record, which they update. */
  updated: number
  problems: PlaceFileProblem[]
  /**
   * Columns not read (row 0), and rows with a point more than a kilometre
   * outside the stored divisions ('lng' for a point of the lng/lat columns,
   * 'geometry' otherwise): a wrong coordinate system, or a place beyond the
   * district. Listed on a dry run and a load; they do not make the file
   * refused.
   */
  warnings: PlaceFileProblem[]
  /** The first rows as read, for a preview. */
  preview: { row: number; placeCode: string | null; standardName: string; category: string; divisionCodes: string[]; action: 'create' | 'update' }[]
}

const PREVIEW_ROWS = 20

/**
 * Reads an import file and checks it against the gazetteer: every problem by
 * row and field, from the file (see readPlaceFile) and from what is stored
 * (a row repeating a stored name in the same division without the record's
 * place code). A dry run stops there. Otherwise the rows are loaded in one
 * transaction, all or nothing: rows with a stored place code update that
 * record, the others make new ones, each saved as a version marked 'import'.
 */
export async function importPlaces(pool: pg.Pool, actor: Actor, request: ImportRequest): Promise<ImportOutcome> {
  const reading = await readPlaceFile(request.bytes, request.format, { coordinateSystem: request.coordinateSystem, mapping: request.mapping })
  const problems = [...reading.problems]
  const existingByCode = await findPlacesByCodes(pool, reading.rows.flatMap((r) => (r.placeCode ? [r.placeCode] : [])))
  const plans = reading.rows.map((row) => ({ row, existing: row.placeCode ? existingByCode.get(row.placeCode) : undefined }))
  problems.push(...(await findStoredDuplicates(pool, plans.filter((p) => !p.existing).map((p) => p.row))))
  problems.sort((a, b) => a.row - b.row)

  const outcome: ImportOutcome = {
    dryRun: request.dryRun,
    ok: problems.length === 0 && reading.rows.length > 0,
    encoding: reading.encoding,
    coordinateSystem: reading.coordinateSystem,
    rows: reading.rows.length,
    created: plans.filter((p) => !p.existing).length,
    updated: plans.filter((p) => p.existing).length,
    problems,
    warnings: [...reading.warnings, ...(await findRowsOutsideDistrict(pool, reading.rows, request.format))],
    preview: plans.slice(0, PREVIEW_ROWS).map(({ row, existing }) => ({
      row: row.row,
      placeCode: row.placeCode,
      standardName: row.fields.standardName,
      category: row.fields.category,
      divisionCodes: row.fields.divisionCodes,
      action: existing ? 'update' : 'create',
    })),
  }
  if (request.dryRun || !outcome.ok) return outcome

  await withTransaction(pool, async (tx) => {
    for (const { row, existing } of plans) {
      try {
        await saveRow(tx, actor, row, existing)
      } catch (error) {
        if (error instanceof PlaceFieldsError) {
          throw new PlaceFieldsError(error.problems.map((p) => ({ field: `row ${row.row}: ${p.field}`, message: p.message })))
        }
        throw error
      }
    }
    await appendAudit(tx, actor, {
      entity: 'gazetteer-import',
      entityId: request.filename,
      action: 'import',
      before: null,
      after: {
        filename: request.filename,
        format: request.format,
        coordinateSystem: outcome.coordinateSystem,
        ...(request.mapping === null ? {} : { mapping: request.mapping }),
        rows: outcome.rows,
        created: outcome.created,
        updated: outcome.updated,
      },
    })
  })
  await analyzePlaces(pool)
  return outcome
}

async function saveRow(tx: Queryable, actor: Actor, row: PlaceFileRow, existingId: number | undefined): Promise<void> {
  if (existingId === undefined) {
    await savePlace(tx, actor, null, row.fields, { change: 'import', placeCode: row.placeCode })
    return
  }
  const existing = (await readPlace(tx, existingId))!
  const saved = await savePlace(tx, actor, existing, row.fields, { change: 'import' })
  if (saved === 'stale') throw new Error(`place ${existingId} changed during the import`)
}

/** Rows whose converted geometry reaches more than the margin outside the divisions ('lng' for a point from the lng/lat columns); none when no divisions are stored. */
async function findRowsOutsideDistrict(db: Queryable, rows: PlaceFileRow[], format: PlaceFileFormat): Promise<PlaceFileProblem[]> {
  const extent = await readDivisionsExtent(db)
  if (!extent) return []
  return reportPointsOutsideDistrict(
    rows.map((r) => ({
      row: r.row,
      field: (format === 'csv' || format === 'xlsx') && r.fields.geometry?.type === 'Point' ? 'lng' : 'geometry',
      positions: r.fields.geometry ? geometryPositions(r.fields.geometry) : [],
    })),
    extent,
  )
}

/** Rows that would make a second record of a stored name in the same first division. */
async function findStoredDuplicates(db: Queryable, rows: PlaceFileRow[]): Promise<PlaceFileProblem[]> {
  const stored = await findPlacesByNames(db, [...new Set(rows.map((r) => normalizeName(r.fields.standardName)).filter((n) => n !== ''))])
  const problems: PlaceFileProblem[] = []
  for (const row of rows) {
    const name = normalizeName(row.fields.standardName)
    const division = row.fields.divisionCodes[0] ?? null
    const clash = stored.find((s) => s.standardName === name && s.status !== 'deprecated' && (division === null || s.divisionCodes.includes(division)))
    if (!clash) continue
    const where = division ? ` in division ${division}` : ''
    problems.push({
      row: row.row,
      field: 'standardName',
      message: `"${row.fields.standardName}"${where} is already recorded as place ${clash.id}${clash.placeCode ? ` (code ${clash.placeCode}); give that code to update it` : '; give its place code to update it instead of adding a second record'}`,
      value: row.fields.standardName,
    })
  }
  return problems
}
