// Two villages of one township for the statistics and the exports: 刘土城村 is the ledger's
// fixture village (tests/unit/ledger/village.ts), 南关村 a second one with its own meeting, a
// decision done late, an escalation resolved on time and a rating of 部分解决.
import type { LedgerRows } from '@shared/ledger'
import { indexLedger } from '@shared/ledger'
import type { Decision, Escalation, Meeting, Remark, Suggestion, Topic } from '@shared/records'
import {
  aDecision, aMeeting, aRemark, aSuggestion, aTopic, aVillage, anEscalation, ids, testId,
} from '../builders'
import * as first from '../ledger/village'

const other = ids.otherVillage
const at = (date: string, time = '02:00') => `${date}T${time}:00.000Z`

export const villageA = aVillage({ name: '刘土城村' })
export const villageB = aVillage({ id: other, name: '南关村', code: 'ngc001' })

const bMeeting = aMeeting({
  id: testId(0x8001), villageId: other, title: '南关村九月夜话', startsAt: at('2026-09-15', '11:30'), status: 'closed', attendance: 42,
})
const bSuggestions: Suggestion[] = [
  aSuggestion({ id: testId(0x8101), villageId: other, createdAt: at('2026-09-02'), receiptCode: 'NG000001', content: '=SUM(A1:A3) 村口排水', status: 'resolved', topicId: testId(0x8201) }),
  aSuggestion({
    id: testId(0x8102), villageId: other, createdAt: at('2026-09-03'), receiptCode: 'NG000002', content: '-河堤护栏缺了一段',
    status: 'on_agenda', rating: { stars: 3, outcome: 'partly', ratedAt: at('2026-09-28') },
  }),
  aSuggestion({ id: testId(0x8103), villageId: other, createdAt: at('2026-09-04'), receiptCode: 'NG000003', content: '南关桥裂缝', status: 'closed', rating: { stars: 5, outcome: 'resolved', ratedAt: at('2026-09-29') } }),
  aSuggestion({ id: testId(0x8104), villageId: other, createdAt: at('2026-08-20'), receiptCode: 'NG000004', content: '八月的事', status: 'new' }),
]
const bTopics: Topic[] = [
  aTopic({ id: testId(0x8201), villageId: other, meetingId: bMeeting.id, title: '排水', suggestionIds: [testId(0x8101)], outcome: 'decided' }),
]
const bDecisions: Decision[] = [
  // Decided 15 Sep (Tue), due 17 Sep, done 22 Sep (evidence remark): late, 6 working days (20 Sep is 调休).
  aDecision({
    id: testId(0x8301), villageId: other, meetingId: bMeeting.id, topicId: testId(0x8201), text: '清理村口排水沟', owner: '李组长',
    dueOn: '2026-09-17', status: 'done', createdAt: at('2026-09-15', '12:30'), updatedAt: at('2026-09-25'),
  }),
]
const bRemarks: Remark[] = [
  aRemark({ id: testId(0x8401), villageId: other, subjectType: 'decision', subjectId: testId(0x8301), kind: 'progress', text: '已清理', createdAt: at('2026-09-22') }),
]
const bEscalations: Escalation[] = [
  // Submitted 7 Sep (Mon), resolved 10 Sep (Thu): 3 working days, on time.
  anEscalation({
    id: testId(0x8501), villageId: other, suggestionIds: [testId(0x8103)], title: '南关桥维修', status: 'closed', department: '交通办',
    assignee: '刘工', dueOn: '2026-09-11', resolution: '已加固', createdAt: at('2026-09-07'), updatedAt: at('2026-09-10'),
  }),
]

const firstRows = {
  suggestions: Object.values(first.suggestions),
  meetings: first.meetings,
  topics: first.topics,
  decisions: first.decisions,
  escalations: first.escalations,
}

/** Both villages' rows, as a township's device holds them. */
export function townshipRows(): Required<LedgerRows> {
  return {
    suggestions: [...firstRows.suggestions, ...bSuggestions],
    meetings: [...firstRows.meetings, bMeeting] as Meeting[],
    topics: [...firstRows.topics, ...bTopics],
    decisions: [...firstRows.decisions, ...bDecisions],
    escalations: [...firstRows.escalations, ...bEscalations],
    remarks: bRemarks,
    villages: [villageA, villageB],
  }
}

/** One village's rows, as that village's own device holds them. */
export function villageRows(villageId: string): Required<LedgerRows> {
  const all = townshipRows()
  const mine = <R extends { villageId: string }>(rows: readonly R[]) => rows.filter((row) => row.villageId === villageId)
  return {
    suggestions: mine(all.suggestions),
    meetings: mine(all.meetings),
    topics: mine(all.topics),
    decisions: mine(all.decisions),
    escalations: mine(all.escalations),
    remarks: mine(all.remarks),
    villages: all.villages.filter((village) => village.id === villageId),
  }
}

export const townshipIndex = () => indexLedger(townshipRows())
