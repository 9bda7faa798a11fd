import {
  actOnCase,
  deleteCaseAttachment,
  fetchCase,
  fetchCases,
  staleCase,
  updateCase,
  uploadCaseAttachment,
  type AttachmentKind,
  type CaseAction,
  type CaseActionInput,
  type CaseDraft,
  type CaseKind,
  type CaseStatus,
  type NamingCase,
  type NamingCaseDetail,
} from '../api/gazetteer-cases.ts'
import { fetchPlace, fetchPlaceTimeline, fetchPlaceVersion, similarNamesOf, type PlaceRecord, type SimilarName } from '../api/gazetteer-places.ts'
import type { Role } from '../api/auth.ts'
import type { RequestStatus } from './coverage-analysis.svelte.ts'
import { describeError, type LoadError } from './load-error.ts'

/** The statuses a case moves through when all goes well; a correction ends at approval. */
export function casePath(kind: CaseKind): CaseStatus[] {
  const path: CaseStatus[] = ['draft', 'submitted', 'under_review', 'approved']
  return kind === 'correction' ? path : [...path, 'filed', 'announced']
}

/** Where each step may be taken from, as the server allows it. */
const ACTION_FROM: Record<CaseAction, readonly CaseStatus[]> = {
  submit: ['draft', 'returned'],
  withdraw: ['draft', 'submitted', 'under_review', 'returned'],
  'start-review': ['submitted'],
  return: ['submitted', 'under_review'],
  reject: ['submitted', 'under_review'],
  approve: ['under_review'],
  file: ['approved'],
  announce: ['filed'],
}

/** Who may take each step. */
const ACTION_ROLES: Record<CaseAction, readonly Role[]> = {
  submit: ['place_name_editor'],
  withdraw: ['place_name_editor'],
  'start-review': ['place_name_approver'],
  return: ['place_name_approver'],
  reject: ['place_name_approver'],
  approve: ['place_name_approver'],
  file: ['place_name_editor', 'place_name_approver'],
  announce: ['place_name_editor', 'place_name_approver'],
}

/** The steps, in the order the case page offers them. */
const ACTION_ORDER: readonly CaseAction[] = ['submit', 'start-review', 'approve', 'file', 'announce', 'return', 'reject', 'withdraw']

/** The steps a user holding `can` roles may take on a case now. */
export function availableActions(kind: CaseKind, status: CaseStatus, can: (role: Role) => boolean): CaseAction[] {
  return ACTION_ORDER.filter((action) => {
    if (kind === 'correction' && (action === 'file' || action === 'announce')) return false
    return ACTION_FROM[action].includes(status) && ACTION_ROLES[action].some(can)
  })
}

/** Whether a case's proposal may still be edited. */
export function isEditable(status: CaseStatus): boolean {
  return status === 'draft' || status === 'returned'
}

/** Whether an attachment of a kind may be added to a case in a status (later on, only the approval and notices). */
export function mayAttach(status: CaseStatus, kind: AttachmentKind): boolean {
  if (['approved', 'filed', 'announced', 'rejected', 'withdrawn'].includes(status)) return kind === 'approval' || kind === 'notice'
  return true
}

/**
 * One case on its page: the case as the server last answered, and the
 * steps, edits and uploads taken on it. A step refused because someone
 * changed the case first shows the stored case; a submission refused for
 * similar names keeps them to be acknowledged.
 */
export class NamingCaseState {
  readonly id: number
  detail = $state.raw<NamingCaseDetail | null>(null)
  status = $state<RequestStatus>('idle')
  failure = $state.raw<LoadError | null>(null)
  /** Whether a step, edit or upload is being sent. */
  busy = $state(false)
  /** The identical and same-sounding names a submission was refused for, until acknowledged. */
  pendingSimilar = $state.raw<SimilarName[] | null>(null)
  /** Set when a step was refused because the case had changed; the case shown is then the stored one. */
  staleNotice = $state(false)
  /**
   * The place as it stood before this case changed it: the version before
   * the one the case saved, once approved; the record now, before that.
   * `null` for a naming case or while loading.
   */
  placeBefore = $state.raw<PlaceRecord | null>(null)

  #controller = new AbortController()

  constructor(id: number) {
    this.id = id
  }

