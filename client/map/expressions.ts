import type { ExpressionSpecification } from 'maplibre-gl'

/** True for the feature whose `selected` feature state is set. */
export const IS_SELECTED: ExpressionSpecification = ['boolean', ['feature-state', 'selected'], false]

/**
 * True where a boolean tile property is set. Tiles may encode booleans as
 * `true`, `1` or `'t'`, so all of them count.
 */
export function isTrue(property: string): ExpressionSpecification {
  return ['in', ['to-string', ['get', property]], ['literal', ['true', '1', 't']]]
}

/** Label paint shared by every label layer: dark text on a white halo. */
export function labelPaint(color: string) {
  return {
    'text-color': color,
    'text-halo-color': 'rgba(255, 255, 255, 0.92)',
    'text-halo-width': 1.5,
    'text-halo-blur': 0.5,
  } as const
}
