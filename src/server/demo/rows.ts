import { newId, newReceiptCode } from '@shared/ids'
import type {
  Decision, Escalation, Meeting, Member, Remark, Suggestion, Topic, Township, Village,
} from '@shared/records'
import { defaultDeadlinePolicy } from '@shared/records'
import { dateInShanghai, instantInShanghai } from './dates'

/** Every demo row, in an order that can be written one by one (parents first). */
export interface DemoRows {
  townships: Township[]
  villages: Village[]
  members: Member[]
  suggestions: Suggestion[]
  meetings: Meeting[]
  topics: Topic[]
  remarks: Remark[]
  decisions: Decision[]
  escalations: Escalation[]
}

function stamp(at: string) {
  return { id: newId(), version: 0, createdAt: at, updatedAt: at, deletedAt: null }
}

type SuggestionInput = Pick<Suggestion, 'villageId' | 'content' | 'category' | 'source' | 'status'> & Partial<Suggestion>

function suggestion(at: string, input: SuggestionInput): Suggestion {
  return {
    ...stamp(at), submitterName: null, submitterPhone: null, publicName: false, enteredBy: null,
    receiptCode: newReceiptCode(), topicId: null, mergedInto: null, answer: null, declineReason: null,
    rating: null, attachmentIds: [], ...input,
  }
}

/**
 * A township of Shan County with two villages, a member of every role, a past closed meeting in
 * 刘土城村 with its topics, an announced one in 孙庄村, suggestions in several statuses, open decisions (one overdue) and open
 * escalations. Dates are relative to `now`, so "overdue" stays overdue on any day.
 */
