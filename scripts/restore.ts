// `npm run restore -- FILE`: restore an admin's backup (downloaded from the app's 管理 → 备份, a
// SQLite file) into an empty data folder (DATA_DIR), then bring its schema up to date. Refuses a
// folder that holds anything. PostgreSQL (DATABASE_URL) is restored with pg_restore instead: see
// README, "Backup and restore". Exit codes: 0 done, 2 refused (nothing written), 1 other errors.
import { readConfig } from '../src/server/config'
import { BackupError, restoreSqliteBackup } from '../src/server/admin/backup'
import { openSqlite } from '../src/server/db/connection'
import { migrateToLatest } from '../src/server/db/migrate'

const usage = 'Usage 用法: DATA_DIR=/path/to/empty/folder npm run restore -- BACKUP.sqlite'
const [file, ...rest] = process.argv.slice(2)
if (!file || rest.length > 0 || file === '--help' || file === '-h') {
  process.stdout.write(`${usage}\n`)
  process.exit(file ? 0 : 2)
}
const config = readConfig()
if (config.databaseUrl) {
  process.stderr.write('restore: DATABASE_URL is set; a PostgreSQL server is restored with pg_restore (README, "Backup and restore").\n')
  process.exit(2)
}
try {
  const target = restoreSqliteBackup(file, config.dataDir)
  const database = openSqlite(target)
  const version = await migrateToLatest(database)
  await database.db.destroy()
  process.stdout.write(
    `已恢复到 Restored into ${target} (schema ${version}).\n` +
      '启动服务器后，备份之后同步过的手机会自动补发未被服务器保存的更改。\n' +
      'Start the server on this DATA_DIR; phones that synced after the backup re-send what the server no longer has.\n',
  )
} catch (error) {
  if (error instanceof BackupError) {
    process.stderr.write(`restore: ${error.message}\n\n${usage}\n`)
    process.exit(2)
  }
  process.stderr.write(`restore failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`)
  process.exit(1)
}
