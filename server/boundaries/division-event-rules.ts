/** The levels of administrative division the divisions table keeps, top first. */
export const DIVISION_LEVELS = ['province', 'city', 'district', 'subdistrict', 'community'] as const
export type DivisionLevel = (typeof DIVISION_LEVELS)[number]

/** The kinds of change to divisions (区划调整) an event records. */
export const DIVISION_EVENT_KINDS = ['establish', 'split', 'merge', 'rename', 'boundary_change', 'abolish'] as const
export type DivisionEventKind = (typeof DIVISION_EVENT_KINDS)[number]

/** The share of the before units' area by which the after units of a split, merge or boundary change may differ from them. */
export const COVERAGE_TOLERANCE = 0.005
/** The largest overlap, in m², tolerated between two units (slivers from digitising). */
export const OVERLAP_TOLERANCE_M2 = 1

/** Kinds whose after units must bring a geometry (a rename keeps the unit's own). */
export const KINDS_NEEDING_GEOMETRY: ReadonlySet<DivisionEventKind> = new Set(['establish', 'split', 'merge', 'boundary_change'])
/** Kinds whose after units must together cover the before units exactly. */
export const KINDS_KEEPING_TERRITORY: ReadonlySet<DivisionEventKind> = new Set(['split', 'merge', 'boundary_change'])

/**
 * The level a 12-digit statistical division code has by its shape: province
 * `XX0000000000`, city `XXXX00000000`, district `XXXXXX000000`, sub-district
 * or town `XXXXXXXXX000`, community or village otherwise.
 */
export function findLevelOfCode(code: string): DivisionLevel {
  if (code.endsWith('0000000000')) return 'province'
  if (code.endsWith('00000000')) return 'city'
  if (code.endsWith('000000')) return 'district'
  if (code.endsWith('000')) return 'subdistrict'
  return 'community'
}

/** What the count check needs of an event's request. */
export interface EventShape {
  kind: DivisionEventKind
  before: readonly string[]
  after: readonly { code: string; hasGeometry: boolean }[]
  successorCode?: string | null | undefined
}

/**
 * The first thing wrong with the numbers and codes of an event's units,
 * as `field: what is wrong`, or null: split 1 → ≥2, merge ≥2 → 1, rename
 * 1 → 1, boundary change ≥2 → the same codes, establish 0 → ≥1, abolish
 * ≥1 → 0; no code twice on a side; geometries where the kind needs them.
 */
export function checkEventShape(shape: EventShape): string | null {
  const { kind, before, after } = shape
  const twiceBefore = before.find((code, i) => before.indexOf(code) !== i)
  if (twiceBefore) return `before: ${twiceBefore} is listed twice`
  const afterCodes = after.map((a) => a.code)
  const twiceAfter = afterCodes.find((code, i) => afterCodes.indexOf(code) !== i)
  if (twiceAfter) return `after: ${twiceAfter} is listed twice`
  const counts = `${before.length} before and ${after.length} after`
  switch (kind) {
    case 'establish':
      if (before.length !== 0 || after.length < 1) return `before: establishing takes no unit before and at least one after, not ${counts}`
      break
    case 'split':
      if (before.length !== 1 || after.length < 2) return `after: a split takes one unit before and at least two after, not ${counts}`
      break
    case 'merge':
      if (before.length < 2 || after.length !== 1) return `before: a merge takes at least two units before and one after, not ${counts}`
      break
    case 'rename':
      if (before.length !== 1 || after.length !== 1) return `after: a rename takes one unit before and one after, not ${counts}`
      break
    case 'boundary_change': {
      if (before.length < 2) return `before: a boundary change takes at least two units, not ${before.length}`
      const missing = before.find((code) => !afterCodes.includes(code))
      if (missing || after.length !== before.length) {
        return `after: a boundary change keeps its units' codes; after must list exactly ${before.join(', ')}`
      }
      break
    }
    case 'abolish':
      if (before.length < 1 || after.length !== 0) return `after: abolishing takes at least one unit before and none after, not ${counts}`
      break
  }
  if (shape.successorCode && kind !== 'abolish') return `successorCode: only an abolition names a successor; the after units succeed a ${kind.replace('_', ' ')}`
  if (shape.successorCode && before.includes(shape.successorCode)) return `successorCode: ${shape.successorCode} is abolished by this event itself`
  if (KINDS_NEEDING_GEOMETRY.has(kind)) {
    const index = after.findIndex((a) => !a.hasGeometry)
    if (index >= 0) return `after[${index}].geometry: required for a ${kind.replace('_', ' ')}`
  }
  return null
}

