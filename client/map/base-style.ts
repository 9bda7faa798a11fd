import type { StyleSpecification } from 'maplibre-gl'
import { LAYER_IDS } from './layer-ids.ts'
import { PALETTE } from './palette.ts'

/**
 * CSS font families for Chinese labels. MapLibre draws every glyph locally
 * with these fonts (see {@link createBaseStyle}), so no font server is needed.
 */
export const LABEL_FONT_FAMILY =
  '"PingFang SC", "Hiragino Sans GB", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif'

/**
 * The empty style the map starts from: a background and nothing else. There is
 * no basemap, no sprite and deliberately no `glyphs` URL: without one MapLibre
 * renders every label glyph locally with the browser's fonts (with one, it
 * would fetch Latin and digit ranges from the server), so the map needs no
 * resource beyond our own API.
 */
export function createBaseStyle(): StyleSpecification {
  return {
    version: 8,
    sources: {},
    layers: [
      {
        id: LAYER_IDS.background,
        type: 'background',
        paint: { 'background-color': PALETTE.background },
      },
    ],
  }
}
