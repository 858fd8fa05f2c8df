import type { CreateTableBuilder, Kysely, Migration } from 'kysely'
import type { DialectName } from '../connection'

// Migrations see the schema as it was then, not the current `Database` type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>
type Table = CreateTableBuilder<string, never>

/** Columns every synced record has. */
function base(table: Table): Table {
  return table
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('version', 'bigint', (c) => c.notNull())
    .addColumn('createdAt', 'text', (c) => c.notNull())
    .addColumn('updatedAt', 'text', (c) => c.notNull())
    .addColumn('deletedAt', 'text')
}

/** The synced tables: columns named as the shared record fields; JSON as text, booleans 0/1. */
const syncedTables: Record<string, (t: Table) => Table> = {
  townships: (t) => t.addColumn('name', 'text', (c) => c.notNull()).addColumn('policy', 'text', (c) => c.notNull()),
  villages: (t) =>
    t
      .addColumn('townshipId', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('code', 'text', (c) => c.notNull().unique()),
  members: (t) =>
    t
      .addColumn('townshipId', 'text', (c) => c.notNull())
      .addColumn('villageId', 'text')
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull()),
  suggestions: (t) =>
    t
      .addColumn('villageId', 'text', (c) => c.notNull())
      .addColumn('content', 'text', (c) => c.notNull())
      .addColumn('category', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('submitterName', 'text')
      .addColumn('submitterPhone', 'text')
      .addColumn('publicName', 'integer', (c) => c.notNull())
      .addColumn('enteredBy', 'text')
      .addColumn('receiptCode', 'text', (c) => c.notNull().unique())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('topicId', 'text')
      .addColumn('mergedInto', 'text')
      .addColumn('answer', 'text')
      .addColumn('declineReason', 'text')
      .addColumn('rating', 'text')
      .addColumn('attachmentIds', 'text', (c) => c.notNull()),
  meetings: (t) =>
    t
      .addColumn('villageId', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('startsAt', 'text', (c) => c.notNull())
      .addColumn('place', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attendance', 'integer', (c) => c.notNull())
      .addColumn('noticeText', 'text')
      .addColumn('summary', 'text'),
  topics: (t) =>
    t
      .addColumn('villageId', 'text', (c) => c.notNull())
      .addColumn('meetingId', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('order', 'integer', (c) => c.notNull())
      .addColumn('suggestionIds', 'text', (c) => c.notNull())
      .addColumn('outcome', 'text', (c) => c.notNull()),
  remarks: (t) =>
    t
      .addColumn('villageId', 'text', (c) => c.notNull())
      .addColumn('subjectType', 'text', (c) => c.notNull())
      .addColumn('subjectId', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('speaker', 'text')
      .addColumn('authorId', 'text'),
  decisions: (t) =>
    t
      .addColumn('villageId', 'text', (c) => c.notNull())
      .addColumn('meetingId', 'text')
      .addColumn('topicId', 'text')
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('owner', 'text', (c) => c.notNull())
      .addColumn('dueOn', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull()),
  escalations: (t) =>
    t
      .addColumn('villageId', 'text', (c) => c.notNull())
      .addColumn('townshipId', 'text', (c) => c.notNull())
      .addColumn('topicId', 'text')
      .addColumn('suggestionIds', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('details', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('department', 'text')
      .addColumn('assignee', 'text')
      .addColumn('coordinationOn', 'text')
      .addColumn('dueOn', 'text')
      .addColumn('resolution', 'text')
      .addColumn('feedback', 'text'),
  attachments: (t) =>
    t
      .addColumn('villageId', 'text', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('mime', 'text', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('subjectType', 'text', (c) => c.notNull())
      .addColumn('subjectId', 'text', (c) => c.notNull()),
}

/** Scope columns each table is pulled by, indexed together with the version. */
const scopeIndexes: Record<string, string[]> = {
  townships: [],
  villages: ['townshipId'],
  members: ['townshipId', 'villageId'],
  suggestions: ['villageId'],
  meetings: ['villageId'],
  topics: ['villageId'],
  remarks: ['villageId'],
  decisions: ['villageId'],
  escalations: ['villageId', 'townshipId'],
  attachments: ['villageId'],
}

async function createServerTables(db: AnyDb, dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('devices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('memberId', 'text', (c) => c.notNull())
    .addColumn('tokenHash', 'text', (c) => c.notNull().unique())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('createdAt', 'text', (c) => c.notNull())
    .addColumn('lastSeenAt', 'text')
    .addColumn('revokedAt', 'text')
    .addColumn('lastMid', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute()
  await db.schema.createIndex('devices_member').on('devices').column('memberId').execute()
  await db.schema
    .createTable('enrolment_codes')
    .addColumn('codeHash', 'text', (c) => c.primaryKey())
    .addColumn('memberId', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('createdAt', 'text', (c) => c.notNull())
    .addColumn('expiresAt', 'text', (c) => c.notNull())
    .addColumn('usedAt', 'text')
    .execute()
  await db.schema.createIndex('enrolment_codes_member').on('enrolment_codes').column('memberId').execute()
  await db.schema
    .createTable('rejections')
    .addColumn('deviceId', 'text', (c) => c.notNull())
    .addColumn('mid', 'bigint', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('field', 'text')
    .addColumn('detail', 'text')
    .addColumn('createdAt', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('rejections_pk', ['deviceId', 'mid'])
    .execute()
  await db.schema
    .createTable('blobs')
    .addColumn('sha256', 'text', (c) => c.primaryKey())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('bytes', dialect === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
    .addColumn('createdAt', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('counters')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'bigint', (c) => c.notNull())
    .execute()
  await db.insertInto('counters').values({ name: 'version', value: 0 }).execute()
}

/** The first schema: synced record tables, devices, enrolment codes, rejections, blobs, counters. */
export function init(dialect: DialectName): Migration {
  return {
    async up(db: AnyDb) {
      for (const [name, columns] of Object.entries(syncedTables)) {
        await columns(base(db.schema.createTable(name) as Table)).execute()
        await db.schema.createIndex(`${name}_version`).on(name).column('version').execute()
        for (const scope of scopeIndexes[name] ?? []) {
          await db.schema.createIndex(`${name}_${scope}_version`).on(name).columns([scope, 'version']).execute()
        }
      }
      await createServerTables(db, dialect)
    },
    async down(db: AnyDb) {
      for (const name of [...Object.keys(syncedTables), 'devices', 'enrolment_codes', 'rejections', 'blobs', 'counters']) {
        await db.schema.dropTable(name).ifExists().execute()
      }
    },
  }
}
