import type pg from 'pg'
import type { Actor } from '../audit/audit-repository.ts'
import { appendAudit } from '../audit/audit-repository.ts'
import { withTransaction, type Queryable } from '../db/transaction.ts'
import { GazetteerError } from './gazetteer-errors.ts'
import {
  needsApprovalDocument,
  nextCaseStatus,
  type CaseAction,
  type CaseKind,
  type CaseProposal,
  type CorrectionProposal,
  type NamingProposal,
  type RenamingProposal,
  type RetiringProposal,
} from './naming-cases.ts'
import type { FieldProblem, PlaceFields, PlaceRecord } from './place-record.ts'
import type { PlaceSearch } from './place-search.ts'
import { readPlace } from './places-repository.ts'
import { findSimilarPlaceNames, PlaceFieldsError, savePlace, tidyPlaceFields } from './places-service.ts'
import { validatePlaceFields } from './validate-place-fields.ts'
import {
  findOpenCaseOfPlace,
  insertCase,
  insertCaseEvent,
  readCase,
  readCaseDetail,
  updateCaseDraft,
  updateCaseStatus,
  type CaseTransitionFields,
  type NamingCase,
  type NamingCaseDetail,
} from './cases-repository.ts'
import { todayInChina } from '../calendar-date.ts'

const DATE = /^\d{4}-\d{2}-\d{2}$/

/** What an action's request body may carry. */
export interface CaseActionInput {
  version: number
  note?: string | undefined
  /** submit: the editor has seen the identical and same-sounding names listed. */
  acknowledgeSimilar?: boolean | undefined
  /** start-review: an optional public-notice period. */
  noticeStartsOn?: string | null | undefined
  noticeEndsOn?: string | null | undefined
  /** approve */
  authority?: string | undefined
  documentNumber?: string | undefined
  approvedOn?: string | undefined
  /** file / announce */
  on?: string | undefined
}

export interface CaseDraftInput {
  kind: CaseKind
  placeId: number | null
  title: string
  proposal: unknown
  reason: string
}

/**
 * Naming cases: drafts, the steps from submission to announcement, and the
 * change an approval makes to the gazetteer, all in one transaction with
 * the case's event and audit entries.
 */
export class NamingCaseService {
  constructor(
    private readonly pool: pg.Pool,
    private readonly search: PlaceSearch,
  ) {}

  async create(actor: Actor, input: CaseDraftInput): Promise<NamingCaseDetail> {
    const proposal = await this.#checkDraft(this.pool, input.kind, input.placeId, input.proposal)
    const id = await withTransaction(this.pool, async (tx) => {
      const id = await insertCase(tx, { kind: input.kind, placeId: input.placeId, title: input.title.trim(), proposal, reason: input.reason }, actor)
      await appendAudit(tx, actor, { entity: 'naming-case', entityId: id, action: 'create', before: null, after: { kind: input.kind, placeId: input.placeId, title: input.title, proposal } })
      return id
    })
    return (await readCaseDetail(this.pool, id))!
  }

  async editDraft(actor: Actor, id: number, version: number, input: Omit<CaseDraftInput, 'kind' | 'placeId'>): Promise<NamingCaseDetail> {
    const existing = await this.#read(this.pool, id)
    if (!['draft', 'returned'].includes(existing.status)) throw new GazetteerError(409, `case ${id} is ${existing.status.replace('_', ' ')}: only a draft or a returned case can be edited`)
    const proposal = await this.#checkDraft(this.pool, existing.kind, existing.placeId, input.proposal)
    await withTransaction(this.pool, async (tx) => {
      if (!(await updateCaseDraft(tx, id, version, { title: input.title.trim(), proposal, reason: input.reason }))) await this.#stale(tx, id, version)
      await insertCaseEvent(tx, id, actor, 'edit', existing.status, existing.status, '')
      await appendAudit(tx, actor, { entity: 'naming-case', entityId: id, action: 'edit', before: { title: existing.title, proposal: existing.proposal, reason: existing.reason }, after: { title: input.title, proposal, reason: input.reason } })
    })
    return (await readCaseDetail(this.pool, id))!
  }

