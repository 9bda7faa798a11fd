import { pinyin } from 'pinyin-pro'
import { Prng } from '../../geodata/prng.ts'
import type { PlaceCategoryClassId } from '../../server/gazetteer/place-categories.ts'
import type { PlaceStatus } from '../../server/gazetteer/place-record.ts'
import type { SearchablePlace, SearchNameKind } from '../../server/gazetteer/search-index.ts'

const WORDS = [
  '和平', '长安', '兴隆', '富民', '新华', '光明', '永安', '胜利', '建设', '解放', '人民', '幸福', '锦绣', '阳光',
  '翠湖', '金桥', '丽景', '绿洲', '紫荆', '枫林', '春晖', '康宁', '瑞景', '泰和', '惠民', '新城', '丰泽', '安居',
  '盛世', '龙湖', '星河', '碧水', '御景', '海棠', '玉兰', '书香', '明珠', '天悦', '观澜', '青年', '文化', '民主',
  '振兴', '育才', '团结', '友谊', '朝阳', '东风', '红旗', '向阳', '前进', '太平', '长青', '万柳', '北陵', '浑河',
  '沈水', '白塔', '五里', '三台', '二道', '中关', '黄河', '长江', '泰山', '华山', '松花', '辽河', '浦江', '营盘',
  '滨河', '南塔', '景星', '文兴', '富强', '和顺', '宏业', '嘉禾', '兴华', '保安', '安乐', '吉祥', '福寿', '万福',
  '如意', '金山', '银山', '石门', '沙河', '杨树', '柳林', '桃园', '杏花', '梨花', '榆树', '槐树', '松林', '柏林',
  '桦甸', '大石', '小河', '高台', '平安', '永宁', '新民', '新立', '新开', '会宁', '长春', '沙岭', '大营', '小营',
  '东关', '西关', '南关', '北关', '中街', '青松', '翠竹', '春晓', '杏坛', '云峰', '柳塘', '桃源', '梅园', '竹林',
  '松涛', '学府', '广济', '康泰', '宏图', '友爱', '长乐', '永丰', '丰收', '双喜', '红星', '曙光', '黎明', '凤凰',
  '白鹤', '青龙', '白虎', '金龙', '银河', '彩虹', '五星', '八一', '新风', '古城', '老街', '后湖', '前湖', '上河',
  '下洼', '高家', '望湖', '临江', '观音', '将军', '状元', '秀水', '清泉', '甘泉', '温泉', '九龙', '七星', '双龙',
]
const SURNAMES = Array.from(
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
)
const DIRECTIONS = Array.from('东西南北中')
const MODIFIERS = Array.from('大小新老前后上下东西南北')

interface CategoryPlan {
  category: PlaceCategoryClassId
  weight: number
  generics: string[]
  /** Whether names look like villages (王家屯) rather than streets and estates (和平路). */
  villageLike: boolean
  /** Half-size of the bbox in degrees: 0 for a point, more for roads and rivers. */
  extentDeg: number
}

const PLANS: CategoryPlan[] = [
  { category: 'transport-facilities', weight: 34, generics: ['路', '街', '大街', '巷', '胡同', '大道', '桥', '大路'], villageLike: false, extentDeg: 0.006 },
  { category: 'settlements', weight: 26, generics: ['小区', '花园', '家园', '新村', '苑', '村', '屯', '堡', '窝堡'], villageLike: true, extentDeg: 0.001 },
  { category: 'self-governing-organisations', weight: 7, generics: ['社区', '村'], villageLike: false, extentDeg: 0.004 },
  { category: 'inland-waters', weight: 5, generics: ['河', '沟', '湖', '泡', '渠'], villageLike: true, extentDeg: 0.01 },
  { category: 'landforms', weight: 4, generics: ['山', '岭', '岗', '坡'], villageLike: true, extentDeg: 0.003 },
  { category: 'memorials-and-sights', weight: 6, generics: ['公园', '广场'], villageLike: false, extentDeg: 0.002 },
  { category: 'buildings', weight: 8, generics: ['大厦', '中心', '大楼'], villageLike: false, extentDeg: 0 },
  { category: 'organisations', weight: 6, generics: ['小学', '中学', '医院'], villageLike: false, extentDeg: 0 },
  { category: 'non-administrative-areas', weight: 4, generics: ['开发区', '工业园', '产业园'], villageLike: false, extentDeg: 0.008 },
]
const TOTAL_WEIGHT = PLANS.reduce((sum, p) => sum + p.weight, 0)

const COUNTY = '210112'
const TOWNSHIPS = 12
const VILLAGES_PER_TOWNSHIP = 20
const LNG: [number, number] = [123.3, 123.6]
const LAT: [number, number] = [41.6, 41.9]
const VOWEL_START = /^[aoe]/

const syllablesOf = new Map<string, string[]>()
for (const piece of [...WORDS, ...SURNAMES, ...DIRECTIONS, ...MODIFIERS, '家', ...PLANS.flatMap((p) => p.generics)]) {
  syllablesOf.set(piece, pinyin(piece, { type: 'array', toneType: 'none' }))
}

