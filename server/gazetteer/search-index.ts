import { codesOf, KeyStore } from './key-store.ts'
import { normalizeName } from './normalize-name.ts'
import type { PlaceCategoryClassId } from './place-categories.ts'
import type { AltNameKind, PlaceStatus } from './place-record.ts'
import { searchKeys } from './romanize.ts'
import { IdList, intersectRarest, lowerBound, smallestSorted } from './sorted-ids.ts'

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

/**
 * Fuzzy matches (homophones, names one character off) are looked for only
 * when fewer places than this match better, so a query with plenty of real
 * matches is not padded with guesses. A constant rather than the page size,
 * so that `total` does not change from page to page.
 */
export const FUZZY_WHEN_FEWER_THAN = 10

const RANKS: readonly SearchRank[] = ['exact', 'prefix', 'substring', 'fuzzy']
const EXACT = 0
const PREFIX = 1
const SUBSTRING = 2
const FUZZY = 3
/** In the order a tie between two ways of matching the same name is settled: a homophone is reported as such rather than as a name one character off. */
const VIAS: readonly SearchVia[] = ['pinyin', 'romanization', 'initials', 'characters']
const PINYIN = 0
const ROMANIZATION = 1
const INITIALS = 2
const CHARACTERS = 3
const STATUS_ORDER: Record<PlaceStatus, number> = { current: 0, historical: 1, deprecated: 2 }
const ALL_STATUSES = 0b111
const KIND_ORDER: Record<SearchNameKind, number> = { standard: 0, alias: 1, short: 1, map: 1, historical: 2 }
const LENGTH_SPAN = 256
const ORDER_SPAN = 2 ** 24
const FILTERED_OUT = -1

