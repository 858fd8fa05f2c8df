import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import SQLite from 'better-sqlite3'
import type { DatabaseHandle } from '../db/connection'
import { RESTORE_GAP, RESTORED_HEAD_COUNTER } from '../sync/restored'

/** The name of the database file in DATA_DIR (see `openDatabase`). */
export const SQLITE_FILE = 'yehua.sqlite'

/** A backup cannot be taken or restored this way; `message` says why, in words. */
export class BackupError extends Error {
  override readonly name = 'BackupError'
}

/**
 * Copy the running SQLite database to `dest` with SQLite's online backup API (better-sqlite3
 * `backup()`): one consistent snapshot even while phones push, without stopping the server.
 * Pages changed during the copy make it start again, so every committed transaction is either
 * wholly in the copy or not at all. PostgreSQL: `BackupError` (use pg_dump, see README).
 */
export async function takeSqliteBackup(database: DatabaseHandle, dest: string): Promise<void> {
  if (database.dialect !== 'sqlite' || !database.file) {
    throw new BackupError('this server runs on PostgreSQL: back it up with pg_dump (README, "Backup and restore")')
  }
  const source = new SQLite(database.file, { readonly: true, fileMustExist: true })
  try {
    await source.backup(dest)
    chmodSync(dest, 0o600)
  } finally {
    source.close()
  }
}

/**
 * Restore a backup file into an empty data folder (created if missing): checks that the file is
 * a yehua SQLite database that passes SQLite's integrity check, then copies it in as
 * `yehua.sqlite`, readable by the server's user only. Refuses a folder that holds anything, so a
 * restore never overwrites live data. Returns the database file's path.
 */
export function restoreSqliteBackup(file: string, dataDir: string): string {
  if (!existsSync(file)) throw new BackupError(`no such file: ${file}`)
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
    throw new BackupError(`the data folder ${dataDir} is not empty: restore into an empty folder (set DATA_DIR), then start the server on it`)
  }
  let check: SQLite.Database | null = null
  try {
    check = new SQLite(file, { readonly: true, fileMustExist: true })
    const integrity = check.pragma('integrity_check', { simple: true })
    if (integrity !== 'ok') throw new BackupError(`the backup is damaged: ${String(integrity)}`)
    const tables = new Set((check.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]).map((t) => t.name))
    for (const needed of ['townships', 'devices', 'counters']) {
      if (!tables.has(needed)) throw new BackupError(`${file} is not a yehua backup (it has no ${needed} table)`)
    }
  } catch (error) {
    if (error instanceof BackupError) throw error
    throw new BackupError(`${file} is not a SQLite database: ${(error as Error).message}`)
  } finally {
    check?.close()
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  const target = join(dataDir, SQLITE_FILE)
  try {
    copyFileSync(file, target)
    chmodSync(target, 0o600)
    markRestored(target)
  } catch (error) {
    rmSync(target, { force: true })
    throw error
  }
  return target
}

/**
 * Mark a restored database: remember the version it stopped at (`restoredHead`) and move the
 * counter `RESTORE_GAP` on. Phones may hold a cursor between the two (they pulled rows the old
 * server handed out after the backup, which this one no longer has): their next pull answers
 * `reset` (`cursorExpired` in sync/pull.ts), however many changes this server has taken since,
 * and removes those rows from the phone. After the reset their cursor lies outside that range.
 */
function markRestored(file: string): void {
  const db = new SQLite(file)
  try {
    db.transaction(() => {
      const row = db.prepare(`select "value" from "counters" where "name" = 'version'`).get() as { value: number } | undefined
      const head = Number(row?.value ?? 0)
      db.prepare(`update "counters" set "value" = ? where "name" = 'version'`).run(head + RESTORE_GAP)
      db.prepare(`delete from "counters" where "name" = ?`).run(RESTORED_HEAD_COUNTER)
      db.prepare(`insert into "counters" ("name", "value") values (?, ?)`).run(RESTORED_HEAD_COUNTER, head)
    })()
  } finally {
    db.close()
  }
}
