import type { ColumnMapping, ImportProblem, LayerKind } from './layer-kinds.ts'

/** A field of a layer that a column of an import file can fill. */
export interface LayerField {
  /** The key of the field in a {@link ColumnMapping}, e.g. 'name', 'households', 'lng'. */
  key: string
  /**
   * Whether a mapping must fill it. Fields that give the position (lng/lat,
   * wkt) are not required here: they are required only when the file's rows
   * have no geometry, which {@link checkColumnMapping} decides.
   */
  required: boolean
  zh: string
  en: string
  /**
   * Headers recognised for the field: its key, English variants and the
   * Chinese headers of department spreadsheets; compared by
   * {@link headerForm}.
   */
  aliases: readonly string[]
}

/** The fields that give a row's position when the file has no geometry. */
const POSITION_FIELDS: Readonly<Record<LayerKind, readonly string[]>> = {
  facilities: ['lng', 'lat'],
  compounds: ['wkt'],
  divisions: ['wkt'],
}

const code = (zh: string, aliases: readonly string[]): LayerField => ({ key: 'code', required: false, zh, en: 'Code', aliases: ['code', 'id', ...aliases] })
const communityCode: LayerField = {
  key: 'communityCode',
  required: false,
  zh: '所属社区代码',
  en: 'Community code',
  aliases: ['communityCode', 'community', 'community_code', '所属社区', '社区代码', '社区编码', '所属社区代码', '所属社区编码'],
}
const households = (required: boolean): LayerField => ({
  key: 'households',
  required,
  zh: '户数',
  en: 'Households',
  aliases: ['households', 'household', 'hh', '户数', '总户数', '住户数', '居民户数'],
})
const population: LayerField = {
  key: 'population',
  required: false,
  zh: '人口',
  en: 'Population',
  aliases: ['population', 'pop', '人口', '常住人口', '总人口', '人口数', '户籍人口'],
}
const elderlyPopulation: LayerField = {
  key: 'elderlyPopulation',
  required: false,
  zh: '老年人口',
  en: 'Population aged 60+',
  aliases: ['elderlyPopulation', 'elderly', 'elderly_population', '老年人口', '60岁以上人口', '60岁及以上人口', '老年人', '老人数', '60岁以上'],
}
const wkt: LayerField = {
  key: 'wkt',
  required: false,
  zh: '几何（WKT）',
  en: 'Geometry (WKT)',
  aliases: ['wkt', 'geometry', 'geom', 'shape', 'the_geom', '几何', '坐标串', '范围', '边界'],
}

/** The fields of each layer, in the order a mapping form shows them. */
export const LAYER_FIELDS: Readonly<Record<LayerKind, readonly LayerField[]>> = {
  facilities: [
    code('设施编码', ['设施编码', '设施代码', '设施编号', '编号', '编码', '代码']),
    { key: 'name', required: true, zh: '名称', en: 'Name', aliases: ['name', '名称', '设施名称', '机构名称', '站点名称', '单位名称'] },
    { key: 'kind', required: true, zh: '设施类型', en: 'Facility kind', aliases: ['kind', 'type', 'category', '类型', '设施类型', '类别', '机构类型', '设施类别'] },
    { key: 'address', required: false, zh: '地址', en: 'Address', aliases: ['address', 'addr', '地址', '详细地址', '设施地址', '机构地址'] },
    communityCode,
    {
      key: 'floorAreaM2',
      required: false,
      zh: '建筑面积（㎡）',
      en: 'Floor area (m²)',
      aliases: ['floorAreaM2', 'floorArea', 'floor_area_m2', 'floor_area', 'area', '建筑面积', '面积', '使用面积'],
    },
    { key: 'beds', required: false, zh: '床位数', en: 'Beds', aliases: ['beds', 'bed', '床位', '床位数', '总床位', '总床位数'] },
    {
      key: 'nursingBeds',
      required: false,
      zh: '护理型床位数',
      en: 'Nursing beds',
      aliases: ['nursingBeds', 'nursing_beds', '护理床位', '护理型床位', '护理床位数', '护理型床位数'],
    },
    {
      key: 'openingYear',
      required: false,
      zh: '开业年份',
      en: 'Opening year',
      aliases: ['openingYear', 'opening_year', 'year', '开业年份', '建成年份', '开业时间', '运营年份', '投用年份'],
    },
    { key: 'lng', required: false, zh: '经度（或东坐标）', en: 'Longitude (or easting)', aliases: ['lng', 'lon', 'long', 'longitude', 'x', 'easting', '经度', '东坐标'] },
    { key: 'lat', required: false, zh: '纬度（或北坐标）', en: 'Latitude (or northing)', aliases: ['lat', 'latitude', 'y', 'northing', '纬度', '北坐标'] },
  ],
  compounds: [
    code('小区编码', ['小区编码', '小区代码', '小区编号', '编号', '编码', '代码']),
    { key: 'name', required: true, zh: '小区名称', en: 'Name', aliases: ['name', '名称', '小区名称', '小区', '住宅小区'] },
    communityCode,
    households(true),
    population,
    elderlyPopulation,
    { key: 'builtYear', required: false, zh: '建成年代', en: 'Year built', aliases: ['builtYear', 'built_year', 'year', '建成年代', '建成年份', '竣工年份', '建设年代'] },
    wkt,
    {
      key: 'gates',
      required: false,
      zh: '出入口',
      en: 'Gates',
      aliases: ['gates', 'gate', 'entrances', '出入口', '大门', '小区出入口', '出入口坐标'],
    },
  ],
  divisions: [
    {
      key: 'code',
      required: true,
      zh: '区划代码',
      en: 'Division code',
      aliases: ['code', 'divisionCode', '区划代码', '代码', '编码', '行政区划代码', '统计用区划代码', '区划编码'],
    },
    { key: 'name', required: true, zh: '名称', en: 'Name', aliases: ['name', '名称', '区划名称', '单位名称'] },
    { key: 'level', required: true, zh: '级别', en: 'Level', aliases: ['level', '级别', '层级', '区划级别', '区划层级'] },
    {
      key: 'parentCode',
      required: false,
      zh: '上级区划代码',
      en: 'Parent code',
      aliases: ['parentCode', 'parent', 'parent_code', '上级代码', '上级区划代码', '上级编码', '上级区划编码', '上级'],
    },
    { key: 'urbanRural', required: false, zh: '城乡分类', en: 'Urban or rural', aliases: ['urbanRural', 'urban_rural', '城乡', '城乡分类', '城乡属性', '城乡分类代码'] },
    households(false),
    population,
    elderlyPopulation,
    wkt,
  ],
}

