import type pg from 'pg'
import type { Actor } from '../audit/audit-repository.ts'
import { auditedChange } from '../audit/audited-change.ts'
import { HttpError } from '../plugins/problem-errors.ts'
import { describeProblems, validateGeometry } from '../geo/validate-geojson.ts'
import { lockGazetteer, replacePlaceDivisionCodes } from '../gazetteer/places-repository.ts'
import type { DivisionEvent, DivisionEventInput } from '../schemas/divisions.ts'
import {
  checkCodeLevel,
  checkCoverage,
  checkEffectiveDate,
  checkEventShape,
  DIVISION_LEVELS,
  findLevelOfCode,
  KINDS_KEEPING_TERRITORY,
  OVERLAP_TOLERANCE_M2,
  sumCounts,
  type DivisionLevel,
  type UnitCounts,
} from './division-event-rules.ts'
import {
  countDependants,
  deleteEndedUnits,
  endUnitVersion,
  findInvalidGeometries,
  findLargestPredecessors,
  findPlacesToRelink,
  findStaffDataset,
  insertDivisionEvent,
  lockCurrentUnits,
  measureCoverage,
  measureDifference,
  readDatasetOf,
  readDivisionEvent,
  readEndedOn,
  relinkCompoundsAndFacilities,
  relinkServiceCommunities,
  reparentChildren,
  storeAfterUnit,
  sumCompoundsInside,
  type AfterGeometry,
  type CurrentUnit,
  type NewUnit,
} from './divisions-repository.ts'

/** The most positions a unit's geometry may have; the self-intersection check costs up to their square. */
const MAX_POSITIONS = 50_000

/** What an event moved to its new units. */
export interface Relinked {
  children: number
  compounds: number
  facilities: number
  facilityServiceCommunities: number
  places: number
}

/**
 * Records a change to divisions in one transaction with its audit entry:
 * the before units become ended versions, the after units come into force
 * on `effectiveOn`, and everything linked to an ended unit (sub-units,
 * compounds, facilities, facilities' service communities, gazetteer
 * places) moves to the successor whose territory holds it. Throws
 * HttpError 400 naming the field when the change cannot be made as given;
 * nothing is then stored.
 */
