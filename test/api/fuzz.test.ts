import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import type pg from 'pg'
import { projectRoot } from '../../server/config.ts'
import { ACCESS_POLICY } from '../../server/auth/access-policy.ts'
import { LoginBodySchema, PasswordChangeBodySchema, ReasonBodySchema, UserCreateBodySchema, UserUpdateBodySchema } from '../../server/schemas/auth.ts'
import { ScenarioCreateSchema, ScenarioUpdateSchema, WhatIfCoverageBodySchema, WhatIfServiceAreaBodySchema, WhatIfWalkTimeBodySchema } from '../../server/schemas/coverage.ts'
import { SiteSuggestionBodySchema } from '../../server/schemas/site-suggestions.ts'
import { ReportWhatIfBodySchema, StandardSetCopySchema, StandardSetCreateSchema, StandardSetUpdateSchema } from '../../server/schemas/standards.ts'
import {
  CertificateCreateSchema,
  CertificateRevokeSchema,
  DoorPlateCreateSchema,
  DoorPlateUpdateSchema,
  ProtectedNameCreateSchema,
  ProtectedNameUpdateSchema,
  SignCreateSchema,
  SignUpdateSchema,
} from '../../server/schemas/gazetteer-assets.ts'
import { CaseActionSchema, CaseCreateSchema, CaseUpdateSchema, PlaceCreateSchema, PlaceUpdateSchema } from '../../server/schemas/gazetteer.ts'
import { CASE_ACTIONS } from '../../server/gazetteer/naming-cases.ts'
import {
  CustodyCreateSchema,
  CustodyUpdateSchema,
  DamageActionSchema,
  DamageReportCreateSchema,
  InspectionCreateSchema,
  InspectionUpdateSchema,
  PatrolCreateSchema,
} from '../../server/schemas/boundary-inspections.ts'
import { DivisionEventCreateSchema } from '../../server/schemas/divisions.ts'
import { LineCreateSchema, LineDeriveBodySchema, LineUpdateSchema } from '../../server/schemas/boundary-lines.ts'
import { MarkerCreateSchema, MarkerUpdateSchema } from '../../server/schemas/boundary-markers.ts'
import { ImportMappingBodySchema } from '../../server/schemas/layer-imports.ts'
import { openDatabase } from '../../server/db/database.ts'
import { createTestApp, type TestApp } from '../support/test-app.ts'
import { anonymousHeaders, createUser, signInWithRoles, TEST_PASSWORD, type SessionHeaders } from '../support/accounts.ts'
import { copyTemplateDatabase, type TestDatabaseLocation } from '../support/test-database.ts'

/*
 * Fuzzing every write endpoint: malformed JSON, wrong content types, JSON of
 * the wrong shape, each body field set to values of the wrong type or range,
 * hostile path parameters, invalid geometries, prototype-pollution keys and
 * oversized bodies. Every such request must be refused with a 4xx problem
 * that leaks neither SQL nor a stack trace, and the database must be exactly
 * as it was.
 *
 * Which values are invalid is decided against Fastify's own validation
 * rules: Ajv with `coerceTypes: 'array'` and `removeAdditional: true` (the
 * Fastify defaults, which this app keeps). So `null` is NOT a wrong value for
 * an optional text field (Ajv turns it into ''), "39" is a fine latitude, and
 * an unknown key is silently dropped. `acceptedByFastify` below models those
 * rules for the schema keywords our bodies use; a mutation it deems valid is
 * left out of the 4xx test (hostile but well-formed values have their own
 * test further down, which checks they are stored verbatim or refused).
 */

type Method = 'POST' | 'PUT' | 'DELETE'
type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

/** The JSON Schema keywords the TypeBox body schemas use. */
interface JsonSchema {
  type?: string
  anyOf?: JsonSchema[]
  const?: unknown
  minLength?: number
  maxLength?: number
  pattern?: string
  minimum?: number
  maximum?: number
  exclusiveMinimum?: number
  exclusiveMaximum?: number
  items?: JsonSchema
  minItems?: number
  maxItems?: number
  properties?: Record<string, JsonSchema>
  required?: string[]
}
const schema = (s: unknown) => s as JsonSchema

// ---------------------------------------------------------------------------
// A model of what Fastify's validator accepts
// ---------------------------------------------------------------------------

/** `false` and `true` when sure; `undefined` when the model cannot tell (the mutation is then left out). */
type Verdict = boolean | undefined
const all = (verdicts: Verdict[]): Verdict => (verdicts.includes(false) ? false : verdicts.includes(undefined) ? undefined : true)
const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * Whether Ajv with Fastify's options would accept `value` for `s`, coercion
 * included: '' + number for strings, +string / null → 0 / booleans for
 * numbers, null / 0 / 1 / "true" for booleans, a one-item array for its
 * item, a scalar for a one-item array; NaN and Infinity are refused
 * (strictNumbers) unless they come from coercing a string.
 */
function acceptedByFastify(s: JsonSchema, value: unknown): Verdict {
  if (s.anyOf) {
    const verdicts = s.anyOf.map((branch) => acceptedByFastify(branch, value))
    return verdicts.includes(true) ? true : verdicts.includes(undefined) ? undefined : false
  }
  let v = value
  if (s.type !== 'array' && s.type !== 'object' && Array.isArray(v) && v.length === 1) v = v[0]
  switch (s.type) {
    case 'string': {
      const str = typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : v === null ? '' : undefined
      if (str === undefined) return false
      const length = [...str].length
      if (s.const !== undefined && str !== s.const) return false
      if (s.minLength !== undefined && length < s.minLength) return false
      if (s.maxLength !== undefined && length > s.maxLength) return false
      if (s.pattern !== undefined && !new RegExp(s.pattern, 'u').test(str)) return false
      return true
    }
    case 'number':
    case 'integer': {
      const integer = s.type === 'integer'
      let n: number
      if (typeof v === 'number') {
        if (!Number.isFinite(v) || (integer && v % 1 !== 0)) return false
        n = v
      } else if (typeof v === 'boolean' || v === null) n = Number(v)
      // Ajv's `data && data == +data`: any non-empty string that converts to a number, '  ' (0) and '1e309' (Infinity) included.
      else if (typeof v === 'string' && v !== '' && !Number.isNaN(Number(v)) && (!integer || !(Number(v) % 1))) n = Number(v)
      else return false
      // Ajv checks ranges only of finite numbers, so a string coerced to ±Infinity passes them all.
      if (!Number.isFinite(n)) return true
      if (s.minimum !== undefined && !(n >= s.minimum)) return false
      if (s.maximum !== undefined && !(n <= s.maximum)) return false
      if (s.exclusiveMinimum !== undefined && !(n > s.exclusiveMinimum)) return false
      if (s.exclusiveMaximum !== undefined && !(n < s.exclusiveMaximum)) return false
      return true
    }
    case 'boolean':
      return typeof v === 'boolean' || v === null || v === 0 || v === 1 || v === 'true' || v === 'false'
    case 'array': {
      if (isPlainObject(v)) return false
      const items = Array.isArray(v) ? v : [v]
      if (s.minItems !== undefined && items.length < s.minItems) return false
      if (s.maxItems !== undefined && items.length > s.maxItems) return false
      return s.items ? all(items.map((item) => acceptedByFastify(s.items!, item))) : true
    }
    case 'object': {
      if (!isPlainObject(v)) return false
      if ((s.required ?? []).some((key) => !(key in v))) return false
      // Keys the schema does not name are removed (removeAdditional), not refused.
      return all(Object.entries(s.properties ?? {}).filter(([key]) => key in v).map(([key, sub]) => acceptedByFastify(sub, v[key])))
    }
    default:
      return undefined
  }
}

// ---------------------------------------------------------------------------
// Payloads
// ---------------------------------------------------------------------------

const DEPTH = 10_000
/** Values sent as raw JSON text in place of a field, with a small stand-in of the same shape for the model. */
const RAW = {
  deepArray: { text: '['.repeat(DEPTH) + ']'.repeat(DEPTH), standIn: [[[[[]]]]] as Json },
  deepObject: { text: '{"a":'.repeat(DEPTH) + '1' + '}'.repeat(DEPTH), standIn: { a: { a: { a: 1 } } } as Json },
  infinity: { text: '1e309', standIn: Number.POSITIVE_INFINITY as Json },
} as const
type RawValue = (typeof RAW)[keyof typeof RAW]

