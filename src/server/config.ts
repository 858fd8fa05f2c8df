import { availableParallelism } from 'node:os'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { DEFAULT_TOMBSTONE_DAYS } from './sync/tombstones'

/** Server settings, read from the environment once at start. */
export interface ServerConfig {
  port: number
  host: string
  /** Folder for the SQLite file and demo-codes.json; created if missing. */
  dataDir: string
  /** PostgreSQL connection URL; null → SQLite at `<dataDir>/yehua.sqlite`. */
  databaseUrl: string | null
  /** The built PWA. */
  distDir: string
  /** Origin for enrol links and QR codes (e.g. https://yehua.example.cn); null → from each request. */
  publicOrigin: string | null
  /** Seed the demo township into an empty database and print demo codes. */
  demo: boolean
  trustProxy: boolean
  /** Server processes sharing the port: 1, or one per core with `WORKERS=auto`. */
  workers: number
  /** Days a deleted row is still handed out as a tombstone before it is purged. */
  tombstoneDays: number
}

const repoRoot = fileURLToPath(new URL('../..', import.meta.url))

function flag(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback
  return !['0', 'false', 'off', 'no'].includes(value.toLowerCase())
}

/** A whole number written in plain digits within `min`–`max`, else null. */
function wholeNumber(value: string, min: number, max: number): number | null {
  const n = /^\d+$/.test(value) ? Number(value) : NaN
  return n >= min && n <= max ? n : null
}

function workerCount(value: string | undefined): number {
  if (value === undefined || value === '') return 1
  if (value === 'auto') return availableParallelism()
  const count = wholeNumber(value, 1, 64)
  if (count === null) throw new Error(`WORKERS must be 1–64 or auto, got ${value}`)
  return count
}

function tombstoneDays(value: string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_TOMBSTONE_DAYS
  const days = wholeNumber(value, 1, 3650)
  if (days === null) throw new Error(`TOMBSTONE_DAYS must be 1–3650, got ${value}`)
  return days
}

/**
 * Read the config: PORT, HOST, DATA_DIR, DATABASE_URL, DIST_DIR, PUBLIC_ORIGIN, DEMO, TRUST_PROXY,
 * WORKERS, TOMBSTONE_DAYS.
 */
export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = Number(env.PORT || 8080)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got ${env.PORT}`)
  return {
    port,
    host: env.HOST || '0.0.0.0',
    dataDir: resolve(env.DATA_DIR || './data'),
    databaseUrl: env.DATABASE_URL || null,
    distDir: resolve(env.DIST_DIR || resolve(repoRoot, 'dist')),
    publicOrigin: env.PUBLIC_ORIGIN?.replace(/\/+$/, '') || null,
    demo: flag(env.DEMO, true),
    trustProxy: flag(env.TRUST_PROXY, false),
    workers: workerCount(env.WORKERS),
    tombstoneDays: tombstoneDays(env.TOMBSTONE_DAYS),
  }
}
