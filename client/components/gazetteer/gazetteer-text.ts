import type { CaseAction, CaseKind, CaseStatus } from '../../api/gazetteer-cases.ts'
import type { MatchedKind, MatchedVia, PlaceFields, PlaceSearchItem, PlaceStatus, SimilarName } from '../../api/gazetteer-places.ts'
import { PROTECTION_LEVELS } from '../../api/gazetteer-protected-names.ts'
import { SIGN_CONDITIONS, SIGN_TYPES } from '../../api/gazetteer-signs.ts'
import type { MessageKey } from '../../i18n/catalogues.ts'
import type { LoadError } from '../../state/load-error.ts'

/** The translate function of the locale. */
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string

/** Items joined as a list in the UI language: 甲、乙 or A, B. */
export function listText(t: Translate, items: readonly string[]): string {
  return items.join(t('gazetteer.listSeparator'))
}

/** A place's status in words: 现行, 历史, 错误. */
export function placeStatusText(t: Translate, status: string): string {
  return status === 'current' || status === 'historical' || status === 'deprecated' ? t(`gazetteer.status.${status as PlaceStatus}`) : status
}

/** What kind of name a name is: 标准名称, 别名, 简称, 图上名, 历史地名. */
export function nameKindText(t: Translate, kind: string): string {
  return ['standard', 'alias', 'short', 'map', 'historical'].includes(kind) ? t(`gazetteer.nameKind.${kind as MatchedKind}`) : kind
}

export function caseKindText(t: Translate, kind: CaseKind): string {
  return t(`gazetteer.caseKind.${kind}`)
}

export function caseStatusText(t: Translate, status: CaseStatus): string {
  return t(`gazetteer.caseStatus.${status}`)
}

export function caseActionText(t: Translate, action: CaseAction | 'create' | 'edit'): string {
  return t(`gazetteer.caseAction.${action}`)
}

/** A level of the protection list in words (国家级 …); an unknown one as it is. */
export function protectionLevelText(t: Translate, level: string): string {
  const known = PROTECTION_LEVELS.find((entry) => entry === level)
  return known ? t(`gazetteer.protection.level.${known}`) : level
}

/** A kind of sign in words (路牌 …); an unknown one as it is. */
export function signTypeText(t: Translate, type: string): string {
  const known = SIGN_TYPES.find((entry) => entry === type)
  return known ? t(`gazetteer.sign.type.${known}`) : type
}

/** A sign's condition in words (完好 …); an unknown one as it is. */
export function signConditionText(t: Translate, condition: string): string {
  const known = SIGN_CONDITIONS.find((entry) => entry === condition)
  return known ? t(`gazetteer.sign.condition.${known}`) : condition
}

/** What saved a version of a place, in words. */
export function versionChangeText(t: Translate, change: string): string {
  const known = ['register', 'edit', 'naming', 'renaming', 'retiring', 'correction', 'import', 'demo'] as const
  const found = known.find((entry) => entry === change)
  return found ? t(`gazetteer.change.${found}`) : change
}

/**
 * How a search result matched, when it was not simply its standard name by
 * its characters: the name that matched with its kind ("历史地名 文兴街")
 * and how ("拼音"); empty otherwise.
 */
export function matchText(t: Translate, item: Pick<PlaceSearchItem, 'matchedKind' | 'matchedName' | 'via' | 'rank'>): string {
  const parts: string[] = []
  if (item.matchedKind !== 'standard') parts.push(`${nameKindText(t, item.matchedKind)} ${item.matchedName}`)
  if (item.via !== 'characters') parts.push(t(`gazetteer.via.${item.via as MatchedVia}`))
  if (item.rank === 'fuzzy') parts.push(t('gazetteer.via.fuzzy'))
  return parts.join(' · ')
}

