import type { TableName, Tables } from '@shared/records'

/** How a record field is stored: booleans as 0/1, objects and arrays as JSON text. */
type Stored<V> = V extends boolean ? number : V extends string | number | null ? V : string

/** The stored row of a synced table: same column names as the shared record. */
export type StoredRecord<R> = { [K in keyof R]: Stored<R[K]> }

export interface DeviceTable {
  id: string
  memberId: string
  tokenHash: string
  label: string
  createdAt: string
  lastSeenAt: string | null
  revokedAt: string | null
  /** The last mutation id applied from this device (sync push). */
  lastMid: number
  /** The actor scope of the device's last pull (`role:township:village`); a change forces a reset. */
  scopeKey: string | null
  /** The app version the device last synced with (`?v=` of push and pull; migration 007). */
  appVersion: string | null
}

/** One administrative action (migration 007): who did what to which row, when. */
export interface AuditLogTable {
  id: string
  townshipId: string
  /** The member who acted (an admin, or `setup` for the command line). */
  actorId: string
  action: string
  targetType: string
  targetId: string | null
  /** JSON text: what changed (names, roles, the year entered), never a code or a token. */
  detail: string | null
  at: string
}

export interface EnrolmentCodeTable {
  codeHash: string
  memberId: string
  /** `demo` codes are re-issued at start while unused; `issued` ones come from an admin. */
  kind: 'demo' | 'issued'
  createdAt: string
  expiresAt: string
  usedAt: string | null
}

export interface RejectionTable {
  deviceId: string
  mid: number
  name: string
  code: string
  field: string | null
  detail: string | null
  createdAt: string
}

export interface BlobTable {
  sha256: string
  mime: string
  size: number
  bytes: Uint8Array
  createdAt: string
}

/** Wrong enrolment codes counted under a key since a time (see identity/enrolGuard.ts). */
export interface EnrolFailureTable {
  key: string
  count: number
  since: string
}

/** A villager's receipt (`/v/<code>`): only hashes, see migration 004. */
export interface VillagerReceiptTable {
  /** SHA-256 of `<villageId>:<code>`: a code opens only its own village's items. */
  codeHash: string
  villageId: string
  suggestionId: string
  /** SHA-256 of the secret the submitting phone keeps (needed to rate). */
  secretHash: string
  /** SHA-256 of the phone's own random key. */
  deviceHash: string
  /** SHA-256 of the text as compared for "the same text" (`sameTextKey`). */
  textHash: string
  createdAt: string
}

export interface CounterTable {
  name: string
  value: number
}

/** The Kysely database: one table per synced record type plus server-only tables. */
export type Database = { [T in TableName]: StoredRecord<Tables[T]> } & {
  devices: DeviceTable
  enrolment_codes: EnrolmentCodeTable
  rejections: RejectionTable
  blobs: BlobTable
  counters: CounterTable
  enrol_failures: EnrolFailureTable
  villager_receipts: VillagerReceiptTable
  audit_log: AuditLogTable
}
