import { describe, expect, it } from 'vitest'
import { parseBands, readCoverageForm } from '../../../client/state/coverage-form.ts'
import { bandColors } from '../../../client/map/band-colors.ts'

describe('the coverage form', () => {
  it('reads band lists typed with commas, Chinese commas or spaces', () => {
    expect(parseBands('5,10,15')).toEqual([5, 10, 15])
    expect(parseBands('5，10、15')).toEqual([5, 10, 15])
    expect(parseBands(' 300 500  1000 ')).toEqual([300, 500, 1000])
    expect(parseBands('5,x')).toBeNull()
    expect(parseBands('0,5')).toBeNull()
    expect(parseBands('')).toBeNull()
  })

  it('sorts bands into a request and names the field that is wrong', () => {
    expect(readCoverageForm({ kind: 'home_care', mode: 'time', bandsText: '15,5,10', speed: 'elderly', customSpeedKmh: null })).toEqual({
      ok: true,
      query: { kind: 'home_care', mode: 'time', bands: '5,10,15', speed: 'elderly' },
    })
    expect(readCoverageForm({ kind: 'home_care', mode: 'time', bandsText: '5,5', speed: 'standard', customSpeedKmh: null })).toMatchObject({ ok: false, field: 'bands' })
    expect(readCoverageForm({ kind: 'home_care', mode: 'time', bandsText: '1,2,3,4,5,6,7,8,9', speed: 'standard', customSpeedKmh: null })).toMatchObject({ ok: false, field: 'bands' })
    expect(readCoverageForm({ kind: 'home_care', mode: 'distance', bandsText: '300', speed: 'custom', customSpeedKmh: 12 })).toMatchObject({ ok: false, field: 'speed' })
    expect(readCoverageForm({ kind: 'home_care', mode: 'distance', bandsText: '300', speed: 'custom', customSpeedKmh: 4.2 })).toEqual({
      ok: true,
      query: { kind: 'home_care', mode: 'distance', bands: '300', speedKmh: 4.2 },
    })
  })

  it('colours bands from dark (smallest) to light (largest), distinctly', () => {
    const colors = bandColors(3)
    expect(new Set(colors).size).toBe(3)
    const lightness = (hex: string) => parseInt(hex.slice(1, 3), 16) + parseInt(hex.slice(3, 5), 16) + parseInt(hex.slice(5, 7), 16)
    expect(lightness(colors[0]!)).toBeLessThan(lightness(colors[2]!))
  })
})
