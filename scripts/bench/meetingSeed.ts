// The history of a large village for bench:meeting: years of evening meetings with their topics,
// views, decisions (some still open, some overdue), escalations and callbacks, plus tonight's
// meeting in progress. Rows are made here and written straight into the phone's IndexedDB.
import { v7 } from 'uuid'
import type { Decision, Escalation, Meeting, Remark, Suggestion, Tables, Topic } from '@shared/records'
import { recordSchemas, suggestionCategories } from '@shared/records'
import { pick, seeded } from './random'

export interface VillageHistoryOptions {
  villageId: string
  townshipId: string
  /** Suggestions in all (on past topics, on tonight's topics, and in the inbox). */
  suggestions: number
  /** Closed meetings before tonight's, one a week back from last week. */
  pastMeetings: number
  /** Tonight's date, 'YYYY-MM-DD' (Asia/Shanghai). */
  today: string
  seed?: number
}

/** Rows by table, as the device stores them. */
export type VillageHistory = { [T in 'meetings' | 'topics' | 'suggestions' | 'remarks' | 'decisions' | 'escalations']: Tables[T][] } & {
  /** Tonight's meeting, in progress. */
  tonight: Meeting
}

const DAY = 86_400_000
const TOPICS_PER_MEETING = 3
const places = ['村东头的路灯', '东街的排水沟', '小学门口那段路', '村西老井', '文化广场的健身器材', '麦场边的垃圾点', '南地的机井', '老年活动室', '村卫生室', '后街的电线', '河沿的护栏', '村北的桥']
const problems = ['坏了三个月', '一下雨就积水', '坑坑洼洼', '没人管', '冬天锁着门', '浇地的时候老跳闸', '年久失修', '晚上太黑']
const names = ['王大爷', '李婶', '张建民', '刘桂花', '孙老师', '赵二哥', '陈秀英', '杨国强', '周玉兰', '吴德华']
const owners = ['张主任', '李会计', '王委员', '刘书记', '赵组长']

/**
 * Build a village's history: `pastMeetings` closed meetings of three topics each, their
 * suggestions taken through decisions (done, open or cancelled), escalations (closed, resolved,
 * being worked, returned) and callbacks (satisfied, or partly and reopened); the rest of the
 * suggestions in the inbox or on tonight's three topics. Every row is checked against its schema.
 */
