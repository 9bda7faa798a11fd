import { describe, expect, it } from 'vitest'
import {
  divisionContains,
  FUZZY_WHEN_FEWER_THAN,
  PlaceSearchIndex,
  type PlaceSearchQuery,
  type SearchablePlace,
  type SearchNameKind,
} from '../../../server/gazetteer/search-index.ts'
import { generatePlaceNames } from '../../support/generate-place-names.ts'

let nextId = 1

function place(standardName: string, fields: Partial<SearchablePlace> & { alt?: [string, SearchNameKind][] } = {}): SearchablePlace {
  const { alt = [], ...rest } = fields
  return {
    id: nextId++,
    standardName,
    romanization: '',
    category: 'settlements',
    status: 'current',
    divisionCodes: ['210112001001'],
    bbox: [123.4, 41.7, 123.4, 41.7],
    names: [{ name: standardName, kind: 'standard' }, ...alt.map(([name, kind]) => ({ name, kind }))],
    ...rest,
  }
}

function indexOf(...places: SearchablePlace[]): PlaceSearchIndex {
  const index = new PlaceSearchIndex()
  for (const p of places) index.upsert(p)
  return index
}

function find(index: PlaceSearchIndex, text: string, query: Partial<PlaceSearchQuery> = {}) {
  return index.search({ text, limit: 50, offset: 0, ...query })
}

function ids(index: PlaceSearchIndex, text: string, query: Partial<PlaceSearchQuery> = {}): number[] {
  return find(index, text, query).hits.map((h) => h.placeId)
}

describe('PlaceSearchIndex: characters', () => {
  const zgc = place('中关村')
  const street = place('中关村大街')
  const other = place('海淀黄庄')
  const index = indexOf(zgc, street, other)

  it('finds a place by one character inside its name', () => {
    expect(find(index, '关').hits).toEqual([
      { placeId: zgc.id, matchedName: '中关村', matchedKind: 'standard', rank: 'substring', via: 'characters' },
      { placeId: street.id, matchedName: '中关村大街', matchedKind: 'standard', rank: 'substring', via: 'characters' },
    ])
  })

  it('ranks the whole name exact, a beginning prefix and a middle substring', () => {
    expect(find(index, '中关').hits.map((h) => [h.placeId, h.rank])).toEqual([
      [zgc.id, 'prefix'],
      [street.id, 'prefix'],
    ])
    expect(find(index, '中关村').hits.map((h) => [h.placeId, h.rank])).toEqual([
      [zgc.id, 'exact'],
      [street.id, 'prefix'],
    ])
    expect(find(index, '村大').hits.map((h) => [h.placeId, h.rank])).toEqual([[street.id, 'substring']])
  })

  it('requires the characters in a row, not merely present', () => {
    expect(ids(index, '中村')).toEqual([])
    expect(ids(index, '大村')).toEqual([])
  })

  it('ignores spaces and full-width forms in the query and in names', () => {
    expect(ids(index, ' 中 关\u3000村 ')).toEqual([zgc.id, street.id])
    const lettered = place('Ａ区３号楼')
    const withLetters = indexOf(lettered)
    expect(ids(withLetters, 'A区3')).toEqual([lettered.id])
    expect(ids(withLetters, 'a区')).toEqual([lettered.id])
  })

  it('treats a query mixing Chinese and Latin letters as characters', () => {
    const block = place('中关村A区')
    const mixed = indexOf(block, zgc)
    expect(find(mixed, '村A').hits).toEqual([
      { placeId: block.id, matchedName: '中关村A区', matchedKind: 'standard', rank: 'substring', via: 'characters' },
    ])
    expect(ids(mixed, 'zhong关')).toEqual([])
  })

  it('finds nothing for a character no name has, nor in an empty index', () => {
    expect(find(index, '鑫')).toEqual({ total: 0, hits: [] })
    for (const text of ['', '关', '中关村', 'z', 'zhongguancun']) expect(find(new PlaceSearchIndex(), text)).toEqual({ total: 0, hits: [] })
  })
})

