import type pg from 'pg'
import { auditedChange } from '../audit/audited-change.ts'
import { appendAudit, type Actor } from '../audit/audit-repository.ts'
import { withTransaction, type Queryable } from '../db/transaction.ts'
import { describeProblems, validateGeometry } from '../geo/validate-geojson.ts'
import { HttpError } from '../plugins/problem-errors.ts'
import type { Line, LineCreateInput, LineSummary } from '../schemas/boundary-lines.ts'
import { FULL_BOUNDARY_VIEW } from './boundary-redaction.ts'
import { deriveLineCode, nameLine } from './line-code.ts'
import {
  checkLineGeometry,
  findLineIdByCode,
  insertLine,
  listAdjacentChildren,
  listLineCodes,
  listLineSidePairs,
  listLines,
  readDivisionNames,
  readLine,
  readSharedEdge,
  updateLine,
  type LineInput,
} from './lines-repository.ts'

/** Most positions a submitted line may have. */
export const MAX_LINE_POSITIONS = 100_000

/** Problems with a submitted line geometry as one message, or null when it is a well-formed LineString or MultiLineString. */
export function explainLineGeometry(geometry: unknown): string | null {
  const problems = validateGeometry(geometry, { allowedTypes: ['LineString', 'MultiLineString'], maxPositions: MAX_LINE_POSITIONS })
  return problems.length === 0 ? null : describeProblems(problems, 3)
}

/**
 * The stored fields of a line from a create or edit body: side names from
 * the divisions when not given, the geometry as given (source 'drawn') or
 * else the shared edge of the two divisions (source 'derived').
 * Throws HttpError 400 naming the field.
 */
async function lineInputOf(db: Queryable, body: Omit<LineCreateInput, never>, keepSource: LineInput['source'] | null): Promise<LineInput> {
  if (body.leftCode === body.rightCode) throw new HttpError(400, 'rightCode: a line separates two different divisions')
  const name = body.name.trim()
  if (name === '') throw new HttpError(400, 'name: must not be blank')
  if (body.validFrom && body.validTo && body.validTo <= body.validFrom) throw new HttpError(400, `validTo: ${body.validTo} is not after validFrom ${body.validFrom}`)
  const divisions = await readDivisionNames(db, [body.leftCode, body.rightCode])
  const sideName = (field: 'leftName' | 'rightName', code: string) => {
    const given = body[field]?.trim()
    if (given) return given
    const division = divisions.get(code)
    if (!division) throw new HttpError(400, `${field}: there is no division ${code} in force; give the side’s name`)
    return division.name
  }
  const leftName = sideName('leftName', body.leftCode)
  const rightName = sideName('rightName', body.rightCode)
  let geometry: unknown = body.geometry ?? null
  let source: LineInput['source'] = keepSource ?? 'drawn'
  if (geometry === null) {
    geometry = await readSharedEdge(db, body.leftCode, body.rightCode)
    if (geometry === undefined) throw new HttpError(400, `geometry: divisions ${body.leftCode} and ${body.rightCode} share no edge to derive the line from; give the geometry`)
    source = 'derived'
  } else {
    const problem = explainLineGeometry(geometry)
    if (problem) throw new HttpError(400, `geometry: ${problem}`)
    const invalid = await checkLineGeometry(db, geometry)
    if (invalid) throw new HttpError(400, `geometry: ${invalid}`)
    if (keepSource === null) source = 'drawn'
  }
  return {
    code: body.code,
    name,
    level: body.level,
    leftCode: body.leftCode,
    leftName,
    rightCode: body.rightCode,
    rightName,
    geometry,
    source,
    courseDescription: body.courseDescription ?? '',
    agreementNumber: (body.agreementNumber ?? '').trim(),
    agreementDate: body.agreementDate ?? null,
    agreementParties: (body.agreementParties ?? []).map((p) => p.trim()).filter((p) => p !== ''),
    validFrom: body.validFrom ?? null,
    validTo: body.validTo ?? null,
    inspectionCycleYears: body.inspectionCycleYears ?? 5,
    note: body.note ?? '',
  }
}

async function refuseTakenCode(db: Queryable, code: string, exceptId: number | null): Promise<void> {
  const holder = await findLineIdByCode(db, code)
  if (holder !== undefined && holder !== exceptId) throw new HttpError(400, `code: line ${holder} already has the code ${code}`)
}