const DIVISION_LEVELS = [2, 4, 6, 9, 12]
const DIVISION_CODE = /^\d{12}$/
const DIVISIONS_INLINE = 6
const LATIN_QUERY = /^[a-z]+$/
const LATIN_IGNORED = /[\s'’‘`\-‐‑–—·]/gu
const FEW_CANDIDATES = 32
const COMPACT_MIN_DEAD = 4096
const INITIAL_CAPACITY = 1024

/**
 * Latin grams of one to three letters are numbers in base 28 ({@link gramOf});
 * grams of different lengths never collide, so one space of 28³ ids holds
 * them all. Each family of postings has its own space.
 */
const LETTERS = 28
const SPACE = LETTERS ** 3
const PINYIN_PREFIX = 0
const PINYIN_SUBSTRING = SPACE
const ROMAN_PREFIX = 2 * SPACE
const ROMAN_SUBSTRING = 3 * SPACE
const INITIALS_PREFIX = 4 * SPACE
const GRAM_COUNT = 5 * SPACE
const BAR = 0x7c
const NO_IDS = new Int32Array(0)

interface PlaceEntry {
  id: number
  /** Row in the place columns; reused once the entry has left the pinyin order. */
  slot: number
  standardName: string
  /** The approved romanization in key form; '' when absent or the same as a dictionary reading. */
  romanKey: string
  nameSlots: number[]
  /** Replaced or removed; its slot is freed at the next `ensureOrdered`. */
  retired: boolean
}

/**
 * Search keys of one distinct name text, shared by every place that uses it,
 * as regions of the key store. The variants are joined as `|key1|key2|`, so
 * `|text|` finds an exact key and `|text` a key beginning with it (keys never
 * hold `|`, as {@link searchKeys} drops punctuation).
 */
interface NameKeys {
  fullStart: number
  fullEnd: number
  initialsStart: number
  initialsEnd: number
  shortestFull: number
  initialsLength: number
  refs: number
}

interface NameEntry {
  place: PlaceEntry
  /** As given, for the hit. */
  name: string
  /** `normalizeName` and lower case: what character queries are compared with. */
  text: string
  kind: SearchNameKind
  keys: NameKeys
  /** Whether the place's romanization is indexed with this name (the standard name only). */
  carriesRoman: boolean
}

type ParsedQuery = { kind: 'empty' } | { kind: 'latin'; text: string } | { kind: 'characters'; text: string; chars: string[] }

/**
 * The gazetteer's name search, held in memory: every standard and
 * alternative name is found by any substring of its characters, by toneless
 * pinyin (every reading of polyphonic characters that {@link searchKeys}
 * lists), by pinyin initials and by the approved romanization, and, when a
 * Chinese query finds little, by homophones and names one character off.
 *
 * Hits are ranked exact > prefix > substring > fuzzy, then standard name >
 * alias, short or map name > historical name, then current > historical >
 * deprecated place, then shorter matched name, then the standard name in
 * pinyin order, then id: the same order for the same content, whatever
 * order the places were added in.
 *
 * Latin queries of one or two letters match pinyin and romanization only as
 * a prefix (initials as usual): as a substring two letters would match most
 * names. From three letters on they also match inside the pinyin.
 *
 * Costs to plan for: adding a name computes its search keys with pinyin-pro
 * (about 20 µs; places sharing a name share them), so 100,000 places take a
 * few seconds; the first search after many additions sorts the standard
 * names (a few hundred ms for 100,000); after a single edit the next search
 * pays well under a millisecond. Not for concurrent use from worker threads.
 */
export class PlaceSearchIndex {
  private readonly byId = new Map<number, PlaceEntry>()
  private bySlot: (PlaceEntry | undefined)[] = []
  private readonly freeSlots: number[] = []
  private slotCount = 0
  private placeCapacity = INITIAL_CAPACITY
  private retired: PlaceEntry[] = []
  private pending: PlaceEntry[] = []
  private orderedSlots = new Int32Array(INITIAL_CAPACITY)
  private orderedCount = 0

  private placeOrder = new Int32Array(INITIAL_CAPACITY)
  /** 1 while a retired place still holds its slot in the order. */
  private placeRetired = new Uint8Array(INITIAL_CAPACITY)
  private placeStatus = new Uint8Array(INITIAL_CAPACITY)
  private placeCategory = new Uint8Array(INITIAL_CAPACITY)
  private placeBbox = new Float64Array(INITIAL_CAPACITY * 4)
  private placeDivisions = new Int32Array(INITIAL_CAPACITY * DIVISIONS_INLINE)
  private readonly divisionOverflow = new Map<number, number[]>()
  private readonly categoryCodes = new Map<string, number>()
  private readonly divisionIds = new Map<string, number>()

  private names: (NameEntry | undefined)[] = []
  /** By name slot, the text character queries verify against, one pointer away rather than two. */
  private nameText: string[] = []
  private liveNames = 0
  private nameCapacity = INITIAL_CAPACITY
  private namePlace = new Int32Array(INITIAL_CAPACITY)
  private nameKind = new Uint8Array(INITIAL_CAPACITY)
  private nameLength = new Uint8Array(INITIAL_CAPACITY)
  private nameFirst = new Int32Array(INITIAL_CAPACITY)
  private nameShortestKey = new Uint8Array(INITIAL_CAPACITY)
  private nameInitialsLength = new Uint8Array(INITIAL_CAPACITY)
  private nameFullStart = new Int32Array(INITIAL_CAPACITY)
  private nameFullEnd = new Int32Array(INITIAL_CAPACITY)
  private nameInitialsStart = new Int32Array(INITIAL_CAPACITY)
  private nameInitialsEnd = new Int32Array(INITIAL_CAPACITY)
  private keyStore = new KeyStore()
  private charPostings = new Map<string, IdList>()
  /** Indexed by gram id: see {@link SPACE}. Name slots, ascending. */
  private latinPostings: (IdList | undefined)[] = new Array<IdList | undefined>(GRAM_COUNT)
  private readonly gramSeen = new Int32Array(GRAM_COUNT)
  private readonly keysByText = new Map<string, NameKeys>()
  private readonly collator = new Intl.Collator('zh')

  private epoch = 0
  private stamp = new Uint32Array(INITIAL_CAPACITY)
  private bestKey = new Float64Array(INITIAL_CAPACITY)
  private bestName = new Int32Array(INITIAL_CAPACITY)
  private bestVia = new Uint8Array(INITIAL_CAPACITY)
  private touched = new Int32Array(INITIAL_CAPACITY)
  private touchedCount = 0
  private keyScratch = new Float64Array(INITIAL_CAPACITY)
  private filtering = false
  private filterCategory = -1
  private filterDivision = -1
  private filterStatuses = ALL_STATUSES
  private filterBbox: SearchBbox | undefined

  /** Number of places in the index. */
  get size(): number {
    return this.byId.size
  }

  /**
   * Adds a place, or replaces the place with the same id: its old names stop
   * matching (a renamed place is found under its old name only if that name
   * is among its alternative names). `standardName` is indexed as the
   * standard name even if `names` leaves it out; a name given twice is kept
   * once, under its better kind.
   *
   * @throws Error when the id is not a safe integer or the index already holds 2^24 places.
   */
  upsert(place: SearchablePlace): void {
    if (!Number.isSafeInteger(place.id)) throw new Error(`place id ${place.id} is not an integer`)
    const old = this.byId.get(place.id)
    if (old === undefined && this.byId.size >= ORDER_SPAN) throw new Error(`the index holds ${ORDER_SPAN} places`)
    const entry = this.createEntry(place)
    this.byId.set(place.id, entry)
    this.pending.push(entry)
    if (old !== undefined) this.retire(old)
    this.compactIfSparse()
  }

  /** Removes the place with this id; an unknown id is ignored. */
  remove(id: number): void {
    const entry = this.byId.get(id)
    if (entry === undefined) return
    this.byId.delete(id)
    this.retire(entry)
    this.compactIfSparse()
  }

  /**
   * Finds places by name and filters, best first.
   *
   * @throws Error when `limit` or `offset` is not a non-negative integer.
   */
  search(query: PlaceSearchQuery): PlaceSearchResult {
    if (!Number.isInteger(query.limit) || query.limit < 0) throw new Error(`limit ${query.limit} is not a non-negative integer`)
    if (!Number.isInteger(query.offset) || query.offset < 0) throw new Error(`offset ${query.offset} is not a non-negative integer`)
    this.ensureOrdered()
    if (!this.setFilter(query)) return { total: 0, hits: [] }
    const parsed = parseQuery(query.text)
    if (parsed.kind === 'empty') return this.listInOrder(query.offset, query.limit)

    this.beginSearch()
    if (parsed.kind === 'latin') {
      this.matchLatin(parsed.text)
    } else {
      this.matchCharacters(parsed.text, parsed.chars)
      if (parsed.chars.length >= 2 && this.touchedCount < FUZZY_WHEN_FEWER_THAN) this.matchFuzzy(parsed.text, parsed.chars)
    }
    return this.collectPage(query.offset, query.limit)
  }

  private createEntry(place: SearchablePlace): PlaceEntry {
    const chosen = chooseNames(place).map((n) => ({ ...n, keys: this.keysFor(n.text) }))
    const slot = this.takeSlot()
    const entry: PlaceEntry = { id: place.id, slot, standardName: place.standardName, romanKey: '', nameSlots: [], retired: false }
    this.bySlot[slot] = entry
    this.placeRetired[slot] = 0
    this.placeStatus[slot] = STATUS_ORDER[place.status]
    this.placeCategory[slot] = this.categoryCode(place.category)
    this.placeBbox.set(place.bbox ?? [NaN, NaN, NaN, NaN], slot * 4)
    this.writeDivisions(slot, place.divisionCodes)

    const standardText = foldName(place.standardName)
    for (const { name, text, kind, keys } of chosen) {
      const carriesRoman = kind === 'standard' && text === standardText
      if (carriesRoman) {
        const roman = latinKey(place.romanization)
        if (roman !== '' && !this.keyStore.includes(keys.fullStart, keys.fullEnd, codesOf(`|${roman}|`))) entry.romanKey = roman
      }
      entry.nameSlots.push(this.addName({ place: entry, name, text, kind, keys, carriesRoman }))
    }
    return entry
  }

  private addName(name: NameEntry): number {
    const slot = this.names.length
    if (slot >= this.nameCapacity) this.growNames(this.nameCapacity * 2)
    this.names.push(name)
    this.nameText.push(name.text)
    this.liveNames += 1
    const chars = Array.from(name.text)
    this.namePlace[slot] = name.place.slot
    this.nameKind[slot] = KIND_ORDER[name.kind]
    this.nameLength[slot] = Math.min(chars.length, LENGTH_SPAN - 1)
    this.nameFirst[slot] = name.text.codePointAt(0) ?? -1
    this.nameShortestKey[slot] = Math.min(LENGTH_SPAN - 1, name.keys.shortestFull)
    this.nameInitialsLength[slot] = Math.min(LENGTH_SPAN - 1, name.keys.initialsLength)
    this.nameFullStart[slot] = name.keys.fullStart
    this.nameFullEnd[slot] = name.keys.fullEnd
    this.nameInitialsStart[slot] = name.keys.initialsStart
    this.nameInitialsEnd[slot] = name.keys.initialsEnd
    chars.forEach((c, i) => {
      if (chars.indexOf(c) !== i) return
      let posting = this.charPostings.get(c)
      if (posting === undefined) this.charPostings.set(c, (posting = new IdList()))
      posting.push(slot)
    })
    this.visitLatinGrams(name, (gram) => {
      if (this.gramSeen[gram] === slot + 1) return
      this.gramSeen[gram] = slot + 1
      let posting = this.latinPostings[gram]
      if (posting === undefined) this.latinPostings[gram] = posting = new IdList()
      posting.push(slot)
    })
    return slot
  }

  private retire(entry: PlaceEntry): void {
    entry.retired = true
    this.placeRetired[entry.slot] = 1
    this.retired.push(entry)
    for (const slot of entry.nameSlots) {
      const name = this.names[slot]
      if (name === undefined) continue
      for (const c of new Set(name.text)) {
        const posting = this.charPostings.get(c)
        if (posting?.remove(slot) === true && posting.length === 0) this.charPostings.delete(c)
      }
      this.visitLatinGrams(name, (gram) => {
        const posting = this.latinPostings[gram]
        if (posting?.remove(slot) === true && posting.length === 0) this.latinPostings[gram] = undefined
      })
      this.releaseKeys(name.text, name.keys)
      this.names[slot] = undefined
      this.nameText[slot] = ''
      this.liveNames -= 1
    }
    entry.nameSlots = []
  }

  /**
   * Calls `visit` with every gram id a name is found by: the first one to
   * three letters and the trigrams of each pinyin variant, the same of the
   * approved romanization if the name carries it, and the first one to three
   * initials of each initials variant. A gram may be visited more than once.
   */
  private visitLatinGrams(name: NameEntry, visit: (gram: number) => void): void {
    const codes = this.keyStore.codes
    const { fullStart, fullEnd, initialsStart, initialsEnd } = name.keys
    visitKeys(codes, fullStart, fullEnd, (from, to) => visitKeyGrams(codes, from, to, PINYIN_PREFIX, PINYIN_SUBSTRING, visit))
    if (name.carriesRoman && name.place.romanKey !== '') {
      const roman = codesOf(name.place.romanKey)
      visitKeyGrams(roman, 0, roman.length, ROMAN_PREFIX, ROMAN_SUBSTRING, visit)
    }
    visitKeys(codes, initialsStart, initialsEnd, (from, to) => {
      for (let length = 1; length <= Math.min(3, to - from); length += 1) visit(INITIALS_PREFIX + gramOf(codes, from, length))
    })
  }

  private keysFor(text: string): NameKeys {
    const known = this.keysByText.get(text)
    if (known !== undefined) {
      known.refs += 1
      return known
    }
    const { fullVariants, initialVariants } = searchKeys(text)
    const fullStart = this.keyStore.append(joinKeys(fullVariants))
    const initialsStart = this.keyStore.append(joinKeys(initialVariants))
    const keys: NameKeys = {
      fullStart,
      fullEnd: initialsStart,
      initialsStart,
      initialsEnd: this.keyStore.length,
      shortestFull: shortest(fullVariants),
      initialsLength: shortest(initialVariants),
      refs: 1,
    }
    this.keysByText.set(text, keys)
    return keys
  }

  private releaseKeys(text: string, keys: NameKeys): void {
    keys.refs -= 1
    if (keys.refs <= 0) this.keysByText.delete(text)
  }

  /**
   * Postings hold name slots in ascending order because slots only grow;
   * once most slots belong to removed names, renumbering the live ones and
   * copying the live keys to a new store keeps the postings, name columns
   * and key store from growing with every edit.
   */
  private compactIfSparse(): void {
    const dead = this.names.length - this.liveNames
    if (dead < COMPACT_MIN_DEAD || dead < this.liveNames) return
    const live = this.names.filter((n): n is NameEntry => n !== undefined)
    const store = new KeyStore()
    const old = this.keyStore.codes
    for (const keys of this.keysByText.values()) {
      keys.fullStart = store.appendCodes(old.subarray(keys.fullStart, keys.fullEnd))
      keys.initialsStart = store.appendCodes(old.subarray(keys.initialsStart, keys.initialsEnd))
      keys.fullEnd = keys.initialsStart
      keys.initialsEnd = store.length
    }
    this.keyStore = store
    const slotsByPlace = new Map<PlaceEntry, number[]>()
    this.names = []
    this.nameText = []
    this.liveNames = 0
    this.charPostings = new Map()
    this.latinPostings = new Array<IdList | undefined>(GRAM_COUNT)
    this.gramSeen.fill(0)
    for (const name of live) {
      const slots = slotsByPlace.get(name.place) ?? []
      slots.push(this.addName(name))
      slotsByPlace.set(name.place, slots)
    }
    for (const [place, slots] of slotsByPlace) place.nameSlots = slots
  }

  private takeSlot(): number {
    const reused = this.freeSlots.pop()
    if (reused !== undefined) return reused
    const slot = this.slotCount
    this.slotCount += 1
    if (slot >= this.placeCapacity) this.growPlaces(this.placeCapacity * 2)
    return slot
  }

  private growPlaces(capacity: number): void {
    this.placeCapacity = capacity
    this.placeOrder = grown(this.placeOrder, capacity)
    this.placeRetired = grown(this.placeRetired, capacity)
    this.placeStatus = grown(this.placeStatus, capacity)
    this.placeCategory = grown(this.placeCategory, capacity)
    this.placeBbox = grown(this.placeBbox, capacity * 4)
    this.placeDivisions = grown(this.placeDivisions, capacity * DIVISIONS_INLINE)
    this.stamp = grown(this.stamp, capacity)
    this.bestKey = grown(this.bestKey, capacity)
    this.bestName = grown(this.bestName, capacity)
    this.bestVia = grown(this.bestVia, capacity)
    this.touched = grown(this.touched, capacity)
    this.keyScratch = grown(this.keyScratch, capacity)
  }

  private growNames(capacity: number): void {
    this.nameCapacity = capacity
    this.namePlace = grown(this.namePlace, capacity)
    this.nameKind = grown(this.nameKind, capacity)
    this.nameLength = grown(this.nameLength, capacity)
    this.nameFirst = grown(this.nameFirst, capacity)
    this.nameShortestKey = grown(this.nameShortestKey, capacity)
    this.nameInitialsLength = grown(this.nameInitialsLength, capacity)
    this.nameFullStart = grown(this.nameFullStart, capacity)
    this.nameFullEnd = grown(this.nameFullEnd, capacity)
    this.nameInitialsStart = grown(this.nameInitialsStart, capacity)
    this.nameInitialsEnd = grown(this.nameInitialsEnd, capacity)
  }

  private categoryCode(category: string): number {
    let code = this.categoryCodes.get(category)
    if (code === undefined) {
      code = this.categoryCodes.size
      this.categoryCodes.set(category, code)
    }
    return code
  }

  /** Stores the ids of every division the place's codes lie in (their ancestors included), a few inline, the rest aside. */
  private writeDivisions(slot: number, codes: string[]): void {
    const ids = new Set<number>()
    for (const code of codes) {
      const prefix = significantPrefix(code)
      if (prefix === null) continue
      for (const length of DIVISION_LEVELS) {
        if (length > prefix.length) break
        const ancestor = prefix.slice(0, length)
        let id = this.divisionIds.get(ancestor)
        if (id === undefined) {
          id = this.divisionIds.size
          this.divisionIds.set(ancestor, id)
        }
        ids.add(id)
      }
    }
    const list = [...ids]
    const base = slot * DIVISIONS_INLINE
    for (let i = 0; i < DIVISIONS_INLINE; i += 1) this.placeDivisions[base + i] = list[i] ?? -1
    if (list.length > DIVISIONS_INLINE) this.divisionOverflow.set(slot, list.slice(DIVISIONS_INLINE))
    else this.divisionOverflow.delete(slot)
  }

  private inDivision(slot: number, id: number): boolean {
    const base = slot * DIVISIONS_INLINE
    for (let i = 0; i < DIVISIONS_INLINE; i += 1) {
      const own = this.placeDivisions[base + i] as number
      if (own === id) return true
      if (own === -1) return false
    }
    return this.divisionOverflow.get(slot)?.includes(id) ?? false
  }

  /**
   * Brings `orderedSlots` (places in pinyin order of the standard name, then
   * by id) and each place's `placeOrder` up to date: retired places leave,
   * new ones are merged in. Only here are retired slots freed, so no slot in the order is reused
   * before it has left it.
   */
  private ensureOrdered(): void {
    if (this.retired.length === 0 && this.pending.length === 0) return
    const added = this.pending.filter((e) => !e.retired)
    this.pending = []
    if (this.retired.length > 0) {
      let kept = 0
      for (let i = 0; i < this.orderedCount; i += 1) {
        const slot = this.orderedSlots[i] as number
        if (this.placeRetired[slot] === 0) this.orderedSlots[kept++] = slot
      }
      this.orderedCount = kept
      for (const entry of this.retired) {
        this.bySlot[entry.slot] = undefined
        this.freeSlots.push(entry.slot)
      }
      this.retired = []
    }
    if (this.orderedCount + added.length > this.orderedSlots.length) {
      this.orderedSlots = grown(this.orderedSlots, Math.max(this.placeCapacity, this.orderedCount + added.length))
    }
    if (added.length > 0) this.mergeIntoOrder(added)
    for (let i = 0; i < this.orderedCount; i += 1) this.placeOrder[this.orderedSlots[i] as number] = i
  }

  private readonly compareOrder = (a: PlaceEntry, b: PlaceEntry): number =>
    this.collator.compare(a.standardName, b.standardName) || a.id - b.id

  /**
   * Merges `added` into the order in place, from the back, so an edit
   * allocates nothing. Few additions among many places find their positions
   * by binary search (1,000 edits cost some 17,000 comparisons, not
   * 100,000); many are merged by stepping. `orderedSlots` must have room.
   */
  private mergeIntoOrder(added: PlaceEntry[]): void {
    added.sort(this.compareOrder)
    const order = this.orderedSlots
    const search = added.length * Math.log2(this.orderedCount + 1) < this.orderedCount
    let end = this.orderedCount
    let write = end + added.length
    for (let j = added.length - 1; j >= 0; j -= 1) {
      const entry = added[j] as PlaceEntry
      const at = search ? this.firstAfter(entry, 0, end) : this.firstAfterStepping(entry, end)
      order.copyWithin(write - (end - at), at, end)
      write -= end - at
      order[--write] = entry.slot
      end = at
    }
    this.orderedCount += added.length
  }

  /** The first position in `orderedSlots[from, to)` whose place comes after `entry`, by binary search. */
  private firstAfter(entry: PlaceEntry, from: number, to: number): number {
    let lo = from
    let hi = to
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (this.compareOrder(this.bySlot[this.orderedSlots[mid] as number] as PlaceEntry, entry) < 0) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  /** The same position in `orderedSlots[0, to)`, stepping back from `to`. */
  private firstAfterStepping(entry: PlaceEntry, to: number): number {
    let at = to
    while (at > 0 && this.compareOrder(this.bySlot[this.orderedSlots[at - 1] as number] as PlaceEntry, entry) > 0) at -= 1
    return at
  }

  /** False when the filters cannot match any place. */
  private setFilter(query: PlaceSearchQuery): boolean {
    this.filterCategory = -1
    this.filterDivision = -1
    this.filterStatuses = ALL_STATUSES
    this.filterBbox = query.bbox
    if (query.category !== undefined) {
      const code = this.categoryCodes.get(query.category)
      if (code === undefined) return false
      this.filterCategory = code
    }
    if (query.divisionCode !== undefined) {
      const prefix = significantPrefix(query.divisionCode)
      const id = prefix === null ? undefined : this.divisionIds.get(prefix)
      if (id === undefined) return false
      this.filterDivision = id
    }
    if (query.statuses !== undefined && query.statuses.length > 0) {
      this.filterStatuses = 0
      for (const status of query.statuses) this.filterStatuses |= 1 << STATUS_ORDER[status]
    }
    this.filtering =
      this.filterCategory !== -1 || this.filterDivision !== -1 || this.filterStatuses !== ALL_STATUSES || this.filterBbox !== undefined
    return true
  }

  private passes(slot: number): boolean {
    if (this.filterCategory !== -1 && this.placeCategory[slot] !== this.filterCategory) return false
    if (((this.filterStatuses >> (this.placeStatus[slot] as number)) & 1) === 0) return false
    if (this.filterDivision !== -1 && !this.inDivision(slot, this.filterDivision)) return false
    const box = this.filterBbox
    if (box === undefined) return true
    const at = slot * 4
    return (
      (this.placeBbox[at] as number) <= box[2] &&
      (this.placeBbox[at + 2] as number) >= box[0] &&
      (this.placeBbox[at + 1] as number) <= box[3] &&
      (this.placeBbox[at + 3] as number) >= box[1]
    )
  }

  private listInOrder(offset: number, limit: number): PlaceSearchResult {
    const page: number[] = []
    let total = 0
    if (!this.filtering) {
      total = this.orderedCount
      for (let i = offset; i < Math.min(offset + limit, total); i += 1) page.push(this.orderedSlots[i] as number)
    } else {
      for (let i = 0; i < this.orderedCount; i += 1) {
        const slot = this.orderedSlots[i] as number
        if (!this.passes(slot)) continue
        if (total >= offset && page.length < limit) page.push(slot)
        total += 1
      }
    }
    const hits = page.map((slot): PlaceSearchHit => {
      const place = this.bySlot[slot] as PlaceEntry
      return { placeId: place.id, matchedName: place.standardName, matchedKind: 'standard', rank: 'prefix', via: 'characters' }
    })
    return { total, hits }
  }

  private beginSearch(): void {
    this.epoch += 1
    if (this.epoch === 0xffffffff) {
      this.stamp.fill(0)
      this.epoch = 1
    }
    this.touchedCount = 0
  }

  /** Records a match of the name in slot `nameSlot`, keeping each place's best: ties go to the earlier name of the place, then the earlier way in {@link VIAS}. */
  private offer(nameSlot: number, rank: number, via: number): void {
    const place = this.namePlace[nameSlot] as number
    const key =
      (((rank * 3 + (this.nameKind[nameSlot] as number)) * 3 + (this.placeStatus[place] as number)) * LENGTH_SPAN +
        (this.nameLength[nameSlot] as number)) *
        ORDER_SPAN +
      (this.placeOrder[place] as number)
    if (this.stamp[place] !== this.epoch) {
      this.stamp[place] = this.epoch
      if (this.filtering && !this.passes(place)) {
        this.bestKey[place] = FILTERED_OUT
        return
      }
      this.touched[this.touchedCount++] = place
    } else {
      const best = this.bestKey[place] as number
      if (best === FILTERED_OUT || key > best) return
      const bestSlot = this.bestName[place] as number
      if (key === best && (nameSlot > bestSlot || (nameSlot === bestSlot && via >= (this.bestVia[place] as number)))) return
    }
    this.bestKey[place] = key
    this.bestName[place] = nameSlot
    this.bestVia[place] = via
  }

  private matchCharacters(text: string, chars: string[]): void {
    const postings: Int32Array[] = []
    for (const c of chars) {
      const posting = this.charPostings.get(c)
      if (posting === undefined) return
      postings.push(posting.view())
    }
    if (chars.length === 1 && chars[0] === text) {
      const first = text.codePointAt(0)
      for (const slot of postings[0] as Int32Array) {
        const rank = this.nameFirst[slot] !== first ? SUBSTRING : this.nameLength[slot] === 1 ? EXACT : PREFIX
        this.offer(slot, rank, CHARACTERS)
      }
      return
    }
    for (const slot of intersectRarest(postings, FEW_CANDIDATES)) {
      const name = this.nameText[slot] as string
      if (!name.includes(text)) continue
      this.offer(slot, name === text ? EXACT : name.startsWith(text) ? PREFIX : SUBSTRING, CHARACTERS)
    }
  }

  private matchLatin(text: string): void {
    const n = text.length
    const inside = codesOf(text)
    const head = gramOf(inside, 0, Math.min(n, 3))
    const begins = codesOf(`|${text}`)
    const whole = codesOf(`|${text}|`)
    if (n <= 3) {
      for (const slot of this.gramPosting(PINYIN_PREFIX + head)) {
        const exact = (this.nameShortestKey[slot] as number) <= n && this.fullKeysInclude(slot, whole)
        this.offer(slot, exact ? EXACT : PREFIX, PINYIN)
      }
      for (const slot of this.gramPosting(ROMAN_PREFIX + head)) {
        this.offer(slot, (this.names[slot] as NameEntry).place.romanKey.length === n ? EXACT : PREFIX, ROMANIZATION)
      }
      if (n === 3) {
        for (const slot of this.gramPosting(PINYIN_SUBSTRING + head)) this.offer(slot, SUBSTRING, PINYIN)
        for (const slot of this.gramPosting(ROMAN_SUBSTRING + head)) this.offer(slot, SUBSTRING, ROMANIZATION)
      }
    } else {
      for (const slot of this.substringCandidates(PINYIN_SUBSTRING, inside)) {
        if (this.fullKeysInclude(slot, begins)) {
          const exact = (this.nameShortestKey[slot] as number) <= n && this.fullKeysInclude(slot, whole)
          this.offer(slot, exact ? EXACT : PREFIX, PINYIN)
        } else if (this.fullKeysInclude(slot, inside)) {
          this.offer(slot, SUBSTRING, PINYIN)
        }
      }
      for (const slot of this.substringCandidates(ROMAN_SUBSTRING, inside)) {
        const roman = (this.names[slot] as NameEntry).place.romanKey
        if (!roman.includes(text)) continue
        this.offer(slot, roman === text ? EXACT : roman.startsWith(text) ? PREFIX : SUBSTRING, ROMANIZATION)
      }
    }
    for (const slot of this.gramPosting(INITIALS_PREFIX + head)) {
      const start = this.nameInitialsStart[slot] as number
      const end = this.nameInitialsEnd[slot] as number
      if (n > 3 && !this.keyStore.includes(start, end, begins)) continue
      const exact = this.nameInitialsLength[slot] === n && this.keyStore.includes(start, end, whole)
      this.offer(slot, exact ? EXACT : PREFIX, INITIALS)
    }
  }

  private gramPosting(gram: number): Int32Array {
    return this.latinPostings[gram]?.view() ?? NO_IDS
  }

  private fullKeysInclude(slot: number, pattern: Uint16Array): boolean {
    return this.keyStore.includes(this.nameFullStart[slot] as number, this.nameFullEnd[slot] as number, pattern)
  }

  /** Name slots whose keys in `space` hold every trigram of `codes` (three or more): a superset of those containing it, to verify. */
  private substringCandidates(space: number, codes: Uint16Array): Int32Array {
    const postings: Int32Array[] = []
    for (let i = 0; i + 3 <= codes.length; i += 1) {
      const posting = this.latinPostings[space + gramOf(codes, i, 3)]
      if (posting === undefined) return NO_IDS
      postings.push(posting.view())
    }
    return intersectRarest(postings, FEW_CANDIDATES)
  }

  private matchFuzzy(text: string, chars: string[]): void {
    for (const variant of searchKeys(text).fullVariants) {
      const n = variant.length
      const codes = codesOf(variant)
      const whole = codesOf(`|${variant}|`)
      const candidates =
        n === 0 ? NO_IDS : n <= 3 ? this.gramPosting(PINYIN_PREFIX + gramOf(codes, 0, n)) : this.substringCandidates(PINYIN_SUBSTRING, codes)
      for (const slot of candidates) {
        if ((this.nameShortestKey[slot] as number) > n) continue
        if (this.fullKeysInclude(slot, whole)) this.offer(slot, FUZZY, PINYIN)
      }
    }
    const queryChars = Array.from(text)
    if (queryChars.length < 3) return
    const [first = NO_IDS, second = NO_IDS] = chars.map((c) => this.charPostings.get(c)?.view() ?? NO_IDS).sort((a, b) => a.length - b.length)
    const check = (slot: number): void => {
      if (Math.abs((this.nameLength[slot] as number) - queryChars.length) > 1) return
      const name = this.nameText[slot] as string
      if (withinOneEdit(name, this.nameLength[slot] as number, text, queryChars)) this.offer(slot, FUZZY, CHARACTERS)
    }
    for (const slot of first) check(slot)
    let inFirst = 0
    for (const slot of second) {
      inFirst = lowerBound(first, slot, inFirst, first.length)
      if (first[inFirst] !== slot) check(slot)
    }
  }

  private collectPage(offset: number, limit: number): PlaceSearchResult {
    const total = this.touchedCount
    const wanted = Math.min(offset + limit, total)
    if (offset >= wanted) return { total, hits: [] }
    const keys = this.keyScratch.subarray(0, total)
    for (let i = 0; i < total; i += 1) keys[i] = this.bestKey[this.touched[i] as number] as number
    const smallest = smallestSorted(keys, wanted)
    const hits: PlaceSearchHit[] = []
    for (let i = offset; i < wanted; i += 1) {
      const key = smallest[i] as number
      const slot = this.orderedSlots[key % ORDER_SPAN] as number
      const name = this.names[this.bestName[slot] as number] as NameEntry
      hits.push({
        placeId: (this.bySlot[slot] as PlaceEntry).id,
        matchedName: name.name,
        matchedKind: name.kind,
        rank: RANKS[Math.floor(Math.floor(key / ORDER_SPAN) / (LENGTH_SPAN * 9))] as SearchRank,
        via: VIAS[this.bestVia[slot] as number] as SearchVia,
      })
    }
    return { total, hits }
  }
}

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

function significantPrefix(code: string): string | null {
  if (!DIVISION_CODE.test(code)) return null
  for (const length of DIVISION_LEVELS) {
    if (/^0*$/.test(code.slice(length))) return code.slice(0, length)
  }
  return code
}

function foldName(name: string): string {
  return normalizeName(name).toLowerCase()
}

/** Lower case, no spaces, apostrophes or hyphens, ü written v: the form pinyin keys and Latin queries are compared in. */
function latinKey(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(LATIN_IGNORED, '').replaceAll('ü', 'v')
}

function parseQuery(raw: string): ParsedQuery {
  const text = foldName(raw)
  if (text === '') return { kind: 'empty' }
  const latin = latinKey(text)
  if (LATIN_QUERY.test(latin)) return { kind: 'latin', text: latin }
  return { kind: 'characters', text, chars: [...new Set(text)] }
}

function chooseNames(place: SearchablePlace): { name: string; text: string; kind: SearchNameKind }[] {
  const given = [{ name: place.standardName, kind: 'standard' as SearchNameKind }, ...place.names]
  const byText = new Map<string, { name: string; text: string; kind: SearchNameKind }>()
  for (const { name, kind } of given) {
    const text = foldName(name)
    if (text === '') continue
    const known = byText.get(text)
    if (known === undefined || KIND_ORDER[kind] < KIND_ORDER[known.kind]) byText.set(text, { name, text, kind })
  }
  return [...byText.values()]
}

function joinKeys(keys: string[]): string {
  return `|${keys.join('|')}|`
}

function shortest(keys: string[]): number {
  let length = Infinity
  for (const key of keys) length = Math.min(length, key.length)
  return length
}

/** Calls `visit` with the bounds of each key in a joined region `|key1|key2|` of `codes`. */
function visitKeys(codes: Uint16Array, start: number, end: number, visit: (from: number, to: number) => void): void {
  let from = start + 1
  for (let i = from; i < end; i += 1) {
    if (codes[i] !== BAR) continue
    if (i > from) visit(from, i)
    from = i + 1
  }
}

/** The first one to three letters of a key and its trigrams, in the given spaces. */
function visitKeyGrams(codes: Uint16Array, from: number, to: number, prefixSpace: number, substringSpace: number, visit: (gram: number) => void): void {
  for (let length = 1; length <= Math.min(3, to - from); length += 1) visit(prefixSpace + gramOf(codes, from, length))
  for (let i = from; i + 3 <= to; i += 1) visit(substringSpace + gramOf(codes, i, 3))
}

/**
 * `length` (1–3) UTF-16 units of `codes` from `start` as a number in base
 * 28: a–z are 1–26, anything else 27. Queries are a–z only, so a gram with a
 * 27 is never looked up directly; keys holding other characters are still
 * found through their other grams and verified.
 */
function gramOf(codes: Uint16Array, start: number, length: number): number {
  let gram = 0
  for (let i = start; i < start + length; i += 1) {
    const letter = (codes[i] as number) - 96
    gram = gram * LETTERS + (letter >= 1 && letter <= 26 ? letter : LETTERS - 1)
  }
  return gram
}

/**
 * Whether two strings differ by at most one inserted, deleted or replaced
 * character. Compares UTF-16 units when neither holds a surrogate pair (the
 * common case, no allocation), code points otherwise.
 */
function withinOneEdit(name: string, nameCodePoints: number, query: string, queryChars: string[]): boolean {
  if (name.length === nameCodePoints && query.length === queryChars.length) return withinOneEditOf(name, query)
  return withinOneEditOf(Array.from(name), queryChars)
}

function withinOneEditOf(a: ArrayLike<string>, b: ArrayLike<string>): boolean {
  if (a.length < b.length) return withinOneEditOf(b, a)
  if (a.length - b.length > 1) return false
  let i = 0
  while (i < b.length && a[i] === b[i]) i += 1
  if (a.length === b.length) {
    for (let j = i + 1; j < a.length; j += 1) if (a[j] !== b[j]) return false
    return true
  }
  for (let j = i; j < b.length; j += 1) if (a[j + 1] !== b[j]) return false
  return true
}

function grown<A extends Int32Array | Uint32Array | Uint8Array | Float64Array>(array: A, length: number): A {
  const next = new (array.constructor as new (length: number) => A)(length)
  next.set(array)
  return next
}
