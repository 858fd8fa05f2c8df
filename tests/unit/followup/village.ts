// A village after its September meeting: two open decisions, one resolved suggestion awaiting
// its callback, and an escalation the township is working on.
import type { Decision, Escalation, Meeting, Suggestion, Topic } from '@shared/records'
import { useDb } from '@app/db'
import { aDecision, aMeeting, aSuggestion, aTopic, anEscalation, testId } from '../builders'

export const meeting: Meeting = aMeeting({ id: testId(0x9001), title: '九月夜话', startsAt: '2026-09-25T11:30:00.000Z', status: 'closed' })

export const lamp: Suggestion = aSuggestion({ id: testId(0x9101), content: '村东头的路灯坏了三个月', status: 'decided', topicId: testId(0x9201) })
export const gym: Suggestion = aSuggestion({
  id: testId(0x9102), content: '文化广场的健身器材坏了', status: 'resolved', topicId: testId(0x9202),
  submitterName: '周大娘', submitterPhone: '13900001111', receiptCode: 'GYM00001',
})

export const topics: Topic[] = [
  aTopic({ id: testId(0x9201), meetingId: meeting.id, title: '修路灯', suggestionIds: [lamp.id], outcome: 'decided' }),
  aTopic({ id: testId(0x9202), meetingId: meeting.id, title: '修健身器材', suggestionIds: [gym.id], outcome: 'decided' }),
]

/** Due the day before 国庆 (1–7 October 2026): two working days overdue on 9 October, not nine. */
export const lampDecision: Decision = aDecision({
  id: testId(0x9301), meetingId: meeting.id, topicId: topics[0]!.id, text: '换村东头的路灯', owner: '张主任', dueOn: '2026-09-30',
})
/** Due Monday 12 October: from Friday the 9th that is Saturday the 10th (调休) and Monday, two working days. */
export const ditchDecision: Decision = aDecision({
  id: testId(0x9302), meetingId: meeting.id, topicId: null, text: '清理东街排水沟', owner: '李会计', dueOn: '2026-10-12',
})
export const gymDecision: Decision = aDecision({
  id: testId(0x9303), meetingId: meeting.id, topicId: topics[1]!.id, text: '换健身器材', status: 'done', dueOn: '2026-09-28',
})

export const bridge: Escalation = anEscalation({
  id: testId(0x9401), title: '村北桥梁维修', status: 'assigned', assignee: '镇交通办刘工', dueOn: '2026-10-20',
})

/** Write the village into the device database. */
export async function seedVillage(rows: { suggestions?: Suggestion[]; escalations?: Escalation[] } = {}): Promise<void> {
  const db = useDb()
  await db.meetings.put(meeting)
  await db.topics.bulkPut(topics)
  await db.suggestions.bulkPut(rows.suggestions ?? [lamp, gym])
  await db.decisions.bulkPut([lampDecision, ditchDecision, gymDecision])
  await db.escalations.bulkPut(rows.escalations ?? [bridge])
}
