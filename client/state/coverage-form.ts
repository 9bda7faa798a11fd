import type { CoverageQuery } from '../api/coverage.ts'
import type { MessageKey } from '../i18n/catalogues.ts'

/** Bands in minutes of walking (`time`) or metres walked (`distance`). */
export type TravelMode = NonNullable<CoverageQuery['mode']>

/** A named walking speed the server knows. */
export type SpeedPreset = NonNullable<CoverageQuery['speed']>

/** A speed preset, or `custom` for a speed typed in km/h. */
export type SpeedChoice = SpeedPreset | 'custom'

/**
 * The server's speed presets in km/h, for the speed list. They mirror
 * `speedPresetsKmh` on the server; only the preset's name is sent.
 */
export const SPEED_PRESETS_KMH: Record<SpeedPreset, number> = { standard: 4, adult: 4.5, elderly: 3 }

/** Speed choices in list order. */
export const SPEED_CHOICES: readonly SpeedChoice[] = ['standard', 'adult', 'elderly', 'custom']

/** Bands the form starts with: the 5/10/15-minute circles, or 300/500/1000 m. */
export const DEFAULT_BANDS: Record<TravelMode, string> = { time: '5,10,15', distance: '300,500,1000' }

/** The most bands the server accepts. */
const MAX_BANDS = 8
/** The fastest custom walking speed the server accepts, km/h. */
const MAX_SPEED_KMH = 10

/** What the user typed into the coverage form. */
export interface CoverageFormInput {
  kind: string
  mode: TravelMode
  bandsText: string
  speed: SpeedChoice
  customSpeedKmh: number | null
}

/** The form as a request, or which field is wrong and why. */
export type CoverageFormResult =
  | { ok: true; query: CoverageQuery }
  | { ok: false; field: 'bands' | 'speed'; message: MessageKey }

/**
 * Reads band limits typed as a list: commas (also the Chinese `，` and `、`)
 * or spaces between positive numbers. `null` when anything else is there.
 */
export function parseBands(text: string): number[] | null {
  const parts = text.split(/[\s,，、;；]+/).filter((part) => part !== '')
  if (parts.length === 0) return null
  const values = parts.map((part) => (/^\d+(\.\d+)?$/.test(part) ? Number(part) : Number.NaN))
  return values.every((value) => Number.isFinite(value) && value > 0) ? values : null
}

/**
 * Turns the form into a coverage request. Checks what the user can fix here
 * (numbers, how many bands, repeats, speed range); the server checks the rest
 * and says so in its problem details.
 */
export function readCoverageForm(input: CoverageFormInput): CoverageFormResult {
  const bands = parseBands(input.bandsText)
  if (!bands) return { ok: false, field: 'bands', message: 'coverage.bandsInvalid' }
  if (bands.length > MAX_BANDS) return { ok: false, field: 'bands', message: 'coverage.bandsTooMany' }
  const sorted = [...bands].sort((a, b) => a - b)
  if (new Set(sorted).size !== sorted.length) return { ok: false, field: 'bands', message: 'coverage.bandsRepeated' }
  const query: CoverageQuery = { kind: input.kind, mode: input.mode, bands: sorted.join(',') }
  if (input.speed !== 'custom') return { ok: true, query: { ...query, speed: input.speed } }
  const speedKmh = input.customSpeedKmh
  if (speedKmh === null || !Number.isFinite(speedKmh) || speedKmh <= 0 || speedKmh > MAX_SPEED_KMH) {
    return { ok: false, field: 'speed', message: 'coverage.speedInvalid' }
  }
  return { ok: true, query: { ...query, speedKmh } }
}

/**
 * How finely the outlines of the service areas are traced: the grid spacing
 * of the outlines, a preset or a number of metres (`custom`). Coarser grids
 * give simpler outlines; the households counted never depend on it.
 */
export type OutlineDetail = 'fine' | 'standard' | 'coarse' | 'custom'

/** Outline detail choices in list order. */
export const OUTLINE_DETAILS: readonly OutlineDetail[] = ['fine', 'standard', 'coarse', 'custom']

/** Grid spacing of each outline preset, metres. */
export const OUTLINE_CELL_M: Record<Exclude<OutlineDetail, 'custom'>, number> = { fine: 5, standard: 10, coarse: 25 }

/** The server's default buffer around reached streets, metres. */
export const DEFAULT_BUFFER_M = 50
/** The server's default for how far a facility or gate may be from a walkable street, metres. */
export const DEFAULT_MAX_SNAP_M = 300

/** The advanced settings of the coverage form. */
export interface AdvancedInput {
  /** Buffer around reached streets, metres (5–300). */
  bufferM: number | null
  /** How far a facility or gate may be from a walkable street, metres (1–2000). */
  maxSnapM: number | null
  /** One set of bands per facility instead of one for all. */
  perFacility: boolean
  detail: OutlineDetail
  /** Grid spacing typed for `custom`, metres (1–100). */
  customCellM: number | null
}

/** The advanced settings a service-area request adds to a coverage request. */
export interface AreaOptions {
  bufferM?: number
  cellM: number
  perFacility?: boolean
}

/** The whole form as requests, or which field is wrong and why. */
export type AnalysisFormResult =
  | { ok: true; query: CoverageQuery; areas: AreaOptions }
  | { ok: false; field: 'bands' | 'speed' | 'bufferM' | 'maxSnapM' | 'cellM'; message: MessageKey }

function within(value: number | null, min: number, max: number): value is number {
  return value !== null && Number.isFinite(value) && value >= min && value <= max
}

/**
 * Turns the whole form, advanced settings included, into a coverage request
 * and the options of its service areas. Settings left at the server's
 * defaults are not sent; the outline grid always is, as the user chose it.
 */
export function readAnalysisForm(input: CoverageFormInput & AdvancedInput): AnalysisFormResult {
  const basic = readCoverageForm(input)
  if (!basic.ok) return basic
  if (!within(input.bufferM, 5, 300)) return { ok: false, field: 'bufferM', message: 'coverage.bufferInvalid' }
  if (!within(input.maxSnapM, 1, 2000)) return { ok: false, field: 'maxSnapM', message: 'coverage.maxSnapInvalid' }
  const cellM = input.detail === 'custom' ? input.customCellM : OUTLINE_CELL_M[input.detail]
  if (!within(cellM, 1, 100)) return { ok: false, field: 'cellM', message: 'coverage.cellInvalid' }
  const query: CoverageQuery = input.maxSnapM === DEFAULT_MAX_SNAP_M ? basic.query : { ...basic.query, maxSnapM: input.maxSnapM }
  const areas: AreaOptions = {
    ...(input.bufferM !== DEFAULT_BUFFER_M ? { bufferM: input.bufferM } : {}),
    cellM,
    ...(input.perFacility ? { perFacility: true } : {}),
  }
  return { ok: true, query, areas }
}
