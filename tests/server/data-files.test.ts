import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openSqlite } from '../../src/server/db/connection'
import { migrateToLatest } from '../../src/server/db/migrate'
import { writeDemoCodes } from '../../src/server/demo/codes'
import { CODE_KEY_FILE, loadCodeKey } from '../../src/server/identity/codeKey'
import { startServer } from '../e2e/support/server'

// What the server keeps in DATA_DIR (the SQLite database with phone numbers, the enrolment code
// key, the demo codes) is readable by the server's user only.

const modeOf = (file: string) => statSync(file).mode & 0o777

describe('the data folder', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'yehua-data-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('creates the SQLite database and its WAL files with mode 0600', async () => {
    const handle = openSqlite(join(dir, 'yehua.sqlite'))
    try {
      await migrateToLatest(handle)
      for (const name of ['yehua.sqlite', 'yehua.sqlite-wal', 'yehua.sqlite-shm']) expect([name, modeOf(join(dir, name))]).toEqual([name, 0o600])
    } finally {
      await handle.db.destroy()
    }
  })

  it('narrows a database file an older version created readable by all', async () => {
    const file = join(dir, 'yehua.sqlite')
    writeFileSync(file, '')
    chmodSync(file, 0o644)
    const handle = openSqlite(file)
    await handle.db.destroy()
    expect(modeOf(file)).toBe(0o600)
  })

  it('writes the demo codes with mode 0600', async () => {
    const file = await writeDemoCodes(dir, [])
    expect(modeOf(file)).toBe(0o600)
  })

  it('keeps the code key in a file of mode 0600 made once, unless CODE_SECRET gives it', () => {
    const key = loadCodeKey({ codeSecret: null, dataDir: dir })
    expect(key).toHaveLength(32)
    expect(modeOf(join(dir, CODE_KEY_FILE))).toBe(0o600)
    expect(readFileSync(join(dir, CODE_KEY_FILE), 'utf8')).toBe(`${key.toString('hex')}\n`)
    expect(loadCodeKey({ codeSecret: null, dataDir: dir })).toEqual(key)
    const other = mkdtempSync(join(tmpdir(), 'yehua-data-'))
    try {
      expect(loadCodeKey({ codeSecret: 's'.repeat(40), dataDir: other })).toEqual(Buffer.from('s'.repeat(40)))
      expect(readdirSync(other)).toEqual([])
    } finally {
      rmSync(other, { recursive: true, force: true })
    }
  })

  it('leaves nothing in a real server’s data folder that others may read', async () => {
    const dist = mkdtempSync(join(tmpdir(), 'yehua-nodist-'))
    const server = await startServer({ distDir: dist })
    try {
      const files = readdirSync(server.dataDir)
      expect(files).toEqual(expect.arrayContaining(['yehua.sqlite', 'demo-codes.json', CODE_KEY_FILE]))
      expect(files.map((name) => [name, modeOf(join(server.dataDir, name))])).toEqual(files.map((name) => [name, 0o600]))
    } finally {
      await server.stop()
      rmSync(dist, { recursive: true, force: true })
    }
  }, 60_000)
})
