import { availableParallelism } from 'node:os'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { DEFAULT_ENROL_FAILURES_PER_HOUR } from './identity/enrolGuard'
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
  /**
   * Which `X-Forwarded-For` entries name the client: false trusts none; a number trusts that many
   * proxy hops in front of the server; a list trusts proxies at those addresses (IPs, CIDRs, or
   * `loopback`, `linklocal`, `uniquelocal`). Never every hop: the left-most entry is the client's to write.
   */
  trustProxy: false | number | string
  /** The key enrolment codes are hashed with, when given (several servers on one PostgreSQL); else a file in dataDir. */
  codeSecret: string | null
  /** Wrong enrolment codes per hour, over all clients, after which enrolment waits out the hour. */
  enrolFailuresPerHour: number
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

/** TRUST_PROXY: off, a hop count 1–10, or a comma-separated list of proxy addresses. */
function trustProxy(value: string | undefined): false | number | string {
  if (value === undefined || ['', '0', 'false', 'off', 'no'].includes(value.toLowerCase())) return false
  const hops = wholeNumber(value, 1, 10)
  if (hops !== null) return hops
  if (['true', 'on', 'yes'].includes(value.toLowerCase())) {
    throw new Error(`TRUST_PROXY=${value} would trust every X-Forwarded-For entry; give the number of proxies in front (e.g. 1) or their addresses`)
  }
  const addresses = value.split(',').map((part) => part.trim())
  const address = /^(loopback|linklocal|uniquelocal|\d{1,3}(\.\d{1,3}){3}(\/\d{1,2})?|[0-9a-f]*:[0-9a-f:.]*(\/\d{1,3})?)$/i
  if (addresses.some((part) => !address.test(part))) {
    throw new Error(`TRUST_PROXY must be off, a number of proxy hops (1–10) or proxy addresses (IPs, CIDRs, loopback), got ${value}`)
  }
  return addresses.join(',')
}

function codeSecret(value: string | undefined): string | null {
  if (value === undefined || value === '') return null
  if (value.length < 32) throw new Error('CODE_SECRET must be at least 32 characters (e.g. `openssl rand -hex 32`)')
  return value
}

function enrolFailuresPerHour(value: string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_ENROL_FAILURES_PER_HOUR
  const limit = wholeNumber(value, 1, 100_000)
  if (limit === null) throw new Error(`ENROL_FAILURES_PER_HOUR must be 1–100000, got ${value}`)
  return limit
}

function tombstoneDays(value: string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_TOMBSTONE_DAYS
  const days = wholeNumber(value, 1, 3650)
  if (days === null) throw new Error(`TOMBSTONE_DAYS must be 1–3650, got ${value}`)
  return days
}

/**
 * Read the config: PORT, HOST, DATA_DIR, DATABASE_URL, DIST_DIR, PUBLIC_ORIGIN, DEMO, TRUST_PROXY,
 * CODE_SECRET, ENROL_FAILURES_PER_HOUR, WORKERS, TOMBSTONE_DAYS. Reads only the environment.
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
    trustProxy: trustProxy(env.TRUST_PROXY),
    codeSecret: codeSecret(env.CODE_SECRET),
    enrolFailuresPerHour: enrolFailuresPerHour(env.ENROL_FAILURES_PER_HOUR),
    workers: workerCount(env.WORKERS),
    tombstoneDays: tombstoneDays(env.TOMBSTONE_DAYS),
  }
}