export async function recordDivisionEvent(pool: pg.Pool, actor: Actor, input: DivisionEventInput): Promise<DivisionEvent & { relinked: Relinked }> {
  const shapeProblem = checkEventShape({
    kind: input.kind,
    before: input.before,
    after: input.after.map((a) => ({ code: a.code, hasGeometry: a.geometry !== undefined })),
    successorCode: input.successorCode,
  })
  if (shapeProblem) throw new HttpError(400, shapeProblem)
  input.after.forEach((a, i) => {
    if (a.name.trim() === '') throw new HttpError(400, `after[${i}].name: must not be blank`)
    if (a.geometry === undefined) return
    const problems = validateGeometry(a.geometry, { allowedTypes: ['Polygon', 'MultiPolygon'], maxPositions: MAX_POSITIONS })
    if (problems.length > 0) throw new HttpError(400, `after[${i}].geometry: ${describeProblems(problems, 3)}`)
  })

  return auditedChange(pool, actor, async (tx) => {
    await lockGazetteer(tx)
    const before = await readBeforeUnits(tx, input)
    const level = before[0]?.level
    const dateProblem = checkEffectiveDate(input.effectiveOn, before)
    if (dateProblem) throw new HttpError(400, dateProblem)

    const geometries = input.after.map((a) => (a.geometry === undefined ? null : JSON.stringify(a.geometry)))
    const given = geometries.flatMap((g) => (g === null ? [] : [g]))
    const invalid = await findInvalidGeometries(tx, given)
    if (invalid[0]) {
      const index = geometries.indexOf(given[invalid[0].index]!)
      throw new HttpError(400, `after[${index}].geometry: not a valid polygon: ${invalid[0].reason}`)
    }
    const afterGeometries: AfterGeometry[] = input.after.map((a, i) => ({ code: a.code, geometry: geometries[i]!, keepFrom: geometries[i] === null ? input.before[0] : undefined }))

    if (input.kind === 'rename' && geometries[0] !== null) {
      const differenceM2 = await measureDifference(tx, input.before[0]!, geometries[0]!)
      if (differenceM2 > OVERLAP_TOLERANCE_M2) {
        throw new HttpError(400, `after[0].geometry: a rename keeps the unit's territory, but this geometry differs from it by ${Math.round(differenceM2)} m²; record a boundary change instead`)
      }
    }
    if (KINDS_KEEPING_TERRITORY.has(input.kind)) {
      const coverageProblem = checkCoverage(await measureCoverage(tx, input.before, afterGeometries))
      if (coverageProblem) throw new HttpError(400, coverageProblem)
    }

    const predecessors = await findLargestPredecessors(tx, input.before, afterGeometries)
    const compoundCounts = await sumCompoundsInside(tx, afterGeometries.filter((a) => a.geometry !== null))
    const units: NewUnit[] = []
    for (const [i, a] of input.after.entries()) {
      const field = `after[${i}]`
      const predecessor = before.find((b) => b.code === predecessors.get(a.code)) ?? before[0]
      const unitLevel = resolveLevel(input.kind, level, a.level, a.code, field)
      const parentCode = a.parentCode ?? (predecessor ? predecessor.parentCode : null)
      await checkParent(tx, parentCode, unitLevel, input.before, field)
      const urbanRural = a.urbanRural ?? predecessor?.urbanRural
      if (!urbanRural) throw new HttpError(400, `${field}.urbanRural: required when establishing a unit (urban or rural)`)
      if (!input.before.includes(a.code)) {
        const existing = await lockCurrentUnits(tx, [a.code])
        if (existing[0]) throw new HttpError(400, `${field}.code: ${a.code} is already in force (${existing[0].name}); only a unit this event ends may pass its code on`)
      }
      const derived = deriveCounts(input.kind, before, compoundCounts.get(a.code))
      units.push({
        code: a.code,
        name: a.name.trim(),
        level: unitLevel,
        parentCode,
        urbanRural,
        geometry: geometries[i]!,
        keepFrom: geometries[i] === null ? input.before[0]! : null,
        households: a.households ?? derived.households,
        population: a.population ?? derived.population,
        elderlyPopulation: a.elderlyPopulation ?? derived.elderlyPopulation,
      })
    }

    const successors = input.kind === 'abolish' ? (input.successorCode ? [input.successorCode] : []) : input.after.map((a) => a.code)
    if (input.kind === 'abolish') await checkAbolition(tx, input, before)

    const datasetId = before[0]?.datasetId ?? (units[0]?.parentCode ? await readDatasetOf(tx, units[0].parentCode) : undefined) ?? (await findStaffDataset(tx))
    const eventId = await insertDivisionEvent(tx, {
      datasetId,
      kind: input.kind,
      effectiveOn: input.effectiveOn,
      authority: (input.authority ?? '').trim(),
      documentNumber: (input.documentNumber ?? '').trim(),
      note: input.note ?? '',
      recordedBy: actor.name,
    })
    for (const b of before) await endUnitVersion(tx, b.code, eventId, input.effectiveOn, 'before')
    for (const unit of units) await storeAfterUnit(tx, eventId, datasetId, unit, input.effectiveOn)

    const ended = input.before
    const relinked: Relinked = { children: 0, compounds: 0, facilities: 0, facilityServiceCommunities: 0, places: 0 }
    if (ended.length > 0 && successors.length > 0) {
      relinked.children = await reparentChildren(tx, eventId, ended, successors, input.effectiveOn)
      if (level === 'community') {
        Object.assign(relinked, await relinkCompoundsAndFacilities(tx, ended, successors))
        relinked.facilityServiceCommunities = await relinkServiceCommunities(tx, eventId, ended, successors, input.kind === 'abolish')
      }
      for (const place of await findPlacesToRelink(tx, ended, successors)) {
        await replacePlaceDivisionCodes(tx, place.id, place.divisionCodes, actor)
        relinked.places++
      }
    }
    await deleteEndedUnits(tx, ended.filter((code) => !input.after.some((a) => a.code === code)))

    const event = (await readDivisionEvent(tx, eventId))!
    const result = { ...event, relinked }
    return {
      result,
      audit: {
        entity: 'division-event',
        entityId: eventId,
        action: input.kind,
        before: { units: before.map(({ datasetId: _d, ...unit }) => unit) },
        after: { event, units: units.map(({ geometry: _g, keepFrom: _k, ...unit }) => unit), successorCode: input.successorCode ?? null, relinked },
      },
    }
  })
}

