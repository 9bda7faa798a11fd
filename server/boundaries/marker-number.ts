/** A marker's type code: Q a single marker, A and B a pair sharing one number, C, D and E a triple. */
export type MarkerTypeCode = 'Q' | 'A' | 'B' | 'C' | 'D' | 'E'

export const MARKER_TYPE_CODES: readonly MarkerTypeCode[] = ['Q', 'A', 'B', 'C', 'D', 'E']

/** The parts of a marker number such as `HN01003A`: line `HN01`, sequence 3, type A. */
export interface MarkerNumberParts {
  lineCode: string
  sequence: number
  typeCode: MarkerTypeCode
}

const LINE_CODE = /^[0-9A-Z]{1,16}$/
const NUMBER = /^([0-9A-Z]{1,16})([0-9]{3})([QABCDE])$/

/** The groups a sequence may hold: one Q, or A and B, or C, D and E. */
const GROUPS: readonly (readonly MarkerTypeCode[])[] = [['Q'], ['A', 'B'], ['C', 'D', 'E']]

export function isMarkerTypeCode(value: string): value is MarkerTypeCode {
  return (MARKER_TYPE_CODES as readonly string[]).includes(value)
}

/**
 * The marker number: the line code, the sequence as three digits and the
 * type code. Throws a RangeError on a line code outside [0-9A-Z]{1,16} or a
 * sequence outside 1–999, which the schemas refuse before this is reached.
 */
export function formatMarkerNumber(lineCode: string, sequence: number, typeCode: MarkerTypeCode): string {
  if (!LINE_CODE.test(lineCode)) throw new RangeError(`line code "${lineCode}" is not 1–16 of 0-9 and A-Z`)
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > 999) throw new RangeError(`sequence ${sequence} is not 1–999`)
  return `${lineCode}${String(sequence).padStart(3, '0')}${typeCode}`
}

/**
 * The parts of a marker number, or null when it is not one. The last four
 * characters are always the sequence and the type, so a line code ending
 * in digits parses unambiguously. Surrounding spaces and lower case are
 * accepted (numbers typed into spreadsheets).
 */
export function parseMarkerNumber(text: string): MarkerNumberParts | null {
  const match = NUMBER.exec(text.trim().toUpperCase())
  if (!match) return null
  const sequence = Number(match[2])
  if (sequence < 1) return null
  return { lineCode: match[1]!, sequence, typeCode: match[3] as MarkerTypeCode }
}

/**
 * Why the type codes of the markers sharing one sequence number on a line
 * cannot stand together, or null when they can. A number holds one Q, or
 * A and B (a pair), or C, D and E (a triple); a pair or triple may be
 * recorded one marker at a time, so A alone is fine, but a type twice or
 * types from two groups (Q with A, B with C) are not.
 */
export function explainMixedSequence(typeCodes: readonly MarkerTypeCode[], sequence: number): string | null {
  const seq = String(sequence).padStart(3, '0')
  const seen = new Set<MarkerTypeCode>()
  for (const code of typeCodes) {
    if (seen.has(code)) return `sequence ${seq} already has a marker of type ${code}`
    seen.add(code)
  }
  const groups = new Set(typeCodes.map((code) => GROUPS.findIndex((group) => group.includes(code))))
  if (groups.size <= 1) return null
  const types = [...seen].sort().join(', ')
  return `sequence ${seq} would hold types ${types}: a number holds one Q, or A+B (a pair), or C+D+E (a triple), never a mix`
}
