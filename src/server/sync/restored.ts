/** The counter naming the version a restored database stopped at (`markRestored` in admin/backup.ts). */
export const RESTORED_HEAD_COUNTER = 'restoredHead'

/**
 * How far a restore moves the version counter on: more versions than a server can have handed out
 * between the backup and the restore. Versions stay far below 2^53.
 */
export const RESTORE_GAP = 1_000_000_000
