import { randomInt } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import type { Transaction } from 'kysely'
import QRCode from 'qrcode'
import type { ZodType } from 'zod'
import { yearData } from '@shared/calendar/yearData'
import type { YearData } from '@shared/calendar'
import { newId } from '@shared/ids'
import { defaultDeadlinePolicy, member, township, village } from '@shared/records'
import type { Member, Township, Village } from '@shared/records'
import type { ServerConfig } from '../config'
import type { AppContext } from '../context'
import { recordAudit } from '../admin/audit'
import { withHolidayYear } from '../admin/calendar'
import type { Database } from '../db/schema'
import { issueEnrolmentCode } from '../identity/codes'
import type { IssuedEnrolmentCode } from '../identity/codes'
import { enrolUrl } from '../identity/qr'
import { villagerLinkLines } from '../villager/links'

// First-run setup of a real township (`npm run setup`, scripts/setup.ts): its name, villages and
// first administrator, written through the app's repositories like the server's own writes.

/** A bad argument or a clash with what is stored; the command line exits with code 2. */
export class SetupError extends Error {
  override readonly name = 'SetupError'
}

export interface SetupRequest {
  township: string
  /** Villages to have in the township; `code` null → a new random code. */
  villages: { name: string; code: string | null }[]
  /**
   * The administrator's name: created if the township has no live admin of that name, then given a
   * new code. Null leaves the admins as they are (only for a township that exists already).
   */
  admin: string | null
  /** Holiday years to enter for the township (`--holidays FILE.json`), each replacing an entered year. */
  holidays?: YearData[]
}

/** A row setup wrote (`created`) or found already there. */
export interface SetupEntry<R> {
  row: R
  created: boolean
}

export interface SetupResult {
  township: SetupEntry<Township>
  villages: SetupEntry<Village>[]
  /** Null when no admin was named. */
  admin: SetupEntry<Member> | null
  /** A fresh single-use code for the admin; their earlier unused codes stop working. */
  enrolment: IssuedEnrolmentCode | null
  /** The database also holds the demo township (its members have demo codes). */
  demoPresent: boolean
}

export const setupUsage = [
  'Usage 用法: npm run setup -- --township 镇名 [--village 村名[=code] …] [--admin 管理员姓名]',
  '  --township NAME   the township; created unless one of that name exists 镇街（不存在则新建）',
  '  --village NAME    a village of it, repeatable; NAME=code chooses its public code',
  '                    (4–12 lowercase letters or digits), else a random one 村，可重复',
  '  --admin NAME      the administrator; created unless already there, then given a new',
  '                    one-time enrolment code 管理员（不存在则新建），并发新的一次性登记码;',
  '                    needed for a new township; left out, the admins and their codes stay as they are',
  '  --holidays FILE   a year of statutory holidays and 调休 working days as JSON, repeatable:',
  '                    {"year":2027,"holidays":{"2027-01-01":"元旦",…},"workdays":{"2027-02-20":"春节",…}}',
  '                    录入一年的节假日安排（JSON 文件，可重复）',
  'Reads DATA_DIR, DATABASE_URL, PUBLIC_ORIGIN and PORT like the server.',
].join('\n')

/** Refuse a name or code that the shared record schema would not take. */
function checked(schema: ZodType, value: string, message: string): void {
  if (!schema.safeParse(value).success) throw new SetupError(message)
}

function villageOf(raw: string): SetupRequest['villages'][number] {
  const at = raw.lastIndexOf('=')
  const name = (at < 0 ? raw : raw.slice(0, at)).trim()
  const code = at < 0 ? null : raw.slice(at + 1).trim().toLowerCase()
  checked(village.shape.name, name, `村名须为 1–60 个字 / a village name must be 1–60 characters: "${raw}"`)
  if (code !== null) {
    checked(village.shape.code, code, `村代码须为 4–12 个小写字母或数字 / a village code must be 4–12 lowercase letters or digits: "${raw}"`)
  }
  return { name, code }
}

/**
 * Read `--township`, `--village` (repeatable, `NAME=code`) and `--admin` (optional); null for `--help`.
 * Throws `SetupError` on unknown flags, missing or empty names, bad codes and repeats.
 */
