import type { PlaceCategoryClassId } from './place-categories.ts'
import type { AltNameKind, PlaceStatus } from './place-record.ts'

export type SearchNameKind = 'standard' | AltNameKind
export type SearchRank = 'exact' | 'prefix' | 'substring' | 'fuzzy'
export type SearchVia = 'characters' | 'pinyin' | 'initials' | 'romanization'
/** `[minLng, minLat, maxLng, maxLat]` in WGS84. */
export type SearchBbox = [number, number, number, number]

/** What the index needs of a place: its names and the fields a search filters on. */
export interface SearchablePlace {
  id: number
  standardName: string
  /** The approved spelling, for example "Zhongguancun Dajie"; may be ''. Never an unconfirmed suggestion. */
  romanization: string
  category: PlaceCategoryClassId
  status: PlaceStatus
  /** 12-digit GB/T 2260 codes of the divisions the place lies in or crosses. */
  divisionCodes: string[]
  /** Null when the place has no geometry. */
  bbox: SearchBbox | null
  /** The standard name first, then the alternative names. */
  names: { name: string; kind: SearchNameKind }[]
}

export interface PlaceSearchQuery {
  /**
   * What the user typed. Text with any Chinese character (or digit or
   * punctuation) is matched as characters; text of Latin letters only
   * (spaces, apostrophes and hyphens ignored, ü written ü or v) as toneless
   * pinyin, pinyin initials and approved romanization. Empty text lists
   * every place that passes the filters in pinyin order of the standard name
   * (`Intl.Collator('zh')`).
   */
  text: string
  category?: PlaceCategoryClassId | undefined
  /** A 12-digit code: the place matches when one of its codes equals it or lies within it ({@link divisionContains}). A malformed code matches nothing. */
  divisionCode?: string | undefined
  /** Undefined or empty: every status. */
  statuses?: PlaceStatus[] | undefined
  /** The place's bbox must intersect it, so places without one are left out. */
  bbox?: SearchBbox | undefined
  limit: number
  offset: number
}

export interface PlaceSearchHit {
  placeId: number
  /** The name that matched, as the place gave it (for an empty query, the standard name). */
  matchedName: string
  matchedKind: SearchNameKind
  /** An empty query reports every place as `prefix` via `characters`: the empty text begins every name. */
  rank: SearchRank
  via: SearchVia
}

/** One hit per place, its best match; `total` counts every matching place after the filters, not only this page. */
export interface PlaceSearchResult {
  total: number
  hits: PlaceSearchHit[]
}
