import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** The file in DATA_DIR that holds the code key when CODE_SECRET is not set. */
export const CODE_KEY_FILE = 'code-secret'

/**
 * The key enrolment codes are hashed with. It is kept outside the database: in `CODE_SECRET`
 * (needed when several servers share one PostgreSQL: each must hash codes alike), else in
 * `<dataDir>/code-secret`, created with 32 random bytes and mode 0600 on first start. Losing it
 * only makes unused codes unusable (issue new ones); tokens of enrolled phones do not depend on it.
 */
export function loadCodeKey(options: { codeSecret: string | null; dataDir: string }): Buffer {
  if (options.codeSecret !== null) return Buffer.from(options.codeSecret, 'utf8')
  const file = join(options.dataDir, CODE_KEY_FILE)
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 })
  try {
    // `wx`: another process (a worker, `npm run setup`) may be creating it at the same moment.
    writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { flag: 'wx', mode: 0o600 })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  }
  const hex = readFileSync(file, 'utf8').trim()
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new Error(`${file} must hold 64 hex digits (the enrolment code key); remove it to make a new one`)
  return Buffer.from(hex, 'hex')
}
