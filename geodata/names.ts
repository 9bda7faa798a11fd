import type { Prng } from './prng.ts'

/** Street names of the demo, by role. */
export interface StreetNames {
  /** North–south arterials, west to east. */
  arterialNS: string[]
  /** East–west arterials, south to north. */
  arterialEW: string[]
  expressway: string
  /** North–south local streets, west to east. */
  localNS: string[]
  /** East–west local streets south to north, in pairs: west and east of the expressway. */
  localEW: string[]
  riversideSouth: string
  riversideNorth: string
  bridges: string[]
}

/** A name split into its specific and generic parts (专名 and 通名), as place-name pinyin is written. */
export interface NameParts {
  specific: string
  generic: string
}

export const streetNames: StreetNames = {
  arterialNS: ['景星街', '文兴街', '和平大街', '南塔街', '长青大街', '富民街', '东陵街'],
  arterialEW: ['浦江路', '营盘路', '滨河南路', '滨河北路', '青年大路', '万柳路', '北陵路'],
  expressway: '东环快速路',
  localNS: [
    '翠竹街', '春晓街', '松林街', '枫林街', '杏坛街', '丰泽街', '锦绣街',
    '云峰街', '泰山街', '柳塘街', '桃源街', '梅园街', '竹林街', '松涛街',
  ],
  localEW: [
    '学府路', '兴隆路', '嘉禾路', '瑞安路', '文化路', '广济路', '民主路', '振兴路', '育才路',
    '康泰路', '建设路', '宏业路', '新华路', '永安路', '和顺路', '友谊路', '光明路', '长江路',
  ],
  riversideSouth: '南岸步道',
  riversideNorth: '北岸步道',
  bridges: ['和平桥', '长青桥', '彩虹桥'],
}

export const riverName = '清溪河'
export const districtName = '演示区（合成）'
export const subdistrictNames = ['浦江街道', '北陵街道', '东湖街道']
export const communityNames = [
  '景星社区', '南塔社区', '文兴社区', '和平社区',
  '滨河社区', '翠湖社区', '万柳社区', '北陵社区',
  '长青社区', '富民社区', '临江社区', '五爱社区', '春晖社区',
]

const compoundSpecifics = [
  '锦绣', '阳光', '幸福', '翠湖', '金桥', '丽景', '华府', '绿洲', '紫荆', '枫林',
  '春晖', '康馨', '瑞景', '泰和', '惠民', '新城', '丰泽', '安居', '盛世', '龙湖',
  '星河', '碧水', '御景', '海棠', '玉兰', '怡景', '书香', '明珠', '天悦', '观澜',
  '青枫', '蓝湾', '君悦', '福安', '和谐', '百合', '芳草', '朝阳', '东方', '银杏',
]
const compoundGenerics = ['小区', '花园', '家园', '苑', '新村', '佳园', '雅居', '公寓']

/** `count` distinct compound names, drawn without repetition. */
export function drawCompoundNames(prng: Prng, count: number): NameParts[] {
  const all = compoundSpecifics.flatMap((specific) => compoundGenerics.map((generic) => ({ specific, generic })))
  const chosen: NameParts[] = []
  const usedSpecifics = new Map<string, number>()
  for (const candidate of prng.shuffle(all)) {
    if (chosen.length === count) break
    if ((usedSpecifics.get(candidate.specific) ?? 0) >= 2) continue
    usedSpecifics.set(candidate.specific, (usedSpecifics.get(candidate.specific) ?? 0) + 1)
    chosen.push(candidate)
  }
  return chosen
}

export const homeCareNames = ['康乐', '福寿', '颐年', '安康', '松鹤', '康宁', '乐龄', '福康', '仁爱', '怡和', '长乐', '惠康']
export const dayCareNames = ['福寿', '康馨', '颐和', '乐享', '安泰', '和美']
export const institutionNames = ['颐和养老院', '福康护理院', '松鹤老年公寓', '康宁颐养中心', '仁和养老院']

/** Known place-name generics, longest first, to split a name into specific and generic parts. */
const generics = ['快速路', '大街', '大路', '街道', '社区', '步道', '小区', '花园', '家园', '新村', '佳园', '雅居', '公寓', '街', '路', '桥', '河', '区', '苑']

/** Splits a name at its generic part (the longest known suffix). */
export function splitName(name: string): NameParts {
  const generic = generics.find((g) => name.endsWith(g) && name.length > g.length)
  return generic ? { specific: name.slice(0, -generic.length), generic } : { specific: name, generic: '' }
}

/**
 * Readings of every character the demo's place names use, as place names
 * read them (长 is cháng in 长青). Tones are left out, as on signs.
 */
