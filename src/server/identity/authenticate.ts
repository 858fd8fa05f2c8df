import type { Member } from '@shared/records'
import { LRUCache } from 'lru-cache'
import type { AppContext } from '../context'
import { decodeRecord } from '../db/codec'
import type { DeviceRow } from '../db/devices-repository'
import { committedReads } from '../db/reads'
import type { StoredRecord } from '../db/schema'
import { actorOf } from './session'
import type { MemberActor } from './session'
import { sha256 } from './secrets'

/** Who sent an authenticated request. */
export interface Authenticated {
  device: DeviceRow
  member: Member
  actor: MemberActor
}

export type AuthFailure = 'unauthenticated' | 'device_revoked'

// Writing lastSeenAt on every request would turn each read into a write; once a minute is plenty.
const TOUCH_EVERY_MS = 60_000

const DEVICE_PREFIX = 'device.'
const deviceColumns: readonly (keyof DeviceRow)[] = [
  'id', 'memberId', 'tokenHash', 'label', 'createdAt', 'lastSeenAt', 'revokedAt', 'lastMid', 'scopeKey', 'appVersion',
]
/** The device by its token hash and its member's row, together. */
const AUTH_SQL =
  `select ${deviceColumns.map((c) => `d."${c}" as "${DEVICE_PREFIX}${c}"`).join(', ')}, m.* ` +
  'from "devices" d left join "members" m on m."id" = d."memberId" where d."tokenHash" = ?'

/**
 * Answers of `authenticateToken` by token hash, for routes that check them again inside their own
 * read (the pull does, in its probe: see `PullProbe.revokedAt`). Per process; entries age out.
 */
export function createAuthCache(): LRUCache<string, Authenticated> {
  return new LRUCache<string, Authenticated>({ max: 10_000, ttl: 10 * 60_000 })
}

/**
 * Resolve a `Bearer` token to its device, member and actor. With `cached`, an earlier answer for
 * the same token may be reused: only for callers that check it again before answering.
 */
export async function authenticateToken(
  ctx: AppContext,
  token: string,
  { cached = false }: { cached?: boolean } = {},
): Promise<{ ok: true; auth: Authenticated } | { ok: false; code: AuthFailure }> {
  const tokenHash = sha256(token)
  const known = cached ? ctx.authCache.get(tokenHash) : undefined
  if (known) {
    await touch(ctx, known.device)
    return { ok: true, auth: known }
  }
  // Every other request runs this: one statement on committed data (SQLite: the read-only connection).
  const [row] = await committedReads(ctx.database)<Record<string, unknown>>({ sql: AUTH_SQL, parameters: [tokenHash] })
  if (!row) return { ok: false, code: 'unauthenticated' }
  const stored: Record<string, unknown> = {}
  const fields: Record<string, unknown> = {}
  for (const [column, value] of Object.entries(row)) {
    if (column.startsWith(DEVICE_PREFIX)) fields[column.slice(DEVICE_PREFIX.length)] = value
    else stored[column] = value
  }
  const device = fields as unknown as DeviceRow
  if (device.revokedAt !== null) return { ok: false, code: 'device_revoked' }
  // A left join: the member's columns are all null when the member row is gone.
  const member = stored.id === null ? undefined : decodeRecord('members', stored as unknown as StoredRecord<Member>)
  const actor = member && member.deletedAt === null ? actorOf(member) : null
  if (!member || !actor) return { ok: false, code: 'device_revoked' }
  await touch(ctx, device)
  const auth = { device, member, actor }
  ctx.authCache.set(tokenHash, auth)
  return { ok: true, auth }
}

/** Forget a token's cached answer (it no longer matches the database). */
export function forgetToken(ctx: AppContext, token: string): void {
  ctx.authCache.delete(sha256(token))
}

/** Note the device as seen, at most once a minute; the cached row follows. */
async function touch(ctx: AppContext, device: DeviceRow): Promise<void> {
  const now = ctx.clock()
  if (!device.lastSeenAt || now.getTime() - Date.parse(device.lastSeenAt) > TOUCH_EVERY_MS) {
    device.lastSeenAt = now.toISOString()
    await ctx.devices.touch(device.id, device.lastSeenAt)
  }
}

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+([A-Za-z0-9_-]{20,200})\s*$/i.exec(header ?? '')
  return match?.[1] ?? null
}
