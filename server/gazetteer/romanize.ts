import { pinyin, polyphonic } from 'pinyin-pro'
import { normalizeName } from './normalize-name.ts'

/** A place name split into its specific part (专名) and generic part (通名). */
export interface NameParts {
  specific: string
  generic: string
}

/**
 * A character whose toneless reading is not settled by the dictionary: the
 * spelling depends on which reading the place actually uses (六安 Lu'an, not
 * Liu'an; 乐亭 Laoting, not Leting).
 */
export interface Polyphone {
  char: string
  /** Code-point position in `normalizeName(specific + generic)`; for an ordinary name, the position in `specific + generic`. */
  index: number
  /** Distinct toneless readings, the one used in the suggested text first. */
  readings: string[]
}

export interface RomanizationSuggestion {
  /** The suggested spelling, for example "Chang'an Jie". */
  text: string
  /** Characters a person must confirm before the spelling is approved. */
  polyphones: Polyphone[]
  /**
   * Chinese characters the dictionary has no reading for (rare characters
   * outside its range); they are left as characters in `text`, so the
   * suggestion visibly needs hand work.
   */
  unknown: { char: string; index: number }[]
}

/** Keys for finding a name by toneless pinyin and by pinyin initials. */
export interface SearchKeys {
  /** Most likely toneless reading, lower case, no spaces: "zhongguancun". ü is written v ("lvliang"), as pinyin keyboards do. */
  full: string
  /** First letter of each syllable: "zgc". */
  initials: string
  /** `full` first, then other readings of polyphonic characters; at most {@link MAX_KEY_VARIANTS}. */
  fullVariants: string[]
  /** `initials` first, then the initials of other readings; at most {@link MAX_KEY_VARIANTS}. */
  initialVariants: string[]
}

/** Cap on `fullVariants` and `initialVariants`, so a name of many polyphonic characters cannot blow up an index. */
export const MAX_KEY_VARIANTS = 8

type Reading =
  | { kind: 'syllable'; char: string; index: number; reading: string; readings: string[]; fromDigits: boolean }
  | { kind: 'latin'; text: string; index: number }
  | { kind: 'unknown'; char: string; index: number }
  | { kind: 'separator'; index: number }

const HAN_DIGITS = '零一二三四五六七八九'
const HAN_CHAR = /\p{Script=Han}/u
const LATIN_CHAR = /[A-Za-z]/
const VOWEL_START = /^[aoe]/
const ASCII_DIGIT = /^[0-9]$/

/**
 * Suggests the romanized spelling (罗马字母拼写) of a place name under the
 * place-name pinyin rules (GB/T 16159 and the 地名 spelling rules):
 *
 * - the specific and the generic part are written as separate words, each
 *   capitalised ("Zhongguan Cun"); a name passed with `generic: ''` is
 *   written as one word ("Zhoukoudian"), as for natural villages and other
 *   names with no specific/generic split;
 * - within a word, an apostrophe goes before a syllable starting with a, o
 *   or e ("Xi'an Lu", "Chang'an Jie", "Nü'er He");
 * - no tone marks; ü is kept ("Lüliang");
 * - Arabic digits are spelled out as Chinese numerals: a run of one or two
 *   digits as a number ("12" → shí'èr → "Shi'er"), a longer run or one with
 *   a leading zero digit by digit ("798" → "Qijiuba"), as such names are
 *   usually said. Which of the two a name uses is for the reviewer to check.
 *
 * Limits, and why this is only a suggestion and must never be stored as the
 * approved spelling: the reading of each character comes from pinyin-pro's
 * dictionary, which knows many place names (长子 Zhangzi, 六安 Lu'an) but not
 * all (it reads 乐亭 as Leting, the place is Laoting); polyphones are flagged
 * from that dictionary's list of readings, which also holds rare readings
 * (大 dài, 区 ōu), so the list over-warns rather than under-warns; where the
 * caller splits specific from generic is taken as given (the rules join
 * some single-syllable parts and "specificised" generics, which this does
 * not judge); minority-language names follow their own transcription rules
 * and are out of scope. Punctuation separates words; Latin letters are kept
 * as written.
 *
 * @throws Error when both parts are empty after normalisation.
 */
export function suggestRomanization(name: NameParts): RomanizationSuggestion {
  const specific = normalizeName(name.specific)
  const generic = normalizeName(name.generic)
  const whole = specific + generic
  if (whole === '') throw new Error('the name is empty')

  const readings = readName(whole)
  const specificLength = Array.from(specific).length
  const words =
    specific !== '' && generic !== ''
      ? [
          ...spellWords(readings.filter((r) => r.index < specificLength)),
          ...spellWords(readings.filter((r) => r.index >= specificLength)),
        ]
      : spellWords(readings)

  const polyphones: Polyphone[] = []
  const unknown: { char: string; index: number }[] = []
  for (const r of readings) {
    if (r.kind === 'syllable' && !r.fromDigits && r.readings.length > 1) {
      polyphones.push({ char: r.char, index: r.index, readings: r.readings })
    } else if (r.kind === 'unknown') {
      unknown.push({ char: r.char, index: r.index })
    }
  }
  return { text: words.join(' '), polyphones, unknown }
}

