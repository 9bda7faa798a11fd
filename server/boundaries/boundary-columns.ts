/** A column of the line import/export tables, named after the field it fills. */
export type LineColumnKey =
  | 'code'
  | 'name'
  | 'level'
  | 'leftCode'
  | 'leftName'
  | 'rightCode'
  | 'rightName'
  | 'agreementNumber'
  | 'agreementDate'
  | 'validFrom'
  | 'validTo'
  | 'inspectionCycleYears'
  | 'courseDescription'
  | 'note'
  | 'wkt'

/** A column of the marker import/export tables, named after the field it fills. */
export type MarkerColumnKey =
  | 'number'
  | 'lineCode'
  | 'sequence'
  | 'typeCode'
  | 'form'
  | 'material'
  | 'lng'
  | 'lat'
  | 'elevationM'
  | 'setOn'
  | 'locationDescription'
  | 'referenceObjects'
  | 'condition'
  | 'note'

/**
 * Headers by key: the English key first, then the Chinese headers a table
 * may use. Case, spaces and full-width forms do not matter.
 */
export const LINE_COLUMNS: Readonly<Record<LineColumnKey, readonly string[]>> = {
  code: ['code', '界线代码', '界线编号'],
  name: ['name', '界线名称', '名称'],
  level: ['level', '界线级别', '级别'],
  leftCode: ['leftCode', '左侧代码', '甲方代码'],
  leftName: ['leftName', '左侧名称', '甲方名称'],
  rightCode: ['rightCode', '右侧代码', '乙方代码'],
  rightName: ['rightName', '右侧名称', '乙方名称'],
  agreementNumber: ['agreementNumber', '协议书编号'],
  agreementDate: ['agreementDate', '协议书日期', '签订日期'],
  validFrom: ['validFrom', '生效日期'],
  validTo: ['validTo', '失效日期'],
  inspectionCycleYears: ['inspectionCycleYears', '联检周期', '联检周期年'],
  courseDescription: ['courseDescription', '走向说明', '界线走向'],
  note: ['note', '备注'],
  wkt: ['wkt', 'geometry', '几何', '坐标串'],
}

export const MARKER_COLUMNS: Readonly<Record<MarkerColumnKey, readonly string[]>> = {
  number: ['number', '界桩编号', '编号'],
  lineCode: ['lineCode', '界线代码', '界线编号'],
  sequence: ['sequence', '序号'],
  typeCode: ['typeCode', '类型代码', '界桩类型'],
  form: ['form', '形式', '界桩形式'],
  material: ['material', '材质'],
  lng: ['lng', 'lon', 'longitude', '经度'],
  lat: ['lat', 'latitude', '纬度'],
  elevationM: ['elevationM', 'elevation', '高程'],
  setOn: ['setOn', '埋设日期'],
  locationDescription: ['locationDescription', '位置描述', '位置说明'],
  referenceObjects: ['referenceObjects', '方位物'],
  condition: ['condition', '状况', '状态'],
  note: ['note', '备注'],
}

/** Line levels by their English key or Chinese name. */
export const LINE_LEVEL_NAMES: Readonly<Record<string, string>> = {
  provincial: 'provincial', 省级: 'provincial',
  municipal: 'municipal', 市级: 'municipal', 地级: 'municipal',
  county: 'county', 县级: 'county',
  township: 'township', 乡级: 'township', 街道级: 'township',
}

/** Marker conditions by their English key or Chinese name. */
export const MARKER_CONDITION_NAMES: Readonly<Record<string, string>> = {
  intact: 'intact', 完好: 'intact',
  damaged: 'damaged', 损坏: 'damaged',
  lost: 'lost', 丢失: 'lost', 缺失: 'lost',
  displaced: 'displaced', 移位: 'displaced',
  moved: 'moved', 迁移: 'moved',
  removed: 'removed', 拆除: 'removed',
}

const headerKey = (header: string) => header.normalize('NFKC').trim().toLowerCase()

/** The key a header names among `columns`, or undefined. */
export function findColumn<K extends string>(columns: Readonly<Record<K, readonly string[]>>, header: string): K | undefined {
  const wanted = headerKey(header)
  for (const [key, headers] of Object.entries(columns) as [K, readonly string[]][]) {
    if (headers.some((h) => headerKey(h) === wanted)) return key
  }
  return undefined
}
