import path from 'node:path'
import pg from 'pg'
import { openPostgres, openSqlite } from '../../src/server/db/connection'
import type { DatabaseHandle } from '../../src/server/db/connection'

/** The local PostgreSQL these machines run (trust auth); `--pg` without a URL uses it. */
export const DEFAULT_PG_URL = 'postgres://postgres@127.0.0.1:5432/test'

/** A database engine to benchmark, with what the server needs to use it and how to reach it directly. */
export interface BenchTarget {
  label: 'SQLite' | 'PostgreSQL'
  /** Extra server environment (`DATABASE_URL` for PostgreSQL). */
  env: Record<string, string>
  /** A second connection from the benchmark process, for seeding and checks. */
  open(dataDir: string): DatabaseHandle
  /** Drop what the run created (the throw-away PostgreSQL database). */
  dispose(): Promise<void>
}

/** The server's default: a SQLite file in its data folder. */
export function sqliteTarget(): BenchTarget {
  return {
    label: 'SQLite',
    env: {},
    open: (dataDir) => openSqlite(path.join(dataDir, 'yehua.sqlite')),
    dispose: async () => {},
  }
}

/** The maintenance URL's server with another database name. */
function withDatabase(url: string, name: string): string {
  const parsed = new URL(url)
  parsed.pathname = `/${name}`
  return parsed.toString()
}

async function admin(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query(statement)
  } finally {
    await client.end()
  }
}

/**
 * A throw-away database on the PostgreSQL server of `baseUrl`, created now and dropped by
 * `dispose()`, so a run never touches the data of tests or of another run.
 */
export async function postgresTarget(baseUrl: string): Promise<BenchTarget> {
  const name = `yehua_bench_${process.pid}_${Date.now()}`
  await admin(baseUrl, `CREATE DATABASE "${name}"`)
  const url = withDatabase(baseUrl, name)
  return {
    label: 'PostgreSQL',
    env: { DATABASE_URL: url },
    open: () => openPostgres(url, 2),
    dispose: () => admin(baseUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  }
}
