// A large township for bench:township: `villages` villages, each with a village's history from
// bench:meeting's seed (meetings, topics, suggestions, decisions, remarks, a few escalations),
// topped up with escalations in every state of the desk until the township holds `escalations`.
import { v7 } from 'uuid'
import type { Escalation, Tables, Village } from '@shared/records'
import { recordSchemas } from '@shared/records'
import { villageHistory } from './meetingSeed'
import { pick, seeded } from './random'

export interface TownshipSeedOptions {
  townshipId: string
  villages: number
  suggestions: number
  escalations: number
  /** 'YYYY-MM-DD' (Asia/Shanghai). */
  today: string
  seed?: number
}

export type TownshipSeed = { [T in 'villages' | 'meetings' | 'topics' | 'suggestions' | 'remarks' | 'decisions' | 'escalations']: Tables[T][] }

const DAY = 86_400_000
const names = ['东', '西', '南', '北', '前', '后', '上', '下', '大', '小']
const surnames = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴']
const departments = ['镇水利站', '镇交通办', '镇农业站', '镇民政办', '镇司法所', '镇卫生院', '镇供电所', '镇自然资源所']
const assignees = ['李站长', '王主任', '张所长', '刘工', '陈干事', '赵科长']
const titles = ['排水沟清淤', '道路修补', '机井电表更换', '桥梁维修', '路灯更换', '护栏修复', '垃圾清运', '危房排查']

export function townshipSeed(options: TownshipSeedOptions): TownshipSeed {
  const random = seeded(options.seed ?? 11)
  const todayMs = Date.parse(`${options.today}T04:00:00.000Z`)
  const date = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10)
  const iso = (ms: number) => new Date(ms).toISOString()
  const out: TownshipSeed = { villages: [], meetings: [], topics: [], suggestions: [], remarks: [], decisions: [], escalations: [] }
  const perVillage = Math.ceil(options.suggestions / options.villages)
  for (let v = 0; v < options.villages; v++) {
    const createdMs = todayMs - 800 * DAY
    const village: Village = {
      id: v7({ msecs: createdMs + v }), version: 1, createdAt: iso(createdMs), updatedAt: iso(createdMs), deletedAt: null,
      townshipId: options.townshipId, name: `${names[v % 10]}${surnames[Math.floor(v / 10) % 10]}庄村`, code: `bench${String(v).padStart(3, '0')}`,
    }
    out.villages.push(village)
    const count = Math.min(perVillage, options.suggestions - v * perVillage)
    const history = villageHistory({
      villageId: village.id, townshipId: options.townshipId, suggestions: count, pastMeetings: Math.max(4, Math.round(count / 20)),
      today: options.today, seed: 1000 + v,
    })
    for (const table of ['meetings', 'topics', 'suggestions', 'remarks', 'decisions', 'escalations'] as const) {
      ;(out[table] as unknown[]).push(...history[table], ...(table === 'meetings' ? [history.tonight] : []))
    }
  }
  // Top up escalations in every state, spread over the villages and the last year.
  const byVillage = new Map<string, string[]>()
  for (const s of out.suggestions) {
    const list = byVillage.get(s.villageId)
    if (list) list.push(s.id)
    else byVillage.set(s.villageId, [s.id])
  }
  const states = ['submitted', 'accepted', 'assigned', 'assigned', 'resolved', 'closed', 'closed', 'returned', 'forwarded'] as const
  for (let i = out.escalations.length; i < options.escalations; i++) {
    const village = out.villages[i % out.villages.length]!
    const status = pick(random, states)
    const recent = status === 'submitted' || status === 'accepted' || status === 'assigned' || status === 'forwarded'
    const sentMs = todayMs - Math.floor(random() * (recent ? 30 : 360)) * DAY
    const step = (n: number) => Math.min(todayMs, sentMs + n * DAY)
    const dueOn = status === 'submitted' || status === 'returned' ? null : date(sentMs + Math.floor(3 + random() * 14) * DAY)
    const finished = status === 'resolved' || status === 'closed'
    const row: Escalation = {
      id: v7({ msecs: sentMs }), version: 1, createdAt: iso(sentMs), updatedAt: iso(finished ? step(9) : step(2)), deletedAt: null,
      villageId: village.id, townshipId: options.townshipId, topicId: null,
      suggestionIds: [pick(random, byVillage.get(village.id) ?? [])],
      title: `${village.name}${pick(random, titles)}（${i}）`, details: '需要镇里协调解决。', status,
      department: status === 'submitted' || status === 'returned' ? null : pick(random, departments),
      assignee: status === 'submitted' || status === 'returned' || status === 'accepted' ? null : pick(random, assignees),
      coordinationOn: null, dueOn, resolution: finished ? '已处理完毕，村里已确认。' : null,
      feedback: status === 'closed' ? '满意' : null,
      submittedAt: iso(sentMs),
      ...(status !== 'submitted' && status !== 'returned' ? { acceptedAt: iso(step(1)) } : {}),
      ...(status === 'assigned' || finished ? { assignedAt: iso(step(2)) } : {}),
      ...(finished || (status === 'assigned' && random() < 0.6) ? { reportedAt: iso(step(3)) } : {}),
      ...(finished ? { resolvedAt: iso(step(9)) } : {}),
      ...(status === 'closed' ? { closedAt: iso(step(12)), feedbackAt: iso(step(11)) } : {}),
    }
    out.escalations.push(recordSchemas.escalations.parse(row))
  }
  // Villagers rate on the village page too: a third of the rated suggestions, and half the results
  // of the finished escalations (a day after their 办结), so the desk's read of the villagers'
  // ratings (stores/desk.ts) has rows to read.
  const at = new Map(out.suggestions.map((one, i) => [one.id, i]))
  out.suggestions.forEach((one, i) => {
    if (one.rating && random() < 1 / 3) out.suggestions[i] = { ...one, rating: { ...one.rating, by: 'villager' } }
  })
  for (const e of out.escalations) {
    const i = at.get(e.suggestionIds[0] ?? '')
    if (e.resolvedAt === undefined || i === undefined || random() >= 0.5) continue
    const ratedAt = iso(Math.min(todayMs, Date.parse(e.resolvedAt) + DAY))
    out.suggestions[i] = { ...out.suggestions[i]!, rating: { stars: 3 + Math.floor(random() * 3), outcome: 'resolved', ratedAt, by: 'villager' } }
  }
  return out
}
