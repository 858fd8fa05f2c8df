import type { Migration, MigrationProvider } from 'kysely'
import type { DialectName } from '../connection'
import { init } from './001_init'
import { deviceScope } from './002_device_scope'
import { enrolFailures } from './003_enrol_failures'
import { villagerReceipts } from './004_villager_receipts'
import { meetingAttribution } from './005_meeting_attribution'
import { deskClocks } from './006_desk_clocks'
import { admin } from './007_admin'
import { attachmentFiles } from './008_attachment_files'

/**
 * Every migration by name, in order. A static list rather than a folder scan, so it works the
 * same under tsx, vitest and a bundler. Append new ones; never edit a released one.
 */
export function migrationsFor(dialect: DialectName): Record<string, Migration> {
  return {
    '001_init': init(dialect),
    '002_device_scope': deviceScope,
    '003_enrol_failures': enrolFailures,
    '004_villager_receipts': villagerReceipts,
    '005_meeting_attribution': meetingAttribution,
    '006_desk_clocks': deskClocks,
    '007_admin': admin,
    '008_attachment_files': attachmentFiles,
  }
}

export function migrationProvider(dialect: DialectName): MigrationProvider {
  return { getMigrations: async () => migrationsFor(dialect) }
}
