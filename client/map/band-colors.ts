import { PALETTE, SERVICE_AREA_FILL_OPACITY } from './palette.ts'

type Rgb = [number, number, number]

function parseHex(hex: string): Rgb {
  const value = Number.parseInt(hex.slice(1), 16)
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255]
}

function toHex([r, g, b]: Rgb): string {
  return `#${[r, g, b].map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`
}

function mix(from: Rgb, to: Rgb, t: number): Rgb {
  return [from[0] + (to[0] - from[0]) * t, from[1] + (to[1] - from[1]) * t, from[2] + (to[2] - from[2]) * t]
}

/**
 * The fill colour of each of `count` nested bands, smallest band first:
 * from dark green for the smallest to light green for the largest.
 */
export function bandColors(count: number): string[] {
  const dark = parseHex(PALETTE.serviceAreaDark)
  const light = parseHex(PALETTE.serviceAreaLight)
  return Array.from({ length: count }, (_, band) => toHex(mix(dark, light, count > 1 ? band / (count - 1) : 0)))
}

/**
 * How each band looks on the map's background, smallest band first: a spot
 * in band `i` lies inside every band from `i` up, so their translucent fills
 * are laid over each other, largest first. For the legend.
 */
export function bandSwatchColors(count: number): string[] {
  const colors = bandColors(count).map(parseHex)
  return colors.map((_, band) => {
    let shade = parseHex(PALETTE.background)
    for (let outer = count - 1; outer >= band; outer--) {
      shade = mix(shade, colors[outer] ?? shade, SERVICE_AREA_FILL_OPACITY)
    }
    return toHex(shade)
  })
}