/** What each body field is set to in turn; only the ones invalid for the field are sent. */
const FIELD_VALUES: Array<[string, Json | RawValue]> = [
  ['null', null],
  ['{}', {}],
  ['[]', []],
  ["''", ''],
  ["'   '", '   '],
  ['100,000 characters', 'x'.repeat(100_000)],
  ['-1', -1],
  ['0', 0],
  ['0.5', 0.5],
  ['1e308', 1e308],
  ['-1e308', -1e308],
  ['1e309 (Infinity)', RAW.infinity],
  ['true', true],
  ["'NaN'", 'NaN'],
  ["'1e309'", '1e309'],
  ['SQL', "'; DROP TABLE facilities; --"],
  ['SQL tautology', "' OR 1=1 --"],
  ['script', '<img src=x onerror=alert(1)>'],
  ['operator object', { $gt: '' }],
  ['array of SQL', ["'; DROP TABLE facilities; --"]],
  [`arrays nested ${DEPTH} deep`, RAW.deepArray],
  [`objects nested ${DEPTH} deep`, RAW.deepObject],
]
const isRaw = (v: Json | RawValue): v is RawValue => isPlainObject(v) && 'text' in v && 'standIn' in v && Object.keys(v).length === 2

/** JSON text of `body` with `field` set to `value` (raw values spliced in as text). */
function withField(body: Record<string, Json>, field: string, value: Json | RawValue): { text: string; model: Record<string, Json> } {
  if (!isRaw(value)) return { text: JSON.stringify({ ...body, [field]: value }), model: { ...body, [field]: value } }
  const marker = '\u0001raw\u0001'
  return { text: JSON.stringify({ ...body, [field]: marker }).replace(JSON.stringify(marker), value.text), model: { ...body, [field]: value.standIn } }
}

/** Deterministic bytes that are not JSON. */
function randomBytes(seed: number, length: number): Buffer {
  const bytes = Buffer.alloc(length)
  let x = seed
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff
    bytes[i] = x >> 16
  }
  bytes[0] = 0xff
  return bytes
}

const MALFORMED_JSON: Array<[string, string | Buffer]> = [
  ['{', '{'],
  ['{"a":', '{"a":'],
  ['[1,2', '[1,2'],
  ['nul', 'nul'],
  ['empty body', ''],
  ['single quotes', "{'name': 'x'}"],
  ['trailing comma', '{"name": "x",}'],
  ['two documents', '{"name": "x"}{"name": "y"}'],
  ['NaN literal', '{"lng": NaN}'],
  ['comment', '{"name": "x" /* hi */}'],
  ['lone NUL', '\u0000'],
  ['random bytes', randomBytes(1, 64)],
  ['random bytes 2', randomBytes(2, 512)],
  // Not here: invalid UTF-8 inside a string. Fastify decodes it leniently (U+FFFD), so `{"a":"\xc3("}`
  // is a well-formed body with an unknown key, which an endpoint without a body rightly ignores.
]

/** Prototype-pollution attempts: the JSON parser refuses both forms. */
const POLLUTION: Array<[string, (base: Record<string, Json>) => string]> = [
  ['__proto__ key', () => '{"__proto__": {"polluted": true}}'],
  ['__proto__ beside a valid body', (base) => withLeadingKey('"__proto__": {"polluted": true, "roles": ["admin"]}', base)],
  ['constructor.prototype', () => '{"constructor": {"prototype": {"polluted": true}}}'],
  ['constructor.prototype beside a valid body', (base) => withLeadingKey('"constructor": {"prototype": {"polluted": true}}', base)],
]

/** JSON text of `body` with a raw `"key": value` member first (object literals cannot carry a `__proto__` key). */
function withLeadingKey(member: string, body: Record<string, Json>): string {
  const rest = JSON.stringify(body).slice(1)
  return `{${member}${rest === '}' ? '' : ','}${rest}`
}

const MIB = 1024 * 1024
const FORM = 'application/x-www-form-urlencoded'
const MULTIPART = 'multipart/form-data; boundary=----fuzz'

/**
 * Path parameter values that name no stored row or are not ids at all, each sent with an otherwise valid
 * request. Not `1`: that is a real row here (the demo's default standard set, the fixture scenario), for
 * which a valid request rightly succeeds; the fixtures' real ids are what every other family is sent to.
 */
const HOSTILE_IDS = ['0', '-1', '1.5', '999999', '2147483648', '99999999999999999999', '1e309', 'abc', "' OR 1=1 --", '%00', '<script>', '1;DROP TABLE users']
const encodeId = (id: string) => (id === '%00' ? id : encodeURIComponent(id))

// ---------------------------------------------------------------------------
// The database fingerprint
// ---------------------------------------------------------------------------

/**
 * Row count and an md5 of every row of every table in the public schema,
 * plus the value of every sequence (a refused request should not even have
 * tried an INSERT). Left out: `sessions.last_seen_at`, which reading a
 * session may move forward (at most once a minute) without anything
 * changing. `spatial_ref_sys` (PostGIS's own, 8,500 rows) is in the full
 * fingerprint only.
 */
async function fingerprint(pool: pg.Pool, options: { full: boolean } = { full: true }): Promise<Record<string, string>> {
  const tables = await pool.query<{ table: string; name: string; columns: string }>(
    `SELECT format('%I', c.table_name) AS table, c.table_name AS name,
            string_agg(format('%I', c.column_name), ', ' ORDER BY c.ordinal_position) AS columns
       FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
        AND NOT (c.table_name = 'sessions' AND c.column_name = 'last_seen_at')
      GROUP BY c.table_name
      ORDER BY c.table_name`,
  )
  const result: Record<string, string> = {}
  for (const { table, name, columns } of tables.rows) {
    if (!options.full && name === 'spatial_ref_sys') continue
    const { rows } = await pool.query<{ n: number; md5: string | null }>(
      `SELECT count(*)::int AS n, md5(string_agg(r::text, '|' ORDER BY r::text)) AS md5 FROM (SELECT ${columns} FROM public.${table}) r`,
    )
    result[name] = `${rows[0]!.n} rows, md5 ${rows[0]!.md5 ?? '-'}`
  }
  const sequences = await pool.query<{ name: string; value: string | null }>(
    `SELECT sequencename AS name, last_value::text AS value FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1`,
  )
  for (const { name, value } of sequences.rows) result[`sequence ${name}`] = value ?? 'unused'
  return result
}

// ---------------------------------------------------------------------------
// Sending and checking
// ---------------------------------------------------------------------------

interface FuzzRequest {
  method: Method
  url: string
  /** What the payload is, for the failure message. */
  what: string
  contentType?: string
  payload?: string | Buffer
  remoteAddress?: string
}

const ALLOWED = new Set([400, 401, 403, 404, 409, 413, 415, 422, 429])
const LEAK = /at .*\(.*:\d+:\d+\)|SELECT |INSERT |UPDATE |pg_|syntax error/i

/** What is wrong with the answer to a request that must be refused; `null` when it is a proper refusal. */
function refusalProblem(request: FuzzRequest, response: { statusCode: number; headers: Record<string, unknown>; body: string }): string | null {
  const problems: string[] = []
  if (!ALLOWED.has(response.statusCode)) problems.push(`status ${response.statusCode}`)
  if (!String(response.headers['content-type'] ?? '').startsWith('application/problem+json')) problems.push(`content-type ${String(response.headers['content-type'])}`)
  if (LEAK.test(response.body)) problems.push('leaks SQL or a stack trace')
  if (problems.length === 0) {
    try {
      const problem = JSON.parse(response.body) as { status?: unknown; detail?: unknown }
      if (problem.status !== response.statusCode) problems.push(`problem status ${String(problem.status)}`)
    } catch {
      problems.push('body is not JSON')
    }
  }
  if (problems.length === 0) return null
  return `${request.method} ${request.url.slice(0, 120)} [${request.what}] → ${problems.join(', ')}: ${response.body.slice(0, 300)}`
}

async function send(app: FastifyInstance, headers: Record<string, string>, request: FuzzRequest) {
  return app.inject({
    method: request.method,
    url: request.url,
    headers: { ...headers, ...(request.contentType ? { 'content-type': request.contentType } : {}) },
    ...(request.payload !== undefined ? { payload: request.payload } : {}),
    ...(request.remoteAddress ? { remoteAddress: request.remoteAddress } : {}),
  })
}

// ---------------------------------------------------------------------------
// The write endpoints and a valid body for each
// ---------------------------------------------------------------------------