  async load(): Promise<void> {
    this.status = this.detail ? 'ready' : 'loading'
    this.failure = null
    try {
      this.detail = await fetchCase(this.id, this.#controller.signal)
      this.status = 'ready'
    } catch (error) {
      if (this.#controller.signal.aborted) return
      this.status = 'failed'
      this.failure = describeError('gazetteer.case.failed', error)
    }
  }

  /** Loads the place as it stood before the case (see `placeBefore`); a failure leaves it `null`. */
  async loadPlaceBefore(): Promise<void> {
    const placeId = this.detail?.placeId ?? null
    if (placeId === null || this.detail?.kind === 'naming') return
    const signal = this.#controller.signal
    try {
      const { versions } = await fetchPlaceTimeline(placeId, signal)
      const saved = versions.find((version) => version.caseId === this.id)
      this.placeBefore = saved && saved.version > 1 ? await fetchPlaceVersion(placeId, saved.version - 1, signal) : await fetchPlace(placeId, undefined, signal)
    } catch {
      this.placeBefore = null
    }
  }

  /**
   * Takes a step from the version shown. Throws the server's refusal for
   * the form to show, except a stale version (the stored case is shown
   * instead) and similar names on submission (kept in `pendingSimilar`).
   */
  async act(action: CaseAction, input: CaseActionInput): Promise<'done' | 'similar' | 'stale'> {
    const detail = this.detail
    if (!detail) return 'stale'
    this.busy = true
    this.staleNotice = false
    try {
      this.detail = await actOnCase(this.id, action, detail.version, input)
      this.pendingSimilar = null
      return 'done'
    } catch (error) {
      const stale = staleCase(error)
      if (stale) {
        this.detail = stale
        this.staleNotice = true
        return 'stale'
      }
      const similar = action === 'submit' ? similarNamesOf(error) : null
      if (similar) {
        this.pendingSimilar = similar
        return 'similar'
      }
      throw error
    } finally {
      this.busy = false
    }
  }

  /** Saves an edit of the draft from the version shown; refusals are thrown. */
  async edit(draft: Pick<CaseDraft, 'title' | 'proposal' | 'reason'>): Promise<void> {
    const detail = this.detail
    if (!detail) return
    this.busy = true
    try {
      this.detail = await updateCase(this.id, draft, detail.version)
    } finally {
      this.busy = false
    }
  }

  /** Uploads a document, then reads the case again to list it. */
  async attach(kind: AttachmentKind, file: File): Promise<void> {
    this.busy = true
    try {
      await uploadCaseAttachment(this.id, kind, file)
      this.detail = await fetchCase(this.id, this.#controller.signal)
    } finally {
      this.busy = false
    }
  }

  /** Removes a document from a draft, then reads the case again. */
  async detach(fileId: number): Promise<void> {
    this.busy = true
    try {
      await deleteCaseAttachment(this.id, fileId)
      this.detail = await fetchCase(this.id, this.#controller.signal)
    } finally {
      this.busy = false
    }
  }

  dispose(): void {
    this.#controller.abort()
  }
}

/** The filter of the case list: one status, every case, or what waits for the user. */
export type CaseFilter = CaseStatus | 'all' | 'mine'

/** How many cases one page of the list shows. */
export const CASE_PAGE_SIZE = 50

/**
 * The list of cases, filtered by status and kind. "Mine" is what waits for
 * the user: submitted and under-review cases for approvers, drafts and
 * returned cases for editors.
 */
export class CaseList {
  filter = $state<CaseFilter>('all')
  kind = $state<CaseKind | ''>('')
  cases = $state.raw<NamingCase[]>([])
  total = $state(0)
  offset = $state(0)
  status = $state<RequestStatus>('idle')
  failure = $state.raw<LoadError | null>(null)

  #request: AbortController | null = null

  /** The statuses "mine" stands for, given the user's roles. */
  static waitingFor(can: (role: Role) => boolean): CaseStatus[] {
    return [...(can('place_name_approver') ? (['submitted', 'under_review'] as const) : []), ...(can('place_name_editor') ? (['draft', 'returned'] as const) : [])]
  }

  /** Lists the cases that pass the filter, from `offset`. */
  async load(can: (role: Role) => boolean, offset = 0): Promise<void> {
    this.#request?.abort()
    const request = new AbortController()
    this.#request = request
    this.status = 'loading'
    this.failure = null
    const kind = this.kind || undefined
    try {
      if (this.filter === 'mine') {
        const statuses = CaseList.waitingFor(can)
        const pages = await Promise.all(statuses.map((status) => fetchCases({ status, kind, limit: 200, offset: 0 }, request.signal)))
        if (request.signal.aborted) return
        this.cases = pages.flatMap((page) => page.cases).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
        this.total = this.cases.length
        this.offset = 0
      } else {
        const status = this.filter === 'all' ? undefined : this.filter
        const page = await fetchCases({ status, kind, limit: CASE_PAGE_SIZE, offset }, request.signal)
        if (request.signal.aborted) return
        this.cases = page.cases
        this.total = page.total
        this.offset = offset
      }
      this.status = 'ready'
    } catch (error) {
      if (request.signal.aborted) return
      this.status = 'failed'
      this.failure = describeError('gazetteer.cases.failed', error)
    }
  }

  dispose(): void {
    this.#request?.abort()
  }
}