describe('PlaceSearchIndex: pinyin, initials and romanization', () => {
  const zgc = place('中关村')
  const green = place('绿洲小区')
  const changan = place('长安街')
  const hohhot = place('呼和浩特', { romanization: 'Hohhot' })
  const anju = place('安居路')
  const index = indexOf(zgc, green, changan, hohhot, anju)

  it('finds a name by its toneless pinyin, written with spaces, apostrophes or capitals', () => {
    for (const text of ['zhongguancun', 'Zhong Guan Cun', "zhong'guan-cun", 'ＺＨＯＮＧＧＵＡＮＣＵＮ']) {
      expect(find(index, text).hits).toEqual([
        { placeId: zgc.id, matchedName: '中关村', matchedKind: 'standard', rank: 'exact', via: 'pinyin' },
      ])
    }
  })

  it('ranks a pinyin beginning as prefix and a pinyin middle as substring', () => {
    expect(find(index, 'zhongguan').hits.map((h) => [h.placeId, h.rank])).toEqual([[zgc.id, 'prefix']])
    expect(find(index, 'guancun').hits.map((h) => [h.placeId, h.rank, h.via])).toEqual([[zgc.id, 'substring', 'pinyin']])
  })

  it('matches one or two Latin letters only at the beginning of the pinyin', () => {
    expect(ids(index, 'an')).toEqual([anju.id])
    expect(ids(index, 'anju')).toEqual([anju.id])
    expect(ids(index, 'anjie')).toEqual([changan.id])
  })

  it('matches three letters anywhere in the pinyin', () => {
    expect(find(index, 'zho').hits.map((h) => [h.placeId, h.rank, h.via])).toEqual([
      [zgc.id, 'prefix', 'pinyin'],
      [green.id, 'substring', 'pinyin'],
    ])
    expect(find(index, 'gua').hits).toEqual([expect.objectContaining({ placeId: zgc.id, rank: 'substring', via: 'pinyin' })])
    expect(find(index, 'ouxiaoq').hits).toEqual([expect.objectContaining({ placeId: green.id, rank: 'substring', via: 'pinyin' })])
  })

  it('ranks a one-syllable name exact by its pinyin and by its initial', () => {
    const canal = place('渠')
    const withCanal = indexOf(canal, place('渠首村'))
    expect(find(withCanal, 'qu').hits[0]).toEqual({ placeId: canal.id, matchedName: '渠', matchedKind: 'standard', rank: 'exact', via: 'pinyin' })
    expect(find(withCanal, 'q').hits[0]).toEqual({ placeId: canal.id, matchedName: '渠', matchedKind: 'standard', rank: 'exact', via: 'initials' })
  })

  it('finds a name by its pinyin initials, whole or begun', () => {
    expect(find(index, 'zgc').hits).toEqual([
      { placeId: zgc.id, matchedName: '中关村', matchedKind: 'standard', rank: 'exact', via: 'initials' },
    ])
    expect(find(index, 'ZG').hits).toEqual([
      { placeId: zgc.id, matchedName: '中关村', matchedKind: 'standard', rank: 'prefix', via: 'initials' },
    ])
    expect(ids(index, 'lzxq')).toEqual([green.id])
  })

  it('accepts ü written as v or ü', () => {
    expect(ids(index, 'lvzhou')).toEqual([green.id])
    expect(ids(index, 'lüzhou')).toEqual([green.id])
    expect(ids(index, 'Lü Zhou Xiao Qu')).toEqual([green.id])
  })

  it('finds a polyphonic name under each reading', () => {
    expect(ids(index, 'changanjie')).toEqual([changan.id])
    expect(ids(index, 'zhanganjie')).toEqual([changan.id])
  })

  it('finds a place by its approved romanization where it is not the pinyin', () => {
    expect(find(index, 'Hohhot').hits).toEqual([
      { placeId: hohhot.id, matchedName: '呼和浩特', matchedKind: 'standard', rank: 'exact', via: 'romanization' },
    ])
    expect(find(index, 'hoh').hits).toEqual([expect.objectContaining({ placeId: hohhot.id, rank: 'prefix', via: 'romanization' })])
    expect(find(index, 'huhehaote').hits).toEqual([expect.objectContaining({ placeId: hohhot.id, rank: 'exact', via: 'pinyin' })])
  })
})