/** Rows made before the fuzzing so that PUT, DELETE and the :id POSTs have a real target to (not) change. */
interface Fixtures {
  scenario: { id: number; version: number }
  set: { id: number; version: number }
  user: { id: number; version: number }
  /** A point inside the district. */
  lng: number
  lat: number
  rule: Json
  /** Gazetteer places (see insertFixturePlaces) and rows naming them; the certificate is on another plate than `doorPlate`. */
  road: number
  protectedName: { id: number; version: number }
  sign: { id: number; version: number }
  /** A photo of `sign`: uploaded where raw bodies can be sent (not by `createFixtures`). */
  photo?: { id: number }
  doorPlate: { id: number; version: number }
  certificate: { id: number }
  /** The monument, as a record to edit, and a draft case to retire it. */
  place: { id: number; version: number }
  namingCase: { id: number; version: number }
  /** A boundary line (drawn from its sides' shared edge) and a marker on it. */
  boundaryLine: { id: number; version: number }
  boundaryMarker: { id: number; version: number }
  /** A planned inspection of `boundaryLine`, a custody of `boundaryMarker` and an open damage report on it. */
  inspection: { id: number; version: number }
  custody: { id: number; version: number }
  damageReport: { id: number }
  /** A community in force, for division events. */
  community: { code: string }
}

/** A current road and a monument, straight into the database: the fixtures' signs, door plates and protection entries name them. */
async function insertFixturePlaces(pool: pg.Pool): Promise<{ road: number; monument: number }> {
  const { rows } = await pool.query<{ id: number }>(
    `INSERT INTO places (category, standard_name, romanization) VALUES ('transport-facilities', '模糊测试路', 'Mohu Ceshi Lu'), ('memorials-and-sights', '模糊测试碑', 'Mohu Ceshi Bei') RETURNING id`,
  )
  return { road: rows[0]!.id, monument: rows[1]!.id }
}

type Call = (method: Method | 'GET', url: string, payload?: Record<string, Json>) => Promise<{ status: number; body: string }>

/** Makes the fixtures through the API (`call` carries a session with every role). */
async function createFixtures(call: Call, places: { road: number; monument: number }): Promise<Fixtures> {
  const json = async <T>(method: Method | 'GET', url: string, payload?: Record<string, Json>): Promise<T> => {
    const response = await call(method, url, payload)
    if (response.status >= 300) throw new Error(`fixture ${method} ${url}: ${response.status} ${response.body}`)
    return JSON.parse(response.body) as T
  }
  type Row = { id: number; version: number }
  const [west, south, east, north] = (await json<{ bbox: [number, number, number, number] }>('GET', '/api/district')).bbox
  const { rules } = await json<{ rules: Json[] }>('GET', '/api/standard-sets/1')
  const scenario = await json<Row>('POST', '/api/scenarios', { name: 'fuzz target', kind: 'home_care', changes: [] })
  const set = await json<Row>('POST', '/api/standard-sets/1/copy', { name: 'fuzz target set' })
  const { user } = await json<{ user: Row }>('POST', '/api/users', { username: 'fuzz-target', displayName: 'Fuzz target', roles: ['viewer'] })
  const protectedName = await json<Row>('POST', '/api/gazetteer/protected-names', { placeId: places.monument, level: 'county' })
  const sign = await json<Row>('POST', '/api/gazetteer/signs', { placeId: places.road, signType: 'road', textZh: '模糊测试路' })
  const doorPlate = await json<Row>('POST', '/api/gazetteer/door-plates', { roadPlaceId: places.road, number: '1' })
  const certified = await json<Row>('POST', '/api/gazetteer/door-plates', { roadPlaceId: places.road, number: '3' })
  const certificate = await json<Row>('POST', `/api/gazetteer/door-plates/${certified.id}/certificates`, { number: 'FUZZ-1', holder: 'Fuzz', issuedOn: '2024-01-01' })
  const place = await json<Row>('GET', `/api/gazetteer/places/${places.monument}`)
  const namingCase = await json<Row>('POST', '/api/gazetteer/cases', { kind: 'retiring', placeId: places.monument, title: 'fuzz case', proposal: { abolishedOn: null } })
  const community = (await json<{ divisions: { code: string }[] }>('GET', '/api/divisions?level=community')).divisions[0]!
  const boundaryLine = await json<Row>('POST', '/api/boundaries/lines', { code: 'FUZZ1', name: '模糊测试线', level: 'township', leftCode: '210190001000', rightCode: '210190002000' })
  const boundaryMarker = await json<Row>('POST', '/api/boundaries/markers', {
    lineId: boundaryLine.id, sequence: 1, typeCode: 'Q', lng: (west + east) / 2, lat: (south + north) / 2, referenceObjects: FUZZ_REFERENCE_OBJECTS,
  })
  const inspection = await json<Row>('POST', '/api/boundaries/inspections', { lineId: boundaryLine.id, kind: 'periodic', plannedOn: '2030-05-01' })
  const custody = await json<Row>('POST', '/api/boundaries/custodies', { lineId: boundaryLine.id, segment: 'fuzz', custodianUnit: 'fuzz', custodianPerson: 'fuzz', startsOn: '2024-01-01', markerIds: [boundaryMarker.id] })
  const damageReport = await json<Row>('POST', '/api/boundaries/damage-reports', { markerId: boundaryMarker.id, reportedAt: '2024-03-01T08:00:00+08:00', reportedBy: 'fuzz', condition: 'damaged' })
  return {
    scenario: { id: scenario.id, version: scenario.version },
    set: { id: set.id, version: set.version },
    user: { id: user.id, version: user.version },
    lng: (west + east) / 2,
    lat: (south + north) / 2,
    rule: rules[0]!,
    road: places.road,
    protectedName: { id: protectedName.id, version: protectedName.version },
    sign: { id: sign.id, version: sign.version },
    doorPlate: { id: doorPlate.id, version: doorPlate.version },
    certificate: { id: certificate.id },
    place: { id: place.id, version: place.version },
    namingCase: { id: namingCase.id, version: namingCase.version },
    community: { code: community.code },
    boundaryLine: { id: boundaryLine.id, version: boundaryLine.version },
    boundaryMarker: { id: boundaryMarker.id, version: boundaryMarker.version },
    inspection: { id: inspection.id, version: inspection.version },
    custody: { id: custody.id, version: custody.version },
    damageReport: { id: damageReport.id },
  }
}

/** Three reference objects, the fewest a boundary marker may have. */
const FUZZ_REFERENCE_OBJECTS: Json[] = [
  { name: '桥头', azimuthDeg: 10, distanceM: 50 },
  { name: '电杆', azimuthDeg: 120, distanceM: 12.5 },
  { name: '水井', azimuthDeg: 250, distanceM: 30 },
]

/**
 * How to fuzz each write endpoint: its body schema (null: the endpoint reads
 * no body) and a valid body to mutate. A valid body is never sent as is; it
 * makes sure a mutation is the only thing wrong with a request, and, for the
 * endpoints that store things, that an uncaught mutation would really change
 * a real row (the fingerprint would then show it).
 */
