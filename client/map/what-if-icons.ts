import type { Map as MapLibreMap } from 'maplibre-gl'
import { addCanvasImages, memoizedDataUrl, SYMBOL_PIXEL_RATIO } from './canvas-images.ts'
import { PALETTE } from './palette.ts'

/** The marks of changed facilities, and of closed network edges, that have a symbol. */
export type WhatIfIcon = 'added' | 'moved' | 'removed' | 'closed'

const ICONS: readonly WhatIfIcon[] = ['added', 'moved', 'removed', 'closed']

const FILLS: Record<WhatIfIcon, string> = {
  added: PALETTE.whatIfChanged,
  moved: PALETTE.whatIfChanged,
  removed: PALETTE.whatIfRemoved,
  closed: PALETTE.whatIfClosed,
}
const SIZE = 24
const PIXEL_RATIO = SYMBOL_PIXEL_RATIO

/** The style image id of a what-if mark. */
export function whatIfImageId(icon: WhatIfIcon): string {
  return `what-if-${icon}`
}

function drawGlyph(ctx: CanvasRenderingContext2D, icon: WhatIfIcon, center: number, arm: number): void {
  ctx.strokeStyle = '#ffffff'
  ctx.lineWidth = arm * 0.42
  ctx.lineCap = 'round'
  ctx.beginPath()
  switch (icon) {
    case 'added':
      ctx.moveTo(center - arm, center)
      ctx.lineTo(center + arm, center)
      ctx.moveTo(center, center - arm)
      ctx.lineTo(center, center + arm)
      break
    case 'removed':
    case 'closed':
      ctx.moveTo(center - arm * 0.8, center - arm * 0.8)
      ctx.lineTo(center + arm * 0.8, center + arm * 0.8)
      ctx.moveTo(center + arm * 0.8, center - arm * 0.8)
      ctx.lineTo(center - arm * 0.8, center + arm * 0.8)
      break
    case 'moved':
      ctx.moveTo(center - arm, center)
      ctx.lineTo(center + arm, center)
      ctx.moveTo(center + arm * 0.3, center - arm * 0.7)
      ctx.lineTo(center + arm, center)
      ctx.lineTo(center + arm * 0.3, center + arm * 0.7)
      break
  }
  ctx.stroke()
}

/**
 * Draws a what-if mark on a new canvas: a round badge, amber for added (+)
 * and moved (→) facilities, grey with a cross for removed ones and red with a
 * cross on closed streets, so that they differ in both colour and glyph from
 * the facility symbols.
 */
export function drawWhatIfIcon(icon: WhatIfIcon, pixelRatio = PIXEL_RATIO): HTMLCanvasElement {
  const size = SIZE * pixelRatio
  const canvas = document.createElement('canvas')
  canvas.width = size
  canvas.height = size
  const ctx = canvas.getContext('2d')
  if (!ctx) return canvas
  const center = size / 2
  ctx.shadowColor = 'rgba(0, 0, 0, 0.35)'
  ctx.shadowBlur = 2 * pixelRatio
  ctx.beginPath()
  ctx.arc(center, center, size * 0.38, 0, Math.PI * 2)
  ctx.fillStyle = FILLS[icon]
  ctx.globalAlpha = icon === 'removed' ? 0.85 : 1
  ctx.fill()
  ctx.globalAlpha = 1
  ctx.shadowColor = 'transparent'
  ctx.lineWidth = 1.5 * pixelRatio
  ctx.strokeStyle = '#ffffff'
  ctx.stroke()
  drawGlyph(ctx, icon, center, size * 0.19)
  return canvas
}

/** A what-if mark as a PNG data URL, for the panel's legend. */
export const whatIfIconDataUrl = memoizedDataUrl((key: WhatIfIcon) => drawWhatIfIcon(key))

/** Registers the what-if marks as style images, and returns the function that removes them again. */
export function addWhatIfImages(map: MapLibreMap): () => void {
  return addCanvasImages(map, ICONS, whatIfImageId, (key) => drawWhatIfIcon(key))
}
