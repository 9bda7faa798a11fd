import { growTypedArray } from './grow-typed-array.ts'
import { codesOf } from './key-store.ts'
import { gramOf, INITIALS_PREFIX, PINYIN_PREFIX, PINYIN_SUBSTRING, ROMAN_PREFIX, ROMAN_SUBSTRING } from './latin-grams.ts'
import { type NameKeys, NameKeyTable } from './name-keys.ts'
import { NamePostings } from './name-postings.ts'
import { PlaceFilters } from './place-filters.ts'
import { searchKeys } from './romanize.ts'
import { BestMatches, KIND_ORDER, LENGTH_SPAN, ORDER_SPAN } from './search-ranking.ts'
import { chooseNames, foldName, latinKey, parseQuery } from './search-text.ts'
import type {
  PlaceSearchHit,
  PlaceSearchQuery,
  PlaceSearchResult,
  SearchablePlace,
  SearchNameKind,
  SearchRank,
  SearchVia,
} from './search-types.ts'
import { lowerBound } from './sorted-ids.ts'
import { StandardNameOrder } from './standard-name-order.ts'

export { divisionContains } from './division-codes.ts'
export type * from './search-types.ts'

/**
 * Fuzzy matches (homophones, names one character off) are looked for only
 * when fewer places than this match better, so a query with plenty of real
 * matches is not padded with guesses. A constant rather than the page size,
 * so that `total` does not change from page to page.
 */
export const FUZZY_WHEN_FEWER_THAN = 10

/*
 * Ranks best first, and ways of matching in the order a tie between two ways
 * of matching the same name is settled (a homophone is reported as such
 * rather than as a name one character off); each is passed around as its
 * position. The search loops read only this module's own constants and
 * functions: under Vitest's module runner every read of an imported binding
 * is a getter call, which doubles the time of a search with thousands of
 * matches. For the same reason of speed, the classes the loops use give
 * their typed-array fields a value where they are declared (empty until
 * grown) rather than first in a constructor, so V8 knows what each holds.
 */
