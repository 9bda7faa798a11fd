import { FACILITY_KINDS } from '../api/facility-kinds.ts'
import type { MessageKey } from '../i18n/catalogues.ts'
import type { LayerGroupId } from '../map/layer-ids.ts'
import { PALETTE } from '../map/palette.ts'

/** How a swatch looks; see Swatch.svelte. */
export interface SwatchSpec {
  kind: 'line' | 'fill' | 'dot' | 'image'
  color?: string
  outline?: string
  width?: number
  dashed?: boolean
}

/** One checkbox of the layer switcher. */
export interface LayerEntry {
  group: LayerGroupId
  label: MessageKey
  swatch: SwatchSpec
}

/** The switchable groups other than facilities, in list order. */
export const BASE_LAYER_ENTRIES: readonly LayerEntry[] = [
  { group: 'water', label: 'layers.water', swatch: { kind: 'fill', color: PALETTE.water, outline: PALETTE.waterOutline } },
  { group: 'network', label: 'layers.network', swatch: { kind: 'line', color: PALETTE.primary, outline: PALETTE.primaryCasing, width: 4 } },
  { group: 'divisions', label: 'layers.divisions', swatch: { kind: 'line', color: PALETTE.districtLine, width: 3 } },
  { group: 'communities', label: 'layers.communities', swatch: { kind: 'line', color: PALETTE.communityLine, width: 1.5, dashed: true } },
  { group: 'compounds', label: 'layers.compounds', swatch: { kind: 'fill', color: PALETTE.compoundFill, outline: PALETTE.compoundLine } },
  { group: 'gates', label: 'layers.gates', swatch: { kind: 'dot', color: PALETTE.gate } },
]

/** The facility groups, one per kind, in legend order. */
export const FACILITY_GROUPS = FACILITY_KINDS.map((kind) => ({ kind, group: `facilities-${kind}` as const }))

/** One row of the legend that is not a facility. */
export interface LegendEntry {
  label: MessageKey
  swatch: SwatchSpec
}

/** The legend's rows for roads, boundaries and areas. */
export const LEGEND_ENTRIES: readonly LegendEntry[] = [
  { label: 'legend.motorway', swatch: { kind: 'line', color: PALETTE.motorway, outline: PALETTE.motorwayCasing, width: 5 } },
  { label: 'legend.primary', swatch: { kind: 'line', color: PALETTE.primary, outline: PALETTE.primaryCasing, width: 4 } },
  { label: 'legend.residential', swatch: { kind: 'line', color: PALETTE.minor, outline: PALETTE.minorCasing, width: 3 } },
  { label: 'legend.footway', swatch: { kind: 'line', color: PALETTE.footway, width: 2, dashed: true } },
  { label: 'legend.bridge', swatch: { kind: 'line', color: PALETTE.minor, outline: PALETTE.bridgeCasing, width: 3 } },
  { label: 'legend.tunnel', swatch: { kind: 'line', color: PALETTE.tunnel, width: 3, dashed: true } },
  { label: 'legend.district', swatch: { kind: 'line', color: PALETTE.districtLine, width: 4 } },
  { label: 'legend.subdistrict', swatch: { kind: 'line', color: PALETTE.subdistrictLine, width: 2 } },
  { label: 'legend.community', swatch: { kind: 'line', color: PALETTE.communityLine, width: 1.5, dashed: true } },
  { label: 'legend.compound', swatch: { kind: 'fill', color: PALETTE.compoundFill, outline: PALETTE.compoundLine } },
  { label: 'legend.gate', swatch: { kind: 'dot', color: PALETTE.gate } },
  { label: 'legend.water', swatch: { kind: 'fill', color: PALETTE.water, outline: PALETTE.waterOutline } },
]
