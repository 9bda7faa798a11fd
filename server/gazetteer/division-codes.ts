const DIVISION_LEVELS = [2, 4, 6, 9, 12]
const DIVISION_CODE = /^\d{12}$/

/**
 * Whether division `childCode` is `parentCode` or lies within it. Codes are
 * 12-digit GB/T 2260 codes whose trailing zero groups mark the level:
 * province 2 digits, city 4, county 6, township 9, village 12, so
 * '210112000000' contains '210112001000' and '210112001002'. A malformed
 * code contains nothing and lies in nothing.
 */
export function divisionContains(parentCode: string, childCode: string): boolean {
  const prefix = significantPrefix(parentCode)
  if (prefix === null || !DIVISION_CODE.test(childCode)) return false
  return childCode.startsWith(prefix)
}

/** The digits of a 12-digit code down to its level ('210112000000' → '210112'), which every code within it begins with; null when the code is malformed. */
export function significantPrefix(code: string): string | null {
  if (!DIVISION_CODE.test(code)) return null
  for (const length of DIVISION_LEVELS) {
    if (/^0*$/.test(code.slice(length))) return code.slice(0, length)
  }
  return code
}

/** The {@link significantPrefix} of the division `code` names and of each division above it, province first; none when the code is malformed. */
export function divisionPrefixes(code: string): string[] {
  const prefix = significantPrefix(code)
  if (prefix === null) return []
  return DIVISION_LEVELS.filter((length) => length <= prefix.length).map((length) => prefix.slice(0, length))
}
