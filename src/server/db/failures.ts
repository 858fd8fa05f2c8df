// What a database error says about a write: will it pass if tried again later (the connection
// dropped, a lock was busy, the disk was full), or does this write fail whatever the moment (a
// unique value taken, a value the column cannot hold)? The push refuses a mutation for good only
// when it failed twice in the same way and the error is not of the first kind.

/** A database error, as the push judges it. */
export interface WriteFailure {
  /** May pass later: never turned into a refusal. */
  transient: boolean
  /** Equal for two failures of the same kind on the same values. */
  signature: string
  /** A unique value (a receipt code, an id) another row already holds: the column. */
  duplicateOf: string | null
}

// PostgreSQL SQLSTATE classes of conditions outside the write itself: connection (08), rollback
// for serialization or deadlock (40), resources (53), object state such as a lock not available
// (55), operator intervention such as a shutdown (57), system and internal errors (58, XX).
const transientPgClasses = new Set(['08', '40', '53', '55', '57', '58', 'XX'])
// SQLite result codes (better-sqlite3 names them, extended codes included) of the same kind.
const transientSqlite = /^SQLITE_(BUSY|LOCKED|IOERR|FULL|NOMEM|CANTOPEN|PROTOCOL|READONLY|INTERRUPT|CORRUPT|NOTADB|AUTH)/
// Node's socket errors, and pg's own errors that carry no code (a dropped or timed-out connection).
const transientNode = /^(ECONN|ETIMEDOUT|EPIPE|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH)/
const transientMessage = /connection|terminated|timeout|timed out|not queryable/i

/** Judge an error thrown while a mutation's rows were written. */
export function judgeWriteFailure(error: unknown): WriteFailure {
  const failure = error as { code?: unknown; message?: unknown; detail?: unknown } | null
  const code = typeof failure?.code === 'string' ? failure.code : ''
  const message = typeof failure?.message === 'string' ? failure.message : String(error)
  const transient = code
    ? /^[0-9A-Z]{5}$/.test(code)
      ? transientPgClasses.has(code.slice(0, 2))
      : transientSqlite.test(code) || transientNode.test(code)
    : transientMessage.test(message)
  return { transient, signature: `${code}|${message}`, duplicateOf: duplicateColumn(code, message, failure?.detail) }
}

/** The column of a unique violation: PostgreSQL 23505 names it in its detail, SQLite in its message. */
function duplicateColumn(code: string, message: string, detail: unknown): string | null {
  if (code === '23505') {
    const key = typeof detail === 'string' ? /^Key \("?([^")]+)"?\)=/.exec(detail) : null
    return key?.[1] ?? 'id'
  }
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    return /constraint failed: \w+\.(\w+)/.exec(message)?.[1] ?? 'id'
  }
  return null
}
