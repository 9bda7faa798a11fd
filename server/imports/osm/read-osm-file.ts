import type { OnBytesRead, OsmEntity } from './osm-entities.ts'
import { readOsmPbf } from './read-osm-pbf.ts'
import { readOsmXml } from './read-osm-xml.ts'

/** Whether a file name is one the OSM import reads: `.osm` (XML) or `.osm.pbf`/`.pbf`. */
export function osmFileFormat(file: string): 'xml' | 'pbf' | undefined {
  const lower = file.toLowerCase()
  if (lower.endsWith('.pbf')) return 'pbf'
  if (lower.endsWith('.osm') || lower.endsWith('.xml')) return 'xml'
  return undefined
}

/** Streams the nodes and ways of an OSM file, choosing the reader by the file's extension. */
export function readOsmFile(file: string, onBytesRead?: OnBytesRead): AsyncGenerator<OsmEntity[]> {
  const format = osmFileFormat(file)
  if (!format) throw new Error(`${file}: not an OpenStreetMap file (expected .osm or .osm.pbf)`)
  return format === 'pbf' ? readOsmPbf(file, onBytesRead) : readOsmXml(file, onBytesRead)
}