export function villageHistory(options: VillageHistoryOptions): VillageHistory {
  const random = seeded(options.seed ?? 7)
  const { villageId, townshipId } = options
  const tonightMs = Date.parse(`${options.today}T11:30:00.000Z`)
  const rows: Omit<VillageHistory, 'tonight'> = { meetings: [], topics: [], suggestions: [], remarks: [], decisions: [], escalations: [] }
  let receipt = 0
  const stamp = (ms: number, updatedMs = ms) => ({
    id: v7({ msecs: ms }), version: 1, createdAt: new Date(ms).toISOString(), updatedAt: new Date(updatedMs).toISOString(), deletedAt: null,
  })
  const date = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10)

  function suggestion(ms: number, overrides: Partial<Suggestion>): Suggestion {
    receipt += 1
    const named = random() < 0.6
    return {
      ...stamp(ms), villageId,
      content: `${pick(random, places)}${pick(random, problems)}，希望村里想想办法。（${receipt}）`,
      category: pick(random, suggestionCategories), source: pick(random, ['villager', 'collector', 'on_site', 'hotline'] as const),
      submitterName: named ? pick(random, names) : null, submitterPhone: named ? `139${String(receipt).padStart(8, '0')}` : null,
      publicName: false, enteredBy: null, receiptCode: `B${receipt.toString(36).toUpperCase().padStart(7, '0')}`,
      status: 'new', topicId: null, mergedInto: null, answer: null, declineReason: null, rating: null, attachmentIds: [],
      ...overrides,
    }
  }
  const remark = (ms: number, subjectType: Remark['subjectType'], subjectId: string, kind: Remark['kind'], text: string): Remark => ({
    ...stamp(ms), villageId, subjectType, subjectId, kind, text, speaker: kind === 'view' ? pick(random, names) : null, authorId: null,
  })

  const onTopics = options.pastMeetings * TOPICS_PER_MEETING * 3
  const perTopic = Math.max(1, Math.floor(Math.min(onTopics, options.suggestions - 9) / (options.pastMeetings * TOPICS_PER_MEETING)))
  const openDecisions: Decision[] = []

  for (let k = 0; k < options.pastMeetings; k++) {
    const weeksAgo = options.pastMeetings - k
    const meetingMs = tonightMs - weeksAgo * 7 * DAY
    const recent = weeksAgo <= 8
    const meeting: Meeting = {
      ...stamp(meetingMs - 3 * DAY, meetingMs + 3 * 3_600_000), villageId, title: `第 ${k + 1} 次乡村夜话`, startsAt: new Date(meetingMs).toISOString(),
      place: '村委会广场', status: 'closed', attendance: 20 + Math.floor(random() * 60), noticeText: null, summary: '议定事项按时限落实。',
    }
    rows.meetings.push(meeting)
    for (let i = 0; i < 2 && openDecisions.length > 0; i++) {
      const reported = pick(random, openDecisions)
      rows.remarks.push(remark(meetingMs + (10 + i) * 60_000, 'decision', reported.id, 'followup', '正在落实，下次再报告进展。'))
    }
    for (let n = 0; n < TOPICS_PER_MEETING; n++) {
      const roll = random()
      const outcome: Topic['outcome'] = roll < 0.7 ? 'decided' : roll < 0.85 ? 'escalated' : 'deferred'
      const topic: Topic = {
        ...stamp(meetingMs - 2 * DAY + n * 60_000), villageId, meetingId: meeting.id, title: `${pick(random, places)}的事`,
        order: n, suggestionIds: [], outcome,
      }
      const listed = Array.from({ length: perTopic }, (_, j) => suggestion(meetingMs - (5 + j) * DAY, {}))
      topic.suggestionIds = listed.map((s) => s.id)
      rows.topics.push(topic)
      rows.remarks.push(remark(meetingMs + (20 + n) * 60_000, 'topic', topic.id, 'view', '大家都同意先把这件事办了。'))

      if (outcome === 'deferred') {
        rows.suggestions.push(...listed)
        continue
      }
      if (outcome === 'decided') {
        const state = random()
        const status: Decision['status'] = recent ? (state < 0.5 ? 'open' : 'done') : state < 0.05 ? 'open' : state < 0.1 ? 'cancelled' : 'done'
        const decision: Decision = {
          ...stamp(meetingMs + 40 * 60_000, meetingMs + 5 * DAY), villageId, meetingId: meeting.id, topicId: topic.id,
          text: `${topic.title}：${pick(random, owners)}牵头，限期办好`, owner: pick(random, owners), dueOn: date(meetingMs + 7 * DAY),
          kind: random() < 0.03 ? 'rule' : 'action', status,
        }
        rows.decisions.push(decision)
        if (status === 'open') openDecisions.push(decision)
        if (status === 'done') rows.remarks.push(remark(meetingMs + 5 * DAY, 'decision', decision.id, 'progress', '已经办好，拍了照片。'))
        for (const s of listed) {
          if (status !== 'done') {
            rows.suggestions.push({ ...s, status: 'decided', topicId: topic.id })
            continue
          }
          // Callbacks of recent meetings are still coming in, and a reopened matter is taken up
          // again within weeks: older ones were almost all called back and crossed off.
          const callback = recent ? random() : 0.35 + random() * 0.55
          const ratedAt = new Date(meetingMs + 8 * DAY).toISOString()
          if (callback < 0.4) rows.suggestions.push({ ...s, status: 'resolved', topicId: topic.id })
          else if (callback < 0.9) rows.suggestions.push({ ...s, status: 'closed', topicId: topic.id, rating: { stars: 4 + Math.round(random()), outcome: 'resolved', ratedAt } })
          else rows.suggestions.push({ ...s, status: 'on_agenda', topicId: topic.id, rating: { stars: 2, outcome: 'partly', ratedAt } })
        }
        continue
      }
      const state = random()
      const status: Escalation['status'] = state < 0.6 ? 'closed' : state < 0.75 ? 'resolved' : state < 0.9 ? 'assigned' : 'returned'
      rows.escalations.push({
        ...stamp(meetingMs + 50 * 60_000, meetingMs + 4 * DAY), villageId, townshipId, topicId: topic.id, suggestionIds: topic.suggestionIds,
        title: `${topic.title}（需镇里协调）`, details: '', status, department: '镇建设办', assignee: status === 'returned' ? null : '镇建设办刘工',
        coordinationOn: null, dueOn: status === 'returned' ? null : date(meetingMs + 10 * DAY),
        resolution: status === 'closed' || status === 'resolved' ? '已经修好' : null, feedback: status === 'closed' ? '群众满意' : null,
      })
      const suggestionStatus: Suggestion['status'] = status === 'closed' ? 'closed' : status === 'resolved' ? 'resolved' : 'escalated'
      rows.suggestions.push(...listed.map((s) => ({ ...s, status: suggestionStatus, topicId: topic.id })))
    }
  }

  const tonight: Meeting = {
    ...stamp(tonightMs - 3 * DAY, tonightMs), villageId, title: '今晚的乡村夜话', startsAt: new Date(tonightMs).toISOString(),
    place: '村委会广场', status: 'in_progress', attendance: 42, noticeText: null, summary: null,
  }
  rows.meetings.push(tonight)
  for (let n = 0; n < TOPICS_PER_MEETING; n++) {
    const topic: Topic = { ...stamp(tonightMs - 2 * DAY + n * 60_000), villageId, meetingId: tonight.id, title: `今晚议题 ${n + 1}`, order: n, suggestionIds: [], outcome: 'pending' }
    const listed = Array.from({ length: 3 }, (_, j) => suggestion(tonightMs - (4 + j) * DAY, { status: 'on_agenda', topicId: topic.id }))
    topic.suggestionIds = listed.map((s) => s.id)
    rows.topics.push(topic)
    rows.suggestions.push(...listed)
  }
  while (rows.suggestions.length < options.suggestions) {
    rows.suggestions.push(suggestion(tonightMs - Math.floor(random() * 30) * DAY - DAY, {}))
  }

  for (const table of Object.keys(rows) as (keyof typeof rows)[]) {
    for (const row of rows[table]) recordSchemas[table].parse(row)
  }
  return { ...rows, tonight }
}
