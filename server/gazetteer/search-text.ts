import { normalizeName } from './normalize-name.ts'
import { KIND_ORDER } from './search-ranking.ts'
import type { SearchablePlace, SearchNameKind } from './search-types.ts'

const LATIN_QUERY = /^[a-z]+$/
const LATIN_IGNORED = /[\s'’‘`\-‐‑–—·]/gu

/** A query's text as the index matches it: nothing, Latin letters in {@link latinKey} form, or folded characters ({@link foldName}) and the distinct ones among them. */
export type ParsedQuery = { kind: 'empty' } | { kind: 'latin'; text: string } | { kind: 'characters'; text: string; chars: string[] }

/** A name of a place as given, with its folded text and its kind. */
export interface ChosenName {
  name: string
  text: string
  kind: SearchNameKind
}

/** `normalizeName` and lower case: the form names and character queries are compared in. */
export function foldName(name: string): string {
  return normalizeName(name).toLowerCase()
}

/** Lower case, no spaces, apostrophes or hyphens, ü written v: the form pinyin keys and Latin queries are compared in. */
export function latinKey(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(LATIN_IGNORED, '').replaceAll('ü', 'v')
}

/** Text of Latin letters only is a Latin query; any other character makes it a query by characters. */
export function parseQuery(raw: string): ParsedQuery {
  const text = foldName(raw)
  if (text === '') return { kind: 'empty' }
  const latin = latinKey(text)
  if (LATIN_QUERY.test(latin)) return { kind: 'latin', text: latin }
  return { kind: 'characters', text, chars: [...new Set(text)] }
}

/** The standard name and then the other names of a place, each folded text once under its better kind; names that fold to nothing are dropped. */
export function chooseNames(place: SearchablePlace): ChosenName[] {
  const given = [{ name: place.standardName, kind: 'standard' as SearchNameKind }, ...place.names]
  const byText = new Map<string, ChosenName>()
  for (const { name, kind } of given) {
    const text = foldName(name)
    if (text === '') continue
    const known = byText.get(text)
    if (known === undefined || KIND_ORDER[kind] < KIND_ORDER[known.kind]) byText.set(text, { name, text, kind })
  }
  return [...byText.values()]
}
