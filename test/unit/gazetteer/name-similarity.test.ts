import { describe, expect, it } from 'vitest'
import { findSimilarNames } from '../../../server/gazetteer/name-similarity.ts'

const name = (specific: string, generic: string, id = 0) => ({ id, specific, generic })
const kinds = (proposed: { specific: string; generic: string }, candidate: { specific: string; generic: string }) =>
  findSimilarNames(proposed, [candidate]).flatMap((s) => s.reasons.map((r) => r.kind))

describe('findSimilarNames', () => {
  it('reports the same name as identical, and only that', () => {
    expect(kinds(name('长安', '街'), name('长安', '街'))).toEqual(['identical'])
  })

  it('treats full-width forms, whitespace and a different split as the same characters', () => {
    expect(kinds(name('长安', '街'), name('长安 ', ' 街'))).toEqual(['identical'])
    expect(kinds(name('3号', '路'), name('３号', '路'))).toEqual(['identical'])
    expect(kinds(name('长安街', ''), name('长安', '街'))).toEqual(['identical'])
  })

  it('reports 长安街 and 常安街 as same-sounding on their likely readings', () => {
    const [match] = findSimilarNames(name('长安', '街'), [name('常安', '街', 7)])
    expect(match?.candidate.id).toBe(7)
    expect(match?.reasons).toEqual([
      {
        kind: 'same-sounding',
        pinyin: 'changanjie',
        likelyReadings: true,
        message: '"长安街" and "常安街" can both be read "changanjie"',
      },
    ])
  })

  it('reports 长安街 and 掌安街 as same-sounding through the other reading of 长', () => {
    const [match] = findSimilarNames(name('长安', '街'), [name('掌安', '街')])
    expect(match?.reasons[0]).toMatchObject({ kind: 'same-sounding', pinyin: 'zhanganjie', likelyReadings: false })
  })

  it('hears 三号路 and 3号路 alike', () => {
    expect(kinds(name('三号', '路'), name('3号', '路'))).toEqual(['same-sounding'])
  })

  it('reports 长安街 and 长安路 as sharing the specific part', () => {
    expect(findSimilarNames(name('长安', '街'), [name('长安', '路')])[0]?.reasons).toEqual([
      {
        kind: 'same-specific',
        specific: '长安',
        proposedGeneric: '街',
        candidateGeneric: '路',
        message: '"长安街" has the same specific part "长安" as "长安路"',
      },
    ])
  })

  it('does not compare specifics when a name is not split', () => {
    expect(kinds(name('长安', '街'), name('长安路', ''))).toEqual([])
  })

  it('leaves out unrelated names and names that differ in sound', () => {
    expect(findSimilarNames(name('长安', '街'), [name('新华', '路'), name('长宁', '街'), name('', '')])).toEqual([])
  })

  it('lists the strongest matches first and keeps the given order within each', () => {
    const found = findSimilarNames(name('长安', '街'), [
      name('长安', '路', 1),
      name('常安', '街', 2),
      name('长安', '大街', 3),
      name('长安', '街', 4),
      name('掌安', '街', 5),
    ])
    expect(found.map((s) => [s.candidate.id, s.reasons.map((r) => r.kind)])).toEqual([
      [4, ['identical']],
      [2, ['same-sounding']],
      [5, ['same-sounding']],
      [1, ['same-specific']],
      [3, ['same-specific']],
    ])
  })

  it('refuses an empty proposed name', () => {
    expect(() => findSimilarNames(name(' ', ''), [name('长安', '街')])).toThrow('the proposed name is empty')
  })
})