describe('PlaceSearchIndex: fuzzy matches', () => {
  it('offers a homophone of a Chinese query when nothing matches better', () => {
    const zgc = place('中关村')
    expect(find(indexOf(zgc), '中官村').hits).toEqual([
      { placeId: zgc.id, matchedName: '中关村', matchedKind: 'standard', rank: 'fuzzy', via: 'pinyin' },
    ])
  })

  it('offers names one character off for queries of three characters or more', () => {
    const zgc = place('中关村')
    const street = place('中关村大街')
    const index = indexOf(zgc, street)
    expect(find(index, '中关春').hits).toEqual([
      { placeId: zgc.id, matchedName: '中关村', matchedKind: 'standard', rank: 'fuzzy', via: 'characters' },
    ])
    expect(ids(index, '中关村大')).toEqual([street.id, zgc.id])
    expect(ids(index, '中村')).toEqual([])
  })

  it('counts characters outside the Basic Multilingual Plane as one character', () => {
    const rare = place('𠀋村路')
    expect(find(indexOf(rare), '𠀋村街').hits).toEqual([
      { placeId: rare.id, matchedName: '𠀋村路', matchedKind: 'standard', rank: 'fuzzy', via: 'characters' },
    ])
    expect(find(indexOf(rare), '中村路').hits).toEqual([
      { placeId: rare.id, matchedName: '𠀋村路', matchedKind: 'standard', rank: 'fuzzy', via: 'characters' },
    ])
    expect(find(indexOf(rare), '𠀋').hits[0]).toMatchObject({ placeId: rare.id, rank: 'prefix' })
  })

  it('ranks fuzzy matches after real ones', () => {
    const homophone = place('中官村')
    const zgc = place('中关村')
    expect(find(indexOf(homophone, zgc), '中关村').hits.map((h) => [h.placeId, h.rank])).toEqual([
      [zgc.id, 'exact'],
      [homophone.id, 'fuzzy'],
    ])
  })

  it('adds no fuzzy matches when enough places match better', () => {
    const roads = Array.from({ length: FUZZY_WHEN_FEWER_THAN }, (_, i) => place(`中关村${'一二三四五六七八九十'.charAt(i)}路`))
    const homophone = place('中官村')
    const index = indexOf(...roads, homophone)
    expect(find(index, '中关村').total).toBe(FUZZY_WHEN_FEWER_THAN)
    expect(ids(index, '中关村')).not.toContain(homophone.id)
    index.remove(roads[0]!.id)
    expect(ids(index, '中关村')).toContain(homophone.id)
  })

  it('does not guess for Latin queries', () => {
    const index = indexOf(place('中关村'))
    expect(find(index, 'zhongguancum').total).toBe(0)
  })
})

describe('PlaceSearchIndex: alternative names', () => {
  it('finds a place by a historical name and by an alias, and says which name matched', () => {
    const renamed = place('和平街道', { alt: [['红旗公社', 'historical'], ['和平', 'short']] })
    const index = indexOf(renamed)
    expect(find(index, '红旗').hits).toEqual([
      { placeId: renamed.id, matchedName: '红旗公社', matchedKind: 'historical', rank: 'prefix', via: 'characters' },
    ])
    expect(find(index, 'hongqigongshe').hits).toEqual([
      { placeId: renamed.id, matchedName: '红旗公社', matchedKind: 'historical', rank: 'exact', via: 'pinyin' },
    ])
    expect(find(index, '和平').hits).toEqual([
      { placeId: renamed.id, matchedName: '和平', matchedKind: 'short', rank: 'exact', via: 'characters' },
    ])
  })

  it('gives one hit per place, its best-matching name', () => {
    const p = place('和平里', { alt: [['和平里小区', 'alias'], ['老和平里', 'historical']] })
    const result = find(indexOf(p), '和平里')
    expect(result.total).toBe(1)
    expect(result.hits).toEqual([{ placeId: p.id, matchedName: '和平里', matchedKind: 'standard', rank: 'exact', via: 'characters' }])
  })

  it('indexes the standard name even when the names list leaves it out', () => {
    const p = { ...place('东湖公园'), names: [] }
    expect(ids(indexOf(p), '东湖')).toEqual([p.id])
  })
})

