import { mkdirSync } from 'node:fs'
import { buildApp } from './app'
import { readConfig } from './config'
import { openDatabase } from './db/connection'
import { migrateToLatest } from './db/migrate'
import { startBanner, serverUrls } from './demo/banner'
import { issueDemoCodes, writeDemoCodes } from './demo/codes'
import { seedDemo } from './demo/seed'

const config = readConfig()
mkdirSync(config.dataDir, { recursive: true })
const database = openDatabase(config)
const schemaVersion = await migrateToLatest(database)
const app = await buildApp({
  database,
  distDir: config.distDir,
  publicOrigin: config.publicOrigin,
  trustProxy: config.trustProxy,
  logger: { level: process.env.LOG_LEVEL || 'info' },
})

let demo = null
if (config.demo) {
  const seeded = await seedDemo(app.ctx)
  const codes = await issueDemoCodes(app.ctx, seeded?.members.map((m) => m.id))
  demo = { ...codes, file: await writeDemoCodes(config.dataDir, codes.codes) }
}

await app.listen({ port: config.port, host: config.host })
app.log.info({ db: database.dialect, schemaVersion, dataDir: config.dataDir }, 'database ready')
const address = app.server.address()
const port = typeof address === 'object' && address ? address.port : config.port
process.stdout.write(startBanner(serverUrls(config.host, port), demo))

let closing = false
async function shutdown(signal: NodeJS.Signals) {
  if (closing) return
  closing = true
  app.log.info({ signal }, 'shutting down')
  // A stuck connection must not keep the process alive for ever.
  const force = setTimeout(() => process.exit(1), 10_000)
  force.unref()
  try {
    await app.close()
    await database.db.destroy()
    process.exit(0)
  } catch (error) {
    app.log.error({ err: error }, 'shutdown failed')
    process.exit(1)
  }
}
process.on('SIGINT', shutdown)
process.on('SIGTERM', shutdown)
