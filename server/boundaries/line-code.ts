/** What a division code's digits mean: province 2, city 2, district 2, township 3, village/community 3. */
const SEGMENT_END: Record<string, number> = { province: 2, city: 4, district: 6, subdistrict: 9, community: 12 }
const PARENT_LEVEL: Record<string, string> = { city: 'province', district: 'city', subdistrict: 'district', community: 'subdistrict' }

/**
 * The code of a line derived between two sibling divisions. It is the
 * parent's own digits of the national code, then each side's own segment,
 * lower code first: between sub-districts 001 and 002 of district 210190
 * it is `210190001002` (6 + 3 + 3 digits), between communities 001 and 003
 * of sub-district 210190001 it is `210190001001003` (15), between districts
 * 8, between cities 6, so it always fits the 16 characters a line code may
 * have and, with the fixed three-digit marker sequence after it, every
 * marker number stays readable. The same pair always gets the same code;
 * when a line recorded by hand already uses it, a letter A–Z is appended
 * (the first free one). Null when the codes are not siblings of that level
 * or every letter is taken.
 *
 * @param level the level of both divisions (subdistrict, community, …)
 * @param isTaken whether a code is already used by another line
 */
export function deriveLineCode(leftCode: string, rightCode: string, level: string, isTaken: (code: string) => boolean): string | null {
  const end = SEGMENT_END[level]
  const parentLevel = PARENT_LEVEL[level]
  if (end === undefined || parentLevel === undefined) return null
  const parentEnd = SEGMENT_END[parentLevel]!
  const [low, high] = leftCode < rightCode ? [leftCode, rightCode] : [rightCode, leftCode]
  if (!/^[0-9]{12}$/.test(low) || !/^[0-9]{12}$/.test(high) || low === high) return null
  if (low.slice(0, parentEnd) !== high.slice(0, parentEnd)) return null
  const base = low.slice(0, parentEnd) + low.slice(parentEnd, end) + high.slice(parentEnd, end)
  if (!isTaken(base)) return base
  for (const letter of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') if (!isTaken(base + letter)) return base + letter
  return null
}

/** The name of a line between two divisions, lower code first: "浦江街道—北陵街道线". */
export function nameLine(sides: readonly [{ code: string; name: string }, { code: string; name: string }]): string {
  const [a, b] = sides[0].code <= sides[1].code ? sides : [sides[1], sides[0]]
  return `${a.name}—${b.name}线`
}
