import type { Kysely } from 'kysely'
import { newId } from '@shared/ids'
import type { AuditEntryView } from '@shared/api/admin'
import type { Database } from '../db/schema'

/** Administrative actions the audit log records (the app's words: `admin.audit.actions.*`). */
export const auditActions = [
  'village.create', 'village.update', 'member.create', 'member.code', 'member.deactivate', 'device.revoke',
  'policy.update', 'calendar.year', 'backup.download',
] as const
export type AuditAction = (typeof auditActions)[number]

export interface AuditEntry {
  townshipId: string
  /** The acting member's id, or `setup` for the command line. */
  actorId: string
  action: AuditAction
  targetType: 'village' | 'member' | 'device' | 'township' | 'backup'
  targetId: string | null
  /** What changed, for people: names, roles, a year. Never a code or a token. */
  detail?: Record<string, unknown>
}

/** Append one entry, in the transaction of the change it records. */
export async function recordAudit(trx: Kysely<Database>, entry: AuditEntry, at: string): Promise<void> {
  await trx
    .insertInto('audit_log')
    .values({
      id: newId(), townshipId: entry.townshipId, actorId: entry.actorId, action: entry.action, targetType: entry.targetType,
      targetId: entry.targetId, detail: entry.detail ? JSON.stringify(entry.detail) : null, at,
    })
    .execute()
}


/** The township's log, newest first (at most `limit` entries, before `before` when given). */
export async function listAudit(db: Kysely<Database>, townshipId: string, limit: number, before?: string): Promise<AuditEntryView[]> {
  let query = db
    .selectFrom('audit_log')
    .leftJoin('members', 'members.id', 'audit_log.actorId')
    .select([
      'audit_log.id', 'audit_log.actorId', 'members.name as actorName', 'audit_log.action', 'audit_log.targetType',
      'audit_log.targetId', 'audit_log.detail', 'audit_log.at',
    ])
    .where('audit_log.townshipId', '=', townshipId)
  if (before) query = query.where('audit_log.at', '<', before)
  const rows = await query.orderBy('audit_log.at', 'desc').orderBy('audit_log.id', 'desc').limit(limit).execute()
  return rows.map((r) => ({ ...r, actorName: r.actorName ?? null, detail: r.detail ? (JSON.parse(r.detail) as Record<string, unknown>) : null }))
}
