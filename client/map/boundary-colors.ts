import type { LineStatus, MarkerCondition } from '../api/boundaries.ts'

/**
 * The colour of each marker condition, shared by the map and its legend:
 * intact green, damaged orange, lost or removed red, displaced or moved
 * purple.
 */
export const MARKER_CONDITION_COLORS: Record<MarkerCondition, string> = {
  intact: '#2f9e44',
  damaged: '#f08c00',
  lost: '#e03131',
  removed: '#e03131',
  displaced: '#7048e8',
  moved: '#7048e8',
}

/** The colour of a line by where it stands in its inspection cycle, shared by the map and its legend. */
export const LINE_STATUS_COLORS: Record<LineStatus, string> = {
  ok: '#1c7ed6',
  planned: '#0b8a9a',
  due: '#f08c00',
  overdue: '#c92a2a',
}

/** The legend's groups of marker conditions: one entry per colour. */
export const MARKER_LEGEND: readonly { conditions: readonly MarkerCondition[]; color: string }[] = [
  { conditions: ['intact'], color: MARKER_CONDITION_COLORS.intact },
  { conditions: ['damaged'], color: MARKER_CONDITION_COLORS.damaged },
  { conditions: ['lost', 'removed'], color: MARKER_CONDITION_COLORS.lost },
  { conditions: ['displaced', 'moved'], color: MARKER_CONDITION_COLORS.displaced },
]
