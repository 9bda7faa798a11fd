import type { DivisionCoverage, ResolvedBands } from '../api/coverage.ts'
import type { TravelMode } from '../state/coverage-form.ts'
import type { Locale } from '../state/locale.svelte.ts'

/** A band as a legend label: "≤ 5 分钟" or "≤ 300 米". */
export function bandLabel(value: number, mode: TravelMode, locale: Locale): string {
  return locale.t(mode === 'time' ? 'coverage.band.time' : 'coverage.band.distance', {
    value: locale.formatNumber(value, 2),
  })
}

/** A share of 0–1 as a percentage with one decimal, or a dash when unknown. */
export function formatShare(share: number | null, locale: Locale): string {
  if (share === null || !Number.isFinite(share)) return '—'
  return `${locale.formatNumber(share * 100, 1)}%`
}

/** Minutes with one decimal, e.g. "7.5 分钟", or a dash when unknown. */
export function formatMinutes(minutes: number | null, locale: Locale): string {
  if (minutes === null || !Number.isFinite(minutes)) return '—'
  return locale.t('coverage.minutes', { value: locale.formatNumber(minutes, 1) })
}

/** Whole metres, e.g. "620 米", or a dash when unknown. */
export function formatMetres(metres: number | null, locale: Locale): string {
  if (metres === null || !Number.isFinite(metres)) return '—'
  return locale.t('coverage.metres', { value: locale.formatNumber(metres, 0) })
}

/**
 * The headline figure of a division: the share of its households within the
 * largest band, e.g. "15 分钟内覆盖 62.3% 户（31,234 / 50,123 户）".
 */
export function coverageSummary(division: DivisionCoverage, bands: ResolvedBands, locale: Locale): string {
  const last = bands.bands.length - 1
  const totals = division.bands[last]
  const value = bands.bands[last]
  if (!totals || value === undefined || division.households === 0) return locale.t('coverage.summaryNoHouseholds')
  return locale.t(bands.mode === 'time' ? 'coverage.summary.time' : 'coverage.summary.distance', {
    value: locale.formatNumber(value, 2),
    share: formatShare(totals.householdShare, locale),
    reached: locale.formatNumber(totals.households, 0),
    total: locale.formatNumber(division.households, 0),
  })
}

/** Median and 90th-percentile walk of a division's households, in the mode's unit. */
export function coverageStats(division: DivisionCoverage, mode: TravelMode, locale: Locale): string | null {
  if (mode === 'time') {
    if (division.medianMinutes === null || division.p90Minutes === null) return null
    return locale.t('coverage.stats.time', {
      median: locale.formatNumber(division.medianMinutes, 1),
      p90: locale.formatNumber(division.p90Minutes, 1),
    })
  }
  if (division.medianDistanceM === null || division.p90DistanceM === null) return null
  return locale.t('coverage.stats.distance', {
    median: locale.formatNumber(division.medianDistanceM, 0),
    p90: locale.formatNumber(division.p90DistanceM, 0),
  })
}