  /**
   * Takes one step of the workflow. Submitting lists the identical and
   * same-sounding names in scope and refuses (409, with the list) until the
   * editor acknowledges them; approving applies the change to the place.
   */
  async act(actor: Actor, id: number, action: CaseAction, input: CaseActionInput): Promise<NamingCaseDetail> {
    const similar = action === 'submit' ? await this.#similarFor(await this.#read(this.pool, id)) : []
    await withTransaction(this.pool, async (tx) => {
      const current = await this.#read(tx, id, true)
      if (current.version !== input.version) await this.#stale(tx, id, input.version)
      const step = nextCaseStatus(current.kind, current.status, action)
      if ('refused' in step) throw new GazetteerError(409, `case ${id}: ${step.refused}`)
      const note = (input.note ?? '').trim()
      const set: CaseTransitionFields = {}
      let placeRecord: PlaceRecord | null = null

      if (action === 'submit') {
        if (current.placeId !== null) {
          const open = await findOpenCaseOfPlace(tx, current.placeId, id)
          if (open) throw new GazetteerError(409, `place ${current.placeId} already has ${open.kind} case ${open.id} in progress; finish or withdraw it first`)
        }
        const clashes = similar.filter((s) => s.reasons.some((r) => r.kind !== 'same-specific')).length
        if (clashes > 0 && input.acknowledgeSimilar !== true) {
          throw new GazetteerError(409, `the proposed name is identical to or sounds the same as ${clashes} existing name(s) in its scope; review them and submit again with acknowledgeSimilar: true`, { similarNames: similar })
        }
        set.similarNames = similar
        set.similarAcknowledgedBy = clashes > 0 ? actor.name : null
      }
      if (action === 'return' || action === 'reject') {
        if (note === '') throw new GazetteerError(400, `note: say why the case is ${action === 'return' ? 'returned' : 'rejected'}`)
      }
      if (action === 'start-review') {
        const starts = input.noticeStartsOn ?? null
        const ends = input.noticeEndsOn ?? null
        if ((starts === null) !== (ends === null)) throw new GazetteerError(400, 'noticeStartsOn, noticeEndsOn: give both dates of the public notice, or neither')
        this.#checkDate('noticeStartsOn', starts)
        this.#checkDate('noticeEndsOn', ends)
        if (starts && ends && ends < starts) throw new GazetteerError(400, `noticeEndsOn: the notice cannot end (${ends}) before it starts (${starts})`)
        set.noticeStartsOn = starts
        set.noticeEndsOn = ends
      }
      if (action === 'approve') {
        const approvedOn = input.approvedOn ?? todayInChina()
        this.#checkDate('approvedOn', approvedOn)
        const authority = (input.authority ?? '').trim()
        const documentNumber = (input.documentNumber ?? '').trim()
        if (needsApprovalDocument(current.kind)) {
          const missing = [authority === '' && 'authority', documentNumber === '' && 'documentNumber'].filter(Boolean)
          if (missing.length > 0) throw new GazetteerError(400, `${missing.join(', ')}: a ${current.kind} case is approved by an authority with a document number`)
        }
        if (current.noticeEndsOn && approvedOn <= current.noticeEndsOn) {
          throw new GazetteerError(409, `the public notice runs until ${current.noticeEndsOn}; the case can be approved from the day after`)
        }
        Object.assign(set, { authority, documentNumber, approvedOn })
        placeRecord = await this.#apply(tx, actor, current, approvedOn)
        set.placeId = placeRecord.id
      }
      if (action === 'file' || action === 'announce') {
        const on = input.on ?? todayInChina()
        this.#checkDate('on', on)
        if (current.approvedOn && on < current.approvedOn) throw new GazetteerError(400, `on: ${on} is before the approval on ${current.approvedOn}`)
        if (action === 'file') set.filedOn = on
        else set.announcedOn = on
      }

      if (!(await updateCaseStatus(tx, id, input.version, step.to, set))) await this.#stale(tx, id, input.version)
      await insertCaseEvent(tx, id, actor, action, current.status, step.to, note)
      await appendAudit(tx, actor, {
        entity: 'naming-case',
        entityId: id,
        action,
        before: { status: current.status },
        after: { status: step.to, ...set, ...(placeRecord ? { placeVersion: placeRecord.version } : {}) },
        reason: note || null,
      })
    })
    return (await readCaseDetail(this.pool, id))!
  }

