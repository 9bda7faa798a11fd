/** A column of place import and export tables, named after the field it fills. */
export type PlaceColumnKey =
  | 'placeCode'
  | 'standardName'
  | 'specificPart'
  | 'genericPart'
  | 'romanization'
  | 'romanizationConfirmed'
  | 'category'
  | 'categoryCode'
  | 'featureType'
  | 'minorityName'
  | 'meaning'
  | 'history'
  | 'description'
  | 'sources'
  | 'divisionCodes'
  | 'lng'
  | 'lat'
  | 'geometry'
  | 'namedOn'
  | 'establishedOn'
  | 'abolishedOn'
  | 'status'
  | 'registeredBy'
  | 'registeringUnit'
  | 'registeredOn'
  | 'aliases'
  | 'shortNames'
  | 'mapNames'
  | 'historicalNames'

export interface PlaceColumn {
  /** The English header, also the GeoJSON property name. */
  key: PlaceColumnKey
  /** The Chinese header, which exports write. */
  header: string
}

/**
 * The columns in the order exports write them. Imports accept each by its
 * Chinese header or its English key, in any order.
 */
export const PLACE_COLUMNS: readonly PlaceColumn[] = [
  { key: 'placeCode', header: '地名代码' },
  { key: 'standardName', header: '标准名称' },
  { key: 'specificPart', header: '专名' },
  { key: 'genericPart', header: '通名' },
  { key: 'romanization', header: '罗马字母拼写' },
  { key: 'romanizationConfirmed', header: '拼写已核定' },
  { key: 'category', header: '类别' },
  { key: 'categoryCode', header: '类别代码' },
  { key: 'featureType', header: '实体类型' },
  { key: 'minorityName', header: '少数民族文字名称' },
  { key: 'meaning', header: '含义' },
  { key: 'history', header: '历史沿革' },
  { key: 'description', header: '描述' },
  { key: 'sources', header: '资料来源' },
  { key: 'divisionCodes', header: '所在行政区划代码' },
  { key: 'lng', header: '经度' },
  { key: 'lat', header: '纬度' },
  { key: 'geometry', header: '几何' },
  { key: 'namedOn', header: '命名日期' },
  { key: 'establishedOn', header: '设立日期' },
  { key: 'abolishedOn', header: '废止日期' },
  { key: 'status', header: '状态' },
  { key: 'registeredBy', header: '登记人' },
  { key: 'registeringUnit', header: '登记单位' },
  { key: 'registeredOn', header: '登记日期' },
  { key: 'aliases', header: '别名' },
  { key: 'shortNames', header: '简称' },
  { key: 'mapNames', header: '图上名' },
  { key: 'historicalNames', header: '历史地名' },
]

/** Columns a table must have: a place cannot be registered without its name and class. */
export const REQUIRED_PLACE_COLUMNS: readonly PlaceColumnKey[] = ['standardName', 'category']

const BY_HEADER = new Map<string, PlaceColumn>()
for (const column of PLACE_COLUMNS) {
  BY_HEADER.set(headerKey(column.header), column)
  BY_HEADER.set(headerKey(column.key), column)
}

/**
 * The column a header names, by its Chinese header or English key; case,
 * surrounding spaces and full-width forms do not matter. Undefined for any
 * other header, so that a misspelt column is reported rather than skipped.
 */
export function findPlaceColumn(header: string): PlaceColumn | undefined {
  return BY_HEADER.get(headerKey(header))
}

function headerKey(header: string): string {
  return header.normalize('NFKC').trim().toLowerCase()
}
