// One evening, recorded: the October meeting of 刘土城村, for the minutes tests.
import type { MinutesInput } from '@app/components/minutes/minutes'
import { aDecision, aMeeting, aRemark, aSuggestion, aTopic, anEscalation } from '../builders'

export const october = aMeeting({
  title: '十月乡村夜话', startsAt: '2026-10-09T11:30:00.000Z', place: '村委会广场', status: 'closed', attendance: 36,
  summary: '路灯本周修好，排水沟上报镇里。',
})

const lamp = aDecision({ text: '修好村东路灯', owner: '张主任', dueOn: '2026-09-20', status: 'done' })
const bridge = anEscalation({ title: '村西桥面破损需维修', status: 'assigned', assignee: '王工', dueOn: '2026-10-15' })
const lamps = aTopic({ meetingId: october.id, title: '修小学门口路灯', outcome: 'decided' })
const ditch = aTopic({ meetingId: october.id, title: '疏通东街排水沟', outcome: 'escalated', order: 1 })
const market = aTopic({ meetingId: october.id, title: '规范集市摆摊', outcome: 'deferred', order: 2 })

/** What meeting mode recorded that evening. */
export function octoberInput(): MinutesInput {
  return {
    meeting: october,
    villageName: '刘土城村',
    topics: [
      {
        topic: lamps,
        suggestions: [aSuggestion({ content: '小学门口没有路灯' })],
        views: [aRemark({ kind: 'view', text: '要装太阳能的', speaker: '李大爷' }), aRemark({ kind: 'view', text: '电费村里出', speaker: null })],
        decisions: [aDecision({ text: '装两盏太阳能路灯', owner: '张主任', dueOn: '2026-10-16', kind: 'action' })],
        escalations: [],
      },
      {
        topic: ditch,
        suggestions: [aSuggestion({ content: '东街排水沟堵了' })],
        views: [],
        decisions: [aDecision({ text: '村里不得往沟里倒垃圾', owner: '王主任', dueOn: '2026-10-12', kind: 'rule' })],
        escalations: [anEscalation({ title: '东街排水沟需要机械清淤' })],
      },
      { topic: market, suggestions: [], views: [], decisions: [], escalations: [] },
    ],
    openViews: [aRemark({ kind: 'view', text: '希望夜话每月都开', speaker: '王婶' })],
    questions: [aSuggestion({ source: 'on_site', content: '村里能不能建个快递点', submitterName: null })],
    reportBack: [
      {
        kind: 'decision', row: lamp, title: lamp.text, owner: '张主任', dueOn: '2026-09-20', due: null, open: false, topic: null,
        reports: [aRemark({ kind: 'followup', text: '九月十八日已经修好' })],
      },
      {
        kind: 'escalation', row: bridge, title: bridge.title, owner: '王工', dueOn: '2026-10-15', due: null, open: true, topic: null,
        reports: [aRemark({ kind: 'followup', text: '镇交通所已派人看过' })],
      },
      // Not reported on at this meeting: left out of the minutes.
      {
        kind: 'suggestion', row: aSuggestion({ status: 'on_agenda' }), title: '村口垃圾桶不够', owner: null, dueOn: null, due: null,
        open: true, topic: null, reports: [],
      },
    ],
  }
}
