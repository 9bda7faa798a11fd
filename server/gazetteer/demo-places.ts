import type { DemoPlaceName } from '../../geodata/demo-types.ts'
import type { PlaceCategoryClassId } from './place-categories.ts'
import { emptyPlaceFields, type PlaceFields } from './place-record.ts'

const CATEGORIES: Record<string, { category: PlaceCategoryClassId; featureType: string }> = {
  road: { category: 'transport-facilities', featureType: '道路' },
  bridge: { category: 'transport-facilities', featureType: '桥梁' },
  river: { category: 'inland-waters', featureType: '河流' },
  district: { category: 'administrative-areas', featureType: '区' },
  subdistrict: { category: 'administrative-areas', featureType: '街道' },
  community: { category: 'self-governing-organisations', featureType: '社区' },
  compound: { category: 'settlements', featureType: '住宅小区' },
}

/** Generic parts (通名) of the demo's names, longest first so 大街 wins over 街. */
const GENERICS = ['快速路', '大街', '大路', '街道', '社区', '花园', '雅居', '新村', '家园', '公寓', '佳园', '小区', '步道', '路', '街', '河', '桥', '苑', '区']

/**
 * The demo district's place names as gazetteer records: category from the
 * demo's kind, name split into its specific and generic part where a known
 * generic ends it. The generated spelling is kept but not confirmed: a
 * person still has to check it, as with any imported name.
 */
export function demoPlaceFields(place: DemoPlaceName): PlaceFields {
  const kind = CATEGORIES[place.category] ?? { category: 'settlements' as const, featureType: '' }
  const generic = /[（(]/.test(place.name) ? '' : (GENERICS.find((g) => place.name.endsWith(g) && place.name.length > g.length) ?? '')
  return {
    ...emptyPlaceFields(),
    ...kind,
    standardName: place.name,
    specificPart: generic ? place.name.slice(0, -generic.length) : '',
    genericPart: generic,
    romanization: place.pinyin,
    description: place.description,
    sources: '演示区生成程序（合成数据）',
    geometry: place.geom,
  }
}