/**
 * A header in the form headers are compared in: NFKC (full-width letters,
 * digits and brackets as half-width, ㎡ as m2), lower case, a unit in
 * brackets dropped (面积（平方米） → 面积), and spaces and punctuation such
 * as _ - . : / removed.
 */
export function headerForm(header: string): string {
  return header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\([^()]*\)|\[[^[\]]*\]|【[^【】]*】|〔[^〔〕]*〕/g, '')
    .replace(/[\s_\-.:;,/\\'"`·、：；，。]/g, '')
}

const aliasForms = new Map<LayerField, ReadonlySet<string>>()

function formsOf(field: LayerField): ReadonlySet<string> {
  let forms = aliasForms.get(field)
  if (!forms) {
    forms = new Set(field.aliases.map(headerForm))
    aliasForms.set(field, forms)
  }
  return forms
}

/**
 * The mapping a file's headers suggest: each field gets the first header
 * (in file order) that one of its aliases names, unless an earlier field
 * took that header. Fields no header names are left out.
 */
export function suggestColumnMapping(kind: LayerKind, headers: readonly string[]): ColumnMapping {
  const mapping: ColumnMapping = {}
  const taken = new Set<string>()
  for (const field of LAYER_FIELDS[kind]) {
    const forms = formsOf(field)
    const header = headers.find((h) => !taken.has(h) && forms.has(headerForm(h)))
    if (header === undefined) continue
    mapping[field.key] = header
    taken.add(header)
  }
  return mapping
}

/**
 * Problems of a mapping against a file's headers, each of row 0 with the
 * field key: a key that is no field of the layer, a header the file does
 * not have, a header mapped to two fields (reported on the later field), a
 * required field left unmapped. The fields that give a position (lng and
 * lat, or wkt) are required only when the rows have no geometry. An empty
 * header means the field is not mapped.
 */
export function checkColumnMapping(kind: LayerKind, mapping: ColumnMapping, headers: readonly string[], hasGeometry: boolean): ImportProblem[] {
  const fields = LAYER_FIELDS[kind]
  const problems: ImportProblem[] = []
  const add = (field: string, message: string) => problems.push({ row: 0, field, message })
  const fileHeaders = new Set(headers)
  const fieldOf = new Map<string, string>()
  for (const [key, header] of Object.entries(mapping)) {
    if (!fields.some((f) => f.key === key)) {
      add(key, `"${key}" is not a field of ${kind}; the fields are ${fields.map((f) => f.key).join(', ')}`)
      continue
    }
    if (typeof header !== 'string' || header === '') continue
    if (!fileHeaders.has(header)) {
      add(key, `the column "${header}" mapped to ${key} is not in the file; its columns are ${headers.map((h) => `"${h}"`).join(', ') || 'none'}`)
      continue
    }
    const earlier = fieldOf.get(header)
    if (earlier !== undefined) add(key, `the column "${header}" is mapped to both ${earlier} and ${key}; one column fills one field`)
    else fieldOf.set(header, key)
  }
  const mapped = (key: string) => typeof mapping[key] === 'string' && mapping[key] !== ''
  for (const field of fields) {
    const required = field.required || (!hasGeometry && POSITION_FIELDS[kind].includes(field.key))
    if (!required || mapped(field.key)) continue
    if (field.required) add(field.key, `no column is mapped to the required field ${field.key} (${field.zh})`)
    else add(field.key, `no column is mapped to ${field.key} (${field.zh}); the rows have no geometry, so a column must give their position`)
  }
  return problems
}
