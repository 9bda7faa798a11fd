import { describe, expect, it } from 'vitest'
import { MAX_KEY_VARIANTS, searchKeys, suggestRomanization } from '../../../server/gazetteer/romanize.ts'

const suggest = (specific: string, generic: string): string => suggestRomanization({ specific, generic }).text

describe('suggestRomanization: the spelling rules', () => {
  it('writes the specific and generic parts as separate capitalised words', () => {
    expect(suggest('中关', '村')).toBe('Zhongguan Cun')
    expect(suggest('中山', '大街')).toBe('Zhongshan Dajie')
    expect(suggest('天安门', '广场')).toBe("Tian'anmen Guangchang")
  })

  it('puts an apostrophe before a syllable starting with a, o or e inside a word', () => {
    expect(suggest('长安', '街')).toBe("Chang'an Jie")
    expect(suggest('西安', '路')).toBe("Xi'an Lu")
    expect(suggest('女儿', '河')).toBe("Nü'er He")
    expect(suggest('东二环', '路')).toBe("Dong'erhuan Lu")
  })

  it('puts no apostrophe at the start of a word, even when it starts with a vowel', () => {
    expect(suggest('长', '安')).toBe('Chang An')
  })

  it('writes a name with no split as one word', () => {
    expect(suggest('中关村', '')).toBe('Zhongguancun')
    expect(suggest('', '中关村')).toBe('Zhongguancun')
  })

  it('drops the tones and keeps ü', () => {
    expect(suggest('吕梁', '路')).toBe('Lüliang Lu')
  })

  it('spells numerals in pinyin, Chinese or Arabic', () => {
    expect(suggest('三好', '街')).toBe('Sanhao Jie')
    expect(suggest('3号', '路')).toBe('Sanhao Lu')
    expect(suggest('10号', '路')).toBe('Shihao Lu')
    expect(suggest('12号', '路')).toBe("Shi'erhao Lu")
    expect(suggest('20号', '路')).toBe('Ershihao Lu')
    expect(suggest('21号', '路')).toBe('Ershiyihao Lu')
  })

  it('reads a run of three or more digits, or one with a leading zero, digit by digit', () => {
    expect(suggest('798艺术', '区')).toBe('Qijiubayishu Qu')
    expect(suggest('05号', '路')).toBe('Lingwuhao Lu')
  })

  it('normalises full-width digits and stray spaces first', () => {
    expect(suggest('１２号', '路')).toBe("Shi'erhao Lu")
    expect(suggest(' 中 关 ', '　村')).toBe('Zhongguan Cun')
  })

  it('uses the dictionary reading of known place names', () => {
    expect(suggest('六安', '路')).toBe("Lu'an Lu")
    expect(suggest('长治', '路')).toBe('Changzhi Lu')
    expect(suggest('长子', '街')).toBe('Zhangzi Jie')
    expect(suggest('行唐', '街')).toBe('Xingtang Jie')
  })

  it('refuses an empty name', () => {
    expect(() => suggestRomanization({ specific: ' ', generic: '' })).toThrow('the name is empty')
  })
})

