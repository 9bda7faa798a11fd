import type { MessageKey } from '../i18n/catalogues.ts'
import type { ChangeEntry } from '../state/facility-changes.ts'
import type { NetworkChangeEntry } from '../state/network-changes.ts'

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string

/**
 * The name of a facility in a what-if: its own, else "新增设施 2" for the
 * second added (as the server names it), else "设施 17" for an id the
 * baseline does not know.
 */
export function facilityLabel(facility: { id: number; name: string | null; ordinal: number }, t: Translate): string {
  if (facility.name) return facility.name
  if (facility.ordinal > 0) return t('whatIf.addedName', { n: facility.ordinal })
  return t('whatIf.unknownFacility', { id: facility.id })
}

/** One pending change as a line of the list, e.g. "新增 新增设施 1" or "撤除 康乐居家养老服务站". */
export function changeText(entry: ChangeEntry, t: Translate): string {
  const name = facilityLabel({ id: entry.facilityId, name: entry.name, ordinal: entry.ordinal }, t)
  return t(`whatIf.change.${entry.change.op}`, { name })
}

/** One pending network edit as a line of the list, e.g. "封闭路段：滨河路" or "新增连通：连通 1". */
export function networkChangeText(entry: NetworkChangeEntry, t: Translate): string {
  if (entry.change.op === 'close') return t('whatIf.change.close', { name: entry.name ?? t('whatIf.edgeName', { id: entry.change.edgeId }) })
  return t('whatIf.change.link', { name: entry.name ?? t('whatIf.linkName', { n: entry.ordinal }) })
}