/** The areas, in m² on the spheroid, that tell whether after units replace before units exactly. */
export interface CoverageAreas {
  beforeAreaM2: number
  /** Area of the symmetric difference between the union of the before units and the union of the after units. */
  differenceAreaM2: number
  /** Pairwise overlaps between after units. */
  overlaps: readonly { codes: [string, string]; areaM2: number }[]
}

/**
 * Why the after units of a split, merge or boundary change do not replace
 * the before units, or null when they do: they may differ from the before
 * units' territory by at most {@link COVERAGE_TOLERANCE} of its area and
 * overlap each other by at most {@link OVERLAP_TOLERANCE_M2}.
 */
export function checkCoverage(areas: CoverageAreas): string | null {
  const allowed = areas.beforeAreaM2 * COVERAGE_TOLERANCE
  if (areas.differenceAreaM2 > allowed) {
    const share = areas.beforeAreaM2 > 0 ? (100 * areas.differenceAreaM2) / areas.beforeAreaM2 : 100
    return `after: the new units differ from the units they replace by ${formatM2(areas.differenceAreaM2)} m² (${share.toFixed(2)} % of ${formatM2(areas.beforeAreaM2)} m²); at most ${(COVERAGE_TOLERANCE * 100).toFixed(1)} % is allowed`
  }
  const overlap = areas.overlaps.find((o) => o.areaM2 > OVERLAP_TOLERANCE_M2)
  if (overlap) return `after: ${overlap.codes[0]} and ${overlap.codes[1]} overlap by ${formatM2(overlap.areaM2)} m²; at most ${OVERLAP_TOLERANCE_M2} m² is allowed`
  return null
}

/**
 * Why an event cannot take effect on `effectiveOn`, or null: every before
 * unit must have come into force before that day (a unit in force since
 * before records began, `validFrom` null, always has).
 */
export function checkEffectiveDate(effectiveOn: string, before: readonly { code: string; validFrom: string | null }[]): string | null {
  const late = before.find((b) => b.validFrom !== null && b.validFrom >= effectiveOn)
  if (!late) return null
  return `effectiveOn: ${effectiveOn} is not after ${late.validFrom}, when ${late.code} came into force in its present form`
}

/** Why a unit's code does not fit its level, or null. */
export function checkCodeLevel(code: string, level: DivisionLevel, field: string): string | null {
  const shaped = findLevelOfCode(code)
  if (shaped === level) return null
  return `${field}: ${code} is shaped like a ${shaped} code, not a ${level} code`
}

/** Households and people, each null when unknown. */
export interface UnitCounts {
  households: number | null
  population: number | null
  elderlyPopulation: number | null
}

/** The sum of several units' counts; a count is null when any unit's is unknown. */
export function sumCounts(units: readonly UnitCounts[]): UnitCounts {
  const sum = (key: keyof UnitCounts) => units.reduce<number | null>((total, u) => (total === null || u[key] === null ? null : total + u[key]), 0)
  return { households: sum('households'), population: sum('population'), elderlyPopulation: sum('elderlyPopulation') }
}

function formatM2(value: number): string {
  return Math.round(value).toLocaleString('en-US')
}
