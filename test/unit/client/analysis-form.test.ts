import { describe, expect, it } from 'vitest'
import { readAnalysisForm, type AdvancedInput, type CoverageFormInput } from '../../../client/state/coverage-form.ts'

const BASIC: CoverageFormInput = { kind: 'home_care', mode: 'time', bandsText: '5,10,15', speed: 'standard', customSpeedKmh: null }
const DEFAULTS: AdvancedInput = { bufferM: 50, maxSnapM: 300, perFacility: false, detail: 'standard', customCellM: null }

describe('the advanced settings of the coverage form', () => {
  it('send only what differs from the server defaults, and always the outline grid', () => {
    expect(readAnalysisForm({ ...BASIC, ...DEFAULTS })).toEqual({
      ok: true,
      query: { kind: 'home_care', mode: 'time', bands: '5,10,15', speed: 'standard' },
      areas: { cellM: 10 },
    })
    expect(readAnalysisForm({ ...BASIC, bufferM: 80, maxSnapM: 500, perFacility: true, detail: 'coarse', customCellM: null })).toEqual({
      ok: true,
      query: { kind: 'home_care', mode: 'time', bands: '5,10,15', speed: 'standard', maxSnapM: 500 },
      areas: { bufferM: 80, cellM: 25, perFacility: true },
    })
    expect(readAnalysisForm({ ...BASIC, ...DEFAULTS, detail: 'custom', customCellM: 7 })).toMatchObject({ ok: true, areas: { cellM: 7 } })
  })

  it('name the field that is out of the server’s range', () => {
    expect(readAnalysisForm({ ...BASIC, ...DEFAULTS, bufferM: 4 })).toMatchObject({ ok: false, field: 'bufferM' })
    expect(readAnalysisForm({ ...BASIC, ...DEFAULTS, bufferM: null })).toMatchObject({ ok: false, field: 'bufferM' })
    expect(readAnalysisForm({ ...BASIC, ...DEFAULTS, maxSnapM: 2001 })).toMatchObject({ ok: false, field: 'maxSnapM' })
    expect(readAnalysisForm({ ...BASIC, ...DEFAULTS, detail: 'custom', customCellM: 0.5 })).toMatchObject({ ok: false, field: 'cellM' })
    expect(readAnalysisForm({ ...BASIC, ...DEFAULTS, bandsText: 'x' })).toMatchObject({ ok: false, field: 'bands' })
  })
})
