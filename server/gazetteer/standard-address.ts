/** What a door plate's standard address (标准地址) is made of, gathered when the plate is read. */
export interface StandardAddressParts {
  /** The divisions the plate lies in, largest first: district, sub-district, community. */
  divisionNames: readonly string[]
  /** The road's standard name as it stands now, so a renamed road renames its addresses. */
  roadName: string
  /** The number on the road, e.g. `12` or `12-1`. */
  number: string
  building: string
  unit: string
  room: string
}

/** Endings that already say what a part is, so 3栋 and 3号楼 get no second 栋. */
const BUILDING_ENDINGS = ['栋', '幢', '号楼', '座']

function withSuffix(value: string, suffix: string, endings: readonly string[] = [suffix]): string {
  const text = value.trim()
  if (text === '') return ''
  return endings.some((ending) => text.endsWith(ending)) ? text : text + suffix
}

/**
 * The standard address of a door plate: the divisions, the road, the
 * number with 号, then 栋, 单元 and 室 for the parts that are set, e.g.
 * 演示区长青街道长青社区长青路12号3栋2单元501室. It is derived each time a
 * plate is read and never stored.
 */
export function formatStandardAddress(parts: StandardAddressParts): string {
  return [...parts.divisionNames.map((name) => name.trim()), parts.roadName.trim(), formatDoorNumber(parts)].join('')
}

/** The plate's own part of the address: 12号, or 12号3栋2单元501室 with the parts that are set. */
export function formatDoorNumber(parts: Pick<StandardAddressParts, 'number' | 'building' | 'unit' | 'room'>): string {
  return [withSuffix(parts.number, '号'), withSuffix(parts.building, '栋', BUILDING_ENDINGS), withSuffix(parts.unit, '单元'), withSuffix(parts.room, '室')].join('')
}