const BODIES: Record<string, { schema: JsonSchema | null; body?: (f: Fixtures) => Record<string, Json> }> = {
  'POST /api/boundaries/lines': {
    schema: schema(LineCreateSchema),
    body: () => ({ code: 'FUZZ2', name: '模糊新线', level: 'township', leftCode: '210190001000', rightCode: '210190003000', agreementNumber: 'F-1', agreementDate: '2020-01-01', inspectionCycleYears: 5, note: 'n' }),
  },
  'PUT /api/boundaries/lines/:id': {
    schema: schema(LineUpdateSchema),
    body: (f) => ({ code: 'FUZZ1', name: '模糊测试线改', level: 'township', leftCode: '210190001000', rightCode: '210190002000', note: 'n', version: f.boundaryLine.version }),
  },
  'POST /api/boundaries/lines/derive': { schema: schema(LineDeriveBodySchema), body: () => ({ parentCode: '210190002000', level: 'township' }) },
  'POST /api/boundaries/markers': {
    schema: schema(MarkerCreateSchema),
    body: (f) => ({ lineId: f.boundaryLine.id, sequence: 2, typeCode: 'Q', lng: f.lng, lat: f.lat, referenceObjects: FUZZ_REFERENCE_OBJECTS, setOn: '2020-01-01', condition: 'intact' }),
  },
  'PUT /api/boundaries/markers/:id': {
    schema: schema(MarkerUpdateSchema),
    body: (f) => ({ sequence: 1, typeCode: 'Q', lng: f.lng, lat: f.lat, referenceObjects: FUZZ_REFERENCE_OBJECTS, condition: 'damaged', version: f.boundaryMarker.version }),
  },
  'POST /api/boundaries/imports': { schema: null },
  'POST /api/layer-imports/inspect': { schema: null },
  'POST /api/layer-imports': { schema: null },
  'DELETE /api/layer-imports/:id': { schema: null },
  'POST /api/network-imports': { schema: null },
  'DELETE /api/network-imports/:id': { schema: null },
  'PUT /api/import-mappings': { schema: schema(ImportMappingBodySchema), body: () => ({ layer: 'facilities', name: 'fuzz mapping', mapping: { name: '名称' } }) },
  'DELETE /api/import-mappings/:id': { schema: null },
  'POST /api/boundaries/inspections': {
    schema: schema(InspectionCreateSchema),
    body: (f) => ({
      lineId: f.boundaryLine.id,
      kind: 'ad_hoc',
      reason: 'fuzz flood',
      plannedOn: '2024-01-01',
      doneOn: '2024-01-05',
      officeCheck: true,
      fieldCheck: false,
      parties: ['fuzz'],
      summary: 's',
      findings: [{ markerId: f.boundaryMarker.id, segment: 'seg', condition: 'damaged', finding: 'f', actionTaken: 'a' }],
    }),
  },
  'PUT /api/boundaries/inspections/:id': {
    schema: schema(InspectionUpdateSchema),
    body: (f) => ({
      kind: 'periodic',
      reason: 'r',
      plannedOn: '2030-05-01',
      doneOn: '2024-02-01',
      officeCheck: false,
      fieldCheck: true,
      parties: ['fuzz'],
      summary: 's',
      findings: [{ markerId: f.boundaryMarker.id, segment: 'seg', condition: 'lost', finding: 'f', actionTaken: 'a' }],
      version: f.inspection.version,
    }),
  },
  'POST /api/boundaries/custodies': {
    schema: schema(CustodyCreateSchema),
    body: (f) => ({ lineId: f.boundaryLine.id, segment: 'seg', custodianUnit: 'u', custodianPerson: 'p', custodianContact: 'c', patrolIntervalDays: 7, startsOn: '2024-01-01', endsOn: '2025-01-01', markerIds: [f.boundaryMarker.id], note: 'n' }),
  },
  'PUT /api/boundaries/custodies/:id': {
    schema: schema(CustodyUpdateSchema),
    body: (f) => ({ segment: 'seg2', custodianUnit: 'u', custodianPerson: 'p', custodianContact: 'c', patrolIntervalDays: 14, startsOn: '2024-01-01', endsOn: '2026-01-01', markerIds: [], note: 'n', version: f.custody.version }),
  },
  'POST /api/boundaries/custodies/:id/patrols': { schema: schema(PatrolCreateSchema), body: () => ({ patrolledOn: '2024-02-01', patroller: 'fuzz', findings: 'ok' }) },
  'POST /api/boundaries/damage-reports': {
    schema: schema(DamageReportCreateSchema),
    body: (f) => ({ markerId: f.boundaryMarker.id, custodyId: f.custody.id, reportedAt: '2024-03-02T09:30:00Z', reportedBy: 'fuzz', condition: 'lost', description: 'd' }),
  },
  'POST /api/boundaries/damage-reports/:id/action': { schema: schema(DamageActionSchema), body: () => ({ actionTaken: 'fixed' }) },
  'POST /api/boundaries/documents': { schema: null },
  'POST /api/auth/password': { schema: schema(PasswordChangeBodySchema), body: () => ({ currentPassword: TEST_PASSWORD, newPassword: 'a-new-long-passphrase-7' }) },
  'POST /api/coverage/what-if': {
    schema: schema(WhatIfCoverageBodySchema),
    body: (f) => ({ kind: 'home_care', bands: '5,10,15', changes: [{ op: 'add', lng: f.lng, lat: f.lat, name: 'fuzz' }], networkChanges: [] }),
  },
  'POST /api/service-areas/what-if': {
    schema: schema(WhatIfServiceAreaBodySchema),
    body: (f) => ({ kind: 'home_care', bufferM: 50, perFacility: false, method: 'network', changes: [{ op: 'add', lng: f.lng, lat: f.lat }] }),
  },
  'POST /api/walk-time/what-if': { schema: schema(WhatIfWalkTimeBodySchema), body: (f) => ({ kind: 'home_care', lng: f.lng, lat: f.lat, speed: 'elderly', changes: [] }) },
  'POST /api/coverage/communities.geojson/what-if': {
    schema: schema(WhatIfCoverageBodySchema),
    body: (f) => ({ kind: 'day_care', mode: 'distance', bands: '300,500', changes: [{ op: 'add', lng: f.lng, lat: f.lat }] }),
  },
  'POST /api/site-suggestions': {
    schema: schema(SiteSuggestionBodySchema),
    body: (f) => ({ kind: 'home_care', mode: 'time', minutes: 15, k: 2, candidates: { gates: false, points: [[f.lng, f.lat]] }, weightElderly: 1, changes: [] }),
  },
  'POST /api/report/what-if': { schema: schema(ReportWhatIfBodySchema), body: (f) => ({ set: 1, kind: 'home_care', changes: [{ op: 'add', lng: f.lng, lat: f.lat }] }) },
  'POST /api/scenarios': { schema: schema(ScenarioCreateSchema), body: () => ({ name: 'fuzz new', kind: 'home_care', description: 'd', changes: [], networkChanges: [] }) },
  'PUT /api/scenarios/:id': { schema: schema(ScenarioUpdateSchema), body: (f) => ({ name: 'fuzz renamed', description: 'd', changes: [], version: f.scenario.version }) },
  'DELETE /api/scenarios/:id': { schema: null },
  'POST /api/standard-sets': { schema: schema(StandardSetCreateSchema), body: (f) => ({ name: 'fuzz new set', description: 'd', newResidentialFromYear: 2021, rules: [f.rule] }) },
  'POST /api/standard-sets/:id/copy': { schema: schema(StandardSetCopySchema), body: () => ({ name: 'fuzz copy' }) },
  'PUT /api/standard-sets/:id': {
    schema: schema(StandardSetUpdateSchema),
    body: (f) => ({ name: 'fuzz renamed set', description: 'd', newResidentialFromYear: 2020, rules: [f.rule], version: f.set.version }),
  },
  'POST /api/standard-sets/:id/default': { schema: null },
  'DELETE /api/standard-sets/:id': { schema: null },
  'POST /api/users': { schema: schema(UserCreateBodySchema), body: () => ({ username: 'fuzz-new-user', displayName: 'Fuzz', roles: ['viewer'], reason: 'fuzz' }) },
  'PUT /api/users/:id': { schema: schema(UserUpdateBodySchema), body: (f) => ({ displayName: 'Fuzz renamed', roles: ['planner'], active: false, version: f.user.version, reason: 'fuzz' }) },
  'POST /api/users/:id/reset-password': { schema: schema(ReasonBodySchema), body: () => ({ reason: 'fuzz' }) },
  'POST /api/gazetteer/protected-names': {
    schema: schema(ProtectedNameCreateSchema),
    body: (f) => ({ placeId: f.road, level: 'municipal', batch: '第一批', listedOn: '2020-01-01', valueStatement: 'v', measures: 'm' }),
  },
  'PUT /api/gazetteer/protected-names/:id': {
    schema: schema(ProtectedNameUpdateSchema),
    body: (f) => ({ level: 'national', batch: '第二批', listedOn: '2021-02-03', valueStatement: 'v', measures: 'm', version: f.protectedName.version }),
  },
  'DELETE /api/gazetteer/protected-names/:id': { schema: null },
  'POST /api/gazetteer/signs': {
    schema: schema(SignCreateSchema),
    body: (f) => ({ placeId: f.road, signType: 'road', textZh: '模糊测试路', textPinyin: 'Mohu', location: { lng: f.lng, lat: f.lat }, material: '铝', installedOn: '2020-01-01', condition: 'good', lastInspectedOn: '2021-01-01', note: 'n' }),
  },
  'PUT /api/gazetteer/signs/:id': {
    schema: schema(SignUpdateSchema),
    body: (f) => ({ signType: 'guide', textZh: '模糊测试路', textPinyin: 'Mohu', location: { lng: f.lng, lat: f.lat }, material: '铝', installedOn: '2020-01-01', condition: 'worn', lastInspectedOn: '2021-01-01', note: 'n', version: f.sign.version }),
  },
  'POST /api/gazetteer/signs/:id/photos': { schema: null },
  'DELETE /api/gazetteer/signs/:id/photos/:fileId': { schema: null },
  'POST /api/gazetteer/door-plates': {
    schema: schema(DoorPlateCreateSchema),
    body: (f) => ({ roadPlaceId: f.road, number: '5-1', building: '1', unit: '2', room: '301', location: { lng: f.lng, lat: f.lat } }),
  },
  'PUT /api/gazetteer/door-plates/:id': {
    schema: schema(DoorPlateUpdateSchema),
    body: (f) => ({ roadPlaceId: f.road, number: '7', building: '1', unit: '2', room: '301', location: { lng: f.lng, lat: f.lat }, status: 'retired', version: f.doorPlate.version }),
  },
  'POST /api/gazetteer/door-plates/:id/certificates': { schema: schema(CertificateCreateSchema), body: () => ({ number: 'FUZZ-2', holder: 'Fuzz', issuedOn: '2024-02-01' }) },
  'POST /api/gazetteer/certificates/:id/revoke': { schema: schema(CertificateRevokeSchema), body: () => ({ revokedOn: '2024-06-01', reason: 'fuzz' }) },
  'POST /api/gazetteer/places': {
    schema: schema(PlaceCreateSchema),
    body: () => ({ category: 'transport-facilities', standardName: '模糊新路', specificPart: '模糊新', genericPart: '路', namedOn: '2020-01-01', altNames: [{ kind: 'alias', name: '模糊别名' }], acknowledgeSimilar: true }),
  },
  'PUT /api/gazetteer/places/:id': {
    schema: schema(PlaceUpdateSchema),
    body: (f) => ({ category: 'memorials-and-sights', standardName: '模糊测试碑', romanization: 'Mohu Ceshi Bei', meaning: 'm', version: f.place.version }),
  },
  'POST /api/gazetteer/imports/inspect': { schema: null },
  'POST /api/gazetteer/imports': { schema: null },
  'POST /api/gazetteer/cases': { schema: schema(CaseCreateSchema), body: (f) => ({ kind: 'retiring', placeId: f.place.id, title: 'fuzz new case', proposal: { abolishedOn: '2024-01-01' }, reason: 'r' }) },
  'PUT /api/gazetteer/cases/:id': { schema: schema(CaseUpdateSchema), body: (f) => ({ title: 'fuzz case edited', proposal: { abolishedOn: '2024-02-01' }, reason: 'r', version: f.namingCase.version }) },
  ...Object.fromEntries(CASE_ACTIONS.map((action) => [`POST /api/gazetteer/cases/:id/${action}`, { schema: schema(CaseActionSchema), body: (f: Fixtures) => ({ version: f.namingCase.version, note: 'n' }) }])),
  'POST /api/gazetteer/cases/:id/attachments': { schema: null },
  'DELETE /api/gazetteer/cases/:id/attachments/:fileId': { schema: null },
  'POST /api/division-events': {
    schema: schema(DivisionEventCreateSchema),
    body: (f) => ({ kind: 'rename', effectiveOn: '2024-06-01', authority: 'a', documentNumber: 'd', note: 'n', before: [f.community.code], after: [{ code: f.community.code, name: '模糊社区' }] }),
  },
}

