const FORMULA_START = /^[=+\-@\t\r]/

/**
 * Text that spreadsheet programs will not run as a formula when they open a
 * CSV file: a leading `=`, `+`, `-`, `@`, tab or carriage return gets an
 * apostrophe in front (the usual defence against CSV injection). Only for
 * text cells: numbers such as a negative longitude must stay numbers.
 */
export function guardFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text
}

/** Undoes {@link guardFormula}: drops an apostrophe that precedes a formula character. */
export function unguardFormula(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text
}
