import type { Map as MapLibreMap } from 'maplibre-gl'
import { FACILITY_KINDS, type FacilityKind } from '../api/facility-kinds.ts'
import { addCanvasImages, memoizedDataUrl, SYMBOL_PIXEL_RATIO } from './canvas-images.ts'
import { FACILITY_STYLES } from './palette.ts'

/** Size of a facility symbol in CSS pixels. */
const SYMBOL_SIZE = 22
/** Device pixels per CSS pixel the symbols are drawn at, sharp on HiDPI screens. */
const PIXEL_RATIO = SYMBOL_PIXEL_RATIO

/** The style image id of the symbol of one facility kind. */
export function facilityImageId(kind: FacilityKind): string {
  return `facility-${kind}`
}

function tracePath(ctx: CanvasRenderingContext2D, kind: FacilityKind, center: number, radius: number): void {
  const { shape } = FACILITY_STYLES[kind]
  ctx.beginPath()
  switch (shape) {
    case 'circle':
      ctx.arc(center, center, radius, 0, Math.PI * 2)
      break
    case 'square': {
      const side = radius * 1.7
      ctx.roundRect(center - side / 2, center - side / 2, side, side, radius * 0.25)
      break
    }
    case 'triangle':
      ctx.moveTo(center, center - radius * 1.05)
      ctx.lineTo(center + radius * 1.05, center + radius * 0.8)
      ctx.lineTo(center - radius * 1.05, center + radius * 0.8)
      ctx.closePath()
      break
    case 'diamond':
      ctx.moveTo(center, center - radius * 1.1)
      ctx.lineTo(center + radius * 1.1, center)
      ctx.lineTo(center, center + radius * 1.1)
      ctx.lineTo(center - radius * 1.1, center)
      ctx.closePath()
      break
  }
}

function drawMark(ctx: CanvasRenderingContext2D, kind: FacilityKind, center: number, radius: number): void {
  ctx.fillStyle = '#ffffff'
  const { shape } = FACILITY_STYLES[kind]
  if (shape === 'diamond') {
    const arm = radius * 0.45
    const bar = radius * 0.2
    ctx.fillRect(center - arm, center - bar / 2, arm * 2, bar)
    ctx.fillRect(center - bar / 2, center - arm, bar, arm * 2)
    return
  }
  const dotY = shape === 'triangle' ? center + radius * 0.2 : center
  ctx.beginPath()
  ctx.arc(center, dotY, radius * 0.28, 0, Math.PI * 2)
  ctx.fill()
}

/**
 * Draws the symbol of a facility kind (its own shape and colour, white outline
 * and mark) on a new canvas of `SYMBOL_SIZE * pixelRatio` pixels.
 */
export function drawFacilitySymbol(kind: FacilityKind, pixelRatio = PIXEL_RATIO): HTMLCanvasElement {
  const size = SYMBOL_SIZE * pixelRatio
  const canvas = document.createElement('canvas')
  canvas.width = size
  canvas.height = size
  const ctx = canvas.getContext('2d')
  if (!ctx) return canvas
  const center = size / 2
  const radius = size * 0.36
  ctx.shadowColor = 'rgba(0, 0, 0, 0.35)'
  ctx.shadowBlur = 2 * pixelRatio
  ctx.shadowOffsetY = 0.5 * pixelRatio
  tracePath(ctx, kind, center, radius)
  ctx.fillStyle = FACILITY_STYLES[kind].color
  ctx.fill()
  ctx.shadowColor = 'transparent'
  ctx.lineWidth = 1.5 * pixelRatio
  ctx.lineJoin = 'round'
  ctx.strokeStyle = '#ffffff'
  ctx.stroke()
  drawMark(ctx, kind, center, radius)
  return canvas
}

/** The symbol of a facility kind as a PNG data URL, for the legend and layer list. */
export const facilitySymbolDataUrl = memoizedDataUrl((key: FacilityKind) => drawFacilitySymbol(key))

/**
 * Registers the symbol of every facility kind as a style image, and returns
 * the function that removes them again.
 */
export function addFacilityImages(map: MapLibreMap): () => void {
  return addCanvasImages(map, FACILITY_KINDS, facilityImageId, (key) => drawFacilitySymbol(key))
}
