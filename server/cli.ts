import { parseArgs } from 'node:util'
import type pg from 'pg'
import { readConfig } from './config.ts'
import { prepareDatabase } from './db/prepare-database.ts'
import { reloadDemoDistrict } from './demo/demo-service.ts'
import { describeStartupFailure } from './startup-errors.ts'
import { AuthError, createUser, normalizeUsername, resetPassword } from './auth/auth-service.ts'
import { readCredentials, UsernameTakenError } from './auth/users-repository.ts'
import { isRole, ROLES, type Role } from './auth/roles.ts'
import type { Actor } from './audit/audit-repository.ts'
import { runOsmImportCommand } from './imports/osm/run-osm-import-command.ts'
import { OsmReplaceError } from './imports/osm/osm-import-repository.ts'
import { osmFileFormat } from './imports/osm/read-osm-file.ts'
import { ImportInterrupted } from './imports/progress-printer.ts'
import { LAYER_KINDS, type LayerKind } from './imports/layers/layer-kinds.ts'
import { importFileFormat, LayerImportCommandError, runLayerImportCommand, type LayerImportArguments } from './imports/layers/run-layer-import-command.ts'
import { parseCoordinateSystemId } from './geo/coordinate-systems.ts'
import { listDatasets } from './datasets/datasets-repository.ts'

const usage = `usage: npm run cli -- <command>

commands:
  migrate                        apply pending migrations
  demo:reload [seed]             replace the synthetic demo district (same seed, same data)
  user:create <username> --roles <r,…> [--name <display name>]
                                 create a user and print a generated password once
                                 (roles: ${ROLES.join(', ')})
  user:reset-password <username> print a new generated password once; it must be
                                 changed at the next sign-in
  import:osm <file> [--dry-run] [--series <name>] [--replaces <dataset id>]
             [--candidates <folder>]
                                 import the walk network of an OpenStreetMap file
                                 (.osm or .osm.pbf) as a new dataset version; with
                                 --replaces, the network it replaces is archived;
                                 --dry-run only reads and counts; --candidates writes
                                 the facilities and residential areas it names as
                                 GeoJSON files to check and import
  import <layer> <file> [--crs <id>] [--mapping <saved name | file.json>]
         [--series <name>] [--replaces <dataset id>] [--dry-run]
                                 import ${LAYER_KINDS.join(', ')} from GeoJSON, CSV,
                                 XLSX or a zipped Shapefile (.zip); columns by a saved
                                 mapping or recognised from the headers; --crs wgs84,
                                 cgcs2000, gcj02, bd09 or EPSG:4491–4554
  datasets                       list the datasets and their versions

Imports run in one transaction; Ctrl-C stops them, writing nothing.

The database is the embedded one (LIFECIRCLE_DATA_DIR, default .data/pglite)
unless DATABASE_URL is set. Stop the app first when it uses the embedded database.`

const commands = ['migrate', 'demo:reload', 'user:create', 'user:reset-password', 'import:osm', 'import', 'datasets'] as const
type Command = (typeof commands)[number]

/** The audit trail's name for changes made here. */
const cliActor: Actor = { id: null, name: 'command line', requestId: null }

function fail(message: string): never {
  console.error(`${message}\n\n${usage}`)
  process.exit(2)
}

function parseRoles(value: string | undefined): Role[] {
  if (!value) fail('user:create needs --roles, e.g. --roles admin')
  const roles = value.split(',').map((role) => role.trim()).filter(Boolean)
  const unknown = roles.filter((role) => !isRole(role))
  if (unknown.length > 0) fail(`unknown role ${unknown.map((r) => `"${r}"`).join(', ')}`)
  return roles as Role[]
}

interface UserArguments {
  username: string
  roles: Role[]
  name: string | undefined
}

/** The user name and options of a user command, checked before the database is opened. */
function parseUserArguments(command: 'user:create' | 'user:reset-password', args: string[]): UserArguments {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { roles: { type: 'string' }, name: { type: 'string' } } })
  const username = positionals[0]
  if (!username || positionals.length > 1) fail(`${command} needs exactly one user name`)
  return { username, roles: command === 'user:create' ? parseRoles(values.roles) : [], name: values.name }
}

async function runUserCommand(pool: pg.Pool, command: 'user:create' | 'user:reset-password', { username, roles, name }: UserArguments): Promise<void> {
  if (command === 'user:create') {
    const created = await createUser(pool, cliActor, { username, displayName: name ?? username, roles }, { mustChangePassword: false })
    console.log(`created user "${created.user.username}" with roles ${roles.join(', ')}`)
    console.log(`password: ${created.temporaryPassword}`)
    console.log('(shown only now; the user can change it after signing in)')
    return
  }
  const user = await readCredentials(pool, normalizeUsername(username))
  if (!user) throw new AuthError(404, `no user "${username}"`)
  const reset = await resetPassword(pool, cliActor, user.id, 'reset from the command line')
  console.log(`new password for "${user.username}": ${reset!.temporaryPassword}`)
  console.log('(shown only now; it must be changed at the next sign-in)')
}

const [commandName, ...args] = process.argv.slice(2)
if (!commandName || commandName === 'help' || commandName === '--help') {
  console.log(usage)
  process.exit(commandName ? 0 : 2)
}
if (!(commands as readonly string[]).includes(commandName)) fail(`unknown command "${commandName}"`)
const command = commandName as Command
const seed = command === 'demo:reload' && args[0] !== undefined ? Number(args[0]) : undefined
if (seed !== undefined && !Number.isSafeInteger(seed)) fail(`seed must be an integer, got "${args[0]}"`)
const userArguments = command === 'user:create' || command === 'user:reset-password' ? parseUserArguments(command, args) : undefined
const osmArguments = command === 'import:osm' ? parseOsmArguments(args) : undefined
const layerArguments = command === 'import' ? parseLayerArguments(args) : undefined

