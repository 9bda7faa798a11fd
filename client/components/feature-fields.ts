import { isFacilityKind } from '../api/facility-kinds.ts'
import type { MessageKey } from '../i18n/catalogues.ts'
import { zhCN } from '../i18n/zh-CN.ts'
import type { FeatureType } from '../map/click-targets.ts'
import type { Locale } from '../state/locale.svelte.ts'

/** One row of the attribute panel. */
export interface FieldRow {
  key: string
  label: string
  value: string
}

/** The attributes shown for each type of feature, in panel order. */
const FIELDS: Record<FeatureType, readonly string[]> = {
  facility: ['name', 'kind', 'address', 'communityName', 'floorAreaM2', 'beds', 'nursingBeds', 'openingYear', 'id'],
  gate: ['name', 'compoundName', 'communityName', 'id'],
  compound: ['name', 'communityName', 'communityCode', 'households', 'population', 'elderlyPopulation', 'builtYear', 'id'],
  network: ['name', 'highway', 'lengthM', 'bridge', 'tunnel', 'id'],
  water: ['name', 'kind', 'id'],
  community: ['name', 'code', 'level', 'parentName', 'parentCode', 'urbanRural', 'households', 'population', 'elderlyPopulation'],
  division: ['name', 'code', 'level', 'parentName', 'parentCode', 'urbanRural', 'households', 'population', 'elderlyPopulation'],
}

const DECIMAL_FIELDS = new Set(['floorAreaM2', 'lengthM'])
const COUNT_FIELDS = new Set(['beds', 'nursingBeds', 'households', 'population', 'elderlyPopulation'])
const BOOLEAN_FIELDS = new Set(['bridge', 'tunnel'])

function isMessageKey(key: string): key is MessageKey {
  return key in zhCN
}

function isTruthy(value: unknown): boolean {
  return value === true || value === 1 || value === 't' || value === 'true'
}

function translated(locale: Locale, key: string, fallback: string): string {
  return isMessageKey(key) ? locale.t(key) : fallback
}

/** Names a facility kind, preferring the names the server sent. */
export type KindNamer = (code: string) => string

function formatValue(
  type: FeatureType,
  key: string,
  value: unknown,
  locale: Locale,
  kindName: KindNamer,
): string | null {
  if (value === null || value === undefined || value === '') return null
  if (BOOLEAN_FIELDS.has(key)) return locale.t(isTruthy(value) ? 'value.yes' : 'value.no')
  const text = String(value)
  if (key === 'kind') {
    if (type === 'facility') return kindName(text)
    return translated(locale, `value.water.${text}`, text)
  }
  if (key === 'highway') return translated(locale, `value.highway.${text}`, text)
  if (key === 'level') return translated(locale, `value.level.${text}`, text)
  if (key === 'urbanRural') return translated(locale, `value.${text}`, text)
  const number = typeof value === 'number' ? value : Number.NaN
  if (DECIMAL_FIELDS.has(key) && Number.isFinite(number)) return locale.formatNumber(number, 1)
  if (COUNT_FIELDS.has(key) && Number.isFinite(number)) return locale.formatNumber(number, 0)
  return text
}

/**
 * The rows of the attribute panel for a feature: known attributes of its
 * type, labelled in the current language, with empty ones left out.
 */
export function featureRows(
  type: FeatureType,
  properties: Record<string, unknown>,
  locale: Locale,
  kindName: KindNamer,
): FieldRow[] {
  const rows: FieldRow[] = []
  for (const key of FIELDS[type]) {
    const value = formatValue(type, key, properties[key], locale, kindName)
    if (value === null) continue
    rows.push({ key, label: translated(locale, `field.${key}`, key), value })
  }
  return rows
}

/** A heading for a feature: its name, or for an unnamed road its class. */
export function featureTitle(
  type: FeatureType,
  properties: Record<string, unknown>,
  locale: Locale,
): string {
  const name = properties.name
  if (typeof name === 'string' && name.trim() !== '') return name
  if (type === 'network' && typeof properties.highway === 'string') {
    return translated(locale, `value.highway.${properties.highway}`, properties.highway)
  }
  return locale.t('panel.unnamed')
}

/** The panel's subtitle: what sort of feature this is. */
export function featureTypeLabel(
  type: FeatureType,
  properties: Record<string, unknown>,
  locale: Locale,
  kindName: KindNamer,
): string {
  if (type === 'facility' && isFacilityKind(properties.kind)) return kindName(properties.kind)
  if ((type === 'division' || type === 'community') && typeof properties.level === 'string') {
    return translated(locale, `value.level.${properties.level}`, locale.t(`panel.type.${type}`))
  }
  return locale.t(`panel.type.${type}`)
}
