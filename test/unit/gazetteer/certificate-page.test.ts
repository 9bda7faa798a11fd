import { describe, expect, it } from 'vitest'
import { escapeHtml, formatChineseDate, renderCertificatePage, type CertificateSheet } from '../../../server/gazetteer/certificate-page.ts'

const sheet: CertificateSheet = {
  certificateNumber: 'MP-2024-0001',
  holder: '张三',
  issuedOn: '2024-03-05',
  issuedBy: 'editor',
  revokedOn: null,
  revokedReason: '',
  standardAddress: '演示区长青街道长青社区长青路12号3栋2单元501室',
  roadName: '长青路',
  roadRomanization: 'Changqing Lu',
  plateNumber: '12',
  building: '3',
  unit: '2',
  room: '501',
}

const HOSTILE = `<script>alert("x")</script>&'`

describe('renderCertificatePage', () => {
  it('shows the certificate in Chinese: title, number, holder, address, road with pinyin, number, date', () => {
    const html = renderCertificatePage(sheet)
    expect(html).toMatch(/^<!doctype html>\n<html lang="zh-CN">/)
    expect(html).toContain('<meta charset="utf-8">')
    expect(html).toContain('<h1>门牌证</h1>')
    expect(html).toContain('证号：MP-2024-0001')
    expect(html).toContain('<dd>张三</dd>')
    expect(html).toContain('<dd>演示区长青街道长青社区长青路12号3栋2单元501室</dd>')
    expect(html).toContain('长青路<span class="pinyin" lang="zh-Latn-pinyin">Changqing Lu</span>')
    expect(html).toContain('<dd>12号3栋2单元501室</dd>')
    expect(html).toContain('<dd>2024年3月5日</dd>')
    expect(html).not.toContain('已注销')
  })

  it('has a print stylesheet and no script at all', () => {
    const html = renderCertificatePage(sheet)
    expect(html).toContain('@page { size: A5')
    expect(html).toContain('@media print')
    expect(html).not.toMatch(/<script|\son\w+=|javascript:/i)
  })

  it('stamps a revoked certificate with the date and reason', () => {
    const html = renderCertificatePage({ ...sheet, revokedOn: '2025-01-20', revokedReason: '房屋拆除' })
    expect(html).toContain('<strong>已注销</strong><span>2025年1月20日</span><span>房屋拆除</span>')
  })

  it('escapes every value', () => {
    const hostile = Object.fromEntries(Object.entries(sheet).map(([key, value]) => [key, typeof value === 'string' ? `${value}${HOSTILE}` : value])) as unknown as CertificateSheet
    const html = renderCertificatePage({ ...hostile, revokedOn: `2025-01-20${HOSTILE}`, revokedReason: HOSTILE })
    expect(html).not.toContain('<script>')
    expect(html).not.toContain(`"x")`)
    expect(html).not.toMatch(/&(?!amp;|lt;|gt;|quot;|#39;)/)
    const escaped = '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;'
    // Holder, address, road, pinyin, number, issuer, title, certificate number, issue and revocation dates, reason.
    expect(html.split(escaped).length - 1).toBeGreaterThanOrEqual(11)
  })
})

describe('escapeHtml and formatChineseDate', () => {
  it('escape the five special characters', () => {
    expect(escapeHtml(`a<b>&"c'`)).toBe('a&lt;b&gt;&amp;&quot;c&#39;')
  })

  it('write dates the Chinese way', () => {
    expect(formatChineseDate('2024-12-01')).toBe('2024年12月1日')
    expect(formatChineseDate('not a date')).toBe('not a date')
  })
})
