import type { Actor, AuditEvent } from '../audit/audit-repository.ts'
import type { Queryable } from '../db/transaction.ts'
import { GazetteerError } from './gazetteer-errors.ts'
import { findSimilarNames, type NameSimilarityReason } from './name-similarity.ts'
import { extractCountyCode, extractTownshipCode, formatPlaceCode, formatSequence, parsePlaceCode } from './place-code.ts'
import type { FieldProblem, PlaceFields, PlaceRecord } from './place-record.ts'
import type { PlaceSearch } from './place-search.ts'
import {
  findDivisionCodesFor,
  insertPlace,
  insertPlaceVersion,
  isPlaceCodeTaken,
  lockGazetteer,
  nextPlaceCodeSequence,
  readPlace,
  updatePlace,
  type PlaceChange,
} from './places-repository.ts'
import { validatePlaceFields } from './validate-place-fields.ts'

/** The fields are not acceptable (400); each problem names its field. */
export class PlaceFieldsError extends GazetteerError {
  readonly problems: FieldProblem[]
  constructor(problems: FieldProblem[]) {
    super(400, problems.map((p) => `${p.field}: ${p.message}`).join('; '), { problems })
    this.name = 'PlaceFieldsError'
    this.problems = problems
  }
}

const SEQUENCE_MAX = 999_999

const lineEnds = (text: string) => text.replace(/\r\n?/g, '\n')

/** Trims the names staff typed and writes line ends as \n, so stored records carry no stray spaces and round-trip through spreadsheets. */
export function tidyPlaceFields(fields: PlaceFields): PlaceFields {
  return {
    ...fields,
    meaning: lineEnds(fields.meaning),
    history: lineEnds(fields.history),
    description: lineEnds(fields.description),
    sources: lineEnds(fields.sources),
    standardName: fields.standardName.trim(),
    specificPart: fields.specificPart.trim(),
    genericPart: fields.genericPart.trim(),
    romanization: fields.romanization.trim().replace(/\s+/g, ' '),
    featureType: fields.featureType.trim(),
    divisionCodes: [...new Set(fields.divisionCodes.map((c) => c.trim()))],
    altNames: fields.altNames.map((a) => ({ ...a, name: a.name.trim(), romanization: a.romanization.trim() })),
  }
}

/**
 * The 20-digit code for a record: the one it has, or a new one when its
 * category code and first division are known (county + township + category
 * + the next free sequence); null otherwise. The caller holds the lock.
 */
async function choosePlaceCode(db: Queryable, fields: PlaceFields, current: string | null): Promise<string | null> {
  if (current) return current
  const division = fields.divisionCodes[0]
  if (!fields.categoryCode || !division) return null
  const prefix = `${extractCountyCode(division)}${extractTownshipCode(division)}${fields.categoryCode}`
  const next = await nextPlaceCodeSequence(db, prefix)
  if (next > SEQUENCE_MAX) return null
  return formatPlaceCode({ countyCode: extractCountyCode(division), townshipCode: extractTownshipCode(division), categoryCode: fields.categoryCode, sequence: formatSequence(next) })
}

export interface SaveOptions {
  change: PlaceChange
  caseId?: number | null
  /** A code carried by an import; checked and kept when valid and free. */
  placeCode?: string | null
  datasetId?: number | null
}

/**
 * Validates and stores a record (a new one when `existing` is null), keeps
 * the saved state as a version and returns it with its audit entry. Runs
 * inside the caller's transaction, which must hold nothing else of the
 * gazetteer's; it takes the gazetteer lock. Returns 'stale' when `existing`
 * is no longer at `expectedVersion`.
 */
