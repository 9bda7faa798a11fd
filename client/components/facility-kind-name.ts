import type { FacilityKindName } from '../api/facility-kinds.ts'
import { isFacilityKind } from '../api/facility-kinds.ts'
import type { Locale } from '../state/locale.svelte.ts'

/**
 * The name of a facility kind in the current language: the server's name when
 * it sent one, else the built-in translation, else the code itself.
 */
export function facilityKindName(code: string, kinds: readonly FacilityKindName[], locale: Locale): string {
  const fromServer = kinds.find((kind) => kind.code === code)
  if (fromServer) return locale.lang === 'en' ? fromServer.nameEn : fromServer.nameZh
  return isFacilityKind(code) ? locale.t(`kind.${code}`) : code
}
