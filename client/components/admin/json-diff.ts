/** One field of a record compared before and after a change. */
export interface DiffRow {
  /** Where the field is, e.g. `roles` or `rules[2].threshold`; empty for a record that is a plain value. */
  path: string
  change: 'added' | 'removed' | 'changed' | 'same'
  /** The value before, as text; `undefined` when the field was absent. */
  before?: string
  after?: string
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Arrays of plain values (such as roles) are compared whole; arrays of records element by element. */
function isLeaf(value: unknown): boolean {
  if (Array.isArray(value)) return value.every((item) => typeof item !== 'object' || item === null)
  return !isPlainObject(value)
}

function flatten(value: unknown, path: string, into: Map<string, unknown>): void {
  if (isLeaf(value) || (isPlainObject(value) && Object.keys(value).length === 0) || (Array.isArray(value) && value.length === 0)) {
    into.set(path, value)
    return
  }
  if (Array.isArray(value)) {
    value.forEach((item, index) => flatten(item, `${path}[${index}]`, into))
    return
  }
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) flatten(item, path ? `${path}.${key}` : key, into)
}

/** A field value as text: strings as they are, anything else as JSON. */
export function valueText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value)
}

/**
 * Compares two JSON records field by field, in the order the fields first
 * appear (before, then fields only after has). A record that is `null` or
 * absent on one side (a creation, a deletion) has every field added or
 * removed.
 */
export function diffJson(before: unknown, after: unknown): DiffRow[] {
  const left = new Map<string, unknown>()
  const right = new Map<string, unknown>()
  if (before !== null && before !== undefined) flatten(before, '', left)
  if (after !== null && after !== undefined) flatten(after, '', right)
  const paths = [...new Set([...left.keys(), ...right.keys()])]
  return paths.map((path) => {
    const had = left.has(path)
    const has = right.has(path)
    const beforeText = had ? valueText(left.get(path)) : undefined
    const afterText = has ? valueText(right.get(path)) : undefined
    const change = !had ? 'added' : !has ? 'removed' : beforeText === afterText ? 'same' : 'changed'
    return { path, change, ...(had ? { before: beforeText } : {}), ...(has ? { after: afterText } : {}) }
  })
}
