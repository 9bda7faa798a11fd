import { fetchFeatureDetails } from '../api/features.ts'
import { detailsLayerOf, type FeatureType } from '../map/click-targets.ts'

/** Enough to set a feature state on a feature of a source. */
export interface FeatureTarget {
  source: string
  sourceLayer?: string
  id: string | number
}

/** A feature the user clicked, with the properties the map had for it. */
export interface SelectedFeature {
  type: FeatureType
  layerId: string
  id: string | number
  properties: Record<string, unknown>
  target: FeatureTarget
}

/**
 * The feature shown in the attribute panel. Selecting shows the map's
 * properties at once and then asks the server for the rest.
 */
export class Selection {
  current = $state.raw<SelectedFeature | null>(null)
  /** Attributes from the server, merged over the map's. */
  details = $state.raw<Record<string, unknown> | null>(null)
  status = $state<'idle' | 'loading' | 'loaded' | 'failed'>('idle')
  #request: AbortController | null = null

  /** The map's properties with the server's over them. */
  get properties(): Record<string, unknown> {
    return { ...this.current?.properties, ...this.details }
  }

  /** Shows a feature and starts loading its full attributes. */
  select(feature: SelectedFeature): void {
    this.#request?.abort()
    this.current = feature
    this.details = null
    const request = new AbortController()
    this.#request = request
    const lookup = this.#detailsRequest(feature)
    if (!lookup) {
      this.status = 'loaded'
      return
    }
    this.status = 'loading'
    lookup(request.signal).then(
      (details) => {
        if (request.signal.aborted) return
        this.details = details
        this.status = 'loaded'
      },
      () => {
        if (request.signal.aborted) return
        this.status = 'failed'
      },
    )
  }

  /** Closes the panel. */
  clear(): void {
    this.#request?.abort()
    this.#request = null
    this.current = null
    this.details = null
    this.status = 'idle'
  }

  #detailsRequest(feature: SelectedFeature): ((signal: AbortSignal) => Promise<Record<string, unknown>>) | null {
    if (feature.type === 'gate') {
      const compoundId = feature.properties.compoundId
      if (typeof compoundId !== 'number' && typeof compoundId !== 'string') return null
      return async (signal) => {
        const compound = await fetchFeatureDetails('compounds', compoundId, signal)
        return { compoundName: compound.properties.name, communityName: compound.properties.communityName }
      }
    }
    const layer = detailsLayerOf(feature.type)
    if (!layer) return null
    return async (signal) => (await fetchFeatureDetails(layer, feature.id, signal)).properties
  }
}