export async function savePlace(
  tx: Queryable,
  actor: Actor,
  existing: { id: number; version: number; placeCode: string | null } | null,
  input: PlaceFields,
  options: SaveOptions,
): Promise<{ record: PlaceRecord; audit: AuditEvent } | 'stale'> {
  const fields = tidyPlaceFields(input)
  const problems = validatePlaceFields(fields)
  if (problems.length > 0) throw new PlaceFieldsError(problems)
  await lockGazetteer(tx)
  if (fields.divisionCodes.length === 0 && fields.geometry) fields.divisionCodes = await findDivisionCodesFor(tx, JSON.stringify(fields.geometry))

  let givenCode = options.placeCode ?? null
  if (givenCode) {
    const parsed = parsePlaceCode(givenCode)
    if (!parsed.ok) throw new PlaceFieldsError(parsed.problems.map((p) => ({ field: 'placeCode', message: `${p.part}: ${p.message}` })))
    if (await isPlaceCodeTaken(tx, givenCode, existing?.id ?? null)) throw new PlaceFieldsError([{ field: 'placeCode', message: `place code ${givenCode} belongs to another record` }])
  }
  const placeCode = await choosePlaceCode(tx, fields, givenCode ?? existing?.placeCode ?? null)

  let id: number
  if (existing) {
    if (!(await updatePlace(tx, existing.id, existing.version, fields, placeCode))) return 'stale'
    id = existing.id
  } else {
    id = await insertPlace(tx, fields, { placeCode, datasetId: options.datasetId ?? null })
  }
  const record = (await readPlace(tx, id))!
  await insertPlaceVersion(tx, record, options.change, options.caseId ?? null, actor)
  const audit: AuditEvent = {
    entity: 'place',
    entityId: id,
    action: existing ? options.change : options.change === 'register' ? 'create' : options.change,
    before: null,
    after: { version: record.version, standardName: record.standardName, status: record.status, change: options.change, caseId: options.caseId ?? null },
  }
  return { record, audit }
}

/** A name that a proposed name duplicates or resembles, for the duplicate warning. */
export interface SimilarName {
  placeId: number
  name: string
  matchedKind: string
  romanization: string
  category: string
  status: string
  divisionCodes: string[]
  reasons: NameSimilarityReason[]
}

/**
 * Identical, same-sounding and same-specific names among the current names
 * in the scope of the proposal: its county (the first six digits of its
 * first division code), or the whole gazetteer when it names no division.
 * Aliases and historical names count too, since a new name should not reuse
 * them either. `exceptPlaceId` leaves the place being renamed out.
 */
export async function findSimilarPlaceNames(
  search: PlaceSearch,
  proposal: { standardName: string; specificPart: string; genericPart: string; divisionCodes: readonly string[] },
  exceptPlaceId: number | null,
): Promise<SimilarName[]> {
  const division = proposal.divisionCodes[0]
  const scope = division ? `${extractCountyCode(division)}000000` : undefined
  const queries = [proposal.standardName, proposal.specificPart].filter((q) => q.trim().length > 0)
  const seen = new Map<string, Awaited<ReturnType<PlaceSearch['candidates']>>[number]>()
  for (const text of queries) {
    for (const item of await search.candidates({ text, divisionCode: scope, statuses: ['current'] }, 300)) {
      if (item.placeId === exceptPlaceId) continue
      if (item.rank === 'substring' && text !== proposal.specificPart) continue
      seen.set(`${item.placeId}|${item.matchedName}`, item)
    }
  }
  const split = proposal.specificPart && proposal.genericPart
  const proposed = split ? { specific: proposal.specificPart, generic: proposal.genericPart } : { specific: proposal.standardName, generic: '' }
  const candidates = [...seen.values()].map((item) => {
    const parts = splitLike(item.matchedName, proposal.genericPart)
    return { ...parts, item }
  })
  return findSimilarNames(proposed, candidates).map(({ candidate: { item }, reasons }) => ({
    placeId: item.placeId,
    name: item.matchedName,
    matchedKind: item.matchedKind,
    romanization: item.romanization,
    category: item.category,
    status: item.status,
    divisionCodes: item.divisionCodes,
    reasons,
  }))
}

/** Splits a candidate name at a known generic suffix (路, 街, 小区 …) so same-specific names can be found. */
function splitLike(name: string, generic: string): { specific: string; generic: string } {
  const generics = [generic, '大街', '小区', '胡同', '公园', '广场', '社区', '花园', '路', '街', '巷', '道', '村', '桥', '河', '山', '里', '园']
  for (const g of generics) if (g && name.length > g.length && name.endsWith(g)) return { specific: name.slice(0, -g.length), generic: g }
  return { specific: name, generic: '' }
}
