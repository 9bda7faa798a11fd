import { readConfig } from './config.ts'
import { prepareDatabase } from './db/prepare-database.ts'
import { reloadDemoDistrict } from './demo/demo-service.ts'
import { describeStartupFailure } from './startup-errors.ts'

const usage = `usage: npm run cli -- <command>

commands:
  migrate               apply pending migrations
  demo:reload [seed]    replace the synthetic demo district (same seed, same data)

The database is the embedded one (LIFECIRCLE_DATA_DIR, default .data/pglite)
unless DATABASE_URL is set. Stop the app first when it uses the embedded database.`

const [command, ...args] = process.argv.slice(2)
if (!command || command === 'help' || command === '--help') {
  console.log(usage)
  process.exit(command ? 0 : 2)
}
if (command !== 'migrate' && command !== 'demo:reload') {
  console.error(`unknown command "${command}"\n\n${usage}`)
  process.exit(2)
}
const seed = args[0] === undefined ? undefined : Number(args[0])
if (seed !== undefined && !Number.isSafeInteger(seed)) {
  console.error(`seed must be an integer, got "${args[0]}"`)
  process.exit(2)
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
    } else {
      console.log('migrations are up to date')
    }
  } finally {
    await database.close()
  }
} catch (error) {
  console.error(describeStartupFailure(error))
  process.exit(1)
}
