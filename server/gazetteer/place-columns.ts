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
  /**
   * Other headers recognised for the column: common short forms, and the
   * forms a Shapefile's .dbf cuts long names to (ten bytes: five Chinese
   * characters in GBK, 所在行政区划代码 → 所在行政区). A cut form two
   * columns share (romanizati, registered) is left out.
   */
  aliases?: readonly string[]
}

/**
 * The columns in the order exports write them. Imports accept each by its
 * Chinese header, its English key or one of its aliases, in any order.
 */
export const PLACE_COLUMNS: readonly PlaceColumn[] = [
  { key: 'placeCode', header: '地名代码', aliases: ['地名编码'] },
  { key: 'standardName', header: '标准名称', aliases: ['name', '地名', '名称', '标准地名', 'standardNa'] },
  { key: 'specificPart', header: '专名', aliases: ['specificPa'] },
  { key: 'genericPart', header: '通名', aliases: ['genericPar'] },
  { key: 'romanization', header: '罗马字母拼写', aliases: ['罗马字母拼', '拼音', '汉语拼音', 'pinyin'] },
  { key: 'romanizationConfirmed', header: '拼写已核定' },
  { key: 'category', header: '类别', aliases: ['地名类别', '类别名称'] },
  { key: 'categoryCode', header: '类别代码', aliases: ['地名类别代码', '地名类别码', 'categoryCo'] },
  { key: 'featureType', header: '实体类型', aliases: ['featureTyp'] },
  { key: 'minorityName', header: '少数民族文字名称', aliases: ['少数民族文', 'minorityNa'] },
  { key: 'meaning', header: '含义' },
  { key: 'history', header: '历史沿革' },
  { key: 'description', header: '描述', aliases: ['descriptio'] },
  { key: 'sources', header: '资料来源' },
  { key: 'divisionCodes', header: '所在行政区划代码', aliases: ['所在行政区', '行政区划代码', '区划代码', 'divisionCo'] },
  { key: 'lng', header: '经度', aliases: ['longitude', 'lon'] },
  { key: 'lat', header: '纬度', aliases: ['latitude'] },
  { key: 'geometry', header: '几何' },
  { key: 'namedOn', header: '命名日期' },
  { key: 'establishedOn', header: '设立日期', aliases: ['establishe'] },
  { key: 'abolishedOn', header: '废止日期', aliases: ['abolishedO'] },
  { key: 'status', header: '状态' },
  { key: 'registeredBy', header: '登记人' },
  { key: 'registeringUnit', header: '登记单位', aliases: ['registerin'] },
  { key: 'registeredOn', header: '登记日期' },
  { key: 'aliases', header: '别名' },
  { key: 'shortNames', header: '简称' },
  { key: 'mapNames', header: '图上名' },
  { key: 'historicalNames', header: '历史地名', aliases: ['historical'] },
]

/** Columns a table must have: a place cannot be registered without its name and class. */
export const REQUIRED_PLACE_COLUMNS: readonly PlaceColumnKey[] = ['standardName', 'category']

const BY_HEADER = new Map<string, PlaceColumn>()
for (const column of PLACE_COLUMNS) {
  for (const name of [column.header, column.key, ...(column.aliases ?? [])]) {
    const taken = BY_HEADER.get(headerKey(name))
    if (taken !== undefined && taken !== column) throw new Error(`the header ${name} names both ${taken.key} and ${column.key}`)
    BY_HEADER.set(headerKey(name), column)
  }
}

/**
 * The column a header names, by its Chinese header, English key or an
 * alias; case, surrounding spaces and full-width forms do not matter.
 * Undefined for any other header, so that a misspelt column is reported
 * rather than skipped.
 */
export function findPlaceColumn(header: string): PlaceColumn | undefined {
  return BY_HEADER.get(headerKey(header))
}

function headerKey(header: string): string {
  return header.normalize('NFKC').trim().toLowerCase()
}

/** Columns that give the position; GeoJSON and Shapefiles give it through the features' geometry instead. */
export const POSITION_PLACE_COLUMNS: readonly PlaceColumnKey[] = ['lng', 'lat', 'geometry']

/** Whether a text is the key of one of {@link PLACE_COLUMNS}. */
export function isPlaceColumnKey(text: string): text is PlaceColumnKey {
  return PLACE_COLUMNS.some((column) => column.key === text)
}