describe('PlaceSearchIndex: ranking', () => {
  it('orders exact, prefix, substring, fuzzy before anything else', () => {
    const substring = place('老中关村')
    const fuzzy = place('中官村')
    const prefix = place('中关村北')
    const exact = place('中关村', { status: 'deprecated' })
    expect(ids(indexOf(substring, fuzzy, prefix, exact), '中关村')).toEqual([exact.id, prefix.id, substring.id, fuzzy.id])
  })

  it('then orders the standard name before an alias, short or map name, and those before a historical name', () => {
    const historical = place('阿', { alt: [['东风路', 'historical']] })
    const alias = place('乙', { alt: [['东风路', 'alias']] })
    const map = place('张', { alt: [['东风路', 'map']] })
    const standard = place('东风路', { status: 'historical' })
    expect(ids(indexOf(historical, map, alias, standard), '东风路')).toEqual([standard.id, alias.id, map.id, historical.id])
  })

  it('then orders current before historical before deprecated places', () => {
    const deprecated = place('东风路', { status: 'deprecated' })
    const historical = place('东风路', { status: 'historical' })
    const current = place('东风路', { status: 'current' })
    expect(ids(indexOf(deprecated, historical, current), '东风')).toEqual([current.id, historical.id, deprecated.id])
  })

  it('then orders shorter names first, then standard names in pinyin order, then by id', () => {
    const longer = place('东风大路')
    const zhang = place('张家东风路')
    const an = place('安家东风路')
    const twinA = place('东风路')
    const twinB = place('东风路')
    expect(ids(indexOf(longer, zhang, twinB, an, twinA), '东风')).toEqual([twinA.id, twinB.id, longer.id, an.id, zhang.id])
  })

  it('keeps pinyin order when places arrive a few at a time between searches', () => {
    const places = generatePlaceNames(400, 5)
    const bulk = indexOf(...places)
    const trickle = new PlaceSearchIndex()
    for (let i = 0; i < places.length; i += 7) {
      for (const p of places.slice(i, i + 7).reverse()) trickle.upsert(p)
      trickle.search({ text: '', limit: 1, offset: 0 })
    }
    expect(find(trickle, '', { limit: 400 })).toEqual(find(bulk, '', { limit: 400 }))
    expect(find(trickle, '家', { limit: 400 })).toEqual(find(bulk, '家', { limit: 400 }))
  })

  it('gives the same order whatever order the places were added in', () => {
    const places = generatePlaceNames(400, 7)
    const forward = indexOf(...places)
    const backward = indexOf(...[...places].reverse())
    for (const text of ['路', '家', 'h', 'wang', '新华', '']) {
      expect(find(backward, text, { limit: 400 })).toEqual(find(forward, text, { limit: 400 }))
    }
  })
})

