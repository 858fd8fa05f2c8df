// `npm run setup -- --township 郭村镇 --village 刘土城村 --village 孙庄村=szc01 --admin 赵管理员`
// First-run setup of a real township on the server's database (DATA_DIR / DATABASE_URL); run it
// again to add villages or to give the admin a new enrolment code. Safe while the server runs.
// Exit codes: 0 done, 2 bad arguments or a clash with stored data (nothing written), 1 other errors.
import { readConfig } from '../src/server/config'
import { createContext } from '../src/server/context'
import { openDatabase } from '../src/server/db/connection'
import { loadCodeKey } from '../src/server/identity/codeKey'
import { migrateToLatest } from '../src/server/db/migrate'
import { parseSetupArgs, setupOrigin, setupReport, setupTownship, SetupError, setupUsage } from '../src/server/setup/township'

function refuse(error: SetupError): never {
  process.stderr.write(`setup: ${error.message}\n\n${setupUsage}\n`)
  process.exit(2)
}

let request
try {
  request = parseSetupArgs(process.argv.slice(2))
} catch (error) {
  if (error instanceof SetupError) refuse(error)
  throw error
}
if (request === null) {
  process.stdout.write(`${setupUsage}\n`)
  process.exit(0)
}

const config = readConfig()
const database = openDatabase(config)
try {
  await migrateToLatest(database)
  // Codes are hashed with the server's key: from CODE_SECRET or DATA_DIR, as the server reads it.
  const result = await setupTownship(createContext(database, { codeKey: loadCodeKey(config) }), request)
  process.stdout.write(await setupReport(result, setupOrigin(config)))
} catch (error) {
  await database.db.destroy()
  if (error instanceof SetupError) refuse(error)
  process.stderr.write(`setup failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`)
  process.exit(1)
}
await database.db.destroy()
