import { SpreadsheetError } from '../read-feature-table.ts'

/** A cell read as a field: its value, or why it cannot be one (a sentence naming the cell's text). */
export type CellReading<T> = { value: T } | { problem: string }

/** A cell as trimmed text: '' for an empty cell, a date as YYYY-MM-DD, a spreadsheet error as its code. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  if (value instanceof SpreadsheetError) return value.code
  if (typeof value === 'object') return JSON.stringify(value)
  return String(value).trim()
}

/** A text cell; a spreadsheet error (#REF!, #N/A, …) is a problem, not text. */
export function readText(value: unknown): CellReading<string> {
  if (value instanceof SpreadsheetError) return { problem: `the cell holds the spreadsheet error ${value.code}` }
  return { value: cellText(value) }
}

/** Units that may follow a number in a department's table; ㎡ and m² arrive as m2 after NFKC. */
const UNIT_SUFFIX = /\s*(m2|平方米|平米|张|床|个|户|人|名|年|岁)$/i

export interface NumberOptions {
  /** What the number is, for messages: 'floor area', 'beds', … */
  label: string
  whole?: boolean
  min?: number
  max?: number
}

/**
 * A number cell, empty as null. Text may use full-width digits, thousands
 * separators ("1,200") and a unit after the number ("350㎡", "350 平方米",
 * "120张"). A number outside `min`–`max`, or a fraction where a whole
 * number is wanted, is a problem.
 */
export function readNumber(value: unknown, options: NumberOptions): CellReading<number | null> {
  if (value instanceof SpreadsheetError) return { problem: `the ${options.label} cell holds the spreadsheet error ${value.code}` }
  let n: number
  if (typeof value === 'number') n = value
  else {
    const text = cellText(value)
    if (text === '') return { value: null }
    n = parseNumberText(text)
    if (Number.isNaN(n)) return { problem: `the ${options.label} "${text}" is not a number` }
  }
  if (!Number.isFinite(n)) return { problem: `the ${options.label} ${n} is not a number` }
  if (options.min === 0 && n < 0) return { problem: `the ${options.label} ${n} is negative` }
  if ((options.min !== undefined && n < options.min) || (options.max !== undefined && n > options.max)) {
    return { problem: `the ${options.label} ${n} is outside ${options.min ?? '−∞'} to ${options.max ?? '∞'}` }
  }
  if (options.whole && !Number.isInteger(n)) return { problem: `the ${options.label} ${n} is not a whole number` }
  return { value: n }
}

function parseNumberText(text: string): number {
  let t = text.normalize('NFKC').replace(/\u2212/g, '-').trim().replace(UNIT_SUFFIX, '').replace(/\s+/g, '')
  if (/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) t = t.replace(/,/g, '')
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) return Number.NaN
  return Number(t)
}

/**
 * A year cell, empty as null: a number or text such as 2015, "2015年" or
 * "2015-06-01", or a date; it must be from 1900 to 2100.
 */
export function readYear(value: unknown, label: string): CellReading<number | null> {
  let year: unknown = value
  if (value instanceof Date) year = value.getUTCFullYear()
  else if (typeof value === 'string') {
    const m = /^(\d{4})(?:[-/.年]\d{1,2}(?:[-/.月]\d{1,2}日?)?)?$/.exec(value.normalize('NFKC').trim())
    if (m) year = Number(m[1])
  }
  const reading = readNumber(year, { label, whole: true })
  if ('problem' in reading || reading.value === null) return reading
  if (reading.value < 1900 || reading.value > 2100) return { problem: `the ${label} ${reading.value} is not a year from 1900 to 2100` }
  return reading
}

/**
 * A 12-digit statistical division code, empty as null. A number cell is
 * taken as its digits; a 6- or 9-digit code is a problem that shows it
 * padded with zeros.
 */
export function readDivisionCode(value: unknown, label: string): CellReading<string | null> {
  if (value instanceof SpreadsheetError) return { problem: `the ${label} cell holds the spreadsheet error ${value.code}` }
  const text = typeof value === 'number' && Number.isInteger(value) ? String(value) : cellText(value).normalize('NFKC').replace(/\s+/g, '')
  if (text === '') return { value: null }
  if (/^\d{12}$/.test(text)) return { value: text }
  if (/^(\d{6}|\d{9})$/.test(text)) return { problem: `the ${label} "${text}" is not a 12-digit division code; padded with zeros it would be ${text.padEnd(12, '0')}` }
  return { problem: `the ${label} "${text}" is not a 12-digit division code` }
}

/** A text in the form names of kinds, levels and classes are compared in: NFKC, lower case, no spaces, - or _. */
export function nameForm(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[\s_\-]/g, '')
}
