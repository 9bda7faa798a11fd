import type { EvaluationStatus, RuleEvaluation, Severity, StandardRule } from '../../api/standards.ts'
import type { Lang } from '../../i18n/catalogues.ts'
import type { Locale } from '../../state/locale.svelte.ts'

/** English for the units the preset sets use, short enough for a table cell; any other unit is shown as the set writes it. */
const UNITS_EN: Readonly<Record<string, string>> = {
  'm²/百户': 'm²/100 hh',
  'm²': 'm²',
  '张/千名老人': 'beds/1,000 elderly',
  '户/处': 'hh/facility',
  '人/处': 'residents/facility',
  '%': '%',
}

/** A rule's name in the current language (the Chinese one when the set has no English). */
export function ruleName(rule: StandardRule, lang: Lang): string {
  return lang === 'en' && rule.labelEn.trim() !== '' ? rule.labelEn : rule.label
}

/** A rule's unit in the current language. */
export function unitName(unit: string, lang: Lang): string {
  return lang === 'en' ? (UNITS_EN[unit] ?? unit) : unit
}

/** Decimals worth showing for a value in a unit: shares and ratios one, areas and counts none. */
function digitsOf(unit: string): number {
  return unit === 'm²' || unit.startsWith('户') || unit.startsWith('人') ? 0 : 1
}

/** A value in a rule's unit, e.g. "30.5 m²/百户" or "79.1%". */
export function formatValue(value: number, unit: string, locale: Locale): string {
  const number = locale.formatNumber(value, digitsOf(unit))
  return unit === '%' ? `${number}%` : `${number} ${unitName(unit, locale.lang)}`
}

/** What a rule requires, e.g. "≥ 40 m²/百户". */
export function requirementText(rule: Pick<StandardRule, 'comparator' | 'threshold' | 'unit'>, locale: Locale): string {
  return `${rule.comparator === '>=' ? '≥' : '≤'} ${formatValue(rule.threshold, rule.unit, locale)}`
}

/** A chart's note under its title: the requirement, and how many communities the rule leaves out. */
export function chartNote(rule: Pick<StandardRule, 'comparator' | 'threshold' | 'unit'>, locale: Locale, notApplicable: number): string {
  return [requirementText(rule, locale), ...(notApplicable > 0 ? [locale.t('report.chart.notApplicable', { count: notApplicable })] : [])].join(' · ')
}

/** The value an evaluation measured, or a dash when it has none. */
export function measuredText(evaluation: RuleEvaluation, locale: Locale): string {
  return evaluation.measured === null ? '—' : formatValue(evaluation.measured, evaluation.unit, locale)
}

/** A flag's message or a cannot-evaluate reason in the current language; `null` when there is none. */
export function evaluationMessage(evaluation: Pick<RuleEvaluation, 'message' | 'messageEn'>, lang: Lang): string | null {
  return lang === 'en' ? (evaluation.messageEn ?? evaluation.message) : (evaluation.message ?? evaluation.messageEn)
}

/** The message key of an evaluation's status. */
export function statusKey(status: EvaluationStatus) {
  return `report.status.${status}` as const
}

/** The message key of a severity. */
export function severityKey(severity: Severity | string) {
  return severity === 'high' || severity === 'medium' || severity === 'low' ? (`report.severity.${severity}` as const) : ('report.severity.medium' as const)
}

/** A report's generation time in the reader's time zone, to the minute. */
export function formatGeneratedAt(iso: string, locale: Locale): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return new Intl.DateTimeFormat(locale.lang, { dateStyle: 'medium', timeStyle: 'short' }).format(date)
}

/** A rule's walk, e.g. "15 分钟" or "1,000 m". */
export function walkText(rule: StandardRule, locale: Locale): string {
  if (!rule.walk) return ''
  if ('metres' in rule.walk) return locale.t('coverage.metres', { value: locale.formatNumber(rule.walk.metres, 0) })
  return locale.t('coverage.minutes', { value: locale.formatNumber(rule.walk.minutes, 1) })
}
