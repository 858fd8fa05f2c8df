import { randomBytes } from 'node:crypto'
import pg from 'pg'

/**
 * A throw-away PostgreSQL database next to the one in `url`, dropped afterwards: a run's server
 * starts on an empty database and leaves nothing behind in the one it was given.
 */
export async function withPostgresDatabase<T>(url: string, task: (databaseUrl: string) => Promise<T>): Promise<T> {
  const name = `yehua_run_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  try {
    const own = new URL(url)
    own.pathname = `/${name}`
    return await task(own.toString())
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    await admin.end()
  }
}
