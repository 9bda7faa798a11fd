import {
  catalogues,
  DEFAULT_LANG,
  formatMessage,
  isLang,
  type Lang,
  type MessageKey,
} from '../i18n/catalogues.ts'

const STORAGE_KEY = 'lifecircle.lang'

function readStoredLang(): Lang {
  try {
    const stored = globalThis.localStorage?.getItem(STORAGE_KEY)
    return isLang(stored) ? stored : DEFAULT_LANG
  } catch {
    return DEFAULT_LANG
  }
}

/**
 * The UI language. Chinese unless the user switched to English; the choice is
 * remembered in localStorage and mirrored on `<html lang>`.
 */
export class Locale {
  lang = $state<Lang>(readStoredLang())

  /** Translates a key, filling `{name}` placeholders from `params`. */
  t = (key: MessageKey, params?: Record<string, string | number>): string =>
    formatMessage(catalogues[this.lang][key], params)

  /** Formats a number with the grouping and decimals of the current locale. */
  formatNumber = (value: number, maximumFractionDigits = 1): string =>
    new Intl.NumberFormat(this.lang, { maximumFractionDigits }).format(value)

  /** Switches between Chinese and English. */
  toggle(): void {
    this.set(this.lang === 'zh-CN' ? 'en' : 'zh-CN')
  }

  /** Sets the language and remembers it. */
  set(lang: Lang): void {
    this.lang = lang
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, lang)
    } catch {
      // Storage may be disabled; the choice then lasts for this page only.
    }
  }
}

/** The one locale of the app. */
export const locale = new Locale()
