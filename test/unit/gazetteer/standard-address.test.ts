import { describe, expect, it } from 'vitest'
import { formatDoorNumber, formatStandardAddress } from '../../../server/gazetteer/standard-address.ts'

const plate = { divisionNames: ['演示区', '长青街道', '长青社区'], roadName: '长青路', number: '12', building: '', unit: '', room: '' }

describe('formatStandardAddress', () => {
  it('joins the divisions, the road and the number with 号', () => {
    expect(formatStandardAddress(plate)).toBe('演示区长青街道长青社区长青路12号')
  })

  it('adds building, unit and room with their words, only those that are set', () => {
    expect(formatStandardAddress({ ...plate, building: '3', unit: '2', room: '501' })).toBe('演示区长青街道长青社区长青路12号3栋2单元501室')
    expect(formatStandardAddress({ ...plate, room: '501' })).toBe('演示区长青街道长青社区长青路12号501室')
    expect(formatStandardAddress({ ...plate, building: 'A', unit: '  ' })).toBe('演示区长青街道长青社区长青路12号A栋')
  })

  it('does not double a word the part already ends with', () => {
    expect(formatDoorNumber({ number: '12-1', building: '3栋', unit: '2单元', room: '501室' })).toBe('12-1号3栋2单元501室')
    expect(formatDoorNumber({ number: '8', building: '5号楼', unit: '', room: '' })).toBe('8号5号楼')
    expect(formatDoorNumber({ number: '8', building: 'B座', unit: '', room: '' })).toBe('8号B座')
  })

  it('takes the road name it is given, so a renamed road gives a new address', () => {
    expect(formatStandardAddress({ ...plate, roadName: '新华路' })).toBe('演示区长青街道长青社区新华路12号')
  })

  it('leaves out divisions that are unknown', () => {
    expect(formatStandardAddress({ ...plate, divisionNames: [] })).toBe('长青路12号')
    expect(formatStandardAddress({ ...plate, divisionNames: [' 演示区 '], roadName: ' 长青路 ' })).toBe('演示区长青路12号')
  })
})
