const INVISIBLE = /[\s\u200B-\u200D\u2060\uFEFF]/gu

/**
 * The form in which two place names are compared: Unicode NFKC (full-width
 * letters, digits and spaces become their half-width forms; compatibility
 * ideographs become the unified ones) with all whitespace and zero-width
 * characters removed. Chinese place names have no meaningful internal spaces,
 * so "中关 村" and "中关村" are the same name. Punctuation is kept: whether
 * "·" belongs in a standard name is for the reviewer, not for this function.
 */
export function normalizeName(name: string): string {
  return name.normalize('NFKC').replace(INVISIBLE, '')
}
