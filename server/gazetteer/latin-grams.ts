import { codesOf } from './key-store.ts'
import type { NameKeys } from './name-keys.ts'

/**
 * Latin grams of one to three letters are numbers in base 28 ({@link gramOf});
 * grams of different lengths never collide, so one space of 28³ ids holds
 * them all. Each family of postings has its own space.
 */
const LETTERS = 28
const SPACE = LETTERS ** 3
/** The first one to three letters of a pinyin key. */
export const PINYIN_PREFIX = 0
/** Every three letters in a row of a pinyin key. */
export const PINYIN_SUBSTRING = SPACE
/** The first one to three letters of an approved romanization. */
export const ROMAN_PREFIX = 2 * SPACE
/** Every three letters in a row of an approved romanization. */
export const ROMAN_SUBSTRING = 3 * SPACE
/** The first one to three letters of an initials key. */
export const INITIALS_PREFIX = 4 * SPACE
/** Gram ids stay below this. */
export const GRAM_COUNT = 5 * SPACE
const BAR = 0x7c

/**
 * `length` (1–3) UTF-16 units of `codes` from `start` as a number in base
 * 28: a–z are 1–26, anything else 27. Queries are a–z only, so a gram with a
 * 27 is never looked up directly; keys holding other characters are still
 * found through their other grams and verified.
 */
export function gramOf(codes: Uint16Array, start: number, length: number): number {
  let gram = 0
  for (let i = start; i < start + length; i += 1) {
    const letter = (codes[i] as number) - 96
    gram = gram * LETTERS + (letter >= 1 && letter <= 26 ? letter : LETTERS - 1)
  }
  return gram
}

/**
 * Calls `visit` with every gram id a name is found by: the first one to
 * three letters and the trigrams of each pinyin variant in `keys` (regions
 * of `codes`), the same of `romanKey` unless it is '', and the first one to
 * three initials of each initials variant. A gram may be visited more than
 * once.
 */
export function visitNameGrams(codes: Uint16Array, keys: NameKeys, romanKey: string, visit: (gram: number) => void): void {
  visitKeys(codes, keys.fullStart, keys.fullEnd, (from, to) => visitKeyGrams(codes, from, to, PINYIN_PREFIX, PINYIN_SUBSTRING, visit))
  if (romanKey !== '') {
    const roman = codesOf(romanKey)
    visitKeyGrams(roman, 0, roman.length, ROMAN_PREFIX, ROMAN_SUBSTRING, visit)
  }
  visitKeys(codes, keys.initialsStart, keys.initialsEnd, (from, to) => {
    for (let length = 1; length <= Math.min(3, to - from); length += 1) visit(INITIALS_PREFIX + gramOf(codes, from, length))
  })
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
