import { DOCUMENT_TYPES, INSPECTION_KINDS, LINE_LEVELS, MARKER_CONDITIONS, type LineStatus } from '../../api/boundaries.ts'
import type { MessageKey } from '../../i18n/catalogues.ts'

/** The translate function of the locale. */
type Translate = (key: MessageKey, params?: Record<string, string | number>) => string

/** A line's level in words (省级 …); an unknown one as it is. */
export function lineLevelText(t: Translate, level: string): string {
  const known = LINE_LEVELS.find((entry) => entry === level)
  return known ? t(`boundaries.level.${known}`) : level
}

/** A line's inspection status in words (按期、今年到期、逾期、已计划). */
export function lineStatusText(t: Translate, status: LineStatus): string {
  return t(`boundaries.status.${status}`)
}

/** A marker's condition in words (完好 …); an unknown one as it is. */
export function markerConditionText(t: Translate, condition: string | null): string {
  if (!condition) return '—'
  const known = MARKER_CONDITIONS.find((entry) => entry === condition)
  return known ? t(`boundaries.condition.${known}`) : condition
}

/** A kind of inspection in words (定期联检、专项检查). */
export function inspectionKindText(t: Translate, kind: string): string {
  const known = INSPECTION_KINDS.find((entry) => entry === kind)
  return known ? t(`boundaries.inspectionKind.${known}`) : kind
}

/** A kind of archive document in words (协议书 …). */
export function documentTypeText(t: Translate, type: string): string {
  const known = DOCUMENT_TYPES.find((entry) => entry === type)
  return known ? t(`boundaries.docType.${known}`) : type
}

/** Where a condition observation came from, in words. */
export function conditionSourceText(t: Translate, source: string): string {
  const known = (['recorded', 'edit', 'inspection', 'damage_report', 'import'] as const).find((entry) => entry === source)
  return known ? t(`boundaries.conditionSource.${known}`) : source
}

/** A length in metres as metres or kilometres. */
export function lengthText(metres: number, formatNumber: (value: number, digits?: number) => string): string {
  return metres >= 1000 ? `${formatNumber(metres / 1000, 2)} km` : `${formatNumber(metres, 0)} m`
}

/** A coordinate pair as `lng, lat` to six decimals; a dash when hidden. */
export function coordinatesText(lng: number | null, lat: number | null): string {
  return lng === null || lat === null ? '—' : `${lng.toFixed(6)}, ${lat.toFixed(6)}`
}

/**
 * Today in China (UTC+8), `YYYY-MM-DD`: the calendar the server judges
 * "done" and "due" dates by, whatever the browser's time zone.
 */
export function todayInChina(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10)
}

/** Where a line's geometry came from, in words (由区划推导、导入、绘制). */
export function lineSourceText(t: Translate, source: string): string {
  const known = (['derived', 'imported', 'drawn'] as const).find((entry) => entry === source)
  return known ? t(`boundaries.source.${known}`) : source
}