/** The before units, in the order given; 400 for a code that is not in force. */
async function readBeforeUnits(tx: pg.PoolClient, input: DivisionEventInput): Promise<CurrentUnit[]> {
  const found = await lockCurrentUnits(tx, input.before)
  const units: CurrentUnit[] = []
  for (const [i, code] of input.before.entries()) {
    const unit = found.find((u) => u.code === code)
    if (!unit) {
      const endedOn = await readEndedOn(tx, code)
      throw new HttpError(400, `before[${i}]: ${code} is ${endedOn ? `no longer in force (ended ${endedOn})` : 'not a division kept here'}`)
    }
    units.push(unit)
  }
  const other = units.find((u) => u.level !== units[0]!.level)
  if (other) throw new HttpError(400, `before: ${other.code} is a ${other.level}, ${units[0]!.code} a ${units[0]!.level}; an event changes units of one level`)
  return units
}

function resolveLevel(kind: DivisionEventInput['kind'], beforeLevel: DivisionLevel | undefined, given: DivisionLevel | undefined, code: string, field: string): DivisionLevel {
  const level = beforeLevel ?? given ?? findLevelOfCode(code)
  if (given && given !== level) throw new HttpError(400, `${field}.level: a ${kind.replace('_', ' ')} keeps the level of the units before (${level}), not ${given}`)
  const problem = checkCodeLevel(code, level, `${field}.code`)
  if (problem) throw new HttpError(400, problem)
  return level
}

async function checkParent(tx: pg.PoolClient, parentCode: string | null, level: DivisionLevel, ended: readonly string[], field: string): Promise<void> {
  if (parentCode === null) {
    if (level === 'subdistrict' || level === 'community') throw new HttpError(400, `${field}.parentCode: a ${level} needs the unit above it`)
    return
  }
  if (ended.includes(parentCode)) throw new HttpError(400, `${field}.parentCode: ${parentCode} is ended by this event`)
  const [parent] = await lockCurrentUnits(tx, [parentCode])
  if (!parent) throw new HttpError(400, `${field}.parentCode: ${parentCode} is not a division in force`)
  if (DIVISION_LEVELS.indexOf(parent.level) >= DIVISION_LEVELS.indexOf(level)) {
    throw new HttpError(400, `${field}.parentCode: ${parentCode} is a ${parent.level}, not above a ${level}`)
  }
}

/** Counts for an after unit left without them: a rename keeps the unit's, a merge adds the merged units', others add the compounds inside. */
function deriveCounts(kind: DivisionEventInput['kind'], before: readonly CurrentUnit[], inside: UnitCounts | undefined): UnitCounts {
  if (kind === 'rename') return sumCounts(before)
  if (kind === 'merge') return sumCounts(before)
  return inside ?? { households: null, population: null, elderlyPopulation: null }
}

/** An abolition may leave nothing without a unit: it needs a successor of the same level when anything still hangs on the units. */
async function checkAbolition(tx: pg.PoolClient, input: DivisionEventInput, before: readonly CurrentUnit[]): Promise<void> {
  const level = before[0]!.level
  if (input.successorCode) {
    const [successor] = await lockCurrentUnits(tx, [input.successorCode])
    if (!successor) throw new HttpError(400, `successorCode: ${input.successorCode} is not a division in force`)
    if (successor.level !== level) throw new HttpError(400, `successorCode: ${input.successorCode} is a ${successor.level}; the abolished units are ${level}s`)
    return
  }
  const left = await countDependants(tx, input.before)
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`
  const parts = [
    left.children > 0 ? plural(left.children, 'sub-unit', 'sub-units') : '',
    left.compounds > 0 ? plural(left.compounds, 'compound', 'compounds') : '',
    left.facilities > 0 ? plural(left.facilities, 'facility', 'facilities') : '',
    left.places > 0 ? plural(left.places, 'gazetteer place', 'gazetteer places') : '',
  ].filter((part) => part !== '')
  if (parts.length > 0) {
    throw new HttpError(400, `successorCode: required: ${parts.join(', ')} would be left without a unit; name the unit that takes them over`)
  }
}
