import { normalizeName } from './normalize-name.ts'
import { searchKeys, type NameParts, type SearchKeys } from './romanize.ts'

/**
 * Why a candidate is reported, strongest first. Each reason carries the data
 * a UI needs to say it in either language, and an English `message` for logs
 * and API consumers.
 */
export type NameSimilarityReason =
  | { kind: 'identical'; name: string; message: string }
  | {
      kind: 'same-sounding'
      /** A toneless pinyin key both names share. */
      pinyin: string
      /** True when both names' most likely readings match; false when the match needs another reading of a polyphonic character. */
      likelyReadings: boolean
      message: string
    }
  | { kind: 'same-specific'; specific: string; proposedGeneric: string; candidateGeneric: string; message: string }

export type NameSimilarityKind = NameSimilarityReason['kind']

export interface NameSimilarity<C extends NameParts> {
  candidate: C
  /** Never empty. `identical` stands alone: it implies the others. */
  reasons: NameSimilarityReason[]
}

const KIND_ORDER: readonly NameSimilarityKind[] = ['identical', 'same-sounding', 'same-specific']

/**
 * Which existing names a proposed name duplicates or could be confused with,
 * for the duplicate warning a naming case must show (同名、同音). Candidates
 * are the names already in the same scope; choosing that scope is the
 * caller's job.
 *
 * - `identical`: the same characters once full-width/half-width forms and
 *   whitespace are normalised ({@link normalizeName}).
 * - `same-sounding`: different characters, but a shared toneless pinyin of
 *   the whole name, counting the readings of polyphonic characters that
 *   {@link searchKeys} lists (so 长安街 and 常安街 match, and so may 长安街
 *   and 掌安街 through 长's reading zhǎng; `likelyReadings` tells these apart).
 *   Readings beyond the variant cap are not compared.
 * - `same-specific`: both names are split, the specific parts are the same
 *   and the generics differ (长安街 and 长安路): not forbidden, but a reviewer
 *   should see it.
 *
 * Results keep the candidates' order within each strength and list the
 * strongest first. Candidates that match on nothing are left out.
 */
export function findSimilarNames<C extends NameParts>(
  proposed: NameParts,
  candidates: readonly C[],
): NameSimilarity<C>[] {
  const proposedName = wholeName(proposed)
  if (proposedName === '') throw new Error('the proposed name is empty')
  const proposedKeys = searchKeys(proposedName)

  const found: NameSimilarity<C>[] = []
  for (const candidate of candidates) {
    const reasons = compareNames(proposed, proposedName, proposedKeys, candidate)
    if (reasons.length > 0) found.push({ candidate, reasons })
  }
  const strength = (s: NameSimilarity<C>): number => KIND_ORDER.indexOf(s.reasons[0]?.kind ?? 'same-specific')
  return found
    .map((s, order) => ({ s, order }))
    .sort((a, b) => strength(a.s) - strength(b.s) || a.order - b.order)
    .map(({ s }) => s)
}

function compareNames(
  proposed: NameParts,
  proposedName: string,
  proposedKeys: SearchKeys,
  candidate: NameParts,
): NameSimilarityReason[] {
  const candidateName = wholeName(candidate)
  if (candidateName === '') return []
  if (candidateName === proposedName) {
    return [{ kind: 'identical', name: candidateName, message: `"${candidateName}" already exists` }]
  }

  const reasons: NameSimilarityReason[] = []
  const candidateKeys = searchKeys(candidateName)
  const shared = proposedKeys.fullVariants.find((k) => candidateKeys.fullVariants.includes(k))
  if (shared !== undefined) {
    const likelyReadings = proposedKeys.full === candidateKeys.full
    reasons.push({
      kind: 'same-sounding',
      pinyin: shared,
      likelyReadings,
      message: `"${proposedName}" and "${candidateName}" can both be read "${shared}"${likelyReadings ? '' : ' (through another reading of a polyphonic character)'}`,
    })
  }

  const specific = normalizeName(proposed.specific)
  const proposedGeneric = normalizeName(proposed.generic)
  const candidateGeneric = normalizeName(candidate.generic)
  if (
    specific !== '' &&
    proposedGeneric !== '' &&
    candidateGeneric !== '' &&
    specific === normalizeName(candidate.specific)
  ) {
    reasons.push({
      kind: 'same-specific',
      specific,
      proposedGeneric,
      candidateGeneric,
      message: `"${proposedName}" has the same specific part "${specific}" as "${candidateName}"`,
    })
  }
  return reasons
}

function wholeName(name: NameParts): string {
  return normalizeName(name.specific + name.generic)
}
