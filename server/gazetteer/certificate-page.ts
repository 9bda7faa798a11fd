import { formatDoorNumber } from './standard-address.ts'

/** Everything a printed door-plate certificate (门牌证) shows. Dates are `YYYY-MM-DD`. */
export interface CertificateSheet {
  certificateNumber: string
  holder: string
  issuedOn: string
  issuedBy: string
  revokedOn: string | null
  revokedReason: string
  standardAddress: string
  roadName: string
  roadRomanization: string
  /** The number on the road, e.g. `12` or `12-1`. */
  plateNumber: string
  building: string
  unit: string
  room: string
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/** Text made safe for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!)
}

/** 2024-03-05 as 2024年3月5日; anything else is shown as it is. */
export function formatChineseDate(date: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  if (!match) return date
  return `${match[1]}年${Number(match[2])}月${Number(match[3])}日`
}

const STYLE = `
  @page { size: A5 portrait; margin: 12mm; }
  * { box-sizing: border-box; }
  body { margin: 0; background: #f2f2f2; color: #111; font-family: "Songti SC", "SimSun", "Noto Serif CJK SC", "Source Han Serif SC", serif; }
  .sheet { position: relative; width: 148mm; min-height: 210mm; margin: 8mm auto; padding: 14mm 12mm; background: #fff; border: 1px solid #bbb; }
  .frame { border: 3px double #8b0000; padding: 10mm 8mm; min-height: 180mm; }
  h1 { margin: 0 0 2mm; text-align: center; font-size: 26pt; letter-spacing: 0.6em; text-indent: 0.6em; color: #8b0000; }
  .number { text-align: center; margin: 0 0 8mm; font-size: 11pt; }
  dl { display: grid; grid-template-columns: 26mm 1fr; gap: 4mm 3mm; margin: 0; font-size: 12pt; }
  dt { font-weight: bold; text-align: justify; text-align-last: justify; }
  dd { margin: 0; border-bottom: 1px solid #999; padding-bottom: 1mm; overflow-wrap: anywhere; }
  .pinyin { display: block; font-family: "Helvetica Neue", Arial, sans-serif; font-size: 10pt; color: #333; }
  .issuer { margin-top: 14mm; text-align: right; font-size: 12pt; }
  .stamp { position: absolute; top: 70mm; left: 30mm; transform: rotate(-18deg); padding: 3mm 6mm; border: 4px solid #c00; border-radius: 3mm; color: #c00; text-align: center; opacity: 0.85; }
  .stamp strong { display: block; font-size: 30pt; letter-spacing: 0.3em; }
  .stamp span { display: block; font-size: 10pt; max-width: 80mm; overflow-wrap: anywhere; }
  .hint { max-width: 148mm; margin: 0 auto 8mm; font: 10pt sans-serif; color: #555; text-align: center; }
  @media print {
    body { background: #fff; }
    .sheet { margin: 0; border: none; width: auto; min-height: auto; padding: 0; }
    .hint { display: none; }
  }
`

/**
 * The printable HTML page of a door-plate certificate, about A5: title,
 * number, holder, standard address, road with its pinyin, number, issue
 * date, and a 已注销 stamp when revoked. Every value is escaped. The page
 * has no script (the app's content security policy allows none inline) and
 * one inline stylesheet with print rules.
 */
export function renderCertificatePage(sheet: CertificateSheet): string {
  const e = escapeHtml
  const row = (label: string, value: string) => `<dt>${label}</dt><dd>${value}</dd>`
  const rows = [
    row('持证人', e(sheet.holder)),
    row('标准地址', e(sheet.standardAddress)),
    row('道路名称', `${e(sheet.roadName)}${sheet.roadRomanization ? `<span class="pinyin" lang="zh-Latn-pinyin">${e(sheet.roadRomanization)}</span>` : ''}`),
    row('门牌号码', e(formatDoorNumber({ number: sheet.plateNumber, building: sheet.building, unit: sheet.unit, room: sheet.room }))),
    row('发证日期', e(formatChineseDate(sheet.issuedOn))),
  ]
  const stamp = sheet.revokedOn
    ? `<div class="stamp" role="note"><strong>已注销</strong><span>${e(formatChineseDate(sheet.revokedOn))}</span>${sheet.revokedReason ? `<span>${e(sheet.revokedReason)}</span>` : ''}</div>`
    : ''
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>门牌证 ${e(sheet.certificateNumber)}</title>
<style>${STYLE}</style>
</head>
<body>
<p class="hint">用浏览器的“打印”（Ctrl+P）打印本证，纸张选 A5。</p>
<main class="sheet">
<div class="frame">
<h1>门牌证</h1>
<p class="number">证号：${e(sheet.certificateNumber)}</p>
<dl>
${rows.join('\n')}
</dl>
<p class="issuer">经办人：${e(sheet.issuedBy)}</p>
</div>
${stamp}
</main>
</body>
</html>
`
}
