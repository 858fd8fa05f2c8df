import type { TableName, Tables } from '@shared/records'
import type { StoredRecord } from './schema'

/** Record fields stored as JSON text, per table. */
const jsonFields: { [T in TableName]: readonly (keyof Tables[T])[] } = {
  townships: ['policy', 'holidayYears'],
  villages: [],
  members: [],
  suggestions: ['rating', 'attachmentIds'],
  meetings: [],
  topics: ['suggestionIds'],
  remarks: [],
  decisions: [],
  escalations: ['suggestionIds', 'rating'],
  attachments: [],
}

/** Record fields stored as integer 0/1, per table. */
const booleanFields: { [T in TableName]?: readonly (keyof Tables[T])[] } = {
  suggestions: ['publicName'],
}

/**
 * Optional record fields, per table: absent in the record, NULL in the column. A suggestion or
 * remark that names no meeting (and every one written before 005) has no `meetingId`; a township
 * without entered holiday years (007) has no `holidayYears`.
 */
const optionalFields: { [T in TableName]?: readonly (keyof Tables[T])[] } = {
  townships: ['holidayYears'],
  suggestions: ['meetingId'],
  remarks: ['meetingId'],
  // The desk's clocks and the village's rating (006): absent until that step happened.
  // A file's original name (008): photos and voice notes have none.
  attachments: ['name'],
  escalations: [
    'submittedAt', 'acceptedAt', 'assignedAt', 'reportedAt', 'resolvedAt', 'closedAt', 'reopenedAt', 'feedbackAt', 'rating',
  ],
}

/** A record as its table row: JSON fields to text, booleans to 0/1, absent optional fields to NULL. */
export function encodeRecord<T extends TableName>(table: T, record: Tables[T]): StoredRecord<Tables[T]> {
  const row: Record<string, unknown> = { ...record }
  for (const field of jsonFields[table]) {
    const value = row[field as string]
    row[field as string] = value === null ? null : JSON.stringify(value)
  }
  for (const field of booleanFields[table] ?? []) row[field as string] = row[field as string] ? 1 : 0
  for (const field of optionalFields[table] ?? []) row[field as string] ??= null
  // The loops above turned exactly the typed JSON and boolean fields into their stored form.
  return row as StoredRecord<Tables[T]>
}

/** A table row back in the exact shape of the shared record. */
export function decodeRecord<T extends TableName>(table: T, stored: StoredRecord<Tables[T]>): Tables[T] {
  const record: Record<string, unknown> = { ...stored }
  for (const field of jsonFields[table]) {
    const value = record[field as string]
    record[field as string] = typeof value === 'string' ? JSON.parse(value) : null
  }
  for (const field of booleanFields[table] ?? []) record[field as string] = Number(record[field as string]) === 1
  for (const field of optionalFields[table] ?? []) if (record[field as string] == null) delete record[field as string]
  // PostgreSQL answers int8 as numbers (see connection.ts); SQLite already does.
  record.version = Number(record.version)
  // Inverse of encodeRecord, field by field.
  return record as Tables[T]
}
