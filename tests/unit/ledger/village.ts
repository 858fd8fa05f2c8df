// A fixture village whose ledger is known by heart: eight suggestions at every stage of the
// cycle, two past meetings, three decisions (one a village rule) and one escalation.
import type { Decision, Escalation, Meeting, Suggestion, Topic } from '@shared/records'
import { useDb } from '@app/db'
import { aDecision, aMeeting, aSuggestion, aTopic, anEscalation, testId } from '../builders'

const at = (day: number) => `2026-09-${String(day).padStart(2, '0')}T02:00:00.000Z`

export const september = aMeeting({ id: testId(0x7001), title: '九月夜话', startsAt: '2026-09-10T11:30:00.000Z', status: 'closed' })
export const october = aMeeting({ id: testId(0x7002), title: '十月夜话', startsAt: '2026-10-09T11:30:00.000Z', status: 'announced' })

const s = (n: number, overrides: Partial<Suggestion>) =>
  aSuggestion({ id: testId(0x7100 + n), createdAt: at(n), updatedAt: at(n), receiptCode: `RC00000${n}`, ...overrides })

/** The suggestions by what happened to them; newest (highest number) first in the ledger. */
export const suggestions = {
  collected: s(1, { content: '村东头的路灯坏了三个月', source: 'hotline', submitterName: '李大爷' }),
  onAgenda: s(2, { content: '东街排水沟一下雨就积水', status: 'on_agenda', submitterName: '赵婶' }),
  overdue: s(3, { content: '小学门口那段路坑坑洼洼', status: 'decided', submitterName: '孙老师' }),
  resolved: s(4, { content: '文化广场的健身器材坏了', status: 'resolved', submitterName: null }),
  closed: s(5, {
    content: '老年活动室冬天锁着门', status: 'closed', submitterName: '周大娘',
    rating: { stars: 5, outcome: 'resolved', ratedAt: at(20) },
  }),
  escalated: s(6, { content: '村北的桥年久失修', status: 'escalated', submitterName: '王婶', category: 'agriculture' }),
  answered: s(7, { content: '麦场边的垃圾点没人管', status: 'answered', category: 'environment', answer: '已安排保洁员每周清理' }),
  rule: s(8, {
    content: '红白事大操大办，群众负担重', status: 'closed', category: 'governance', submitterName: '陈大爷',
    rating: { stars: 4, outcome: 'resolved', ratedAt: at(25) },
  }),
} satisfies Record<string, Suggestion>

export const topics: Topic[] = [
  aTopic({ id: testId(0x7201), meetingId: september.id, title: '修小学门口的路', suggestionIds: [suggestions.overdue.id], outcome: 'decided' }),
  aTopic({ id: testId(0x7202), meetingId: september.id, title: '修健身器材、开活动室', suggestionIds: [suggestions.resolved.id, suggestions.closed.id], outcome: 'decided' }),
  aTopic({ id: testId(0x7203), meetingId: september.id, title: '红白理事会章程', suggestionIds: [suggestions.rule.id], outcome: 'decided' }),
  aTopic({ id: testId(0x7204), meetingId: october.id, title: '东街排水沟', suggestionIds: [suggestions.onAgenda.id], outcome: 'pending' }),
]

/** Taken at the September meeting; the done ones were crossed off a week later. */
const decided = { createdAt: '2026-09-10T12:30:00.000Z', updatedAt: '2026-09-10T12:30:00.000Z' }
const crossedOff = { ...decided, updatedAt: at(17) }

export const decisions: Decision[] = [
  aDecision({ ...decided, id: testId(0x7301), meetingId: september.id, topicId: topics[0]!.id, text: '修补小学门口路面', owner: '张主任', dueOn: '2026-09-25' }),
  aDecision({ ...crossedOff, id: testId(0x7302), meetingId: september.id, topicId: topics[1]!.id, text: '换健身器材，活动室白天开门', status: 'done', dueOn: '2026-09-20' }),
  aDecision({ ...crossedOff, id: testId(0x7303), meetingId: september.id, topicId: topics[2]!.id, text: '订立红白理事会章程', kind: 'rule', status: 'done', dueOn: '2026-09-30' }),
]

export const escalations: Escalation[] = [
  anEscalation({ id: testId(0x7401), suggestionIds: [suggestions.escalated.id], title: '村北桥梁维修', status: 'assigned', dueOn: '2026-10-20', assignee: '镇交通办刘工' }),
]

export const meetings: Meeting[] = [september, october]

/** Write the fixture village into the device database. */
export async function seedVillage(): Promise<void> {
  const db = useDb()
  await db.suggestions.bulkPut(Object.values(suggestions))
  await db.meetings.bulkPut(meetings)
  await db.topics.bulkPut(topics)
  await db.decisions.bulkPut(decisions)
  await db.escalations.bulkPut(escalations)
}