/**
 * The write endpoints: every method but GET in the access table, except
 * sign-in and sign-out. Those two are public and answer 401/204 to anyone by
 * design; sign-out would also end the fuzzing session, and sign-in records
 * failed attempts (login_failures), so sign-in is fuzzed in a test of its
 * own below. The what-if POSTs store nothing but take bodies: they are in.
 */
const WRITE_ENDPOINTS = Object.keys(ACCESS_POLICY)
  .filter((key) => !key.startsWith('GET ') && key !== 'POST /api/auth/login' && key !== 'POST /api/auth/logout')
  .map((key) => {
    const [method, pattern] = key.split(' ') as [Method, string]
    return { key, method, pattern }
  })

/** The pattern with its :id (the fixture of its resource unless given) and :fileId (the fixture photo) filled. */
function urlFor(pattern: string, f: Fixtures, id?: string): string {
  const owners: Array<[string, number]> = [
    ['/api/scenarios', f.scenario.id],
    ['/api/standard-sets', f.set.id],
    ['/api/gazetteer/protected-names', f.protectedName.id],
    ['/api/gazetteer/signs', f.sign.id],
    ['/api/gazetteer/door-plates', f.doorPlate.id],
    ['/api/gazetteer/certificates', f.certificate.id],
    ['/api/gazetteer/places', f.place.id],
    ['/api/gazetteer/cases', f.namingCase.id],
    ['/api/boundaries/lines', f.boundaryLine.id],
    ['/api/boundaries/markers', f.boundaryMarker.id],
    ['/api/boundaries/inspections', f.inspection.id],
    ['/api/boundaries/custodies', f.custody.id],
    ['/api/boundaries/damage-reports', f.damageReport.id],
  ]
  const own = owners.find(([prefix]) => pattern.startsWith(prefix))?.[1] ?? f.user.id
  return pattern.replace(':id', id ?? String(own)).replace(':fileId', String(f.photo?.id ?? 0))
}

/** The geometry and what-if change payloads that must be refused, by schema or because they name nothing that exists. */
function invalidChanges(f: Fixtures): Array<[string, Record<string, Json>]> {
  const { lng, lat } = f
  const many = (n: number, item: Json) => Array.from({ length: n }, () => item)
  return [
    ['add at latitude 91', { changes: [{ op: 'add', lng, lat: 91 }] }],
    ['add at longitude 181', { changes: [{ op: 'add', lng: 181, lat }] }],
    ['add at 1e308', { changes: [{ op: 'add', lng: 1e308, lat: -1e308 }] }],
    ['add at [NaN] text', { changes: [{ op: 'add', lng: 'NaN', lat: 'NaN' }] }],
    ['add without lat', { changes: [{ op: 'add', lng }] }],
    ['unknown op', { changes: [{ op: 'explode', facilityId: 1 }] }],
    ['change is a string', { changes: ["'; DROP TABLE facilities; --"] }],
    ['remove facility 1e308', { changes: [{ op: 'remove', facilityId: 1e308 }] }],
    ['remove facility 999999', { changes: [{ op: 'remove', facilityId: 999999 }] }],
    ['remove added facility -1 before any add', { changes: [{ op: 'remove', facilityId: -1 }] }],
    ['remove facility 0.5', { changes: [{ op: 'remove', facilityId: 0.5 }] }],
    ['remove facility by SQL', { changes: [{ op: 'remove', facilityId: "1 OR 1=1" }] }],
    ['move facility 1e308', { changes: [{ op: 'move', facilityId: 1e308, lng, lat }] }],
    ['201 changes', { changes: many(201, { op: 'add', lng, lat }) }],
    ['close edge 1e308', { networkChanges: [{ op: 'close', edgeId: 1e308 }] }],
    ['close edge -1', { networkChanges: [{ op: 'close', edgeId: -1 }] }],
    ['link to latitude 91', { networkChanges: [{ op: 'link', lng, lat, toLng: lng, toLat: 91 }] }],
    ['link far from any street', { networkChanges: [{ op: 'link', lng: 0, lat: 0, toLng: 0.001, toLat: 0.001 }] }],
    ['101 network changes', { networkChanges: many(101, { op: 'close', edgeId: 1 }) }],
  ]
}

/** Invalid drawn candidates for site suggestions. */
function invalidCandidates(f: Fixtures): Array<[string, Json]> {
  const { lng, lat } = f
  const d = 0.001
  const square = [[lng, lat], [lng + d, lat], [lng + d, lat + d], [lng, lat + d]]
  return [
    ['no candidates', {}],
    ['point at latitude 91', { points: [[lng, 91]] }],
    ['point at 1e308', { points: [[1e308, 1e308]] }],
    ['point [NaN] as text', { points: [['NaN', 'NaN']] }],
    ['point with one number', { points: [[lng]] }],
    ['point with four numbers', { points: [[lng, lat, 0, 0]] }],
    ['point is a string', { points: ["116,39"] }],
    ['5,001 points', { points: Array.from({ length: 5001 }, () => [lng, lat]) }],
    ['unclosed ring', { parcels: [[square]] }],
    ['bowtie', { parcels: [[[[lng, lat], [lng + d, lat + d], [lng + d, lat], [lng, lat + d], [lng, lat]]]] }],
    ['ring of three positions', { parcels: [[[[lng, lat], [lng + d, lat], [lng, lat]]]] }],
    ['ring at latitude 91', { parcels: [[[[lng, 91], [lng + d, 91], [lng + d, 91 + d], [lng, 91]]]] }],
    ['ring enclosing no area', { parcels: [[[[lng, lat], [lng + d, lat], [lng + 2 * d, lat], [lng, lat]]]] }],
    ['parcel without rings', { parcels: [[]] }],
    ['1,001-position parcel', { parcels: [[[...Array.from({ length: 1000 }, (_, i) => [lng + d * Math.cos(i / 159), lat + d * Math.sin(i / 159)]), [lng + d, lat]]]] }],
  ]
}

