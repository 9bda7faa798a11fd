import { GRAM_COUNT, gramOf, visitNameGrams } from './latin-grams.ts'
import type { NameKeys } from './name-keys.ts'
import { IdList, intersectRarest } from './sorted-ids.ts'

const FEW_CANDIDATES = 32
const NO_IDS = new Int32Array(0)

/**
 * Which names hold each character and each Latin gram (see
 * {@link visitNameGrams}), as lists of name slots in ascending order: what a
 * search intersects to find candidates before it verifies them.
 */
export class NamePostings {
  private chars = new Map<string, IdList>()
  /** Indexed by gram id. */
  private grams: (IdList | undefined)[] = new Array<IdList | undefined>(GRAM_COUNT)
  private readonly gramSeen = new Int32Array(GRAM_COUNT)

  /**
   * Posts the name in `slot`, which must be above every slot posted since
   * the last {@link clear}: its folded `text`, and the grams of `keys` (regions
   * of `codes`) and of `romanKey` ('' unless the name carries the place's
   * romanization).
   */
  add(slot: number, text: string, codes: Uint16Array, keys: NameKeys, romanKey: string): void {
    for (const c of new Set(text)) {
      let posting = this.chars.get(c)
      if (posting === undefined) this.chars.set(c, (posting = new IdList()))
      posting.push(slot)
    }
    visitNameGrams(codes, keys, romanKey, (gram) => {
      if (this.gramSeen[gram] === slot + 1) return
      this.gramSeen[gram] = slot + 1
      let posting = this.grams[gram]
      if (posting === undefined) this.grams[gram] = posting = new IdList()
      posting.push(slot)
    })
  }

  /** Takes the name in `slot` out again, given what it was posted with. */
  remove(slot: number, text: string, codes: Uint16Array, keys: NameKeys, romanKey: string): void {
    for (const c of new Set(text)) {
      const posting = this.chars.get(c)
      if (posting?.remove(slot) === true && posting.length === 0) this.chars.delete(c)
    }
    visitNameGrams(codes, keys, romanKey, (gram) => {
      const posting = this.grams[gram]
      if (posting?.remove(slot) === true && posting.length === 0) this.grams[gram] = undefined
    })
  }

  /** Removes every name, so that slots may start again from 0. */
  clear(): void {
    this.chars = new Map()
    this.grams = new Array<IdList | undefined>(GRAM_COUNT)
    this.gramSeen.fill(0)
  }

  /** The names holding character `c`; valid until the postings next change. */
  charPosting(c: string): Int32Array {
    return this.chars.get(c)?.view() ?? NO_IDS
  }

  /** The names holding every one of `chars`, or a few more: a superset to verify. */
  charCandidates(chars: string[]): Int32Array {
    const postings: Int32Array[] = []
    for (const c of chars) {
      const posting = this.chars.get(c)
      if (posting === undefined) return NO_IDS
      postings.push(posting.view())
    }
    return intersectRarest(postings, FEW_CANDIDATES)
  }

  /** The names posted under gram id `gram`; valid until the postings next change. */
  gramPosting(gram: number): Int32Array {
    return this.grams[gram]?.view() ?? NO_IDS
  }

  /** The names whose keys in gram space `space` hold every trigram of `codes` (three or more), or a few more: a superset of those containing it, to verify. */
  trigramCandidates(space: number, codes: Uint16Array): Int32Array {
    const postings: Int32Array[] = []
    for (let i = 0; i + 3 <= codes.length; i += 1) {
      const posting = this.grams[space + gramOf(codes, i, 3)]
      if (posting === undefined) return NO_IDS
      postings.push(posting.view())
    }
    return intersectRarest(postings, FEW_CANDIDATES)
  }
}
