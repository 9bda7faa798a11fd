export type PlaceCategoryClassId =
  | 'sea-areas'
  | 'inland-waters'
  | 'landforms'
  | 'administrative-areas'
  | 'self-governing-organisations'
  | 'non-administrative-areas'
  | 'settlements'
  | 'transport-facilities'
  | 'water-power-communication-facilities'
  | 'memorials-and-sights'
  | 'buildings'
  | 'organisations'

/**
 * A top class of place names in GB/T 18521 (地名分类与类别代码编制规则), as
 * the census registration form and our domain notes name them.
 */
export interface PlaceCategoryClass {
  /** Our stable identifier; not a code from the standard. */
  id: PlaceCategoryClassId
  nameZh: string
  nameEn: string
  /** Whether the class names natural features or human-made and administrative ones. */
  kind: 'natural' | 'human'
  /**
   * The class's numeric code in GB/T 18521. Deliberately `null` for every
   * class: the codes have not been checked against the text of the standard,
   * and a code that looks official but is wrong would end up in 20-digit
   * place-name codes that other systems trust. Fill them in, with the 5-digit
   * subclass codes the census uses, only from the standard itself; until
   * then the category part of a place code is checked for shape alone.
   */
  code: string | null
}

/** The twelve top classes, in the order of the domain notes: natural features first. */
export const PLACE_CATEGORY_CLASSES: readonly PlaceCategoryClass[] = [
  { id: 'sea-areas', nameZh: '海域', nameEn: 'Sea areas', kind: 'natural', code: null },
  { id: 'inland-waters', nameZh: '水系', nameEn: 'Inland waters', kind: 'natural', code: null },
  { id: 'landforms', nameZh: '陆地地形', nameEn: 'Landforms', kind: 'natural', code: null },
  { id: 'administrative-areas', nameZh: '行政区域', nameEn: 'Administrative areas', kind: 'human', code: null },
  {
    id: 'self-governing-organisations',
    nameZh: '群众自治组织',
    nameEn: "Self-governing organisations (residents' and villagers' committees)",
    kind: 'human',
    code: null,
  },
  { id: 'non-administrative-areas', nameZh: '非行政区域', nameEn: 'Non-administrative areas', kind: 'human', code: null },
  { id: 'settlements', nameZh: '居民点', nameEn: 'Settlements', kind: 'human', code: null },
  { id: 'transport-facilities', nameZh: '交通运输设施', nameEn: 'Transport facilities', kind: 'human', code: null },
  {
    id: 'water-power-communication-facilities',
    nameZh: '水利电力通信设施',
    nameEn: 'Water conservancy, power and communication facilities',
    kind: 'human',
    code: null,
  },
  { id: 'memorials-and-sights', nameZh: '纪念地和旅游胜地', nameEn: 'Memorials and tourist sights', kind: 'human', code: null },
  { id: 'buildings', nameZh: '建筑物', nameEn: 'Buildings', kind: 'human', code: null },
  { id: 'organisations', nameZh: '单位', nameEn: 'Organisations (units)', kind: 'human', code: null },
]

/** Whether `value` is one of our class ids, for checking input from a request or an import. */
export function isPlaceCategoryClassId(value: string): value is PlaceCategoryClassId {
  return PLACE_CATEGORY_CLASSES.some((c) => c.id === value)
}