/**
 * `count` synthetic places under county 210112 (Shenyang, Hunnan), the same
 * for the same seed: specific parts of two to four characters from pools of
 * common place-name words and surnames, a generic part that fits the
 * category (路, 小区, 村, 河, 公园 …), about one in five with an alias, short
 * name or historical name, mostly current, division codes of twelve
 * townships with twenty villages each, and bboxes in lng 123.3–123.6, lat
 * 41.6–41.9. Seven in ten carry a romanization; its pinyin comes from
 * readings looked up once per pool entry, so generating 100,000 places costs
 * no pinyin per record (and polyphones get their dictionary reading, as an
 * unreviewed spelling would). Names repeat now and then, as real ones do.
 */
export function generatePlaceNames(count: number, seed = 20_240_601): SearchablePlace[] {
  const prng = new Prng(seed)
  const places: SearchablePlace[] = []
  for (let i = 0; i < count; i += 1) places.push(generatePlace(prng, i + 1))
  return places
}

function generatePlace(prng: Prng, id: number): SearchablePlace {
  const plan = pickPlan(prng)
  const specific = drawSpecific(prng, plan)
  const generic = prng.pick(plan.generics)
  const standardName = specific.join('') + generic
  const names: { name: string; kind: SearchNameKind }[] = [{ name: standardName, kind: 'standard' }]
  const roll = prng.next()
  if (roll < 0.09) names.push({ name: drawSpecific(prng, plan).join('') + generic, kind: 'historical' })
  else if (roll < 0.16) names.push({ name: drawSpecific(prng, plan).join('') + prng.pick(plan.generics), kind: 'alias' })
  else if (roll < 0.19) names.push({ name: specific.join(''), kind: 'short' })
  else if (roll < 0.2) names.push({ name: specific.join('') + prng.pick(plan.generics), kind: 'map' })

  const statusRoll = prng.next()
  const status: PlaceStatus = statusRoll < 0.9 ? 'current' : statusRoll < 0.97 ? 'historical' : 'deprecated'
  return {
    id,
    standardName,
    romanization: prng.chance(0.7) ? romanize(specific, generic) : '',
    category: plan.category,
    status,
    divisionCodes: drawDivisions(prng, plan),
    bbox: drawBbox(prng, plan.extentDeg),
    names,
  }
}

function pickPlan(prng: Prng): CategoryPlan {
  let roll = prng.next() * TOTAL_WEIGHT
  for (const plan of PLANS) {
    roll -= plan.weight
    if (roll < 0) return plan
  }
  return PLANS[0] as CategoryPlan
}

/** The specific part as pool pieces, so its romanization can be assembled from their readings. */
function drawSpecific(prng: Prng, plan: CategoryPlan): string[] {
  const roll = prng.next()
  if (plan.villageLike && roll < 0.3) return prng.chance(0.5) ? [prng.pick(SURNAMES), '家'] : [prng.pick(SURNAMES), '家', prng.pick(MODIFIERS)]
  if (roll < 0.2) return [prng.pick(WORDS)]
  if (roll < 0.3) return [prng.pick(WORDS), prng.pick(DIRECTIONS)]
  if (roll < 0.4) return [prng.pick(MODIFIERS), prng.pick(WORDS)]
  if (roll < 0.6) return [prng.pick(SURNAMES), prng.pick(WORDS)]
  return [prng.pick(WORDS), prng.pick(WORDS)]
}

function romanize(specific: string[], generic: string): string {
  return [specific.flatMap((p) => syllablesOf.get(p) ?? []), syllablesOf.get(generic) ?? []]
    .map((syllables) => {
      const word = syllables.map((s, i) => (i > 0 && VOWEL_START.test(s) ? `'${s}` : s)).join('')
      return word.charAt(0).toUpperCase() + word.slice(1)
    })
    .join(' ')
}

function drawDivisions(prng: Prng, plan: CategoryPlan): string[] {
  const township = prng.int(1, TOWNSHIPS)
  if (plan.category === 'transport-facilities' && prng.chance(0.3)) {
    const other = (township % TOWNSHIPS) + 1
    return [townshipCode(township), townshipCode(other)]
  }
  if (plan.category === 'non-administrative-areas') return [townshipCode(township)]
  const village = String(prng.int(1, VILLAGES_PER_TOWNSHIP)).padStart(3, '0')
  return [`${COUNTY}${String(township).padStart(3, '0')}${village}`]
}

function townshipCode(township: number): string {
  return `${COUNTY}${String(township).padStart(3, '0')}000`
}

function drawBbox(prng: Prng, extentDeg: number): [number, number, number, number] {
  const lng = prng.between(LNG[0] + extentDeg, LNG[1] - extentDeg)
  const lat = prng.between(LAT[0] + extentDeg, LAT[1] - extentDeg)
  const dx = extentDeg * prng.next()
  const dy = extentDeg * prng.next()
  return [round6(lng - dx), round6(lat - dy), round6(lng + dx), round6(lat + dy)]
}

function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6
}
