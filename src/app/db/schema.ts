import Dexie, { type EntityTable } from 'dexie'
import type { RemarkSubjectType } from '@shared/mutations/remark'
import type { Tables } from '@shared/records'
import { DB_NAME } from './peek'
import { RECORDS_STAMP_KEY, freshStamp, recordsStampMiddleware } from './stamp'

/** A local write waiting to reach the server: one named mutation, in device order. */
export interface OutboxEntry {
  /** Mutation id, counting up by one per device write; never reused. */
  mid: number
  name: string
  args: unknown
  /** The phone's clock when the person acted; for display and for re-applying locally. */
  clientTime: string
}

/** The item a refused change was about, read from this phone's copy when the refusal came. */
export interface RejectionSubject {
  /** What kind of item it is; a remark can be recorded on it instead. */
  type: RemarkSubjectType
  id: string
  /** A suggestion's content, a decision's text, a meeting's, topic's or escalation's title. */
  title: string
  /** The title of the meeting it belongs to, when it belongs to one. */
  meetingTitle: string | null
}

/** A change the server refused; shown to the person until they dismiss it. */
export interface LocalRejection {
  /** `${deviceId}:${mid}`: mids restart when a phone enrols again as a new device. */
  key: string
  mid: number
  name: string
  args: unknown
  code: string
  field?: string
  detail?: string
  at: string
  /** What it was about; absent when there is no such item (or the refusal came before this was kept). */
  subject?: RejectionSubject
}

/**
 * The server's copy of a row that pending local mutations have changed (null: the row did not
 * exist). After a pull, these are restored and the pending mutations re-applied on top.
 */
export interface BaseEntry {
  /** `${table}:${id}` */
  ref: string
  table: keyof Tables
  row: Tables[keyof Tables] | null
}

/** Whether a stored blob has reached the server: `refused` ones (too large, wrong type) never will. */
export type BlobState = 'pending' | 'uploaded' | 'refused'

/**
 * The bytes of a photo or voice note, by content hash. Kept as an ArrayBuffer, not a Blob: every
 * browser (older iOS Safari included) stores ArrayBuffers in IndexedDB.
 */
export interface BlobEntry {
  /** Hex SHA-256 of `bytes`. */
  sha256: string
  bytes: ArrayBuffer
  /** Media type without parameters, e.g. `image/jpeg`, `audio/webm`. */
  mime: string
  size: number
  state: BlobState
}

export interface MetaEntry {
  key: string
  value: unknown
}

type RecordTables = { [T in keyof Tables]: EntityTable<Tables[T], 'id'> }

/** The device database: domain tables mirror the server; outbox and meta are the device's own. */
export type YehuaDb = Dexie &
  RecordTables & {
    outbox: EntityTable<OutboxEntry, 'mid'>
    rejections: EntityTable<LocalRejection, 'key'>
    base: EntityTable<BaseEntry, 'ref'>
    blobs: EntityTable<BlobEntry, 'sha256'>
    meta: EntityTable<MetaEntry, 'key'>
  }

export { DB_NAME }

/** Open (lazily) the versioned device database. Each schema change is a new `version(n)`. */
export function createDb(name = DB_NAME): YehuaDb {
  const db = new Dexie(name) as YehuaDb
  db.version(1).stores({
    townships: 'id',
    villages: 'id, townshipId, code',
    members: 'id, villageId',
    suggestions: 'id, [villageId+createdAt], status, topicId, receiptCode',
    meetings: 'id, [villageId+startsAt], status',
    topics: 'id, meetingId',
    remarks: 'id, subjectId, villageId',
    decisions: 'id, villageId, meetingId, status',
    escalations: 'id, villageId, townshipId, status',
    attachments: 'id, sha256',
    outbox: 'mid',
    rejections: 'key, at',
    base: 'ref',
    meta: 'key',
  })
  // Photos and voice notes kept on the phone until uploaded (and after, as the local copy).
  db.version(2).stores({ blobs: 'sha256, state', attachments: 'id, sha256, subjectId' })
  // The inbox count and the triage lists read a village's suggestions of one status by index: a
  // filtered cursor over every new suggestion ran on each pulled page of a first sync.
  db.version(3).stores({ suggestions: 'id, [villageId+createdAt], status, topicId, receiptCode, [villageId+status]' })
  // Meeting mode and the minutes read what was raised and reported at a meeting by its id (rows
  // without one are not in the index).
  db.version(4).stores({
    suggestions: 'id, [villageId+createdAt], status, topicId, receiptCode, [villageId+status], meetingId',
    remarks: 'id, subjectId, villageId, meetingId',
  })
  // Every write to a record table moves the records' stamp (what derived data kept on the device
  // checks). A new version, so that a tab still running an older build (which writes no stamp)
  // is told to reload; the upgrade stamps the records it finds.
  db.version(5).stores({}).upgrade((tx) => tx.table('meta').put({ key: RECORDS_STAMP_KEY, value: freshStamp() }))
  // The desk's queue reads the villagers' own ratings (a few among thousands of suggestions) by
  // index, alongside the escalations: looking up each resolved or closed escalation's suggestions
  // took ~100 ms per read of 5,000 (bench:township). Suggestions without a rating are not in it.
  db.version(6).stores({
    suggestions: 'id, [villageId+createdAt], status, topicId, receiptCode, [villageId+status], meetingId, rating.by',
  })
  db.use(recordsStampMiddleware)
  return db
}
