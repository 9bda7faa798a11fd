import { createReadStream } from 'node:fs'
import { OSMTransform } from 'osm-pbf-parser-node'
import type { OnBytesRead, OsmEntity } from './osm-entities.ts'

interface PbfItem {
  type?: string
  id?: number
  lat?: number
  lon?: number
  refs?: number[]
  tags?: Record<string, string>
}

/**
 * Streams the nodes and ways of an OSM PBF file (`.osm.pbf`), one batch per
 * PBF block (8,000 entities at most by the format's convention), so memory
 * stays bounded. Coordinates are rounded to the 1e-7 degree of OSM's
 * database, so a PBF made from an XML file gives the same numbers.
 */
export async function* readOsmPbf(file: string, onBytesRead?: OnBytesRead): AsyncGenerator<OsmEntity[]> {
  let bytesRead = 0
  const source = createReadStream(file, { highWaterMark: 256 * 1024 })
  source.on('data', (chunk) => {
    bytesRead += chunk.length
  })
  const transform = new OSMTransform({ withTags: { node: true, way: true, relation: false }, withInfo: false })
  source.on('error', (error) => transform.destroy(error))
  const blocks = source.pipe(transform)
  for await (const block of blocks as AsyncIterable<PbfItem[]>) {
    const batch: OsmEntity[] = []
    for (const item of block) {
      if (item.type === 'node') {
        batch.push({ type: 'node', id: item.id!, lon: Math.round(item.lon! * 1e7) / 1e7, lat: Math.round(item.lat! * 1e7) / 1e7, tags: item.tags })
      } else if (item.type === 'way') {
        batch.push({ type: 'way', id: item.id!, refs: item.refs ?? [], tags: item.tags ?? {} })
      }
    }
    onBytesRead?.(bytesRead)
    if (batch.length > 0) yield batch
  }
}