/** Every request that must be refused, for one endpoint. */
function fuzzRequests(key: string, method: Method, pattern: string, f: Fixtures): FuzzRequest[] {
  const spec = BODIES[key]!
  const url = urlFor(pattern, f)
  const base = spec.body?.(f) ?? {}
  const json = (what: string, text: string | Buffer, u = url): FuzzRequest => ({ method, url: u, what, contentType: 'application/json', payload: text })
  const requests: FuzzRequest[] = []

  // Bodies no parser can read, for every endpoint, whether or not it reads a body.
  for (const [what, text] of MALFORMED_JSON) requests.push(json(`malformed JSON: ${what}`, text))
  for (const [what, build] of POLLUTION) requests.push(json(what, build(base)))
  requests.push({ method, url, what: 'form-urlencoded', contentType: FORM, payload: 'name=x&kind=home_care&changes=%5B%5D' })
  requests.push({ method, url, what: 'multipart', contentType: MULTIPART, payload: '------fuzz\r\nContent-Disposition: form-data; name="name"\r\n\r\nx\r\n------fuzz--\r\n' })
  requests.push({ method, url, what: 'XML', contentType: 'application/xml', payload: '<scenario><name>x</name></scenario>' })
  requests.push({ method, url, what: 'JSON as UTF-16', contentType: 'application/json; charset=utf-16', payload: Buffer.from(JSON.stringify(base), 'utf16le') })
  requests.push(json('1.1 MiB of JSON string', JSON.stringify({ ...base, name: 'x'.repeat(1.1 * MIB) })))
  requests.push(json('2 MiB of JSON array', `[${'1,'.repeat(MIB)}1]`))
  requests.push({ method, url, what: '1.1 MiB of form data', contentType: FORM, payload: 'a='.padEnd(1.1 * MIB, 'x') })

  // Hostile path parameters, with an otherwise valid request.
  if (pattern.includes(':id')) {
    for (const id of HOSTILE_IDS) {
      const hostileUrl = urlFor(pattern, f, encodeId(id))
      requests.push(spec.schema ? json(`id ${id}, valid body`, JSON.stringify(base), hostileUrl) : { method, url: hostileUrl, what: `id ${id}, no body` })
    }
  }
  if (!spec.schema) return requests

  // Well-formed JSON of the wrong shape. (An endpoint that reads no body
  // ignores any JSON or text it is sent, so these are for body endpoints.)
  requests.push({ method, url, what: 'text/plain', contentType: 'text/plain', payload: JSON.stringify(base) })
  const topLevel: Array<[string, Json | RawValue]> = [
    ['top-level array', [base]],
    ['top-level string', JSON.stringify(base)],
    ['top-level number', 42],
    ['top-level null', null],
    ['top-level true', true],
    ['empty object', {}],
    [`top-level arrays nested ${DEPTH} deep`, RAW.deepArray],
    [`top-level objects nested ${DEPTH} deep`, RAW.deepObject],
  ]
  for (const [what, value] of topLevel) {
    if (acceptedByFastify(spec.schema, isRaw(value) ? value.standIn : value) !== false) continue
    requests.push(json(what, isRaw(value) ? value.text : JSON.stringify(value)))
  }

  // Each field missing, and each field set to each wrong value.
  for (const field of spec.schema.required ?? []) {
    const { [field]: _dropped, ...rest } = base
    requests.push(json(`without ${field}`, JSON.stringify(rest)))
  }
  for (const field of Object.keys(spec.schema.properties ?? {})) {
    for (const [what, value] of FIELD_VALUES) {
      const { text, model } = withField(base, field, value)
      if (acceptedByFastify(spec.schema, model) !== false) continue
      requests.push(json(`${field}: ${what}`, text))
    }
  }

  // Invalid geometries and what-if changes that name nothing.
  const properties = spec.schema.properties ?? {}
  for (const [what, patch] of invalidChanges(f)) {
    if (Object.keys(patch).every((field) => field in properties)) requests.push(json(what, JSON.stringify({ ...base, ...patch })))
  }
  if ('candidates' in properties) {
    for (const [what, candidates] of invalidCandidates(f)) requests.push(json(`candidates: ${what}`, JSON.stringify({ ...base, candidates })))
  }
  // Ids that fit the schema (an integer from 1, no maximum) but name nothing: a saved scenario, a standard set, a version.
  for (const field of ['scenario', 'set', 'version'] as const) {
    if (!(field in properties)) continue
    for (const id of [2147483647, 2147483648, 1e20, 1e308]) requests.push(json(`${field}: ${id}`, JSON.stringify({ ...base, [field]: id })))
  }
  return requests
}

// ---------------------------------------------------------------------------
// The tests
// ---------------------------------------------------------------------------

const ALL_ROLES = ['viewer', 'planner', 'place_name_editor', 'place_name_approver', 'boundary_editor', 'admin'] as const