  /** The duplicate check of a case's proposed name; empty for kinds that propose no name. */
  async #similarFor(found: NamingCase) {
    if (found.kind === 'naming') {
      const { fields } = found.proposal as NamingProposal
      return findSimilarPlaceNames(this.search, fields, null)
    }
    if (found.kind === 'renaming') {
      const proposal = found.proposal as RenamingProposal
      const place = found.placeId === null ? undefined : await readPlace(this.pool, found.placeId)
      return findSimilarPlaceNames(this.search, { ...proposal, divisionCodes: place?.divisionCodes ?? [] }, found.placeId)
    }
    return []
  }

  /** Applies an approved case to the gazetteer, inside the approval's transaction. */
  async #apply(tx: Queryable, actor: Actor, found: NamingCase, approvedOn: string): Promise<PlaceRecord> {
    const options = { change: found.kind, caseId: found.id }
    if (found.kind === 'naming') {
      const { fields } = found.proposal as NamingProposal
      const saved = await savePlace(tx, actor, null, { ...fields, status: 'current', namedOn: fields.namedOn ?? approvedOn }, options)
      return this.#saved(tx, actor, saved)
    }
    const place = await readPlace(tx, found.placeId!)
    if (!place) throw new GazetteerError(409, `case ${found.id} names place ${found.placeId}, which does not exist`)
    let fields: PlaceFields
    if (found.kind === 'renaming') {
      const proposal = found.proposal as RenamingProposal
      if (place.status !== 'current') throw new GazetteerError(409, `place ${place.id} is ${place.status}; only a current place can be renamed`)
      const effectiveOn = proposal.effectiveOn ?? approvedOn
      const oldName = { kind: 'historical' as const, name: place.standardName, romanization: place.romanization, validFrom: place.namedOn, validTo: effectiveOn, note: `更名为${proposal.standardName}（案件 ${found.id}）` }
      fields = {
        ...place,
        standardName: proposal.standardName,
        specificPart: proposal.specificPart,
        genericPart: proposal.genericPart,
        romanization: proposal.romanization,
        romanizationConfirmed: proposal.romanizationConfirmed,
        namedOn: effectiveOn,
        altNames: [...place.altNames, oldName],
      }
    } else if (found.kind === 'retiring') {
      const proposal = found.proposal as RetiringProposal
      if (place.status !== 'current') throw new GazetteerError(409, `place ${place.id} is already ${place.status}`)
      fields = { ...place, status: 'historical', abolishedOn: proposal.abolishedOn ?? approvedOn }
    } else {
      fields = (found.proposal as CorrectionProposal).fields
    }
    const saved = await savePlace(tx, actor, place, fields, options)
    return this.#saved(tx, actor, saved)
  }

  async #saved(tx: Queryable, actor: Actor, saved: Awaited<ReturnType<typeof savePlace>>): Promise<PlaceRecord> {
    if (saved === 'stale') throw new GazetteerError(409, 'the place was saved by someone else while the case was being approved; try again')
    await appendAudit(tx, actor, saved.audit)
    return saved.record
  }

  /** Checks a proposal's shape for its kind and returns it tidied; field problems are 400 with `problems`. */
  async #checkDraft(db: Queryable, kind: CaseKind, placeId: number | null, proposal: unknown): Promise<CaseProposal> {
    const value = (proposal ?? {}) as Record<string, unknown>
    if (kind === 'naming') {
      if (placeId !== null) throw new GazetteerError(400, 'placeId: a naming case creates its place; leave placeId null')
      const fields = tidyPlaceFields(value.fields as PlaceFields)
      this.#throwProblems(validatePlaceFields(fields), 'proposal.fields.')
      return { fields }
    }
    if (placeId === null) throw new GazetteerError(400, `placeId: a ${kind} case needs the place it changes`)
    const place = await readPlace(db, placeId)
    if (!place) throw new GazetteerError(400, `placeId: there is no place ${placeId}`)
    if (kind === 'renaming') {
      const p = value as unknown as RenamingProposal
      const renamed = tidyPlaceFields({ ...place, standardName: p.standardName, specificPart: p.specificPart, genericPart: p.genericPart, romanization: p.romanization, romanizationConfirmed: p.romanizationConfirmed })
      const problems = validatePlaceFields(renamed).filter((q) => ['standardName', 'specificPart', 'genericPart', 'romanization'].includes(q.field))
      if (renamed.standardName === place.standardName) problems.push({ field: 'standardName', message: `the place is already called ${place.standardName}` })
      this.#checkDate('proposal.effectiveOn', p.effectiveOn ?? null)
      this.#throwProblems(problems, 'proposal.')
      return { standardName: renamed.standardName, specificPart: renamed.specificPart, genericPart: renamed.genericPart, romanization: renamed.romanization, romanizationConfirmed: renamed.romanizationConfirmed, effectiveOn: p.effectiveOn ?? null }
    }
    if (kind === 'retiring') {
      const abolishedOn = (value.abolishedOn ?? null) as string | null
      this.#checkDate('proposal.abolishedOn', abolishedOn)
      return { abolishedOn }
    }
    const fields = tidyPlaceFields(value.fields as PlaceFields)
    this.#throwProblems(validatePlaceFields(fields), 'proposal.fields.')
    return { fields }
  }

  #throwProblems(problems: FieldProblem[], prefix: string): void {
    if (problems.length > 0) throw new PlaceFieldsError(problems.map((p) => ({ ...p, field: prefix + p.field })))
  }

  #checkDate(field: string, value: string | null | undefined): void {
    if (value === null || value === undefined) return
    const parsed = new Date(`${value}T00:00:00Z`)
    if (!DATE.test(value) || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== value) {
      throw new GazetteerError(400, `${field}: "${value}" is not a date; write YYYY-MM-DD`)
    }
  }

  async #read(db: Queryable, id: number, forUpdate = false): Promise<NamingCase> {
    const found = await readCase(db, id, { forUpdate })
    if (!found) throw new GazetteerError(404, `no naming case ${id}`)
    return found
  }

  async #stale(db: Queryable, id: number, version: number): Promise<never> {
    const current = await readCaseDetail(db, id)
    throw new GazetteerError(409, `case ${id} is at version ${current?.version}, not ${version}: it was changed since this page was loaded`, { current })
  }
}
