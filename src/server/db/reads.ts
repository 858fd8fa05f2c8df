import SQLite from 'better-sqlite3'
import { CompiledQuery } from 'kysely'
import type { Kysely } from 'kysely'
import type { DatabaseHandle } from './connection'
import type { Database } from './schema'

/**
 * One read statement: SQL with `?` placeholders, written once for both engines (identifiers
 * double-quoted, no engine-specific syntax), and its parameters in order.
 */
export interface ReadQuery {
  sql: string
  parameters: readonly unknown[]
}

/** Runs a read and answers its rows as the driver returns them (SQLite 0/1, PostgreSQL booleans). */
export type Read = <R = Record<string, unknown>>(query: ReadQuery) => Promise<R[]>

/** Prepared statements kept by their SQL, least recently used out; `IN (…)` lists come in many lengths. */
export function statementCache(sqlite: SQLite.Database, size = 500): (sql: string) => SQLite.Statement {
  const statements = new Map<string, SQLite.Statement>()
  return (sql) => {
    const statement = statements.get(sql) ?? sqlite.prepare(sql)
    // Map order is insertion order: move this one to the end, drop the oldest at the front.
    statements.delete(sql)
    statements.set(sql, statement)
    if (statements.size > size) statements.delete(statements.keys().next().value!)
    return statement
  }
}

/**
 * A second, read-only connection to the SQLite file for the hot read path (authentication and
 * pull). It sees committed data only, never the writer's open transaction; in WAL mode a read
 * transaction on it is a snapshot that writers do not block. Statements run synchronously on
 * prepared statements: no query building, no pool, no promise per row.
 */
export class SqliteReader {
  private readonly sqlite: SQLite.Database
  private readonly prepare: (sql: string) => SQLite.Statement
  /** Snapshots take turns: a read transaction cannot nest on one connection. */
  private queue: Promise<unknown> = Promise.resolve()

  constructor(file: string) {
    this.sqlite = new SQLite(file, { readonly: true })
    this.sqlite.pragma('busy_timeout = 5000')
    this.sqlite.pragma('cache_size = -65536')
    this.prepare = statementCache(this.sqlite)
  }

  all<R>(query: ReadQuery): R[] {
    return this.prepare(query.sql).all(...query.parameters) as R[]
  }

  /** Run `fn` inside one read transaction; other snapshots wait their turn. */
  snapshot<T>(fn: (read: Read) => Promise<T>): Promise<T> {
    const run = async () => {
      this.sqlite.exec('begin')
      try {
        return await fn(async (query) => this.all(query))
      } finally {
        this.sqlite.exec('commit')
      }
    }
    const result = this.queue.then(run, run)
    this.queue = result.catch(() => undefined)
    return result
  }

  close(): void {
    this.sqlite.close()
  }
}

/** `?` placeholders as PostgreSQL's `$1, $2, …`; our read SQL holds no other question mark. */
const pgText = new Map<string, string>()
function toPostgres(sql: string): string {
  let text = pgText.get(sql)
  if (text === undefined) {
    let n = 0
    text = sql.replace(/\?/g, () => `$${++n}`)
    if (pgText.size > 500) pgText.clear()
    pgText.set(sql, text)
  }
  return text
}

/** A `Read` over a PostgreSQL connection or transaction through Kysely. */
export function kyselyRead(db: Kysely<Database>): Read {
  return async <R>(query: ReadQuery) => {
    const result = await db.executeQuery<R>(CompiledQuery.raw(toPostgres(query.sql), [...query.parameters]))
    return result.rows as R[]
  }
}

/**
 * Run `fn` with reads that all see one snapshot of committed data: on SQLite a read transaction
 * on the read-only connection, on PostgreSQL a repeatable-read transaction.
 */
export function readSnapshot<T>(database: DatabaseHandle, fn: (read: Read) => Promise<T>): Promise<T> {
  if (database.reader) return database.reader.snapshot(fn)
  return database.db.transaction().setIsolationLevel('repeatable read').execute((trx) => fn(kyselyRead(trx)))
}

/** Reads of committed data, each statement on its own (no snapshot across them). */
export function committedReads(database: DatabaseHandle): Read {
  const { reader } = database
  return reader ? async (query) => reader.all(query) : kyselyRead(database.db)
}