const RANKS: readonly SearchRank[] = ['exact', 'prefix', 'substring', 'fuzzy']
const EXACT = 0
const PREFIX = 1
const SUBSTRING = 2
const FUZZY = 3
const VIAS: readonly SearchVia[] = ['pinyin', 'romanization', 'initials', 'characters']
const PINYIN = 0
const ROMANIZATION = 1
const INITIALS = 2
const CHARACTERS = 3
const COMPACT_MIN_DEAD = 4096
const INITIAL_CAPACITY = 1024
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
  private readonly bySlot: (PlaceEntry | undefined)[] = []
  private readonly freeSlots: number[] = []
  private slotCount = 0
  private placeCapacity = 0
  private retired: PlaceEntry[] = []
  private pending: PlaceEntry[] = []
  /** 1 while a retired place still holds its slot in the order. */
  private placeRetired = new Uint8Array(0)
  private readonly order = new StandardNameOrder((slot) => this.bySlot[slot] as PlaceEntry)
  private readonly filters = new PlaceFilters()
  private readonly matches = new BestMatches(this.filters, this.order)

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
  private readonly keys = new NameKeyTable()
  private readonly postings = new NamePostings()

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
    if (!this.filters.apply(query)) return { total: 0, hits: [] }
    const parsed = parseQuery(query.text)
    if (parsed.kind === 'empty') return this.listInOrder(query.offset, query.limit)

    this.matches.begin()
    if (parsed.kind === 'latin') {
      this.matchLatin(parsed.text)
    } else {
      this.matchCharacters(parsed.text, parsed.chars)
      if (parsed.chars.length >= 2 && this.matches.count < FUZZY_WHEN_FEWER_THAN) this.matchFuzzy(parsed.text, parsed.chars)
    }
    return this.collectPage(query.offset, query.limit)
  }

  private createEntry(place: SearchablePlace): PlaceEntry {
    const chosen = chooseNames(place).map((n) => ({ ...n, keys: this.keys.acquire(n.text) }))
    const slot = this.takeSlot()
    const entry: PlaceEntry = { id: place.id, slot, standardName: place.standardName, romanKey: '', nameSlots: [], retired: false }
    this.bySlot[slot] = entry
    this.placeRetired[slot] = 0
    this.filters.write(slot, place)

    const standardText = foldName(place.standardName)
    for (const { name, text, kind, keys } of chosen) {
      const carriesRoman = kind === 'standard' && text === standardText
      if (carriesRoman) {
        const roman = latinKey(place.romanization)
        if (roman !== '' && !this.keys.includes(keys.fullStart, keys.fullEnd, codesOf(`|${roman}|`))) entry.romanKey = roman
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
    this.namePlace[slot] = name.place.slot
    this.nameKind[slot] = KIND_ORDER[name.kind]
    this.nameLength[slot] = Math.min(Array.from(name.text).length, LENGTH_SPAN - 1)
    this.nameFirst[slot] = name.text.codePointAt(0) ?? -1
    this.nameShortestKey[slot] = Math.min(LENGTH_SPAN - 1, name.keys.shortestFull)
    this.nameInitialsLength[slot] = Math.min(LENGTH_SPAN - 1, name.keys.initialsLength)
    this.nameFullStart[slot] = name.keys.fullStart
    this.nameFullEnd[slot] = name.keys.fullEnd
    this.nameInitialsStart[slot] = name.keys.initialsStart
    this.nameInitialsEnd[slot] = name.keys.initialsEnd
    this.postings.add(slot, name.text, this.keys.codes, name.keys, romanKeyOf(name))
    return slot
  }

  private retire(entry: PlaceEntry): void {
    entry.retired = true
    this.placeRetired[entry.slot] = 1
    this.retired.push(entry)
    for (const slot of entry.nameSlots) {
      const name = this.names[slot]
      if (name === undefined) continue
      this.postings.remove(slot, name.text, this.keys.codes, name.keys, romanKeyOf(name))
      this.keys.release(name.text, name.keys)
      this.names[slot] = undefined
      this.nameText[slot] = ''
      this.liveNames -= 1
    }
    entry.nameSlots = []
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
    this.keys.compact()
    const slotsByPlace = new Map<PlaceEntry, number[]>()
    this.names = []
    this.nameText = []
    this.liveNames = 0
    this.postings.clear()
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
    if (slot >= this.placeCapacity) this.growPlaces(Math.max(INITIAL_CAPACITY, this.placeCapacity * 2))
    return slot
  }

  private growPlaces(capacity: number): void {
    this.placeCapacity = capacity
    this.placeRetired = growTypedArray(this.placeRetired, capacity)
    this.order.grow(capacity)
    this.filters.grow(capacity)
    this.matches.grow(capacity)
  }

  private growNames(capacity: number): void {
    this.nameCapacity = capacity
    this.namePlace = growTypedArray(this.namePlace, capacity)
    this.nameKind = growTypedArray(this.nameKind, capacity)
    this.nameLength = growTypedArray(this.nameLength, capacity)
    this.nameFirst = growTypedArray(this.nameFirst, capacity)
    this.nameShortestKey = growTypedArray(this.nameShortestKey, capacity)
    this.nameInitialsLength = growTypedArray(this.nameInitialsLength, capacity)
    this.nameFullStart = growTypedArray(this.nameFullStart, capacity)
    this.nameFullEnd = growTypedArray(this.nameFullEnd, capacity)
    this.nameInitialsStart = growTypedArray(this.nameInitialsStart, capacity)
    this.nameInitialsEnd = growTypedArray(this.nameInitialsEnd, capacity)
  }

  /**
   * Brings the pinyin order up to date: retired places leave, new ones are
   * merged in. Only here are retired slots freed, so no slot in the order is
   * reused before it has left it.
   */
  private ensureOrdered(): void {
    if (this.retired.length === 0 && this.pending.length === 0) return
    const added = this.pending.filter((e) => !e.retired)
    this.pending = []
    this.order.update(added, this.retired.length > 0 ? this.placeRetired : undefined)
    for (const entry of this.retired) {
      this.bySlot[entry.slot] = undefined
      this.freeSlots.push(entry.slot)
    }
    this.retired = []
  }

  private listInOrder(offset: number, limit: number): PlaceSearchResult {
    const ordered = this.order.slots()
    const page: number[] = []
    let total = 0
    if (!this.filters.active) {
      total = ordered.length
      for (let i = offset; i < Math.min(offset + limit, total); i += 1) page.push(ordered[i] as number)
    } else {
      const filters = this.filters
      for (let i = 0; i < ordered.length; i += 1) {
        const slot = ordered[i] as number
        if (!filters.passes(slot)) continue
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

  /** Records a match of the name in slot `nameSlot` with rank `rank` (`EXACT` to `FUZZY`) by way `via` (`PINYIN` to `CHARACTERS`). */
  private offer(nameSlot: number, rank: number, via: number): void {
    const place = this.namePlace[nameSlot] as number
    this.matches.offer(place, nameSlot, rank, via, this.nameKind[nameSlot] as number, this.nameLength[nameSlot] as number)
  }

  private matchCharacters(text: string, chars: string[]): void {
    if (chars.length === 1 && chars[0] === text) {
      const first = text.codePointAt(0)
      for (const slot of this.postings.charPosting(text)) {
        const rank = this.nameFirst[slot] !== first ? SUBSTRING : this.nameLength[slot] === 1 ? EXACT : PREFIX
        this.offer(slot, rank, CHARACTERS)
      }
      return
    }
    for (const slot of this.postings.charCandidates(chars)) {
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
      for (const slot of this.postings.gramPosting(PINYIN_PREFIX + head)) {
        const exact = (this.nameShortestKey[slot] as number) <= n && this.fullKeysInclude(slot, whole)
        this.offer(slot, exact ? EXACT : PREFIX, PINYIN)
      }
      for (const slot of this.postings.gramPosting(ROMAN_PREFIX + head)) {
        this.offer(slot, (this.names[slot] as NameEntry).place.romanKey.length === n ? EXACT : PREFIX, ROMANIZATION)
      }
      if (n === 3) {
        for (const slot of this.postings.gramPosting(PINYIN_SUBSTRING + head)) this.offer(slot, SUBSTRING, PINYIN)
        for (const slot of this.postings.gramPosting(ROMAN_SUBSTRING + head)) this.offer(slot, SUBSTRING, ROMANIZATION)
      }
    } else {
      for (const slot of this.postings.trigramCandidates(PINYIN_SUBSTRING, inside)) {
        if (this.fullKeysInclude(slot, begins)) {
          const exact = (this.nameShortestKey[slot] as number) <= n && this.fullKeysInclude(slot, whole)
          this.offer(slot, exact ? EXACT : PREFIX, PINYIN)
        } else if (this.fullKeysInclude(slot, inside)) {
          this.offer(slot, SUBSTRING, PINYIN)
        }
      }
      for (const slot of this.postings.trigramCandidates(ROMAN_SUBSTRING, inside)) {
        const roman = (this.names[slot] as NameEntry).place.romanKey
        if (!roman.includes(text)) continue
        this.offer(slot, roman === text ? EXACT : roman.startsWith(text) ? PREFIX : SUBSTRING, ROMANIZATION)
      }
    }
    for (const slot of this.postings.gramPosting(INITIALS_PREFIX + head)) {
      const start = this.nameInitialsStart[slot] as number
      const end = this.nameInitialsEnd[slot] as number
      if (n > 3 && !this.keys.includes(start, end, begins)) continue
      const exact = this.nameInitialsLength[slot] === n && this.keys.includes(start, end, whole)
      this.offer(slot, exact ? EXACT : PREFIX, INITIALS)
    }
  }

  private fullKeysInclude(slot: number, pattern: Uint16Array): boolean {
    return this.keys.includes(this.nameFullStart[slot] as number, this.nameFullEnd[slot] as number, pattern)
  }

  private matchFuzzy(text: string, chars: string[]): void {
    for (const variant of searchKeys(text).fullVariants) {
      const n = variant.length
      const codes = codesOf(variant)
      const whole = codesOf(`|${variant}|`)
      const candidates =
        n === 0
          ? NO_IDS
          : n <= 3
            ? this.postings.gramPosting(PINYIN_PREFIX + gramOf(codes, 0, n))
            : this.postings.trigramCandidates(PINYIN_SUBSTRING, codes)
      for (const slot of candidates) {
        if ((this.nameShortestKey[slot] as number) > n) continue
        if (this.fullKeysInclude(slot, whole)) this.offer(slot, FUZZY, PINYIN)
      }
    }
    const queryChars = Array.from(text)
    if (queryChars.length < 3) return
    const [first = NO_IDS, second = NO_IDS] = chars.map((c) => this.postings.charPosting(c)).sort((a, b) => a.length - b.length)
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
    const hits = this.matches.page(offset, limit).map((slot): PlaceSearchHit => {
      const name = this.names[this.matches.nameOf(slot)] as NameEntry
      return {
        placeId: (this.bySlot[slot] as PlaceEntry).id,
        matchedName: name.name,
        matchedKind: name.kind,
        rank: RANKS[this.matches.rankOf(slot)] as SearchRank,
        via: VIAS[this.matches.viaOf(slot)] as SearchVia,
      }
    })
    return { total: this.matches.count, hits }
  }
}

/** The place's romanization key if the name carries it, else ''. */
function romanKeyOf(name: NameEntry): string {
  return name.carriesRoman ? name.place.romanKey : ''
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
