import { unzip } from 'but-unzip'
import { inflateRawSync } from 'node:zlib'

/** Largest total of unpacked bytes taken from one archive, against zip bombs. */
export const MAX_UNZIPPED_BYTES = 200 * 1024 * 1024

/**
 * The files of a ZIP archive by name (folders skipped), read with
 * `but-unzip`. Throws an Error saying what is wrong when the bytes are not
 * a readable archive or unpack to more than {@link MAX_UNZIPPED_BYTES}.
 */
export async function readZip(bytes: Uint8Array): Promise<Map<string, Uint8Array>> {
  let total = 0
  const inflate = (raw: Uint8Array) => {
    try {
      return new Uint8Array(inflateRawSync(raw, { maxOutputLength: MAX_UNZIPPED_BYTES - total + 1 }))
    } catch (error) {
      if (error instanceof RangeError) throw new Error(`the ZIP archive unpacks to more than ${MAX_UNZIPPED_BYTES / 1024 / 1024} MiB`)
      throw new Error('a ZIP entry is damaged')
    }
  }
  let items: ReturnType<typeof unzip>
  try {
    items = unzip(bytes, inflate)
  } catch {
    throw new Error('the file is not a ZIP archive')
  }
  const files = new Map<string, Uint8Array>()
  for (const item of items) {
    if (item.filename.endsWith('/')) continue
    const content = await item.read()
    total += content.byteLength
    if (total > MAX_UNZIPPED_BYTES) throw new Error(`the ZIP archive unpacks to more than ${MAX_UNZIPPED_BYTES / 1024 / 1024} MiB`)
    files.set(item.filename, content)
  }
  return files
}
