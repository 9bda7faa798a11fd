import type { LayerGroupId } from '../map/layer-ids.ts'
import { LAYER_GROUPS } from '../map/layer-ids.ts'

/** Which layer groups the user has switched on; all are on at start. */
export class LayerVisibility {
  visible = $state<Record<LayerGroupId, boolean>>(
    Object.fromEntries(Object.keys(LAYER_GROUPS).map((group) => [group, true])) as Record<LayerGroupId, boolean>,
  )

  /** Whether a group is shown. */
  isVisible(group: LayerGroupId): boolean {
    return this.visible[group]
  }

  /** Shows or hides a group. */
  set(group: LayerGroupId, visible: boolean): void {
    this.visible[group] = visible
  }
}
