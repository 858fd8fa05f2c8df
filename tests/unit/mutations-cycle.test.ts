// The whole cycle through the real mutations, each applied to the rows the one before wrote:
// collection, triage, the meeting, a decision and an escalation, follow-through and callbacks.
import { describe, expect, it } from 'vitest'
import type { Actor } from '@shared/actor'
import { defaultCalendar } from '@shared/calendar'
import { funnel, openItems, suggestionPath } from '@shared/ledger'
import type { MutationResult } from '@shared/mutations'
import { runMutation } from '@shared/mutations'
import type { TableName, Tables } from '@shared/records'
import { recordSchemas, tableNames } from '@shared/records'
import {
  aTownship, aVillage, cadreActor, collectorActor, ids, nextId, suggestionCreateArgs, townshipActor, villagerActor,
} from './builders'

/** An in-memory database the mutations read from and write to, like Dexie or the server's. */
function createStore() {
  const tables = new Map<TableName, Map<string, Tables[TableName]>>(tableNames.map((name) => [name, new Map()]))
  let clock = Date.parse('2026-10-01T02:00:00.000Z')
  const store = {
    put(table: TableName, row: Tables[TableName]) {
      tables.get(table)?.set(row.id, row)
    },
    get<T extends TableName>(table: T, id: string): Tables[T] {
      const row = tables.get(table)?.get(id)
      if (!row) throw new Error(`no ${table} ${id}`)
      // The store only ever holds rows of the table's own type.
      return row as Tables[T]
    },
    all<T extends TableName>(table: T): Tables[T][] {
      return [...(tables.get(table)?.values() ?? [])] as Tables[T][]
    },
    /** Move the clock to `instant` (the next mutation runs an hour later). */
    setClock(instant: string) {
      clock = Date.parse(instant)
    },
    /** Run a mutation an hour after the previous one and write its changes; fail the test if refused. */
    async do(name: string, args: unknown, actor: Actor): Promise<MutationResult> {
      clock += 3_600_000
      const result = await runMutation(name, args, actor, new Date(clock).toISOString(), async (ref) => tables.get(ref.table)?.get(ref.id))
      if (!result.ok) throw new Error(`${name} refused: ${JSON.stringify(result.rejection)}`)
      for (const change of result.changes) store.put(change.table, change.row)
      return result
    },
    rows() {
      return {
        suggestions: store.all('suggestions'), topics: store.all('topics'), meetings: store.all('meetings'),
        decisions: store.all('decisions'), escalations: store.all('escalations'), remarks: store.all('remarks'),
        villages: store.all('villages'),
      }
    },
  }
  return store
}

