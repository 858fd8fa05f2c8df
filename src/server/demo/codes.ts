import { chmod, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { MemberRole } from '@shared/records'
import { memberRoles } from '@shared/records'
import type { AppContext } from '../context'
import { DEMO_CODE_TTL_MS, issueEnrolmentCode } from '../identity/codes'
import { villagerUrl } from '../villager/links'

/** One line of `demo-codes.json`. */
export interface DemoCode {
  role: MemberRole
  name: string
  /** The member's village name, null for township staff and admins. */
  village: string | null
  code: string
}

/** A demo village's link for villagers, listed in `demo-codes.json` after the members' codes. */
export interface DemoVillagerLink {
  role: 'villager'
  name: '村民'
  village: string
  /** The village's public code, as in `/v/<code>`. */
  code: string
  link: string
}

export interface DemoCodes {
  /** Fresh codes for demo members who have not enrolled a device yet. */
  codes: DemoCode[]
  /** Demo members who already enrolled: their used code is not re-issued. */
  enrolled: Omit<DemoCode, 'code'>[]
  expiresAt: string | null
}

/**
 * Issue a fresh single-use code to every demo member who has not used one yet; earlier unused
 * demo codes stop working. Called at each start, so whoever restarts the server sees working codes.
 */
export async function issueDemoCodes(ctx: AppContext, demoMemberIds: readonly string[] = []): Promise<DemoCodes> {
  const ids = new Set([...demoMemberIds, ...(await ctx.codes.memberIdsWithKind('demo'))])
  const result: DemoCodes = { codes: [], enrolled: [], expiresAt: null }
  const villageNames = new Map((await ctx.records.list('villages')).map((v) => [v.id, v.name]))
  const members = (await ctx.records.list('members'))
    .filter((m) => ids.has(m.id) && m.deletedAt === null)
    .sort((a, b) => memberRoles.indexOf(a.role) - memberRoles.indexOf(b.role))
  for (const member of members) {
    const who = { role: member.role, name: member.name, village: member.villageId ? villageNames.get(member.villageId) ?? null : null }
    if (await ctx.codes.anyUsed(member.id)) {
      result.enrolled.push(who)
      continue
    }
    const issued = await issueEnrolmentCode(ctx, member.id, { kind: 'demo', ttlMs: DEMO_CODE_TTL_MS })
    result.codes.push({ ...who, code: issued.code })
    result.expiresAt = issued.expiresAt
  }
  return result
}

/** The villager link of every village of the demo members' townships. */
export async function demoVillagerLinks(ctx: AppContext, origin: string, demoMemberIds: readonly string[] = []): Promise<DemoVillagerLink[]> {
  const ids = new Set([...demoMemberIds, ...(await ctx.codes.memberIdsWithKind('demo'))])
  const townships = new Set((await ctx.records.list('members')).filter((m) => ids.has(m.id)).map((m) => m.townshipId))
  return (await ctx.records.list('villages'))
    .filter((v) => v.deletedAt === null && townships.has(v.townshipId))
    .map((v) => ({ role: 'villager', name: '村民', village: v.name, code: v.code, link: villagerUrl(origin, v.code) }))
}

/**
 * Write the codes to `<dataDir>/demo-codes.json` as `[{role, name, village, code}]`, then each demo
 * village's villager link as `{role: 'villager', name: '村民', village, code, link}`; readable by
 * the server's user only.
 */
export async function writeDemoCodes(dataDir: string, codes: readonly (DemoCode | DemoVillagerLink)[]): Promise<string> {
  const file = join(dataDir, 'demo-codes.json')
  await writeFile(file, `${JSON.stringify(codes, null, 2)}\n`, { encoding: 'utf8', mode: 0o600 })
  await chmod(file, 0o600)
  return file
}
