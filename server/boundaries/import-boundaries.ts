import type { Position } from 'geojson'
import type pg from 'pg'
import { auditedChange } from '../audit/audited-change.ts'
import { appendAudit, type Actor } from '../audit/audit-repository.ts'
import type { CoordinateSystemId } from '../geo/coordinate-systems.ts'
import { reportPointsOutsideDistrict } from '../geo/report-points-outside-district.ts'
import type { BoundaryImportOutcome } from '../schemas/boundary-markers.ts'
import { FULL_BOUNDARY_VIEW } from './boundary-redaction.ts'
import { checkLineGeometry, findLineIdByCode, insertLine, listLineCodeIds, readDivisionNames, readLine, updateLine, type LineInput } from './lines-repository.ts'
import { explainMixedSequence, formatMarkerNumber, type MarkerTypeCode } from './marker-number.ts'
import { insertMarker, insertMarkerCondition, listMarkerNumbers, readDivisionsExtent, readMarker } from './markers-repository.ts'
import { readBoundaryFile, type BoundaryFileFormat, type BoundaryFileProblem, type LineFileRow, type MarkerFileRow } from './read-boundary-file.ts'
import { todayInChina } from '../calendar-date.ts'

/** What to import and how. */
export interface BoundaryImportRequest {
  kind: 'lines' | 'markers'
  format: BoundaryFileFormat
  /** The caller's system, or null: a Shapefile's .prj then says, and other files are WGS 84. */
  crs: CoordinateSystemId | null
  dryRun: boolean
  bytes: Uint8Array
}

/**
 * Imports boundary lines or markers. A dry run stores nothing and lists
 * every problem by row and field; a commit stores every row in one
 * transaction, or nothing when any problem is found (the outcome then has
 * the problems and zero counts). Lines whose code is stored already update
 * that line (source 'imported'); markers must be new (a number already
 * stored is a problem) and get their first condition from the import.
 * Each row stored is audited ('boundary-line' / 'boundary-marker').
 */
export async function importBoundaries(pool: pg.Pool, actor: Actor, request: BoundaryImportRequest): Promise<BoundaryImportOutcome> {
  try {
    return await auditedChange(pool, actor, async (tx) => {
      const outcome = request.kind === 'lines' ? await importLines(tx, actor, request) : await importMarkers(tx, actor, request)
      if (outcome.problems.length > 0 || request.dryRun) throw new Discarded(outcome)
      return { result: outcome, audit: null }
    })
  } catch (error) {
    if (error instanceof Discarded) return error.outcome
    throw error
  }
}

/** Thrown to roll back a dry run or a refused file, carrying what it found. */
class Discarded {
  constructor(readonly outcome: BoundaryImportOutcome) {}
}

function outcomeOf(request: BoundaryImportRequest, rowCount: number, validRows: number, problems: BoundaryFileProblem[], stored: { created: number; updated: number }): BoundaryImportOutcome {
  problems.sort((a, b) => a.row - b.row)
  const committed = !request.dryRun && problems.length === 0
  return {
    dryRun: request.dryRun,
    counts: { rows: rowCount, valid: validRows, problems: problems.length },
    problems,
    created: committed || request.dryRun ? stored.created : 0,
    updated: committed || request.dryRun ? stored.updated : 0,
  }
}

async function importLines(tx: pg.PoolClient, actor: Actor, request: BoundaryImportRequest): Promise<BoundaryImportOutcome> {
  const reading = await readBoundaryFile(request.bytes, request.format, 'lines', request.crs)
  const problems = [...reading.problems]
  const firstRowOfCode = new Map<string, number>()
  const ready: { row: LineFileRow; input: LineInput; existingId: number | undefined }[] = []
  const divisions = await readDivisionNames(tx, [...new Set(reading.rows.flatMap((r) => [r.leftCode, r.rightCode]))])
  const extent = await readDivisionsExtent(tx)
  const outside = new Map(
    (extent ? reportPointsOutsideDistrict(reading.rows.map((r) => ({ row: r.row, field: 'geometry', positions: linePositions(r.geometry) })), extent) : []).map((p) => [p.row, p]),
  )
  for (const row of reading.rows) {
    const add = (field: string, message: string) => problems.push({ row: row.row, field, message })
    const first = firstRowOfCode.get(row.code)
    if (first !== undefined) add('code', `the code ${row.code} is also on row ${first}`)
    else firstRowOfCode.set(row.code, row.row)
    const leftName = row.leftName || divisions.get(row.leftCode)?.name
    const rightName = row.rightName || divisions.get(row.rightCode)?.name
    if (!leftName) add('leftName', `no division ${row.leftCode} is in force; give the side’s name`)
    if (!rightName) add('rightName', `no division ${row.rightCode} is in force; give the side’s name`)
    const invalid = await checkLineGeometry(tx, row.geometry)
    if (invalid) add('geometry', invalid)
    const far = outside.get(row.row)
    if (far) add(far.field, far.message)
    if (first !== undefined || !leftName || !rightName || invalid || far) continue
    const { row: _row, ...fields } = row
    ready.push({ row, existingId: await findLineIdByCode(tx, row.code), input: { ...fields, leftName, rightName, source: 'imported', agreementParties: [] } })
  }
  const stored = { created: 0, updated: 0 }
  for (const { input, existingId } of ready) {
    if (existingId === undefined) {
      const id = await insertLine(tx, input)
      stored.created++
      await appendAudit(tx, actor, { entity: 'boundary-line', entityId: id, action: 'import', before: null, after: await readLine(tx, id, FULL_BOUNDARY_VIEW) })
    } else {
      const before = (await readLine(tx, existingId, FULL_BOUNDARY_VIEW))!
      const keepParties = { ...input, agreementParties: before.agreementParties }
      const result = await updateLine(tx, existingId, before.version, keepParties, FULL_BOUNDARY_VIEW)
      stored.updated++
      if (result !== 'missing' && 'line' in result) await appendAudit(tx, actor, { entity: 'boundary-line', entityId: existingId, action: 'import', before, after: result.line })
    }
  }
  return outcomeOf(request, reading.rowCount, ready.length, problems, stored)
}