describe('PlaceSearchIndex: filters and paging', () => {
  const a = place('和平路', { category: 'transport-facilities', divisionCodes: ['210112001000'], bbox: [123.40, 41.70, 123.42, 41.71] })
  const b = place('和平小区', { divisionCodes: ['210112001002'], bbox: [123.45, 41.75, 123.45, 41.75], status: 'historical' })
  const c = place('和平村', { divisionCodes: ['210112002003'], bbox: null })
  const d = place('和平河', { category: 'inland-waters', divisionCodes: ['210113001001'], bbox: [123.5, 41.8, 123.6, 41.9], status: 'deprecated' })
  const index = indexOf(a, b, c, d)

  it('filters by category', () => {
    expect(ids(index, '和平', { category: 'settlements' }).sort()).toEqual([b.id, c.id].sort())
    expect(ids(index, '和平', { category: 'organisations' })).toEqual([])
  })

  it('filters by division, counting places in divisions within it', () => {
    expect(ids(index, '和平', { divisionCode: '210112000000' }).sort()).toEqual([a.id, b.id, c.id].sort())
    expect(ids(index, '和平', { divisionCode: '210112001000' }).sort()).toEqual([a.id, b.id].sort())
    expect(ids(index, '和平', { divisionCode: '210112001002' })).toEqual([b.id])
    expect(ids(index, '和平', { divisionCode: '210100000000' })).toHaveLength(4)
    expect(ids(index, '和平', { divisionCode: '210112009000' })).toEqual([])
    expect(ids(index, '和平', { divisionCode: '2101' })).toEqual([])
  })

  it('filters by status, all statuses when none are given', () => {
    expect(ids(index, '和平', { statuses: ['historical', 'deprecated'] }).sort()).toEqual([b.id, d.id].sort())
    expect(ids(index, '和平', { statuses: [] })).toHaveLength(4)
  })

  it('filters by map extent, leaving out places without a bbox', () => {
    expect(ids(index, '和平', { bbox: [123.41, 41.705, 123.46, 41.76] }).sort()).toEqual([a.id, b.id].sort())
    expect(ids(index, '和平', { bbox: [123.0, 41.0, 123.1, 41.1] })).toEqual([])
  })

  it('combines filters with the text and counts only matching places', () => {
    const result = find(index, 'heping', { category: 'settlements', divisionCode: '210112000000', statuses: ['current'] })
    expect(result).toEqual({ total: 1, hits: [expect.objectContaining({ placeId: c.id, via: 'pinyin' })] })
  })

  it('pages with offset and limit while total counts every match', () => {
    const all = ids(index, '和平')
    expect(all).toHaveLength(4)
    expect(find(index, '和平', { limit: 2, offset: 0 })).toMatchObject({ total: 4, hits: [{ placeId: all[0] }, { placeId: all[1] }] })
    expect(find(index, '和平', { limit: 2, offset: 2 }).hits.map((h) => h.placeId)).toEqual(all.slice(2))
    expect(find(index, '和平', { limit: 2, offset: 10 })).toEqual({ total: 4, hits: [] })
    expect(find(index, '和平', { limit: 0, offset: 0 })).toEqual({ total: 4, hits: [] })
  })

  it('lists every filtered place in pinyin order of the standard name for an empty query', () => {
    const expected = [a, b, c, d].map((p) => p.standardName).sort(new Intl.Collator('zh').compare)
    const result = find(index, '  ')
    expect(result.total).toBe(4)
    expect(result.hits.map((h) => h.matchedName)).toEqual(expected)
    expect(result.hits[0]).toMatchObject({ matchedKind: 'standard', rank: 'prefix', via: 'characters' })
    const settlements = [b, c].sort((x, y) => new Intl.Collator('zh').compare(x.standardName, y.standardName))
    expect(find(index, '', { category: 'settlements', limit: 1, offset: 1 })).toEqual({
      total: 2,
      hits: [expect.objectContaining({ placeId: settlements[1]!.id })],
    })
  })

  it('refuses a negative or fractional limit or offset', () => {
    expect(() => index.search({ text: '和', limit: -1, offset: 0 })).toThrow(/limit/)
    expect(() => index.search({ text: '和', limit: 10, offset: 0.5 })).toThrow(/offset/)
  })
})

