/**
 * The four parts of a 20-digit place-name code (地名代码), each a string of
 * ASCII digits so that leading zeros survive.
 */
export interface PlaceCodeParts {
  /** 6 digits: the county-level division code (GB/T 2260), the first 6 digits of a 12-digit division code. */
  countyCode: string
  /** 3 digits: the township-level code, digits 7–9 of a 12-digit division code. */
  townshipCode: string
  /** 5 digits: the place-name category code (GB/T 18521); checked for shape only, see `place-categories.ts`. */
  categoryCode: string
  /** 6 digits: the sequence number within county, township and category. */
  sequence: string
}

export type PlaceCodePart = keyof PlaceCodeParts

/** What is wrong with a code, and in which part; `code` when the whole string is the wrong length. */
export interface PlaceCodeProblem {
  part: PlaceCodePart | 'code'
  message: string
}

export type ParsePlaceCodeResult =
  | { ok: true; parts: PlaceCodeParts }
  | { ok: false; problems: PlaceCodeProblem[] }

/** Thrown by the functions that cannot return a problem list; carries the problems. */
export class PlaceCodeError extends Error {
  readonly problems: PlaceCodeProblem[]

  constructor(problems: PlaceCodeProblem[]) {
    super(problems.map((p) => `${p.part}: ${p.message}`).join('; '))
    this.name = 'PlaceCodeError'
    this.problems = problems
  }
}

/** Digits per part, in the order they appear in the code. */
export const PLACE_CODE_LAYOUT: readonly { part: PlaceCodePart; digits: number }[] = [
  { part: 'countyCode', digits: 6 },
  { part: 'townshipCode', digits: 3 },
  { part: 'categoryCode', digits: 5 },
  { part: 'sequence', digits: 6 },
]

export const PLACE_CODE_LENGTH = 20

const DIVISION_CODE_LENGTH = 12

/**
 * First two digits of every provincial-level division in GB/T 2260; a county
 * code starting otherwise cannot be real.
 */
const PROVINCE_PREFIXES = new Set([
  '11', '12', '13', '14', '15',
  '21', '22', '23',
  '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54',
  '61', '62', '63', '64', '65',
  '71', '81', '82',
])

const PART_NAMES: Record<PlaceCodePart, string> = {
  countyCode: 'county code',
  townshipCode: 'township code',
  categoryCode: 'category code',
  sequence: 'sequence number',
}

/**
 * Problems with each part: not a string of ASCII digits, the wrong length, or
 * a county code whose first two digits are no province. Empty when the parts
 * make a valid code. The category code is not looked up (see
 * `place-categories.ts`), and no part is checked against the divisions that
 * actually exist: that needs the division table.
 */
export function validatePlaceCodeParts(parts: PlaceCodeParts): PlaceCodeProblem[] {
  const problems: PlaceCodeProblem[] = []
  for (const { part, digits } of PLACE_CODE_LAYOUT) {
    const problem = checkDigits(parts[part], digits, PART_NAMES[part])
    if (problem !== undefined) problems.push({ part, message: problem })
  }
  const county = parts.countyCode
  if (!problems.some((p) => p.part === 'countyCode') && !PROVINCE_PREFIXES.has(county.slice(0, 2))) {
    problems.push({
      part: 'countyCode',
      message: `county code ${county} starts with ${county.slice(0, 2)}, which is no provincial-level code in GB/T 2260`,
    })
  }
  return problems
}

/**
 * The 20-digit code: county (6) + township (3) + category (5) + sequence (6).
 *
 * @throws PlaceCodeError naming each part that is wrong.
 */
export function formatPlaceCode(parts: PlaceCodeParts): string {
  const problems = validatePlaceCodeParts(parts)
  if (problems.length > 0) throw new PlaceCodeError(problems)
  return parts.countyCode + parts.townshipCode + parts.categoryCode + parts.sequence
}

/**
 * Splits a 20-digit place-name code into its parts, or says which part is
 * wrong and why. No trimming and no full-width digits: a code is compared as
 * stored, so "１２…" or a code with a space is reported, not repaired.
 */
export function parsePlaceCode(code: string): ParsePlaceCodeResult {
  const chars = Array.from(code)
  const length = chars.length
  if (length !== PLACE_CODE_LENGTH) {
    return {
      ok: false,
      problems: [
        {
          part: 'code',
          message: `a place-name code has ${PLACE_CODE_LENGTH} digits (6 county + 3 township + 5 category + 6 sequence), this one has ${length} characters`,
        },
      ],
    }
  }
  const slices: string[] = []
  let start = 0
  for (const { digits } of PLACE_CODE_LAYOUT) {
    slices.push(chars.slice(start, start + digits).join(''))
    start += digits
  }
  const [countyCode = '', townshipCode = '', categoryCode = '', sequence = ''] = slices
  const parts: PlaceCodeParts = { countyCode, townshipCode, categoryCode, sequence }
  const problems = validatePlaceCodeParts(parts)
  if (problems.length > 0) return { ok: false, problems: withPositions(problems, code) }
  return { ok: true, parts }
}

/**
 * Pads a sequence number to the 6 digits of the code: 42 → "000042".
 *
 * @throws RangeError when `n` is not an integer from 0 to 999999.
 */
export function formatSequence(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 999_999) {
    throw new RangeError(`a sequence number is an integer from 0 to 999999, got ${n}`)
  }
  return String(n).padStart(6, '0')
}

/**
 * The county code of a 12-digit division code (统计用区划代码): its first 6 digits.
 *
 * @throws PlaceCodeError when `divisionCode` is not 12 ASCII digits.
 */
export function extractCountyCode(divisionCode: string): string {
  checkDivisionCode(divisionCode)
  return divisionCode.slice(0, 6)
}

/**
 * The township code of a 12-digit division code: digits 7–9.
 *
 * @throws PlaceCodeError when `divisionCode` is not 12 ASCII digits.
 */
export function extractTownshipCode(divisionCode: string): string {
  checkDivisionCode(divisionCode)
  return divisionCode.slice(6, 9)
}

function checkDivisionCode(divisionCode: string): void {
  const problem = checkDigits(divisionCode, DIVISION_CODE_LENGTH, 'division code')
  if (problem !== undefined) throw new PlaceCodeError([{ part: 'code', message: problem }])
}

function checkDigits(value: string, digits: number, name: string): string | undefined {
  const chars = Array.from(value)
  const bad = chars.findIndex((c) => !/^[0-9]$/.test(c))
  if (bad >= 0) {
    return `${name} "${value}" must be ${digits} digits 0–9, but character ${bad + 1} is "${chars[bad]}"`
  }
  if (chars.length !== digits) {
    return `${name} "${value}" must be ${digits} digits, it has ${chars.length}`
  }
  return undefined
}

function withPositions(problems: PlaceCodeProblem[], code: string): PlaceCodeProblem[] {
  return problems.map((p) => {
    const range = positionsOf(p.part)
    if (range === undefined) return p
    return { part: p.part, message: `${p.message} (digits ${range.from}–${range.to} of ${code})` }
  })
}

function positionsOf(part: PlaceCodePart | 'code'): { from: number; to: number } | undefined {
  let start = 0
  for (const entry of PLACE_CODE_LAYOUT) {
    if (entry.part === part) return { from: start + 1, to: start + entry.digits }
    start += entry.digits
  }
  return undefined
}
