import { en } from './en.ts'
import { zhCN, type MessageKey, type Messages } from './zh-CN.ts'

export type { MessageKey, Messages }

/** Locales the UI is translated into; `zh-CN` is the default. */
export type Lang = 'zh-CN' | 'en'

/** The default locale, used when nothing else was chosen. */
export const DEFAULT_LANG: Lang = 'zh-CN'

/** Every catalogue by locale. */
export const catalogues: Record<Lang, Messages> = { 'zh-CN': zhCN, en }

/** Whether a string names a supported locale. */
export function isLang(value: unknown): value is Lang {
  return value === 'zh-CN' || value === 'en'
}

/** Fills `{name}` placeholders in a message; unknown placeholders are left as they are. */
export function formatMessage(template: string, params?: Record<string, string | number>): string {
  if (!params) return template
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  )
}