describe('fuzzing the write endpoints', () => {
  let t: TestApp
  let session: SessionHeaders
  let f: Fixtures

  beforeAll(async () => {
    t = await createTestApp('demo')
    session = await signInWithRoles(t.app, [...ALL_ROLES], 'fuzz-all-roles')
    const places = await insertFixturePlaces(t.app.database.pool)
    f = await createFixtures(async (method, url, payload) => {
      const response = await t.app.inject({ method, url, headers: session, ...(payload ? { payload } : {}) })
      return { status: response.statusCode, body: response.body }
    }, places)
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64')
    const photo = await t.app.inject({ method: 'POST', url: `/api/gazetteer/signs/${f.sign.id}/photos`, headers: { ...session, 'content-type': 'image/png' }, payload: png })
    if (photo.statusCode !== 201) throw new Error(`fixture photo: ${photo.statusCode} ${photo.body}`)
    f.photo = { id: photo.json<{ id: number }>().id }
  })
  afterAll(() => t?.close())

  it('has a fuzz description for every write endpoint, with a valid body the model accepts', () => {
    expect(WRITE_ENDPOINTS.map((e) => e.key).sort()).toEqual(Object.keys(BODIES).sort())
    // The schema named here is the one the route validates with, as its OpenAPI document shows.
    type Operation = { requestBody?: { content: Record<string, { schema: JsonSchema }> } }
    const paths = (t.app.swagger() as { paths: Record<string, Record<string, Operation>> }).paths
    for (const { key, method, pattern } of WRITE_ENDPOINTS) {
      const documented = paths[pattern.replace(/:(\w+)/g, '{$1}')]?.[method.toLowerCase()]?.requestBody?.content['application/json']?.schema
      const spec = BODIES[key]!
      expect(Object.keys(documented?.properties ?? {}).sort(), key).toEqual(Object.keys(spec.schema?.properties ?? {}).sort())
      expect([...(documented?.required ?? [])].sort(), key).toEqual([...(spec.schema?.required ?? [])].sort())
      if (spec.schema) expect(acceptedByFastify(spec.schema, spec.body!(f)), key).toBe(true)
    }
  })

  it('the checker and the fingerprint can fail', async () => {
    // A valid what-if answers 200: the checker must call that a failure.
    const request: FuzzRequest = { method: 'POST', url: '/api/walk-time/what-if', what: 'valid body', contentType: 'application/json', payload: JSON.stringify(BODIES['POST /api/walk-time/what-if']!.body!(f)) }
    const response = await send(t.app, session, request)
    expect(response.statusCode).toBe(200)
    expect(refusalProblem(request, response)).toMatch(/status 200/)
    // A 500 or a leaked statement is a failure too.
    expect(refusalProblem(request, { statusCode: 500, headers: { 'content-type': 'application/problem+json' }, body: '{"status":500}' })).toMatch(/status 500/)
    expect(refusalProblem(request, { statusCode: 400, headers: { 'content-type': 'application/problem+json' }, body: '{"status":400,"detail":"syntax error at or near \\"DROP\\""}' })).toMatch(/leaks/)
    expect(refusalProblem(request, { statusCode: 400, headers: { 'content-type': 'application/json' }, body: '{"status":400}' })).toMatch(/content-type/)
    expect(refusalProblem(request, { statusCode: 400, headers: { 'content-type': 'application/problem+json' }, body: '{"status":400,"detail":"x"}' })).toBeNull()
    // The model refuses what Fastify refuses and accepts what Fastify coerces.
    expect(acceptedByFastify(schema(ScenarioUpdateSchema.properties.version), '7')).toBe(true)
    expect(acceptedByFastify(schema(ScenarioUpdateSchema.properties.version), 'NaN')).toBe(false)
    expect(acceptedByFastify(schema(ScenarioCreateSchema.properties.description), null)).toBe(true)
    expect(acceptedByFastify(schema(ScenarioCreateSchema.properties.name), null)).toBe(false)
    // A numeric string that converts to Infinity skips minimum and maximum: the last describe of this file sends those.
    expect(acceptedByFastify(schema(WhatIfWalkTimeBodySchema.properties.lng), '1e309')).toBe(true)
    expect(acceptedByFastify(schema(WhatIfWalkTimeBodySchema.properties.lng), 1e309)).toBe(false)
  })

  it('refuses every malformed request with a 4xx problem and leaves the database exactly as it was', { timeout: 180_000 }, async () => {
    const pool = t.app.database.pool
    const before = await fingerprint(pool)
    const failures: string[] = []
    const statuses = new Map<number, number>()
    const changedBy: string[] = []
    let sent = 0
    const started = Date.now()
    let groupBefore = await fingerprint(pool, { full: false })
    for (const { key, method, pattern } of WRITE_ENDPOINTS) {
      for (const request of fuzzRequests(key, method, pattern, f)) {
        const response = await send(t.app, session, request)
        sent++
        statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1)
        const problem = refusalProblem(request, response)
        if (problem) failures.push(problem)
      }
      const groupAfter = await fingerprint(pool, { full: false })
      const changed = Object.keys(groupAfter).filter((table) => groupAfter[table] !== groupBefore[table])
      if (changed.length > 0) changedBy.push(`${key} changed ${changed.join(', ')}`)
      groupBefore = groupAfter
    }
    const after = await fingerprint(pool)
    console.info(`fuzz: ${sent} requests to ${WRITE_ENDPOINTS.length} endpoints in ${((Date.now() - started) / 1000).toFixed(1)} s; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`)

    // Soft, so that one run reports every kind of failure.
    expect.soft(sent).toBeGreaterThan(1000)
    expect.soft(failures).toEqual([])
    expect.soft(changedBy).toEqual([])
    expect.soft(after).toEqual(before)
    // Auth never stood in the way: the session held all along, so every refusal came from the handlers and parsers.
    expect.soft([statuses.get(401), statuses.get(403)]).toEqual([undefined, undefined])
    expect.soft((await t.app.inject({ url: '/api/auth/session', headers: session })).json()).toMatchObject({ user: { username: 'fuzz-all-roles' } })
    expect.soft(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('stores hostile but well-formed text verbatim, or refuses it; what-ifs with coerced or unknown values store nothing', { timeout: 60_000 }, async () => {
    const pool = t.app.database.pool
    const before = await fingerprint(pool)
    const texts = [
      "'; DROP TABLE facilities; --",
      "' OR 1=1 --",
      '<img src=x onerror=alert(1)>',
      '<script>alert(1)</script>',
      '{"$gt": ""}',
      'Robert"); DELETE FROM users; --',
      '\\x00 \\u0000 %00',
      'NUL \u0000 inside',
      '生活圈 🏘️ ‮rtl',
    ]
    const failures: string[] = []
    let stored = 0
    const ok = (status: number) => status < 300 || ALLOWED.has(status)
    const inject = (method: Method | 'GET', url: string, payload?: Json) => t.app.inject({ method, url, headers: session, ...(payload === undefined ? {} : { payload: payload as Record<string, Json> }) })

    for (const [i, text] of texts.entries()) {
      const scenario = await inject('POST', '/api/scenarios', { name: text, kind: 'home_care', description: text, changes: [] })
      if (scenario.statusCode === 201) {
        const id = scenario.json<{ id: number }>().id
        const read = (await inject('GET', `/api/scenarios/${id}`)).json<{ name: string; description: string }>()
        if (read.name !== text || read.description !== text) failures.push(`scenario ${JSON.stringify(text)} came back as ${JSON.stringify(read)}`)
        expect((await inject('DELETE', `/api/scenarios/${id}`)).statusCode).toBe(204)
        stored++
      } else if (!ok(scenario.statusCode)) failures.push(`POST /api/scenarios name ${JSON.stringify(text)} → ${scenario.statusCode} ${scenario.body}`)

      const copy = await inject('POST', `/api/standard-sets/${f.set.id}/copy`, { name: text })
      if (copy.statusCode === 201) {
        const id = copy.json<{ id: number }>().id
        const read = (await inject('GET', `/api/standard-sets/${id}`)).json<{ name: string }>()
        if (read.name !== text) failures.push(`standard set ${JSON.stringify(text)} came back as ${JSON.stringify(read.name)}`)
        expect((await inject('DELETE', `/api/standard-sets/${id}`)).statusCode).toBe(204)
        stored++
      } else if (!ok(copy.statusCode)) failures.push(`POST /api/standard-sets/${f.set.id}/copy name ${JSON.stringify(text)} → ${copy.statusCode} ${copy.body}`)

      const user = await inject('POST', '/api/users', { username: `fuzz-hostile-${i}`, displayName: text, roles: [], reason: text })
      if (user.statusCode === 201) {
        const id = user.json<{ user: { id: number } }>().user.id
        const listed = (await inject('GET', '/api/users')).json<{ users: Array<{ id: number; displayName: string }> }>().users.find((u) => u.id === id)
        const audit = (await inject('GET', `/api/audit?entity=user&entityId=${id}`)).json<{ entries: Array<{ reason: string | null }> }>().entries
        if (listed?.displayName !== text || audit[0]?.reason !== text) failures.push(`user ${JSON.stringify(text)} came back as ${JSON.stringify([listed?.displayName, audit[0]?.reason])}`)
      } else if (!ok(user.statusCode)) failures.push(`POST /api/users displayName ${JSON.stringify(text)} → ${user.statusCode} ${user.body}`)
    }
    expect(stored).toBeGreaterThan(0)

    // What-ifs never write: numbers sent as strings (Fastify coerces them), unknown keys (dropped) and far-away points may be answered, never with a 5xx.
    const whatIfs: Array<[string, Json]> = [
      ['/api/coverage/what-if', { kind: 'home_care', changes: [{ op: 'add', lng: String(f.lng), lat: String(f.lat) }], constructor: 1, evil: "'; DROP TABLE facilities; --" }],
      ['/api/walk-time/what-if', { kind: 'home_care', lng: '116', lat: '39', changes: [{ op: 'add', lng: 0, lat: 0, name: '<script>alert(1)</script>' }] }],
      ['/api/site-suggestions', { kind: 'home_care', k: '1', candidates: { points: [['116', '39'], [String(f.lng), String(f.lat)]] } }],
      ['/api/report/what-if', { kind: 'home_care', changes: [{ op: 'add', lng: f.lng, lat: f.lat, name: "'; DROP TABLE facilities; --" }], prototype: { polluted: true } }],
    ]
    for (const [url, body] of whatIfs) {
      const response = await inject('POST', url, body)
      if (!ok(response.statusCode)) failures.push(`POST ${url} ${JSON.stringify(body).slice(0, 200)} → ${response.statusCode} ${response.body.slice(0, 300)}`)
    }
    expect.soft(failures).toEqual([])

    // Scenarios and standard sets are as before (each stored one was deleted again), and so is everything but users and their audit entries.
    const after = await fingerprint(pool)
    const userCount = (await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM users WHERE username LIKE 'fuzz-hostile-%'`)).rows[0]!.n
    // The fingerprint does see writes: the users made here and every audit entry.
    expect(after['users']).not.toBe(before['users'])
    expect(after['audit_log']).not.toBe(before['audit_log'])
    const drop = (fp: Record<string, string>) => Object.fromEntries(Object.entries(fp).filter(([k]) => !['users', 'audit_log', 'standard_set_versions', 'sequence users_id_seq', 'sequence audit_log_id_seq', 'sequence scenarios_id_seq', 'sequence standard_sets_id_seq'].includes(k)))
    expect(drop(after)).toEqual(drop(before))
    expect(after['users']).toMatch(new RegExp(`^${Number(before['users']!.split(' ')[0]) + userCount} rows`))
  })
})

describe('fuzzing sign-in', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp('demo')
    await signInWithRoles(t.app, ['viewer'], 'fuzz-viewer')
  })
  afterAll(() => t?.close())

  it('refuses malformed sign-ins before checking any password; a well-formed wrong one adds exactly its login_failures row', { timeout: 60_000 }, async () => {
    const pool = t.app.database.pool
    const headers = await anonymousHeaders(t.app)
    const url = '/api/auth/login'
    const base: Record<string, Json> = { username: 'fuzz-viewer', password: TEST_PASSWORD }
    const json = (what: string, payload: string | Buffer): FuzzRequest => ({ method: 'POST', url, what, contentType: 'application/json', payload })
    const requests: FuzzRequest[] = [
      ...MALFORMED_JSON.map(([what, text]) => json(`malformed JSON: ${what}`, text)),
      ...POLLUTION.map(([what, build]) => json(what, build(base))),
      { method: 'POST', url, what: 'form-urlencoded', contentType: FORM, payload: 'username=fuzz-viewer&password=x' },
      { method: 'POST', url, what: 'multipart', contentType: MULTIPART, payload: '------fuzz\r\nContent-Disposition: form-data; name="username"\r\n\r\nx\r\n------fuzz--\r\n' },
      { method: 'POST', url, what: 'text/plain', contentType: 'text/plain', payload: JSON.stringify(base) },
      json('1.1 MiB', JSON.stringify({ ...base, password: 'x'.repeat(1.1 * MIB) })),
      ...[[base], 'x', 42, null, true, {}].map((value) => json(`top level ${JSON.stringify(value)}`, JSON.stringify(value))),
      json(`arrays nested ${DEPTH} deep`, RAW.deepArray.text),
      json('username with NUL', JSON.stringify({ username: 'fuzz\u0000viewer', password: 'wrong password' })),
    ]
    const schemaLogin = schema(LoginBodySchema)
    for (const field of Object.keys(schemaLogin.properties!)) {
      const { [field]: _dropped, ...rest } = base
      requests.push(json(`without ${field}`, JSON.stringify(rest)))
      for (const [what, value] of FIELD_VALUES) {
        const { text, model } = withField(base, field, value)
        if (acceptedByFastify(schemaLogin, model) === false) requests.push(json(`${field}: ${what}`, text))
      }
    }

    const before = await fingerprint(pool)
    const failures: string[] = []
    for (const [i, request] of requests.entries()) {
      // One address each: sign-in allows 20 attempts a minute per address, and the point is what the parser and validator say.
      const response = await send(t.app, headers, { ...request, remoteAddress: `10.0.${Math.floor(i / 250)}.${i % 250}` })
      const problem = refusalProblem(request, response) ?? (response.statusCode === 429 ? `${request.what} → 429 instead of a parse or validation error` : null)
      if (problem) failures.push(problem)
    }
    expect(requests.length).toBeGreaterThan(40)
    expect.soft(failures).toEqual([])
    expect.soft(await fingerprint(pool)).toEqual(before)

    const wrong = await send(t.app, headers, json('well-formed, wrong password', JSON.stringify({ username: "  ' OR 1=1 --  ", password: "' OR 1=1 --" })))
    expect(wrong.statusCode).toBe(401)
    const { rows } = await pool.query(`SELECT username, failures, locked_until FROM login_failures ORDER BY username`)
    expect(rows).toEqual([{ username: "' or 1=1 --", failures: 1, locked_until: null }])
    const after = await fingerprint(pool)
    expect(Object.keys(after).filter((table) => after[table] !== before[table])).toEqual(['login_failures'])
  })
})

// ---------------------------------------------------------------------------
// Numbers that come out of validation as Infinity
// ---------------------------------------------------------------------------

/** A server process of its own, run by node itself (no wrapper process), so that one that hangs can be killed at once. */
interface ChildServer {
  places: { road: number; monument: number }
  call(method: Method | 'GET', url: string, payload?: Json, timeoutMs?: number): Promise<{ status: number; body: string }>
  kill(): Promise<void>
}

async function startChildServer(): Promise<ChildServer> {
  const location: TestDatabaseLocation = await copyTemplateDatabase('demo')
  await createUser(location, { username: 'fuzz-infinity', roles: [...ALL_ROLES] })
  const database = await openDatabase({ databaseUrl: location.databaseUrl, embeddedDataDir: location.dataDir })
  const places = await insertFixturePlaces(database.pool).finally(() => database.close())
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', LOG_LEVEL: 'fatal', LIFECIRCLE_GUEST: '1' }
  delete env.DATABASE_URL
  delete env.LIFECIRCLE_DATA_DIR
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'server', 'server.ts')], {
    cwd: projectRoot,
    env: { ...env, ...location.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  let output = ''
  const base = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start within 60 s:\n${output}`)), 60_000)
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const match = /open (http:\/\/[^\s/]+)\//.exec(output)
      if (match) {
        clearTimeout(timer)
        resolve(match[1]!)
      }
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', onData)
    void exited.then(() => {
      clearTimeout(timer)
      reject(new Error(`the server exited:\n${output}`))
    })
  }).catch(async (error: unknown) => {
    child.kill('SIGKILL')
    await location.remove()
    throw error
  })

  const jar = new Map<string, string>()
  let csrfToken = ''
  const call: ChildServer['call'] = async (method, url, payload, timeoutMs = 10_000) => {
    const response = await fetch(base + url, {
      method,
      headers: {
        cookie: [...jar.values()].join('; '),
        'x-csrf-token': csrfToken,
        ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(payload === undefined ? {} : { body: JSON.stringify(payload) }),
      signal: AbortSignal.timeout(timeoutMs),
    })
    for (const header of response.headers.getSetCookie()) {
      const pair = header.split(';')[0]!
      jar.set(pair.slice(0, pair.indexOf('=')), pair)
    }
    return { status: response.status, body: await response.text() }
  }
  const kill = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL')
      await exited
    }
    await location.remove()
  }
  try {
    csrfToken = (JSON.parse((await call('GET', '/api/auth/session')).body) as { csrfToken: string }).csrfToken
    const login = await call('POST', '/api/auth/login', { username: 'fuzz-infinity', password: TEST_PASSWORD })
    if (login.status !== 200) throw new Error(`sign-in failed: ${login.status} ${login.body}`)
    csrfToken = (JSON.parse(login.body) as { csrfToken: string }).csrfToken
  } catch (error) {
    await kill()
    throw error
  }
  return { places, call, kill }
}

