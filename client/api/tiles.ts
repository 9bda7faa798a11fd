import { absoluteUrl } from './http.ts'

/** Vector tile sets the server publishes as TileJSON. */
export type TileSet = 'network' | 'compounds'

/** The absolute TileJSON URL of a tile set, for a MapLibre vector source. */
export function tileJsonUrl(tileSet: TileSet): string {
  return absoluteUrl(`/api/tiles/${tileSet}.json`)
}