export function parseSetupArgs(args: string[]): SetupRequest | null {
  let values
  try {
    ;({ values } = parseArgs({
      args,
      options: {
        township: { type: 'string' },
        village: { type: 'string', multiple: true },
        admin: { type: 'string' },
        holidays: { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }))
  } catch (error) {
    throw new SetupError((error as Error).message)
  }
  if (values.help) return null
  if (values.township === undefined) throw new SetupError('缺少 --township / --township is required')
  const townshipName = values.township.trim()
  checked(township.shape.name, townshipName, '镇名须为 1–60 个字 / the township name must be 1–60 characters')
  const adminName = values.admin === undefined ? null : values.admin.trim()
  if (adminName !== null) checked(member.shape.name, adminName, '管理员姓名须为 1–40 个字 / the admin name must be 1–40 characters')
  const villages = (values.village ?? []).map(villageOf)
  const repeated = <K extends 'name' | 'code'>(key: K) =>
    villages.map((v) => v[key]).find((x, i, all) => x !== null && all.indexOf(x) !== i)
  const name = repeated('name')
  if (name) throw new SetupError(`村名重复 / village named twice: ${name}`)
  const code = repeated('code')
  if (code) throw new SetupError(`村代码重复 / village code given twice: ${code}`)
  const holidays = (values.holidays ?? []).map(holidayFile)
  const year = holidays.map((h) => h.year).find((y, i, all) => all.indexOf(y) !== i)
  if (year) throw new SetupError(`年份重复 / year given twice: ${year}`)
  return { township: townshipName, villages, admin: adminName, holidays }
}

/** Read and check a holiday year's JSON file; `SetupError` names the file and what is wrong. */
function holidayFile(path: string): YearData {
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'))
  } catch (error) {
    throw new SetupError(`读不了节假日文件 / cannot read the holiday file ${path}: ${(error as Error).message}`)
  }
  const parsed = yearData.safeParse(raw)
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
    throw new SetupError(`节假日文件有误 / the holiday file ${path} is not valid: ${issues}`)
  }
  return parsed.data
}

// Without 0/o, 1/l/i: a code may be read out or copied by hand.
const CODE_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789'

export function randomVillageCode(): string {
  return Array.from({ length: 5 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('')
}

/**
 * Create the township, the villages it does not have yet and the admin if missing, then issue the
 * admin a new enrolment code, in one transaction: a refusal (`SetupError`) writes nothing.
 * Refuses a village code another village has, a code differing from an existing village's, and
 * the demo township (its sample data would mix with real work).
 */
export async function setupTownship(ctx: AppContext, request: SetupRequest): Promise<SetupResult> {
  const now = ctx.clock().toISOString()
  const stamp = () => ({ id: newId(), version: 0, createdAt: now, updatedAt: now, deletedAt: null })
  return ctx.database.db.transaction().execute(async (trx) => {
    await lockWrites(ctx, trx)
    const demoIds = new Set(await ctx.codes.memberIdsWithKind('demo', trx))

    const [found] = await ctx.records.list('townships', { name: request.township, deletedAt: null }, trx)
    if (!found && request.admin === null) {
      throw new SetupError('新建镇街须用 --admin 指定管理员 / a new township needs --admin for its first administrator')
    }
    if (found) {
      const members = await ctx.records.list('members', { townshipId: found.id }, trx)
      if (members.some((m) => demoIds.has(m.id))) {
        throw new SetupError(
          `${found.name} 是演示镇，含示例数据；请用新的 DATA_DIR 或数据库 / ${found.name} is the demo township with sample data; ` +
            'set up a real township in a fresh DATA_DIR or database (the server seeds the demo only when DEMO is not off)',
        )
      }
    }
    const townshipEntry: SetupEntry<Township> = found
      ? { row: found, created: false }
      : { row: await ctx.records.write('townships', { ...stamp(), name: request.township, policy: { ...defaultDeadlinePolicy } }, trx), created: true }
    if ((request.holidays ?? []).length > 0) {
      const entered = (request.holidays ?? []).reduce(withHolidayYear, townshipEntry.row)
      townshipEntry.row = await ctx.records.write('townships', { ...entered, updatedAt: now }, trx)
      for (const data of request.holidays ?? []) {
        await recordAudit(trx, {
          townshipId: townshipEntry.row.id, actorId: 'setup', action: 'calendar.year', targetType: 'township',
          targetId: townshipEntry.row.id, detail: { year: data.year },
        }, now)
      }
    }
    const townshipId = townshipEntry.row.id

    // Codes are unique over all villages, deleted ones included (the column's unique index).
    const codeOwners = new Map((await trx.selectFrom('villages').select(['code', 'name', 'townshipId']).execute()).map((v) => [v.code, v]))
    const existing = await ctx.records.list('villages', { townshipId, deletedAt: null }, trx)
    const villages: SetupEntry<Village>[] = []
    for (const wanted of request.villages) {
      const there = existing.find((v) => v.name === wanted.name)
      if (there) {
        if (wanted.code !== null && wanted.code !== there.code) {
          throw new SetupError(
            `${there.name} 已有代码 ${there.code} / ${there.name} already has the code ${there.code} (not changed: printed villager links use it)`,
          )
        }
        villages.push({ row: there, created: false })
        continue
      }
      let code = wanted.code
      if (code !== null && codeOwners.has(code)) {
        const owner = codeOwners.get(code)!
        throw new SetupError(`村代码 ${code} 已被 ${owner.name} 使用 / the village code ${code} is already used by ${owner.name}`)
      }
      while (code === null || codeOwners.has(code)) code = randomVillageCode()
      const row = await ctx.records.write('villages', { ...stamp(), townshipId, name: wanted.name, code }, trx)
      codeOwners.set(code, { code, name: row.name, townshipId })
      villages.push({ row, created: true })
    }

    if (request.admin === null) return { township: townshipEntry, villages, admin: null, enrolment: null, demoPresent: demoIds.size > 0 }
    const [admin] = await ctx.records.list('members', { townshipId, name: request.admin, role: 'admin', deletedAt: null }, trx)
    const adminEntry: SetupEntry<Member> = admin
      ? { row: admin, created: false }
      : {
          row: await ctx.records.write('members', { ...stamp(), townshipId, villageId: null, name: request.admin, role: 'admin' }, trx),
          created: true,
        }
    const enrolment = await issueEnrolmentCode(ctx, adminEntry.row.id, { trx })
    return { township: townshipEntry, villages, admin: adminEntry, enrolment, demoPresent: demoIds.size > 0 }
  })
}

/**
 * On PostgreSQL, take the version counter's row lock first (every write takes it anyway), so two
 * setups run at once cannot both create the township. SQLite transactions here `begin immediate`.
 */
async function lockWrites(ctx: AppContext, trx: Transaction<Database>): Promise<void> {
  if (ctx.database.dialect !== 'postgres') return
  await trx.selectFrom('counters').select('value').where('name', '=', 'version').forUpdate().execute()
}

/** Where enrol links point: PUBLIC_ORIGIN, else this machine at the server's port. */
export function setupOrigin(config: Pick<ServerConfig, 'publicOrigin' | 'port'>): string {
  return config.publicOrigin ?? `http://localhost:${config.port}`
}

const shanghaiTime = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
})

