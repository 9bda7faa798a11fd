import { createReadStream } from 'node:fs'
import sax from 'sax'
import type { OsmTags } from '../../geo/osm-walk-rules.ts'
import type { OnBytesRead, OsmEntity } from './osm-entities.ts'

/**
 * Streams the nodes and ways of an OSM XML file (`.osm`), a batch of
 * entities per chunk read, so memory stays bounded by the chunk size and
 * what the caller keeps. Deleted or invisible elements (`action="delete"`,
 * `visible="false"`) are skipped; relations are skipped.
 */
export async function* readOsmXml(file: string, onBytesRead?: OnBytesRead): AsyncGenerator<OsmEntity[]> {
  const parser = sax.parser(true, { trim: false, normalize: false, position: false })
  let batch: OsmEntity[] = []
  let current: { type: 'node' | 'way'; id: number; lon: number; lat: number; refs: number[]; tags: Record<string, string> | undefined } | undefined
  let skipped = false
  let error: Error | undefined

  parser.onerror = (e) => {
    error = e
  }
  parser.onopentag = (tag) => {
    const attributes = tag.attributes as Record<string, string>
    if (tag.name === 'node' || tag.name === 'way') {
      skipped = attributes.visible === 'false' || attributes.action === 'delete'
      current = { type: tag.name, id: Number(attributes.id), lon: Number(attributes.lon), lat: Number(attributes.lat), refs: [], tags: undefined }
      return
    }
    if (!current) return
    if (tag.name === 'nd') current.refs.push(Number(attributes.ref))
    else if (tag.name === 'tag') (current.tags ??= {})[attributes.k!] = attributes.v ?? ''
  }
  parser.onclosetag = (name) => {
    if (!current || name !== current.type) return
    if (!skipped) {
      batch.push(
        current.type === 'node'
          ? { type: 'node', id: current.id, lon: current.lon, lat: current.lat, tags: current.tags as OsmTags | undefined }
          : { type: 'way', id: current.id, refs: current.refs, tags: current.tags ?? {} },
      )
    }
    current = undefined
  }

  let bytesRead = 0
  const stream = createReadStream(file, { highWaterMark: 256 * 1024 })
  stream.on('data', (chunk) => {
    bytesRead += chunk.length
  })
  const decoder = new TextDecoder('utf-8')
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    parser.write(decoder.decode(chunk, { stream: true }))
    if (error) throw new Error(`${file}: not valid OSM XML (${error.message.split('\n')[0]})`)
    onBytesRead?.(bytesRead)
    if (batch.length > 0) {
      yield batch
      batch = []
    }
  }
  parser.write(decoder.decode())
  parser.close()
  if (error) throw new Error(`${file}: not valid OSM XML (${(error as Error).message.split('\n')[0]})`)
  if (batch.length > 0) yield batch
}