describe('the cadre\'s cycle, end to end', () => {
  it('runs from collection to the callback, every row valid, the ledger telling the story', async () => {
    const store = createStore()
    store.put('townships', aTownship())
    store.put('villages', aVillage())
    const cadre = cadreActor()
    const collector = collectorActor()

    // 征集: a collector records two opinions door to door, with a photo of the opinion book.
    const lamp = suggestionCreateArgs({ content: '村东头路灯坏了' })
    const bridge = suggestionCreateArgs({ content: '村西桥面塌了', receiptCode: 'QW34ER56' })
    await store.do('suggestion.create', lamp, collector)
    await store.do('suggestion.create', bridge, collector)
    const photo = { id: nextId(), sha256: 'e'.repeat(64), kind: 'photo', mime: 'image/jpeg', size: 30_000 }
    await store.do('attachment.add', { ...photo, subjectType: 'suggestion', subjectId: lamp.id }, collector)

    // 支部讨论 and 通知: one meeting, two topics, announced.
    const meetingId = nextId()
    await store.do('meeting.create', { id: meetingId, villageId: ids.village, title: '十月夜话', startsAt: '2026-10-09T11:30:00.000Z', place: '村委会广场' }, cadre)
    const lampTopic = nextId()
    const bridgeTopic = nextId()
    await store.do('suggestion.schedule', { suggestionIds: [lamp.id], meetingId, topicId: lampTopic, newTopic: { title: '路灯', order: 0 } }, cadre)
    await store.do('suggestion.schedule', { suggestionIds: [bridge.id], meetingId, topicId: bridgeTopic, newTopic: { title: '桥', order: 1 } }, cadre)
    await store.do('topic.reorder', { meetingId, topicIds: [bridgeTopic, lampTopic] }, cadre)
    await store.do('meeting.announce', { id: meetingId, noticeText: '10月9日晚7点半，村委会广场' }, cadre)

    // The evening: views, a new question on the spot, a decision and an escalation.
    store.setClock('2026-10-09T10:30:00.000Z')
    await store.do('meeting.start', { id: meetingId }, cadre)
    await store.do('meeting.update', { id: meetingId, attendance: 42 }, cadre)
    await store.do('remark.add', { id: nextId(), subjectType: 'topic', subjectId: lampTopic, kind: 'view', text: '换成太阳能灯', speaker: '李大爷' }, cadre)
    const onSite = suggestionCreateArgs({ content: '村东路灯也该多装两盏', source: 'on_site' })
    await store.do('suggestion.create', onSite, cadre)
    await store.do('suggestion.schedule', { suggestionIds: [onSite.id], meetingId, topicId: lampTopic }, cadre)
    const decisionId = nextId()
    await store.do('decision.create', {
      id: decisionId, meetingId, topicId: lampTopic, suggestionIds: [lamp.id, onSite.id], text: '一周内修好并加装两盏',
      owner: '张主任', dueOn: '2026-10-14', kind: 'action',
    }, cadre)
    const escalationId = nextId()
    await store.do('escalation.create', {
      id: escalationId, villageId: ids.village, topicId: bridgeTopic, suggestionIds: [bridge.id], title: '村西桥需维修', details: '村里没有资金',
    }, cadre)
    await store.do('meeting.close', { id: meetingId, summary: '路灯一周内修好，桥上报镇里' }, cadre)
    expect(store.get('meetings', meetingId)).toMatchObject({ status: 'closed', attendance: 42, summary: '路灯一周内修好，桥上报镇里' })

    // The next report-back lists both open items.
    expect(openItems(ids.village, store.rows(), defaultCalendar, '2026-10-12').map((item) => [item.kind, item.id])).toEqual([
      ['decision', decisionId], ['escalation', escalationId],
    ])

    // The township works the escalation; the village accepts the result.
    const staff = townshipActor()
    await store.do('escalation.accept', { id: escalationId, dueOn: '2026-10-15' }, staff)
    await store.do('escalation.assign', { id: escalationId, department: '交通办', assignee: '刘科长', coordinationOn: '2026-10-12', dueOn: '2026-10-16' }, staff)
    await store.do('escalation.resolve', { id: escalationId, suggestionIds: [bridge.id], resolution: '桥面已修复' }, staff)
    await store.do('escalation.feedback', { id: escalationId, feedback: '修得好' }, cadre)
    await store.do('escalation.close', { id: escalationId }, cadre)

    // The decision is done with evidence; the callbacks: one satisfied, one only partly.
    await store.do('decision.complete', {
      id: decisionId, topicId: lampTopic, suggestionIds: [lamp.id, onSite.id], note: '三盏灯都亮了', remarkId: nextId(),
    }, cadre)
    await store.do('suggestion.rate', { id: lamp.id, stars: 5, outcome: 'resolved', receiptCode: lamp.receiptCode }, villagerActor())
    await store.do('suggestion.rate', { id: onSite.id, stars: 2, outcome: 'partly' }, collector)
    await store.do('suggestion.rate', { id: bridge.id, stars: 5, outcome: 'resolved' }, cadre)
    expect(openItems(ids.village, store.rows(), defaultCalendar, '2026-10-20').map((item) => [item.kind, item.id])).toEqual([
      ['suggestion', onSite.id],
    ])

    // At the report-back the cadre reopens the decision for the unhappy villager.
    await store.do('decision.reopen', {
      id: decisionId, topicId: lampTopic, suggestionIds: [lamp.id, onSite.id], reason: '新装的灯晚上不亮', remarkId: nextId(),
    }, cadre)
    expect(store.all('suggestions').map((row) => [row.content, row.status]).sort()).toEqual([
      ['村东头路灯坏了', 'closed'], ['村东路灯也该多装两盏', 'decided'], ['村西桥面塌了', 'closed'],
    ].sort())

    for (const table of tableNames) {
      for (const row of store.all(table)) expect(recordSchemas[table].safeParse(row).error).toBeUndefined()
    }
    expect(funnel(store.rows(), { today: '2026-10-20' }).byVillage[ids.village]).toEqual({
      collected: 3, onAgenda: 3, decided: 2, escalated: 1, resolved: 2, rated: 3, rulesFormed: 0, open: 1, overdue: 1,
    })
    expect(suggestionPath(store.get('suggestions', bridge.id), store.rows()).map((step) => step.kind)).toEqual([
      'collected', 'on_agenda', 'escalated', 'resolved', 'rated', 'closed',
    ])
    expect(store.get('suggestions', lamp.id).attachmentIds).toEqual([photo.id])
  })
})