export function demoRows(now: Date): DemoRows {
  const at = (days: number, hour = 19, minute = 30) => instantInShanghai(now, days, hour, minute)
  const township: Township = { ...stamp(at(-60, 9)), name: '郭村镇', policy: { ...defaultDeadlinePolicy } }
  const village = (name: string, code: string): Village => ({ ...stamp(at(-60, 9)), townshipId: township.id, name, code })
  const ltc = village('刘土城村', 'ltc01')
  const szc = village('孙庄村', 'szc01')
  const member = (name: string, role: Member['role'], villageId: string | null): Member => ({
    ...stamp(at(-60, 9)), townshipId: township.id, villageId, name, role,
  })
  const members = [
    member('张书记', 'cadre', ltc.id), member('刘主任', 'cadre', ltc.id), member('王大姐', 'collector', ltc.id),
    member('孙书记', 'cadre', szc.id), member('孙建国', 'collector', szc.id),
    member('陈干事', 'township', null), member('赵管理员', 'admin', null),
  ] as const
  const [zhang, liu, wang, sun, sunJianguo] = members

  const meetingAt = at(-14)
  const meeting: Meeting = {
    ...stamp(at(-18, 10)), villageId: ltc.id, title: '刘土城村乡村夜话（第十二期）', startsAt: meetingAt,
    place: '村委会大院', status: 'closed', attendance: 46,
    noticeText: '今晚七点半在村委会大院开乡村夜话，议题：东头路灯、东街排水、红白事简办。欢迎大家来说说。',
    summary: '路灯由刘主任五天内修好；排水沟疏通超出村里能力，上报镇里；红白事简办写进村规民约。',
  }
  const topicOf = (order: number, title: string, outcome: Topic['outcome']): Topic => ({
    ...stamp(at(-16, 10)), villageId: ltc.id, meetingId: meeting.id, title, order, suggestionIds: [], outcome,
  })
  const lampTopic = topicOf(0, '村东头路灯不亮', 'decided')
  const drainTopic = topicOf(1, '东街排水沟堵塞', 'escalated')
  const customsTopic = topicOf(2, '红白事简办', 'decided')

  const lamp = suggestion(at(-20, 16), {
    villageId: ltc.id, content: '村东头到小学那段路的路灯坏了三个，晚上孩子放学看不见路。', category: 'infrastructure',
    source: 'collector', status: 'decided', submitterName: '刘大爷', submitterPhone: '13900000001',
    enteredBy: wang.id, topicId: lampTopic.id,
  })
  const drain = suggestion(at(-19, 8), {
    villageId: ltc.id, content: '东街排水沟堵了，一下雨就积水，老人出门不方便。', category: 'environment',
    source: 'villager', status: 'escalated', submitterName: '李婶', publicName: true, topicId: drainTopic.id,
  })
  const customs = suggestion(at(-14, 20), {
    villageId: ltc.id, content: '红白事大操大办、互相攀比，希望村里定个规矩。', category: 'governance',
    source: 'on_site', status: 'decided', enteredBy: zhang.id, topicId: customsTopic.id, meetingId: meeting.id,
  })
  const clinic = suggestion(at(-10, 9), {
    villageId: ltc.id, content: '村卫生室能不能每周有医生来坐诊？', category: 'welfare', source: 'villager',
    status: 'answered', answer: '已和镇卫生院联系好，每周三上午有医生坐诊。',
  })
  const fitness = suggestion(at(-1, 18), {
    villageId: ltc.id, content: '广场上的健身器材坏了一个，扶手松了，怕老人摔着。', category: 'infrastructure',
    source: 'villager', status: 'new', submitterName: '赵大娘', publicName: true,
  })
  const garbage = suggestion(at(-2, 15), {
    villageId: ltc.id, content: '夏天垃圾清运一周一次不够，能不能改成两次？', category: 'environment',
    source: 'collector', status: 'new', enteredBy: wang.id, submitterName: '周大哥',
  })
  const road = suggestion(at(-9, 10), {
    villageId: szc.id, content: '孙庄到镇上的路坑洼多，下雨天三轮车过不去。', category: 'infrastructure',
    source: 'hotline', status: 'escalated', enteredBy: sun.id,
  })
  const well = suggestion(at(-3, 17), {
    villageId: szc.id, content: '西头机井的电表老跳闸，浇地耽误事。', category: 'agriculture',
    source: 'collector', status: 'new', enteredBy: sunJianguo.id, submitterName: '孙大爷',
  })
  lampTopic.suggestionIds = [lamp.id]
  drainTopic.suggestionIds = [drain.id]
  customsTopic.suggestionIds = [customs.id]

  const lampDecision: Decision = {
    ...stamp(meetingAt), villageId: ltc.id, meetingId: meeting.id, topicId: lampTopic.id,
    text: '更换村东头三盏坏路灯', owner: '刘主任', dueOn: dateInShanghai(now, -9), kind: 'action', status: 'open',
  }
  const customsDecision: Decision = {
    ...stamp(meetingAt), villageId: ltc.id, meetingId: meeting.id, topicId: customsTopic.id,
    text: '红白事简办写入村规民约，并张贴公示', owner: '张书记', dueOn: dateInShanghai(now, 10), kind: 'rule', status: 'open',
  }
  const drainEscalation: Escalation = {
    ...stamp(meetingAt), villageId: ltc.id, townshipId: township.id, topicId: drainTopic.id,
    suggestionIds: [drain.id], title: '东街排水沟疏通', details: '排水沟约三百米淤堵，需要机械清淤，村里没有设备。',
    status: 'assigned', department: '镇水利站', assignee: '李站长', coordinationOn: dateInShanghai(now, -11),
    dueOn: dateInShanghai(now, 4), resolution: null, feedback: null,
    submittedAt: meetingAt, acceptedAt: at(-12, 9), assignedAt: at(-11, 10), reportedAt: at(-10, 9),
  }
  const roadEscalation: Escalation = {
    ...stamp(at(-8, 9)), villageId: szc.id, townshipId: township.id, topicId: null, suggestionIds: [road.id],
    title: '孙庄至镇区道路修补', details: '约两公里路面坑洼，雨天难行，需要交通部门安排修补。', status: 'submitted',
    department: null, assignee: null, coordinationOn: null, dueOn: null, resolution: null, feedback: null,
    submittedAt: at(-8, 9),
  }
  // 孙庄村 has announced its next meeting: what a villager opening the village's link sees on top.
  const szcNext: Meeting = {
    ...stamp(at(-1, 9)), villageId: szc.id, title: '孙庄村乡村夜话（第五期）', startsAt: at(3), place: '孙庄村村委会院里',
    status: 'announced', attendance: 0,
    noticeText: '三天后晚上七点半在村委会院里开乡村夜话，议题正在收集，有事可以扫码提。', summary: null,
  }
  const remark = (when: string, input: Omit<Remark, keyof ReturnType<typeof stamp> | 'villageId'>): Remark => ({
    ...stamp(when), villageId: ltc.id, ...input,
  })
  const remarks = [
    remark(meetingAt, { subjectType: 'topic', subjectId: lampTopic.id, kind: 'view', text: '那段路没灯，老人晚上出门不安全。', speaker: '刘大爷', authorId: zhang.id, meetingId: meeting.id }),
    remark(meetingAt, { subjectType: 'topic', subjectId: customsTopic.id, kind: 'view', text: '定个标准，大家都照着办，谁也不丢面子。', speaker: '王大姐', authorId: zhang.id, meetingId: meeting.id }),
    remark(at(-7, 17), { subjectType: 'decision', subjectId: lampDecision.id, kind: 'progress', text: '灯具已经买了，等电工排时间。', speaker: null, authorId: liu.id }),
  ]
  return {
    townships: [township],
    villages: [ltc, szc],
    members: [...members],
    suggestions: [lamp, drain, customs, clinic, fitness, garbage, road, well],
    meetings: [meeting, szcNext],
    topics: [lampTopic, drainTopic, customsTopic],
    remarks,
    decisions: [lampDecision, customsDecision],
    escalations: [drainEscalation, roadEscalation],
  }
}