/**
 * Search keys of a whole name (specific and generic together): the toneless
 * pinyin without spaces and the initials, plus variants for polyphonic
 * characters so that 长安 is found by "changan" and by "zhangan".
 *
 * Variants are ordered: the most likely reading first, then every reading
 * that differs from it in one character (left to right), then combinations,
 * cut at {@link MAX_KEY_VARIANTS}. A name with many polyphonic characters
 * therefore keeps its likely and single-change readings and loses some
 * combinations. Digits are read as in {@link suggestRomanization}; Latin
 * letters are kept (lower case); punctuation is dropped; a character with no
 * known reading is kept as itself.
 */
export function searchKeys(name: string): SearchKeys {
  const options: string[][] = []
  for (const r of readName(normalizeName(name))) {
    if (r.kind === 'syllable') options.push(r.readings.map(keyForm))
    else if (r.kind === 'latin') options.push([r.text.toLowerCase()])
    else if (r.kind === 'unknown') options.push([r.char])
  }
  const initialOptions = options.map((o) => distinct(o.map(firstLetter)))
  const fullVariants = enumerateVariants(options, MAX_KEY_VARIANTS)
  const initialVariants = enumerateVariants(initialOptions, MAX_KEY_VARIANTS)
  return {
    full: fullVariants[0] ?? '',
    initials: initialVariants[0] ?? '',
    fullVariants,
    initialVariants,
  }
}

function readName(normalized: string): Reading[] {
  const chars = Array.from(normalized)
  const converted: string[] = []
  const origin: { index: number; fromDigits: boolean }[] = []
  for (let i = 0; i < chars.length; ) {
    const run = digitRunAt(chars, i)
    if (run === '') {
      converted.push(chars[i] ?? '')
      origin.push({ index: i, fromDigits: false })
      i += 1
      continue
    }
    for (const numeral of digitsToHan(run)) {
      converted.push(numeral)
      origin.push({ index: i, fromDigits: true })
    }
    i += run.length
  }
  if (converted.length === 0) return []

  const text = converted.join('')
  const chosen = pinyin(text, { type: 'all', toneType: 'none' })
  const alternatives = polyphonic(text, { type: 'array', toneType: 'none' })
  if (chosen.length !== converted.length || alternatives.length !== converted.length) {
    throw new Error(`pinyin-pro returned ${chosen.length} readings for ${converted.length} characters of "${text}"`)
  }

  return converted.map((char, i): Reading => {
    const at = origin[i] ?? { index: i, fromDigits: false }
    const reading = chosen[i]?.pinyin ?? ''
    if (chosen[i]?.isZh && reading !== '') {
      const readings = distinct([reading, ...(alternatives[i] ?? [])])
      return { kind: 'syllable', char, index: at.index, reading, readings, fromDigits: at.fromDigits }
    }
    if (LATIN_CHAR.test(char)) return { kind: 'latin', text: char, index: at.index }
    if (HAN_CHAR.test(char)) return { kind: 'unknown', char, index: at.index }
    return { kind: 'separator', index: at.index }
  })
}

function digitRunAt(chars: string[], start: number): string {
  let run = ''
  for (let i = start; i < chars.length; i += 1) {
    const c = chars[i] ?? ''
    if (!ASCII_DIGIT.test(c)) break
    run += c
  }
  return run
}

function digitsToHan(run: string): string {
  const digit = (d: string): string => HAN_DIGITS.charAt(Number(d))
  if (run.length > 2 || run.startsWith('0')) return Array.from(run, digit).join('')
  if (run.length === 1) return digit(run)
  const tens = run.charAt(0)
  const ones = run.charAt(1)
  return (tens === '1' ? '' : digit(tens)) + '十' + (ones === '0' ? '' : digit(ones))
}

function spellWords(readings: Reading[]): string[] {
  const words: string[] = []
  let word = ''
  let afterSyllable = false
  const finish = (): void => {
    if (word !== '') words.push(word.charAt(0).toUpperCase() + word.slice(1))
    word = ''
    afterSyllable = false
  }
  for (const r of readings) {
    if (r.kind === 'separator') {
      finish()
    } else if (r.kind === 'syllable') {
      word += (afterSyllable && VOWEL_START.test(r.reading) ? "'" : '') + r.reading
      afterSyllable = true
    } else {
      word += r.kind === 'latin' ? r.text : r.char
      afterSyllable = false
    }
  }
  finish()
  return words
}

function keyForm(reading: string): string {
  return reading.replaceAll('ü', 'v')
}

function firstLetter(key: string): string {
  return Array.from(key)[0] ?? ''
}

function distinct(values: string[]): string[] {
  return [...new Set(values)]
}

function enumerateVariants(options: string[][], cap: number): string[] {
  if (options.length === 0) return []
  const primary = options.map((o) => o[0] ?? '')
  const found = new Set<string>([primary.join('')])

  for (let i = 0; i < options.length && found.size < cap; i += 1) {
    for (const alternative of (options[i] ?? []).slice(1)) {
      if (found.size >= cap) break
      found.add(primary.map((p, j) => (j === i ? alternative : p)).join(''))
    }
  }

  const choice = options.map(() => 0)
  for (let step = 0; step < cap * 64 && found.size < cap; step += 1) {
    let position = choice.length - 1
    while (position >= 0 && (choice[position] ?? 0) + 1 >= (options[position]?.length ?? 1)) {
      choice[position] = 0
      position -= 1
    }
    if (position < 0) break
    choice[position] = (choice[position] ?? 0) + 1
    found.add(options.map((o, j) => o[choice[j] ?? 0] ?? '').join(''))
  }
  return [...found]
}
