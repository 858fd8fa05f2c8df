import type { Kysely, Transaction } from 'kysely'
import { v7 } from 'uuid'
import { newId } from '@shared/ids'
import { suggestionCategories, tableNames } from '@shared/records'
import type { Suggestion, TableName, Village } from '@shared/records'
import { encodeRecord } from '../../src/server/db/codec'
import type { Database } from '../../src/server/db/schema'
import { pick, seeded } from './random'

/** Rows per multi-row INSERT: 21 columns × 500 stays under SQLite's and PostgreSQL's parameter limits. */
const CHUNK = 500

const places = ['村东头的路灯', '东街的排水沟', '小学门口那段路', '村西老井', '文化广场的健身器材', '麦场边的垃圾点', '南地的机井', '老年活动室', '村卫生室', '后街的电线', '河沿的护栏', '集上的停车', '幼儿园门前', '村北的桥', '自来水管', '党群服务中心', '红白理事会', '养殖场', '果园的路', '公厕']
const problems = ['坏了三个月，晚上出门不方便', '一下雨就积水，老人孩子过不去', '坑坑洼洼，三轮车经常翻', '没人管，夏天味道很大', '一直锁着门，冬天想进去烤火', '电压不稳，浇地的时候老跳闸', '太窄了，赶集那天堵得走不动', '年久失修，怕出危险', '水压太小，楼上接不上水', '收费不公开，群众有意见', '离得太远，老人走不过去', '晚上太黑，去年有人摔伤']
const details = (random: () => number) =>
  pick(random, [`，涉及${1 + Math.floor(random() * 60)}户`, `，已经${2 + Math.floor(random() * 300)}天了`, `，在第${1 + Math.floor(random() * 12)}组`, `，大约${10 + Math.floor(random() * 500)}米`, ''])
const wishes = ['希望村里尽快找人修一修。', '建议夜话的时候议一议。', '能不能跟镇上反映一下？', '大家都愿意出点工。', '请村干部给个答复。', '']
const surnames = ['王', '李', '张', '刘', '孙', '赵', '陈', '杨', '周', '吴', '郑', '朱']
const given = ['大爷', '婶', '建民', '桂花', '老师', '二哥', '秀英', '国强', '玉兰', '德华', '春生', '小军']
const sources = ['collector', 'on_site', 'hotline'] as const

/**
 * Take `count` consecutive versions of the global counter at once. Inside the seeding transaction
 * the counter row stays locked, so no server write interleaves with the reserved range.
 */
async function reserveVersions(trx: Transaction<Database>, count: number): Promise<number> {
  const row = await trx
    .updateTable('counters')
    .set((eb) => ({ value: eb('value', '+', count) }))
    .where('name', '=', 'version')
    .returning('value')
    .executeTakeFirstOrThrow()
  return Number(row.value) - count + 1
}

/**
 * A suggestion as a collector records it door to door, with realistic Chinese text. Its receipt
 * code starts with `0`, which random receipt codes never use, so seeded codes never collide.
 */
function benchSuggestion(villageId: string, version: number, random: () => number): Suggestion {
  const ms = Date.UTC(2024, 0, 1) + Math.floor(random() * 700 * 86_400_000)
  const at = new Date(ms).toISOString()
  const named = random() < 0.4
  return {
    // A UUIDv7 of its creation time, as the phone that recorded it would have made.
    id: v7({ msecs: ms }), version, createdAt: at, updatedAt: at, deletedAt: null,
    villageId,
    content: `${pick(random, places)}${pick(random, problems)}${details(random)}。${pick(random, wishes)}`,
    category: pick(random, suggestionCategories),
    source: pick(random, sources),
    submitterName: named ? `${pick(random, surnames)}${pick(random, given)}` : null,
    submitterPhone: named && random() < 0.6 ? `13${String(Math.floor(random() * 1e9)).padStart(9, '0')}` : null,
    publicName: false,
    enteredBy: null,
    receiptCode: `0${version.toString(36).toUpperCase().padStart(7, '0')}`,
    status: 'new',
    topicId: null, mergedInto: null, answer: null, declineReason: null, rating: null, attachmentIds: [],
  }
}

/**
 * Insert `count` suggestions spread round-robin over `villageIds` straight into the server's
 * tables, in one transaction, with versions from the one global counter (as the server's own
 * writes would have). Much faster than pushing them: this measures reading, not seeding.
 */
export async function seedSuggestions(db: Kysely<Database>, villageIds: readonly string[], count: number, seed = 7): Promise<void> {
  if (count <= 0 || villageIds.length === 0) return
  const random = seeded(seed)
  await db.transaction().execute(async (trx) => {
    const first = await reserveVersions(trx, count)
    for (let start = 0; start < count; start += CHUNK) {
      const rows = []
      for (let i = start; i < Math.min(count, start + CHUNK); i++) {
        rows.push(encodeRecord('suggestions', benchSuggestion(villageIds[i % villageIds.length]!, first + i, random)))
      }
      await trx.insertInto('suggestions').values(rows).execute()
    }
  })
}

/** Add `count` villages to a township (codes `bench0`, `bench1`, … after `offset`); returns their ids. */
export async function seedVillages(db: Kysely<Database>, townshipId: string, count: number, offset = 0): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    const first = await reserveVersions(trx, count)
    const at = new Date().toISOString()
    const villages: Village[] = Array.from({ length: count }, (_, i) => ({
      id: newId(), version: first + i, createdAt: at, updatedAt: at, deletedAt: null,
      townshipId, name: `测试村${offset + i + 1}`, code: `bench${offset + i}`,
    }))
    await trx.insertInto('villages').values(villages.map((v) => encodeRecord('villages', v))).execute()
    return villages.map((v) => v.id)
  })
}

/** Rows in every synced table, tombstones included: what "rows in the database" means here. */
export async function countSyncedRows(db: Kysely<Database>, tables: readonly TableName[]): Promise<number> {
  let total = 0
  for (const table of tables) {
    const row = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    total += Number(row.n)
  }
  return total
}

/** Tables whose rows belong to one village by their `villageId`. */
const villageTables = tableNames.filter((table) => table !== 'townships' && table !== 'villages')

/**
 * Versions of every row a cadre of the village pulls after its first sync (the village row and
 * the village's own rows), oldest first: cursors at, or some rows behind, a real position.
 */
export async function villageVersions(db: Kysely<Database>, villageId: string): Promise<number[]> {
  const versions = (await db.selectFrom('villages').select('version').where('id', '=', villageId).execute()).map((r) => Number(r.version))
  for (const table of villageTables) {
    const rows = await db.selectFrom(table).select('version').where('villageId', '=', villageId).execute()
    for (const row of rows) versions.push(Number(row.version))
  }
  return versions.sort((a, b) => a - b)
}