describe('PlaceSearchIndex: changes', () => {
  it('replaces a place on upsert: the old standard name no longer finds it', () => {
    const p = place('红旗路')
    const index = indexOf(p, place('光明村'))
    index.upsert({ ...p, standardName: '友谊路', names: [{ name: '友谊路', kind: 'standard' }] })
    expect(index.size).toBe(2)
    expect(ids(index, '红旗路')).toEqual([])
    expect(ids(index, 'hongqilu')).toEqual([])
    expect(ids(index, '友谊')).toEqual([p.id])
    expect(find(index, '').hits.map((h) => h.matchedName)).toEqual(['光明村', '友谊路'])
  })

  it('keeps finding a renamed place by its old name kept as a historical name', () => {
    const p = place('红旗路')
    const index = indexOf(p)
    index.upsert({ ...p, standardName: '友谊路', names: [{ name: '友谊路', kind: 'standard' }, { name: '红旗路', kind: 'historical' }] })
    expect(find(index, '红旗路').hits).toEqual([
      { placeId: p.id, matchedName: '红旗路', matchedKind: 'historical', rank: 'exact', via: 'characters' },
    ])
  })

  it('replaces filter fields and romanization too', () => {
    const p = place('呼和浩特', { romanization: 'Hohhot' })
    const index = indexOf(p)
    expect(ids(index, 'hohhot')).toEqual([p.id])
    index.upsert({ ...p, romanization: '', category: 'landforms' })
    expect(ids(index, 'hohhot')).toEqual([])
    expect(ids(index, '呼和', { category: 'landforms' })).toEqual([p.id])
    expect(ids(index, '呼和', { category: 'settlements' })).toEqual([])
  })

  it('removes a place, and ignores an unknown id', () => {
    const p = place('红旗路')
    const q = place('红旗村')
    const index = indexOf(p, q)
    index.remove(p.id)
    index.remove(9_999_999)
    expect(index.size).toBe(1)
    expect(ids(index, '红旗')).toEqual([q.id])
    expect(ids(index, 'hq')).toEqual([q.id])
    expect(find(index, '')).toMatchObject({ total: 1 })
  })

  it('stays correct after many replacements', () => {
    const places = generatePlaceNames(3000, 11)
    const index = indexOf(...places)
    const renamed = places.map((p) => ({ ...p, standardName: `${p.standardName}东`, names: [{ name: `${p.standardName}东`, kind: 'standard' as const }] }))
    for (const p of renamed) index.upsert(p)
    for (const p of places) index.upsert(p)
    expect(index.size).toBe(3000)
    const probe = places[1234]!
    expect(ids(index, probe.standardName, { limit: 3000 })).toContain(probe.id)
    expect(find(index, `${probe.standardName}东`).hits.every((h) => h.rank !== 'exact')).toBe(true)
    expect(find(index, '路', { limit: 3000 }).total).toBe(bruteForceCount(places, '路'))
  })

  it('refuses an id that is not an integer', () => {
    expect(() => new PlaceSearchIndex().upsert({ ...place('红旗路'), id: 1.5 })).toThrow(/integer/)
  })
})

describe('PlaceSearchIndex against a full scan', () => {
  const places = generatePlaceNames(2000, 3)
  const index = indexOf(...places)

  it('finds every place whose name contains the query, for substrings of generated names', () => {
    const queries = places.filter((_, i) => i % 97 === 0).flatMap((p) => {
      const chars = Array.from(p.standardName)
      return [chars.slice(1, 2).join(''), chars.slice(0, 2).join(''), chars.slice(1, 4).join('')]
    })
    for (const text of queries) {
      const result = find(index, text, { limit: 2000 })
      const fuzzy = result.hits.filter((h) => h.rank === 'fuzzy').length
      expect(result.total - fuzzy, text).toBe(bruteForceCount(places, text))
    }
  })
})

describe('divisionContains', () => {
  it('contains a division in itself and the divisions below it, level by level', () => {
    expect(divisionContains('210112000000', '210112000000')).toBe(true)
    expect(divisionContains('210112000000', '210112001000')).toBe(true)
    expect(divisionContains('210112000000', '210112001002')).toBe(true)
    expect(divisionContains('210112001000', '210112001002')).toBe(true)
    expect(divisionContains('210000000000', '210112001002')).toBe(true)
    expect(divisionContains('210100000000', '210112000000')).toBe(true)
  })

  it('does not contain siblings, parents or malformed codes', () => {
    expect(divisionContains('210112001000', '210112002001')).toBe(false)
    expect(divisionContains('210112001002', '210112001000')).toBe(false)
    expect(divisionContains('210112001000', '210112000000')).toBe(false)
    expect(divisionContains('210113000000', '210112001002')).toBe(false)
    expect(divisionContains('210112', '210112001002')).toBe(false)
    expect(divisionContains('210112000000', '2101120010')).toBe(false)
  })
})

function bruteForceCount(places: SearchablePlace[], text: string): number {
  return places.filter((p) => [p.standardName, ...p.names.map((n) => n.name)].some((n) => n.includes(text))).length
}
