import type { BandTotals, DivisionCoverage } from '../api/coverage.ts'
import type { Lang, MessageKey } from '../i18n/catalogues.ts'

/** What formatting a change needs from the locale. */
export interface DeltaLocale {
  lang: Lang
  t: (key: MessageKey, params?: Record<string, string | number>) => string
}

/** How a band of a division changed between the baseline and a what-if. */
export interface BandDelta {
  /** Households reached with the changes. */
  households: number
  /** Households reached with the changes minus those reached before. */
  change: number
  /** The change as a share of all households of the division, in percentage points; `null` without households. */
  sharePoints: number | null
}

/**
 * The change of every band of a division, band by band; `null` for a band
 * missing from either side (the two reports were made with other bands).
 */
export function divisionDeltas(baseline: DivisionCoverage, whatIf: DivisionCoverage): (BandDelta | null)[] {
  return whatIf.bands.map((after, band) => bandDelta(baseline.bands[band], after, whatIf.households))
}

/** The change of one band; `null` when either side is missing. */
export function bandDelta(before: BandTotals | undefined, after: BandTotals | undefined, totalHouseholds: number): BandDelta | null {
  if (!before || !after || before.limitM !== after.limitM) return null
  const change = after.households - before.households
  return { households: after.households, change, sharePoints: totalHouseholds > 0 ? (change / totalHouseholds) * 100 : null }
}

function signed(value: number, lang: Lang, digits: number): string {
  return new Intl.NumberFormat(lang, {
    signDisplay: 'exceptZero',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value)
}

/**
 * A change of households as "+1,240 户（+2.7%）": households gained or lost,
 * and the change as a share of all the division's households. No change at
 * all reads "无变化".
 */
export function formatBandDelta(delta: BandDelta, locale: DeltaLocale): string {
  if (delta.change === 0) return locale.t('whatIf.delta.none')
  const households = signed(delta.change, locale.lang, 0)
  if (delta.sharePoints === null) return locale.t('whatIf.delta.households', { households })
  return locale.t('whatIf.delta', { households, share: `${signed(delta.sharePoints, locale.lang, 1)}%` })
}

/** Whether a change is a gain, a loss or none, for colouring. */
export function deltaTrend(delta: BandDelta | null): 'up' | 'down' | 'same' {
  if (!delta || delta.change === 0) return 'same'
  return delta.change > 0 ? 'up' : 'down'
}