function parseDatasetId(value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  const id = Number(value)
  if (!Number.isSafeInteger(id) || id < 1) fail(`--replaces needs a dataset id (see \`datasets\`), got "${value}"`)
  return id
}

interface OsmArguments {
  file: string
  dryRun: boolean
  series: string | undefined
  replaces: number | undefined
  candidatesDir: string | undefined
}

/** The file and options of `import:osm`, checked before the database is opened. */
function parseOsmArguments(args: string[]): OsmArguments {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { 'dry-run': { type: 'boolean' }, series: { type: 'string' }, replaces: { type: 'string' }, candidates: { type: 'string' } },
  })
  const file = positionals[0]
  if (!file || positionals.length > 1) fail('import:osm needs exactly one file')
  if (!osmFileFormat(file)) fail(`import:osm reads .osm and .osm.pbf files, not "${file}"`)
  return { file, dryRun: values['dry-run'] ?? false, series: values.series, replaces: parseDatasetId(values.replaces), candidatesDir: values.candidates }
}

/** The layer, file and options of `import`, checked before the database is opened. */
function parseLayerArguments(args: string[]): LayerImportArguments {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { 'dry-run': { type: 'boolean' }, crs: { type: 'string' }, mapping: { type: 'string' }, series: { type: 'string' }, replaces: { type: 'string' } },
  })
  const [layer, file] = positionals
  if (!layer || !file || positionals.length > 2) fail('import needs a layer and a file, e.g. import facilities 设施台账.xlsx')
  if (!(LAYER_KINDS as readonly string[]).includes(layer)) fail(`unknown layer "${layer}"; one of ${LAYER_KINDS.join(', ')}`)
  if (!importFileFormat(file)) fail(`import reads .geojson, .json, .csv, .xlsx and .zip (Shapefile) files, not "${file}"`)
  let crs = null
  if (values.crs !== undefined) {
    try {
      crs = parseCoordinateSystemId(values.crs)
    } catch (error) {
      fail(`--crs: ${error instanceof Error ? error.message : String(error)}`)
    }
  }
  return { layer: layer as LayerKind, file, crs, mapping: values.mapping, series: values.series, replaces: parseDatasetId(values.replaces), dryRun: values['dry-run'] ?? false }
}

/** Tells the user why an import stopped: exit 130 when interrupted (nothing written), 1 for a file or argument it cannot use. */
function reportImportFailure(error: unknown): void {
  if (error instanceof ImportInterrupted) {
    console.error(error.message)
    process.exitCode = 130
    return
  }
  if (!(error instanceof Error) || !(error instanceof LayerImportCommandError || error instanceof OsmReplaceError || 'code' in error || /OSM|OpenStreetMap/.test(error.message))) throw error
  console.error(error.message)
  process.exitCode = 1
}

/** Runs `import:osm`. */
async function runOsmImport(pool: pg.Pool | undefined, { file, ...options }: OsmArguments): Promise<void> {
  await runOsmImportCommand(pool, file, options).catch(reportImportFailure)
}

/** Runs `import`; exits 1 when the file has problems. */
async function runLayerImport(pool: pg.Pool, args: LayerImportArguments): Promise<void> {
  const ok = await runLayerImportCommand(pool, cliActor, args).catch((error: unknown) => {
    reportImportFailure(error)
    return true
  })
  if (!ok) process.exitCode = 1
}

/** Prints the datasets and their versions. */
async function printDatasets(pool: pg.Pool): Promise<void> {
  for (const d of await listDatasets(pool)) {
    const layers = d.layers.map((l) => `${l.layer} ${l.count}${l.current ? '' : ` (replaced by ${l.replacedBy ?? '?'})`}`).join(', ')
    console.log(`${String(d.id).padStart(4)}  ${d.series} v${d.version}${d.synthetic ? ' [synthetic]' : ''}  ${layers || 'no map data'}  ${d.createdAt.slice(0, 10)}${d.importedBy ? ` ${d.importedBy}` : ''}`)
  }
}

if (osmArguments?.dryRun) {
  await runOsmImport(undefined, osmArguments)
  process.exit()
}

const config = readConfig()
try {
  const database = await prepareDatabase({
    databaseUrl: config.databaseUrl,
    embeddedDataDir: config.embeddedDataDir,
    loadDemoWhenEmpty: false,
    onProgress: (message) => console.log(message),
  })
  try {
    if (command === 'demo:reload') {
      await reloadDemoDistrict(database.pool, seed)
      console.log('reloaded the synthetic demo district')
    } else if (command === 'import:osm') {
      await runOsmImport(database.pool, osmArguments!)
    } else if (command === 'import') {
      await runLayerImport(database.pool, layerArguments!)
    } else if (command === 'datasets') {
      await printDatasets(database.pool)
    } else if (command === 'migrate') {
      console.log('migrations are up to date')
    } else if (userArguments) {
      const failed = await runUserCommand(database.pool, command, userArguments).then(
        () => false,
        (error: unknown) => {
          if (!(error instanceof AuthError || error instanceof UsernameTakenError)) throw error
          console.error(error.message)
          return true
        },
      )
      if (failed) process.exitCode = 1
    }
  } finally {
    await database.close()
  }
} catch (error) {
  console.error(describeStartupFailure(error))
  process.exit(1)
}
