import { inflateRawSync } from 'node:zlib'

/** Largest total of unpacked bytes taken from one archive, against zip bombs. */
export const MAX_UNZIPPED_BYTES = 200 * 1024 * 1024

/**
 * The files of a ZIP archive by name (stored or deflated entries; folders
 * skipped). Throws an Error saying what is wrong when the bytes are not a
 * readable archive, use another compression, or unpack to more than
 * {@link MAX_UNZIPPED_BYTES}.
 */
export function readZip(bytes: Uint8Array): Map<string, Uint8Array> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let end = -1
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i
      break
    }
  }
  if (end < 0) throw new Error('the file is not a ZIP archive')
  const count = view.getUint16(end + 10, true)
  let at = view.getUint32(end + 16, true)
  const files = new Map<string, Uint8Array>()
  let total = 0
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) throw new Error('the ZIP archive’s directory is damaged')
    const method = view.getUint16(at + 10, true)
    const compressedSize = view.getUint32(at + 20, true)
    const size = view.getUint32(at + 24, true)
    const nameLength = view.getUint16(at + 28, true)
    const extraLength = view.getUint16(at + 30, true)
    const commentLength = view.getUint16(at + 32, true)
    const localAt = view.getUint32(at + 42, true)
    const name = new TextDecoder('utf-8').decode(bytes.subarray(at + 46, at + 46 + nameLength))
    at += 46 + nameLength + extraLength + commentLength
    if (name.endsWith('/')) continue
    if (localAt + 30 > bytes.length || view.getUint32(localAt, true) !== 0x04034b50) throw new Error(`the ZIP entry ${name} is damaged`)
    const dataAt = localAt + 30 + view.getUint16(localAt + 26, true) + view.getUint16(localAt + 28, true)
    const data = bytes.subarray(dataAt, dataAt + compressedSize)
    total += size
    if (total > MAX_UNZIPPED_BYTES) throw new Error(`the ZIP archive unpacks to more than ${MAX_UNZIPPED_BYTES / 1024 / 1024} MiB`)
    if (method === 0) files.set(name, data)
    else if (method === 8) files.set(name, new Uint8Array(inflateRawSync(data, { maxOutputLength: Math.max(size, 1) })))
    else throw new Error(`the ZIP entry ${name} uses compression method ${method}; only stored and deflated entries are read`)
  }
  return files
}
