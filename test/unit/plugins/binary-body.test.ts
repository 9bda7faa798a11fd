import { describe, expect, it } from 'vitest'
import { hasSignatureOf, mediaTypeOf } from '../../../server/plugins/binary-body.ts'

const bytes = (...values: number[]) => Uint8Array.from(values)
const ascii = (text: string) => Uint8Array.from(Buffer.from(text, 'latin1'))

describe('hasSignatureOf', () => {
  it('recognises images by their first bytes', () => {
    expect(hasSignatureOf('image/png', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0))).toBe(true)
    expect(hasSignatureOf('image/jpeg', bytes(0xff, 0xd8, 0xff, 0xe1))).toBe(true)
    expect(hasSignatureOf('image/webp', ascii('RIFF\x24\x00\x00\x00WEBPVP8 '))).toBe(true)
  })

  it('refuses bytes of another type, and bodies too short to tell', () => {
    expect(hasSignatureOf('image/png', bytes(0xff, 0xd8, 0xff, 0xe1))).toBe(false)
    expect(hasSignatureOf('image/png', bytes(0x89, 0x50, 0x4e))).toBe(false)
    expect(hasSignatureOf('image/webp', ascii('RIFF\x24\x00\x00\x00WAVEfmt '))).toBe(false)
    expect(hasSignatureOf('image/jpeg', ascii('<svg onload=alert(1)>'))).toBe(false)
  })

  it('knows PDF and Office files, and lets types without a signature pass', () => {
    expect(hasSignatureOf('application/pdf', ascii('%PDF-1.7\n'))).toBe(true)
    expect(hasSignatureOf('application/pdf', ascii('<html>'))).toBe(false)
    expect(hasSignatureOf('application/vnd.openxmlformats-officedocument.wordprocessingml.document', ascii('PK\x03\x04rest'))).toBe(true)
    expect(hasSignatureOf('application/msword', bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1))).toBe(true)
    expect(hasSignatureOf('text/csv', ascii('a,b\n'))).toBe(true)
  })
})

describe('mediaTypeOf', () => {
  it('drops parameters and case', () => {
    expect(mediaTypeOf('Image/PNG; charset=binary')).toBe('image/png')
    expect(mediaTypeOf(undefined)).toBe('')
  })
})