/** What setup did, the admin's code, its expiry, enrol link and QR code, and how to start the server. */
export async function setupReport(result: SetupResult, origin: string): Promise<string> {
  const state = (created: boolean) => (created ? '新建 created' : '已有 already there')
  const lines = [
    '',
    '  乡村夜话 yehua — 设置 setup',
    `  镇街 Township     ${result.township.row.name}  ${state(result.township.created)}`,
    ...(result.township.row.holidayYears ?? []).map((y) => `  节假日 Holidays   ${y.year}: ${Object.keys(y.holidays).length} 天放假 days off, ${Object.keys(y.workdays).length} 天调休上班 working weekend days`),
    ...result.villages.map((v) => `  村 Village        ${v.row.name} (代码 code ${v.row.code})  ${state(v.created)}`),
  ]
  if (result.villages.length > 0) {
    lines.push(
      '',
      '  村民链接（印在海报上，村民扫码提意见、查进展，不用登记）',
      '  Villager links (for the poster: villagers scan to submit and follow, no enrolment):',
      ...(await villagerLinkLines(origin, result.villages.map((v) => v.row))),
      '',
    )
  }
  if (result.admin && result.enrolment) {
    const link = enrolUrl(origin, result.enrolment.code)
    lines.push(
      `  管理员 Admin      ${result.admin.row.name}  ${state(result.admin.created)}`,
      '',
      `  管理员登记码 Admin enrolment code: ${result.enrolment.code}`,
      `  有效期至 Valid until: ${shanghaiTime.format(new Date(result.enrolment.expiresAt))} 北京时间 Beijing time (${result.enrolment.expiresAt})`,
      `  登记链接 Enrol link: ${link}`,
      '',
      (await QRCode.toString(link, { type: 'terminal', small: true })).replace(/\n+$/, ''),
      '',
      '  用手机扫码或打开链接登记；此码只能用一次。再次带 --admin 运行 setup 会发新码，未用的旧码随即失效。',
      '  Scan or open the link on the admin’s phone to enrol; the code works once. Running setup',
      '  with --admin again issues a new code, and the older unused one stops working.',
    )
  } else {
    lines.push('  管理员未变，未发新码 / Admins unchanged, no new code issued (add --admin NAME for one).')
  }
  lines.push(
    '  启动服务器时请设 DEMO=off（已有镇街时本就不会写入演示数据）。',
    '  Start the server with DEMO=off (with a township present it seeds no demo data anyway).',
  )
  if (result.demoPresent) {
    lines.push(
      '  注意：数据库里还有演示镇；DEMO=off 时不再给演示成员发码。',
      '  Note: this database also holds the demo township; with DEMO=off its members get no new codes.',
    )
  }
  return `${lines.join('\n')}\n`
}
