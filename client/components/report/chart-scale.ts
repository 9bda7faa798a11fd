/**
 * The smallest "round" number (1, 2, 2.5 or 5 times a power of ten) that is
 * at least `value`, for the end of a chart axis; 1 for zero or less.
 */
export function niceCeiling(value: number): number {
  if (!Number.isFinite(value) || value <= 0) return 1
  const power = 10 ** Math.floor(Math.log10(value))
  for (const step of [1, 2, 2.5, 5, 10]) {
    const candidate = step * power
    if (candidate >= value * (1 - 1e-12)) return candidate
  }
  return 10 * power
}

/**
 * Evenly spaced round ticks from 0 to the first tick at or above `max`, at
 * most about `count` steps: the axis of a bar chart. The last tick is the
 * axis end.
 */
export function niceTicks(max: number, count = 4): number[] {
  const top = Number.isFinite(max) && max > 0 ? max : 1
  const step = niceCeiling(top / Math.max(1, count))
  const steps = Math.max(1, Math.ceil(top / step - 1e-9))
  return Array.from({ length: steps + 1 }, (_, i) => Number((i * step).toPrecision(12)))
}

/**
 * Maps values from 0–`domainMax` onto 0–`rangePx` pixels, clamping values
 * outside the domain to its ends (a bar never leaves its chart).
 */
export function linearScale(domainMax: number, rangePx: number): (value: number) => number {
  const max = domainMax > 0 ? domainMax : 1
  return (value) => (Math.min(Math.max(value, 0), max) / max) * rangePx
}

/** Sizes of the report's horizontal bar charts, in pixels: row and bar height, axis band, name and value columns. */
export const BAR_CHART = { row: 24, bar: 14, axis: 26, label: 112, value: 150 } as const