async function importMarkers(tx: pg.PoolClient, actor: Actor, request: BoundaryImportRequest): Promise<BoundaryImportOutcome> {
  const reading = await readBoundaryFile(request.bytes, request.format, 'markers', request.crs)
  const problems = [...reading.problems]
  const lineIds = await listLineCodeIds(tx)
  const extent = await readDivisionsExtent(tx)
  const stored = new Set((await listMarkerNumbers(tx)).map((m) => formatMarkerNumber(m.lineCode, m.sequence, m.typeCode as MarkerTypeCode)))
  const typesAt = new Map<string, MarkerTypeCode[]>()
  for (const m of await listMarkerNumbers(tx)) {
    const key = `${m.lineCode}|${m.sequence}`
    typesAt.set(key, [...(typesAt.get(key) ?? []), m.typeCode as MarkerTypeCode])
  }
  const pointField = request.format === 'geojson' || request.format === 'shapefile' ? 'geometry' : 'lng'
  const outside = new Map(
    (extent ? reportPointsOutsideDistrict(reading.rows.map((r) => ({ row: r.row, field: pointField, positions: [[r.lng, r.lat]] })), extent) : []).map((p) => [p.row, p]),
  )
  const firstRowOfNumber = new Map<string, number>()
  const ready: { row: MarkerFileRow; lineId: number }[] = []
  for (const row of reading.rows) {
    const add = (field: string, message: string) => problems.push({ row: row.row, field, message })
    const number = formatMarkerNumber(row.lineCode, row.sequence, row.typeCode)
    const before = problems.length
    const lineId = lineIds.get(row.lineCode)
    if (lineId === undefined) add('lineCode', `there is no boundary line with the code ${row.lineCode}; import or record the line first`)
    const first = firstRowOfNumber.get(number)
    if (first !== undefined) add('number', `the number ${number} is also on row ${first}`)
    else firstRowOfNumber.set(number, row.row)
    if (stored.has(number)) add('number', `a marker ${number} is already stored`)
    else if (first === undefined) {
      const key = `${row.lineCode}|${row.sequence}`
      const types = [...(typesAt.get(key) ?? []), row.typeCode]
      const mixed = explainMixedSequence(types, row.sequence)
      if (mixed) add('typeCode', mixed)
      else typesAt.set(key, types)
    }
    if (!extent) add(pointField, 'there are no divisions to check the position against; load the district first')
    const far = outside.get(row.row)
    if (far) add(far.field, far.message)
    if (problems.length === before && lineId !== undefined) ready.push({ row, lineId })
  }
  const today = todayInChina()
  let created = 0
  for (const { row, lineId } of ready) {
    const { row: _row, lineCode: _lineCode, ...input } = row
    const id = await insertMarker(tx, lineId, input)
    await insertMarkerCondition(tx, { markerId: id, condition: input.condition, observedOn: input.setOn ?? today, source: 'import', note: '', recordedBy: actor.name })
    await appendAudit(tx, actor, { entity: 'boundary-marker', entityId: id, action: 'import', before: null, after: await readMarker(tx, id, FULL_BOUNDARY_VIEW) })
    created++
  }
  return outcomeOf(request, reading.rowCount, ready.length, problems, { created, updated: 0 })
}

function linePositions(geometry: LineFileRow['geometry']): Position[] {
  if (geometry.type === 'LineString') return geometry.coordinates
  if (geometry.type === 'MultiLineString') return geometry.coordinates.flat()
  return []
}