describe('suggestRomanization: what a person must confirm', () => {
  it('flags 六 in 六安 with the reading used first', () => {
    expect(suggestRomanization({ specific: '六安', generic: '' }).polyphones).toEqual([
      { char: '六', index: 0, readings: ['lu', 'liu'] },
    ])
  })

  it('flags 长 in 长治 and in 长子, each with its own reading first', () => {
    expect(suggestRomanization({ specific: '长治', generic: '路' }).polyphones).toEqual([
      { char: '长', index: 0, readings: ['chang', 'zhang'] },
    ])
    expect(suggestRomanization({ specific: '长子', generic: '街' }).polyphones).toEqual([
      { char: '长', index: 0, readings: ['zhang', 'chang'] },
    ])
  })

  it('flags 重 in 重庆, 行 in 行唐 and 乐 in 乐亭, whose place reading Lao the dictionary misses', () => {
    const chongqing = suggestRomanization({ specific: '重庆', generic: '路' }).polyphones
    expect(chongqing.map((p) => p.char)).toEqual(['重'])
    expect(chongqing[0]?.readings).toEqual(['chong', 'zhong'])

    const xingtang = suggestRomanization({ specific: '行唐', generic: '街' }).polyphones
    expect(xingtang[0]?.char).toBe('行')
    expect(xingtang[0]?.readings).toContain('hang')

    const laoting = suggestRomanization({ specific: '乐亭', generic: '' })
    expect(laoting.text).not.toBe('Laoting')
    expect(laoting.polyphones[0]?.char).toBe('乐')
    expect(laoting.polyphones[0]?.readings).toContain('lao')
  })

  it('does not flag a character whose readings differ only in tone', () => {
    expect(suggestRomanization({ specific: '中关', generic: '村' }).polyphones).toEqual([])
    expect(suggestRomanization({ specific: '三好', generic: '街' }).polyphones).toEqual([])
  })

  it('gives the index in specific + generic for a polyphone in the generic part', () => {
    expect(suggestRomanization({ specific: '中山', generic: '大街' }).polyphones).toEqual([
      { char: '大', index: 2, readings: ['da', 'dai'] },
    ])
  })

  it('does not flag numerals that came from digits', () => {
    expect(suggestRomanization({ specific: '108号', generic: '路' }).polyphones).toEqual([])
  })

  it('leaves a character with no known reading in the text and lists it', () => {
    const s = suggestRomanization({ specific: '𠀀家', generic: '村' })
    expect(s.text).toBe('𠀀jia Cun')
    expect(s.unknown).toEqual([{ char: '𠀀', index: 0 }])
  })
})

describe('searchKeys', () => {
  it('gives toneless pinyin and initials of 中关村', () => {
    expect(searchKeys('中关村')).toEqual({
      full: 'zhongguancun',
      initials: 'zgc',
      fullVariants: ['zhongguancun'],
      initialVariants: ['zgc'],
    })
  })

  it('finds 长安 by changan and by zhangan, and by ca and za', () => {
    const keys = searchKeys('长安')
    expect(keys.full).toBe('changan')
    expect(keys.fullVariants).toEqual(['changan', 'zhangan'])
    expect(keys.initialVariants).toEqual(['ca', 'za'])
  })

  it('keeps the contextual reading first: 六安 is luan before liuan', () => {
    expect(searchKeys('六安').fullVariants).toEqual(['luan', 'liuan'])
    expect(searchKeys('六安').initialVariants).toEqual(['la'])
  })

  it('writes ü as v, as pinyin keyboards do', () => {
    expect(searchKeys('吕梁').full).toBe('lvliang')
  })

  it('reads digits as numerals and ignores width and spaces', () => {
    expect(searchKeys('１２号 路').full).toBe('shierhaolu')
    expect(searchKeys('3号路').initials).toBe('shl')
  })

  it('finds 十里堡 by its local reading shilipu', () => {
    expect(searchKeys('十里堡').fullVariants).toContain('shilipu')
  })

  it(`caps the variants at ${MAX_KEY_VARIANTS}, keeping every single-character change of a short name`, () => {
    const keys = searchKeys('长长长长')
    expect(keys.fullVariants).toHaveLength(MAX_KEY_VARIANTS)
    expect(keys.fullVariants.slice(0, 5)).toEqual([
      'changchangchangchang',
      'zhangchangchangchang',
      'changzhangchangchang',
      'changchangzhangchang',
      'changchangchangzhang',
    ])
    expect(new Set(keys.fullVariants).size).toBe(MAX_KEY_VARIANTS)
    expect(keys.initialVariants).toHaveLength(MAX_KEY_VARIANTS)
  })

  it('gives empty keys for an empty name', () => {
    expect(searchKeys('  ')).toEqual({ full: '', initials: '', fullVariants: [], initialVariants: [] })
  })
})
