import type { Health } from '../../server/schemas/common.ts'
import { getJson } from './http.ts'

export type { Health }

/** Asks the server whether it and its database are up. */
export function fetchHealth(signal?: AbortSignal): Promise<Health> {
  return getJson<Health>('/api/health', signal)
}