/** Records a line (audited as 'boundary-line' create). */
export async function createLine(pool: pg.Pool, actor: Actor, body: LineCreateInput): Promise<Line> {
  return auditedChange(pool, actor, async (tx) => {
    await refuseTakenCode(tx, body.code, null)
    const id = await insertLine(tx, await lineInputOf(tx, body, null))
    const line = (await readLine(tx, id, FULL_BOUNDARY_VIEW))!
    return { result: line, audit: { entity: 'boundary-line', entityId: id, action: 'create', before: null, after: line } }
  })
}

/**
 * Edits a line if it is still at `version`. A line whose geometry is left
 * out is re-derived from its sides (source 'derived'); a given geometry
 * keeps an imported line 'imported' and makes any other 'drawn'.
 */
export async function editLine(pool: pg.Pool, actor: Actor, id: number, version: number, body: LineCreateInput): Promise<{ line: Line } | { stale: Line } | 'missing'> {
  return auditedChange(pool, actor, async (tx) => {
    const before = await readLine(tx, id, FULL_BOUNDARY_VIEW)
    if (!before) return { result: 'missing' as const, audit: null }
    await refuseTakenCode(tx, body.code, id)
    const keep = body.geometry && before.source === 'imported' ? 'imported' : null
    const result = await updateLine(tx, id, version, await lineInputOf(tx, body, keep), FULL_BOUNDARY_VIEW)
    const audit = result !== 'missing' && 'line' in result ? { entity: 'boundary-line', entityId: id, action: 'update', before, after: result.line } : null
    return { result, audit }
  })
}

/** What deriving lines did: the lines made, and the adjacent pairs left alone with why. */
export interface DeriveOutcome {
  created: LineSummary[]
  skipped: { leftCode: string; rightCode: string; reason: string }[]
}

/**
 * Derives, in one transaction, a line for every pair of adjacent children
 * of `parentCode` from the edge they share, named "甲—乙线" in code order,
 * coded by {@link deriveLineCode}, source 'derived'. Pairs that already
 * have a line (either way round) are skipped and listed. Each line made is
 * audited.
 */
export function deriveLines(pool: pg.Pool, actor: Actor, parentCode: string, level: string): Promise<DeriveOutcome> {
  return withTransaction(pool, (tx) => deriveLinesWithin(tx, parentCode, level, null, actor))
}

/**
 * {@link deriveLines} inside the caller's transaction.
 *
 * @param datasetId the dataset the lines belong to (the demo); null for staff
 * @param actor who derived them, for the audit trail; null for a dataset's own load (the demo), which is not audited
 */
export async function deriveLinesWithin(tx: Queryable, parentCode: string, level: string, datasetId: number | null, actor: Actor | null): Promise<DeriveOutcome> {
  const parent = (await readDivisionNames(tx, [parentCode])).get(parentCode)
  if (!parent) throw new HttpError(400, `parentCode: there is no division ${parentCode} in force`)
  const pairs = await listAdjacentChildren(tx, parentCode)
  const existing = await listLineSidePairs(tx)
  const codes = await listLineCodes(tx)
  const outcome: DeriveOutcome = { created: [], skipped: [] }
  const madeIds: number[] = []
  for (const pair of pairs) {
    if (existing.has(`${pair.leftCode}|${pair.rightCode}`)) {
      outcome.skipped.push({ leftCode: pair.leftCode, rightCode: pair.rightCode, reason: 'a line between these divisions already exists' })
      continue
    }
    const code = deriveLineCode(pair.leftCode, pair.rightCode, pair.level, (c) => codes.has(c))
    if (code === null) {
      outcome.skipped.push({ leftCode: pair.leftCode, rightCode: pair.rightCode, reason: 'no free line code for this pair' })
      continue
    }
    codes.add(code)
    const left = { code: pair.leftCode, name: pair.leftName }
    const right = { code: pair.rightCode, name: pair.rightName }
    const id = await insertLine(
      tx,
      {
        code,
        name: nameLine([left, right]),
        level,
        leftCode: pair.leftCode,
        leftName: pair.leftName,
        rightCode: pair.rightCode,
        rightName: pair.rightName,
        geometry: pair.geometry,
        source: 'derived',
        courseDescription: '',
        agreementNumber: '',
        agreementDate: null,
        agreementParties: [],
        validFrom: null,
        validTo: null,
        inspectionCycleYears: 5,
        note: '',
      },
      datasetId,
    )
    madeIds.push(id)
    const line = (await readLine(tx, id, FULL_BOUNDARY_VIEW))!
    if (actor) await appendAudit(tx, actor, { entity: 'boundary-line', entityId: id, action: 'derive', before: null, after: line })
  }
  const made = new Set(madeIds)
  outcome.created = (await listLines(tx, {})).filter((line) => made.has(line.id))
  return outcome
}
