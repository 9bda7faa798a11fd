import { describeWalk, walkLimitM, type StandardRule } from './standard-rules.ts'
import type { StandardsReport, UnitReport } from './report-service.ts'

/** A report as one table: Chinese headers, one row per unit, values ready for CSV or a spreadsheet. */
export interface ReportTable {
  headers: string[]
  rows: (string | number | null)[][]
}

const statusZh = { pass: '达标', fail: '未达标', 'cannot-evaluate': '无法评估', 'not-applicable': '不适用' } as const
const levelZh = { district: '区', subdistrict: '街道', community: '社区' } as const
const round = (v: number | null, digits = 1) => (v === null || !Number.isFinite(v) ? null : Math.round(v * 10 ** digits) / 10 ** digits)

function walkLabel(rule: StandardRule): string {
  return rule.walk ? describeWalk(rule.walk).zh : ''
}

/**
 * The report as a table for CSV and XLSX: who and where, households and
 * people, facilities, floor areas and beds by kind, the walks of the set's
 * coverage rules, then for every rule its measured value, requirement,
 * verdict and shortfall, and last the set, its version and the data
 * version, so a file on its own says what it was measured against.
 */
export function buildReportTable(report: StandardsReport, kinds: readonly { code: string; nameZh: string }[], units: readonly UnitReport[], generatedAt: string): ReportTable {
  const nameOf = new Map(kinds.map((k) => [k.code, k.nameZh]))
  const walkRules = report.rules.filter((r) => r.walk)
  const headers = [
    '代码', '名称', '层级', '上级代码', '城乡', '住宅区类型', '户数', '人口', '老年人口', '结论', '未达标规则数', '无法评估规则数',
    ...kinds.flatMap((k) => [`${k.nameZh}数量`, `${k.nameZh}面积（m²）`, `${k.nameZh}每百户面积（m²/百户）`]),
    '设施总面积（m²）', '养老床位', '护理型床位', '每千名老人床位', '护理型床位占比（%）', '每处社区综合服务设施服务人口',
    ...walkRules.flatMap((r) => [`${walkLabel(r)}内有${nameOf.get(r.kinds[0]!) ?? r.kinds[0]}的户数`, `${walkLabel(r)}内有${nameOf.get(r.kinds[0]!) ?? r.kinds[0]}的户数比例（%）`]),
    ...report.rules.flatMap((r) => [`${r.label}：实测（${r.unit}）`, `${r.label}：要求`, `${r.label}：结论`, `${r.label}：缺口`]),
    '问题说明', '标准集', '标准集版本', '数据版本', '路网版本', '生成时间',
  ]
  const rows = units.map((u) => {
    const byCode = new Map(u.evaluations.map((e) => [e.rule, e]))
    const walkOf = (r: StandardRule) => u.indicators.walks.find((w) => w.kind === r.kinds[0] && Math.abs(w.limitM - walkLimitM(r.walk!)) < 1e-6)
    return [
      u.code, u.name, levelZh[u.level], u.parentCode, u.urbanRural === 'urban' ? '城市' : '农村',
      u.residential === 'new' ? '新建' : u.residential === 'existing' ? '已建' : null,
      u.households, u.population, u.elderly, statusZh[u.status],
      u.evaluations.filter((e) => e.status === 'fail').length, u.evaluations.filter((e) => e.status === 'cannot-evaluate').length,
      ...kinds.flatMap((k) => [round(u.indicators.facilitiesByKind[k.code] ?? 0, 2), round(u.indicators.areaM2ByKind[k.code] ?? 0), round(u.indicators.areaPer100ByKind[k.code] ?? null)]),
      round(u.indicators.totalAreaM2), round(u.indicators.beds, 1), round(u.indicators.nursingBeds, 1),
      round(u.indicators.bedsPer1000Elderly), round(u.indicators.nursingBedShare), round(u.indicators.residentsPerServiceCentre, 0),
      ...walkRules.flatMap((r) => {
        const w = walkOf(r)
        return [w?.covered ?? null, round(w?.share ?? null)]
      }),
      ...report.rules.flatMap((r) => {
        const e = byCode.get(r.code)
        if (!e) return [null, null, null, null]
        return [round(e.measured, 2), `${r.comparator === '>=' ? '≥' : '≤'} ${r.threshold}`, statusZh[e.status], e.status === 'fail' ? e.message : e.status === 'cannot-evaluate' ? e.message : null]
      }),
      u.evaluations.filter((e) => e.status === 'fail' || e.status === 'cannot-evaluate').map((e) => `${report.rules.find((r) => r.code === e.rule)?.label ?? e.rule}：${e.message}`).join('；'),
      report.set.name, report.set.version, report.dataVersion, report.networkVersion, generatedAt,
    ]
  })
  return { headers, rows }
}