/** Why a name is listed as similar, in the UI language. */
export function similarReasonText(t: Translate, reason: SimilarName['reasons'][number]): string {
  switch (reason.kind) {
    case 'identical':
      return t('gazetteer.similar.identical')
    case 'same-sounding':
      return t(reason.likelyReadings ? 'gazetteer.similar.sameSounding' : 'gazetteer.similar.sameSoundingPolyphone', { pinyin: reason.pinyin })
    case 'same-specific':
      return t('gazetteer.similar.sameSpecific', { specific: reason.specific, generic: reason.candidateGeneric })
  }
}

/** Whether a similar name blocks a submission until acknowledged (identical or same-sounding, not only the same specific part). */
export function isClash(similar: SimilarName): boolean {
  return similar.reasons.some((reason) => reason.kind !== 'same-specific')
}

const FIELD_KEYS: Record<keyof PlaceFields, MessageKey> = {
  category: 'gazetteer.field.category',
  categoryCode: 'gazetteer.field.categoryCode',
  featureType: 'gazetteer.field.featureType',
  standardName: 'gazetteer.field.standardName',
  specificPart: 'gazetteer.field.specificPart',
  genericPart: 'gazetteer.field.genericPart',
  romanization: 'gazetteer.field.romanization',
  romanizationConfirmed: 'gazetteer.field.romanizationConfirmed',
  minorityName: 'gazetteer.field.minorityName',
  meaning: 'gazetteer.field.meaning',
  history: 'gazetteer.field.history',
  description: 'gazetteer.field.description',
  sources: 'gazetteer.field.sources',
  divisionCodes: 'gazetteer.field.divisionCodes',
  geometry: 'gazetteer.field.geometry',
  namedOn: 'gazetteer.field.namedOn',
  establishedOn: 'gazetteer.field.establishedOn',
  abolishedOn: 'gazetteer.field.abolishedOn',
  status: 'gazetteer.field.status',
  registeredBy: 'gazetteer.field.registeredBy',
  registeringUnit: 'gazetteer.field.registeringUnit',
  registeredOn: 'gazetteer.field.registeredOn',
  altNames: 'gazetteer.field.altNames',
}

/** A field's label; a path inside a field (`altNames[1].validTo`) is labelled by its field. */
export function fieldLabel(t: Translate, path: string): string {
  const field = path.split(/[.[]/)[0] as keyof PlaceFields
  const key = FIELD_KEYS[field]
  return key ? t(key) : path
}

/** A field's value in a few words, for change lists: dates and names as they are, empty values as a dash, the rest as JSON. */
export function fieldValueText(t: Translate, field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—'
  if (typeof value === 'boolean') return t(value ? 'value.yes' : 'value.no')
  if (field === 'status' && typeof value === 'string') return placeStatusText(t, value)
  if (typeof value === 'string') return value.length > 80 ? `${value.slice(0, 80)}…` : value
  if (field === 'geometry' && typeof value === 'object' && 'type' in value) return String((value as { type: unknown }).type)
  if (Array.isArray(value) && value.every((entry) => typeof entry === 'string')) return listText(t, value) || '—'
  const text = JSON.stringify(value)
  return text.length > 80 ? `${text.slice(0, 80)}…` : text
}

function pad(value: number): string {
  return String(value).padStart(2, '0')
}

/** A timestamp from the server as local `YYYY-MM-DD HH:mm`; the text as sent when it is not one. */
export function formatTimestamp(iso: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`
}

/** A calendar date as stored (`YYYY-MM-DD`), or a dash when there is none. */
export function formatDay(day: string | null | undefined): string {
  return day || '—'
}

/** Today on the user's calendar, `YYYY-MM-DD`. */
export function today(): string {
  const now = new Date()
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
}

/** A file size in KB or MB. */
export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`
}

/** A failure to load something, as one line: what failed and why (the server's words when it gave them). */
export function loadErrorText(t: Translate, failure: LoadError): string {
  return `${t(failure.what)}${t('error.detail', { reason: failure.detail ?? t(failure.why, failure.params) })}`
}
