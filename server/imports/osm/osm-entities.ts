import type { OsmTags } from '../../geo/osm-walk-rules.ts'

/** An OSM node as the readers hand it on; `tags` is undefined for untagged nodes. */
export interface OsmNode {
  type: 'node'
  id: number
  lon: number
  lat: number
  tags: OsmTags | undefined
}

/** An OSM way: its node ids in order and its tags. */
export interface OsmWay {
  type: 'way'
  id: number
  refs: number[]
  tags: OsmTags
}

/** What the readers yield; relations are skipped. */
export type OsmEntity = OsmNode | OsmWay

/** Called with the number of bytes of the file read so far. */
export type OnBytesRead = (bytesRead: number) => void