const isNumeric = (s: JsonSchema): boolean => s.type === 'number' || s.type === 'integer' || (s.anyOf ?? []).some(isNumeric)

/** Requests whose numbers are the string "1e309": Fastify coerces it to Infinity, and Ajv checks minimum and maximum only of finite numbers. */
function infinityRequests(f: Fixtures): Array<{ method: Method | 'GET'; url: string; what: string; payload?: Json }> {
  const INF = '1e309'
  const requests: Array<{ method: Method | 'GET'; url: string; what: string; payload?: Json }> = []
  for (const { key, method, pattern } of WRITE_ENDPOINTS) {
    const spec = BODIES[key]!
    if (!spec.schema || !spec.body) continue
    const body = spec.body(f)
    const url = urlFor(pattern, f)
    const properties = spec.schema.properties ?? {}
    for (const [field, fieldSchema] of Object.entries(properties)) {
      if (isNumeric(fieldSchema)) requests.push({ method, url, what: `${field}: "${INF}"`, payload: { ...body, [field]: INF } })
    }
    if ('changes' in properties) requests.push({ method, url, what: `changes: add at lng "${INF}"`, payload: { ...body, changes: [{ op: 'add', lng: INF, lat: f.lat }] } })
    if ('networkChanges' in properties) {
      requests.push({ method, url, what: `networkChanges: link from lng "${INF}"`, payload: { ...body, networkChanges: [{ op: 'link', lng: INF, lat: f.lat, toLng: f.lng, toLat: f.lat }] } })
    }
    if ('rules' in properties) requests.push({ method, url, what: `rules[0].threshold: "${INF}"`, payload: { ...body, rules: [{ ...(f.rule as Record<string, Json>), threshold: INF }] } })
    if ('candidates' in properties) requests.push({ method, url, what: `candidates: point ["${INF}", "${INF}"]`, payload: { ...body, candidates: { points: [[INF, INF]] } } })
  }
  // The same coercion applies to query strings, and guests may read: one read endpoint for the record.
  requests.push({ method: 'GET', url: `/api/walk-time?kind=home_care&lng=${INF}&lat=${f.lat}`, what: `guest walk time at lng=${INF}` })
  return requests
}

/*
 * Ajv, as Fastify configures it, turns the string "1e309" (or "Infinity")
 * into Infinity and then checks minimum and maximum only of finite numbers,
 * so such a value passes every range in the schemas. These requests run
 * against a server process of its own: some of them have sent the server
 * into a loop that never ends, which no timeout inside this process could
 * interrupt. The first request that hangs ends the run (the process is
 * killed); the requests that put Infinity into a coordinate go last, so a
 * run first reports every other wrong answer.
 */
describe('numbers that come out of validation as Infinity', () => {
  it('are refused with a 4xx, and never hang the server', { timeout: 120_000 }, async () => {
    const HANG_MS = 5_000
    const server = await startChildServer()
    const failures: string[] = []
    let sent = 0
    try {
      const f = await createFixtures((method, url, payload) => server.call(method, url, payload), server.places)
      const coordinate = (what: string) => /lng|lat|point|changes/.test(what)
      const requests = infinityRequests(f).sort((a, b) => Number(coordinate(a.what)) - Number(coordinate(b.what)))
      for (const request of requests) {
        const where = `${request.method} ${request.url} [${request.what}]`
        try {
          const response = await server.call(request.method, request.url, request.payload, HANG_MS)
          sent++
          if (!ALLOWED.has(response.status)) failures.push(`${where} → ${response.status}: ${response.body.slice(0, 160)}`)
        } catch (error) {
          if ((error as Error).name !== 'TimeoutError') throw error
          failures.push(`${where} → no answer within ${HANG_MS / 1000} s: the server hung (${requests.length - sent - 1} requests after it not sent)`)
          break
        }
      }
    } finally {
      await server.kill()
    }
    expect(failures).toEqual([])
  })
})
