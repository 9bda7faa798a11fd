/** Named walking speeds, km/h. 4 km/h walks 1,000 m in 15 minutes, as GB 50180-2018's 15-minute circle assumes. */
export const speedPresetsKmh = { standard: 4, adult: 4.5, elderly: 3 } as const
export type SpeedPreset = keyof typeof speedPresetsKmh

export const defaultBandsMin = [5, 10, 15]
export const defaultDistanceBandsM = [300, 500, 1000]

/** Bands as walking distances, with what the user asked for. */
export interface TravelBands {
  mode: 'time' | 'distance'
  /** Walking speed used to turn minutes into metres (time mode) or metres into minutes (reporting). */
  speedKmh: number
  /** Band limits as the user gave them: minutes (time mode) or metres (distance mode), ascending. */
  bands: number[]
  /** Band limits in metres, ascending. */
  limitsM: number[]
}

/** Thrown for parameters that make no sense; the message names the parameter. */
export class TravelParameterError extends Error {}

/**
 * Resolves bands and speed into distance limits: minutes × speed in time
 * mode, metres as given in distance mode. Bands are sorted and must be
 * positive, at most 8, and at most 120 minutes or 10,000 m.
 */
export function resolveTravelBands(input: { mode?: 'time' | 'distance'; bands?: number[]; speed?: SpeedPreset; speedKmh?: number }): TravelBands {
  const mode = input.mode ?? 'time'
  const speedKmh = input.speedKmh ?? speedPresetsKmh[input.speed ?? 'standard']
  if (!(speedKmh > 0 && speedKmh <= 10)) throw new TravelParameterError(`speedKmh must be above 0 and at most 10, got ${speedKmh}`)
  const bands = [...(input.bands ?? (mode === 'time' ? defaultBandsMin : defaultDistanceBandsM))].sort((a, b) => a - b)
  const max = mode === 'time' ? 120 : 10_000
  if (bands.length === 0 || bands.length > 8) throw new TravelParameterError(`bands must list 1 to 8 values, got ${bands.length}`)
  for (const b of bands) {
    if (!(b > 0 && b <= max)) throw new TravelParameterError(`each band must be above 0 and at most ${max} ${mode === 'time' ? 'minutes' : 'metres'}, got ${b}`)
  }
  if (new Set(bands).size !== bands.length) throw new TravelParameterError('bands must not repeat')
  const metresPerMinute = (speedKmh * 1000) / 60
  return { mode, speedKmh, bands, limitsM: mode === 'time' ? bands.map((m) => m * metresPerMinute) : bands }
}

/** Minutes to walk `metres` at `speedKmh`. */
export function walkingMinutes(metres: number, speedKmh: number): number {
  return metres / ((speedKmh * 1000) / 60)
}