export const pinyinOf: Record<string, string> = {
  景: 'jing', 星: 'xing', 街: 'jie', 文: 'wen', 兴: 'xing', 和: 'he', 平: 'ping', 大: 'da', 南: 'nan', 塔: 'ta',
  长: 'chang', 青: 'qing', 富: 'fu', 民: 'min', 东: 'dong', 陵: 'ling', 浦: 'pu', 江: 'jiang', 路: 'lu', 营: 'ying',
  盘: 'pan', 滨: 'bin', 河: 'he', 北: 'bei', 年: 'nian', 万: 'wan', 柳: 'liu', 环: 'huan', 快: 'kuai', 速: 'su',
  翠: 'cui', 竹: 'zhu', 春: 'chun', 晓: 'xiao', 松: 'song', 林: 'lin', 枫: 'feng', 杏: 'xing', 坛: 'tan', 丰: 'feng',
  泽: 'ze', 锦: 'jin', 绣: 'xiu', 学: 'xue', 府: 'fu', 隆: 'long', 嘉: 'jia', 禾: 'he', 瑞: 'rui', 安: 'an',
  育: 'yu', 才: 'cai', 康: 'kang', 泰: 'tai', 建: 'jian', 设: 'she', 宏: 'hong', 业: 'ye', 新: 'xin', 华: 'hua',
  永: 'yong', 岸: 'an', 步: 'bu', 道: 'dao', 桥: 'qiao', 彩: 'cai', 虹: 'hong', 清: 'qing', 溪: 'xi', 演: 'yan',
  示: 'shi', 区: 'qu', 湖: 'hu', 社: 'she', 临: 'lin', 五: 'wu', 爱: 'ai', 晖: 'hui', 阳: 'yang', 光: 'guang',
  幸: 'xing', 福: 'fu', 金: 'jin', 丽: 'li', 绿: 'lü', 洲: 'zhou', 紫: 'zi', 荆: 'jing', 馨: 'xin', 惠: 'hui',
  城: 'cheng', 居: 'ju', 盛: 'sheng', 世: 'shi', 龙: 'long', 碧: 'bi', 水: 'shui', 御: 'yu', 海: 'hai', 棠: 'tang',
  玉: 'yu', 兰: 'lan', 怡: 'yi', 书: 'shu', 香: 'xiang', 明: 'ming', 珠: 'zhu', 天: 'tian', 悦: 'yue', 观: 'guan',
  澜: 'lan', 蓝: 'lan', 湾: 'wan', 君: 'jun', 谐: 'xie', 百: 'bai', 芳: 'fang', 草: 'cao', 朝: 'chao', 方: 'fang',
  银: 'yin', 小: 'xiao', 花: 'hua', 园: 'yuan', 家: 'jia', 苑: 'yuan', 村: 'cun', 佳: 'jia', 雅: 'ya', 公: 'gong',
  寓: 'yu', 合: 'he', 成: 'cheng', 云: 'yun', 峰: 'feng', 山: 'shan', 塘: 'tang', 桃: 'tao', 源: 'yuan', 梅: 'mei',
  涛: 'tao', 化: 'hua', 广: 'guang', 济: 'ji', 主: 'zhu', 振: 'zhen', 顺: 'shun', 友: 'you', 谊: 'yi',
  党: 'dang', 群: 'qun', 服: 'fu', 务: 'wu', 中: 'zhong', 心: 'xin', 养: 'yang', 老: 'lao', 站: 'zhan', 日: 'ri',
  间: 'jian', 照: 'zhao', 料: 'liao', 院: 'yuan', 护: 'hu', 理: 'li', 颐: 'yi', 乐: 'le', 寿: 'shou', 鹤: 'he',
  宁: 'ning', 龄: 'ling', 仁: 'ren', 享: 'xiang', 美: 'mei', 门: 'men', 号: 'hao', 正: 'zheng', 第: 'di', 二: 'er',
  三: 'san', 四: 'si',
}

function romanizeWord(word: string): string {
  let out = ''
  for (const char of word) {
    const syllable = pinyinOf[char]
    if (syllable === undefined) throw new Error(`No pinyin reading for "${char}" in "${word}"`)
    out += out.length > 0 && /^[aoe]/.test(syllable) ? `'${syllable}` : syllable
  }
  return out.charAt(0).toUpperCase() + out.slice(1)
}

/**
 * Place-name pinyin: specific and generic parts written apart and
 * capitalised, with an apostrophe before a/o/e inside a part (Rui'an Lu).
 * Text in brackets is romanised the same way and kept in brackets.
 */
export function romanizePlaceName(name: string): string {
  const bracket = /^(.*)（(.*)）$/.exec(name)
  if (bracket) return `${romanizePlaceName(bracket[1]!)} (${romanizeWord(bracket[2]!)})`
  const { specific, generic } = splitName(name)
  return generic ? `${romanizeWord(specific)} ${romanizeWord(generic)}` : romanizeWord(specific)
}
