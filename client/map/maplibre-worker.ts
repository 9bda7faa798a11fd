import { setWorkerUrl } from 'maplibre-gl'
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url'

/**
 * Points MapLibre at its worker script. MapLibre 6 ships the worker as a
 * separate ES module that it finds next to its own file by default; after
 * bundling that guess is wrong, so the worker is emitted as its own asset and
 * its URL set here. Call once, before the first map is created.
 */
export function configureMapLibreWorker(): void {
  setWorkerUrl(workerUrl)
}
