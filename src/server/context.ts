import { randomBytes } from 'node:crypto'
import type { DatabaseHandle } from './db/connection'
import { createAuthCache } from './identity/authenticate'
import { createPageCache } from './sync/pageCache'
import type { PageCache } from './sync/pageCache'
import { createDeviceRepository } from './db/devices-repository'
import { createEnrolmentCodeRepository } from './db/enrolment-codes-repository'
import { createRecordRepository } from './db/records-repository'
import { createRejectionRepository } from './db/rejections-repository'

/** What routes and services share: the database, its repositories and the clock. */
export interface AppContext {
  database: DatabaseHandle
  records: ReturnType<typeof createRecordRepository>
  devices: ReturnType<typeof createDeviceRepository>
  codes: ReturnType<typeof createEnrolmentCodeRepository>
  rejections: ReturnType<typeof createRejectionRepository>
  /** The server's clock; tests swap it instead of sleeping. */
  clock: () => Date
  /** The key enrolment codes are hashed with (see `identity/codeKey.ts`). */
  codeKey: Buffer
  /** Recent authentications by token hash, for the pull (see `authenticateToken`). */
  authCache: ReturnType<typeof createAuthCache>
  /** Recent pull pages (see `sync/pageCache.ts`). */
  pages: PageCache
}

/**
 * What routes and services share. Without `codeKey` the codes this context issues can be used
 * only through it (tests): a server passes the one of `loadCodeKey`.
 */
export function createContext(
  database: DatabaseHandle,
  { clock = () => new Date(), codeKey = randomBytes(32) }: { clock?: () => Date; codeKey?: Buffer } = {},
): AppContext {
  const { db } = database
  return {
    database,
    records: createRecordRepository(db),
    devices: createDeviceRepository(db),
    codes: createEnrolmentCodeRepository(db),
    rejections: createRejectionRepository(db),
    clock,
    codeKey,
    authCache: createAuthCache(),
    pages: createPageCache(),
  }
}

/** The clock as an ISO instant, the format every stored time uses. */
export function nowIso(ctx: Pick<AppContext, 'clock'>): string {
  return ctx.clock().toISOString()
}
