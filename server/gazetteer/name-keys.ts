import { KeyStore } from './key-store.ts'
import { searchKeys } from './romanize.ts'

/**
 * Search keys of one distinct name text, shared by every name that uses it,
 * as regions of a key store. The variants are joined as `|key1|key2|`, so
 * `|text|` finds an exact key and `|text` a key beginning with it (keys never
 * hold `|`, as {@link searchKeys} drops punctuation).
 */
export interface NameKeys {
  fullStart: number
  fullEnd: number
  initialsStart: number
  initialsEnd: number
  shortestFull: number
  initialsLength: number
  refs: number
}

/**
 * The search keys of every distinct name text in use, computed once per text
 * (pinyin-pro takes about 20 µs a name) and packed in one {@link KeyStore}.
 * Regions of texts no longer used stay in the store until {@link compact}.
 */
export class NameKeyTable {
  private store = new KeyStore()
  private readonly byText = new Map<string, NameKeys>()

  /** The store's code units, for reading key regions in bulk; do not keep across {@link acquire} or {@link compact}. */
  get codes(): Uint16Array {
    return this.store.codes
  }

  /** Whether `pattern` occurs in the region `[start, end)` of the store. */
  includes(start: number, end: number, pattern: Uint16Array): boolean {
    return this.store.includes(start, end, pattern)
  }

  /** The keys of `text`, computed on first use; each call must be matched by a {@link release}. */
  acquire(text: string): NameKeys {
    const known = this.byText.get(text)
    if (known !== undefined) {
      known.refs += 1
      return known
    }
    const { fullVariants, initialVariants } = searchKeys(text)
    const fullStart = this.store.append(joinKeys(fullVariants))
    const initialsStart = this.store.append(joinKeys(initialVariants))
    const keys: NameKeys = {
      fullStart,
      fullEnd: initialsStart,
      initialsStart,
      initialsEnd: this.store.length,
      shortestFull: shortest(fullVariants),
      initialsLength: shortest(initialVariants),
      refs: 1,
    }
    this.byText.set(text, keys)
    return keys
  }

  /** Gives up one use of the keys of `text`; after the last, the text's keys are computed afresh if it comes back. */
  release(text: string, keys: NameKeys): void {
    keys.refs -= 1
    if (keys.refs <= 0) this.byText.delete(text)
  }

  /** Copies the keys of the texts in use to a new store, moving the regions of every {@link NameKeys} in place. */
  compact(): void {
    const store = new KeyStore()
    const old = this.store.codes
    for (const keys of this.byText.values()) {
      keys.fullStart = store.appendCodes(old.subarray(keys.fullStart, keys.fullEnd))
      keys.initialsStart = store.appendCodes(old.subarray(keys.initialsStart, keys.initialsEnd))
      keys.fullEnd = keys.initialsStart
      keys.initialsEnd = store.length
    }
    this.store = store
  }
}

function joinKeys(keys: string[]): string {
  return `|${keys.join('|')}|`
}

function shortest(keys: string[]): number {
  let length = Infinity
  for (const key of keys) length = Math.min(length, key.length)
  return length
}
