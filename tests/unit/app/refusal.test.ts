import 'fake-indexeddb/auto'
import { beforeEach, describe, expect, it } from 'vitest'
import { useDb } from '@app/db'
import { writeTables } from '@app/db/local'
import { recordRejections } from '@app/sync/apply'
import { unsavedTexts } from '@app/sync/refusal'
import { aDecision, aMeeting, aTopic, nextId, suggestionCreateArgs } from '../builders'
import { resetDb } from '../run/fixtures'

const meeting = aMeeting({ title: '九月乡村夜话', status: 'closed' })
const topic = aTopic({ meetingId: meeting.id, title: '修路灯', suggestionIds: [], outcome: 'decided' })
const decision = aDecision({ meetingId: meeting.id, topicId: topic.id, text: '更换村东头三盏坏路灯' })

async function refuse(mid: number, name: string, args: unknown) {
  const db = useDb()
  await db.outbox.put({ mid, name, args, clientTime: '2026-10-09T12:00:00.000Z' })
  await db.transaction('rw', [...writeTables, 'rejections'], () =>
    recordRejections(db, 'device-1', [{ mid, name, code: 'illegal_transition' }], '2026-10-09T13:00:00.000Z'),
  )
  return (await db.rejections.get(`device-1:${mid}`))!
}

beforeEach(async () => {
  await resetDb()
  await useDb().meetings.put(meeting)
  await useDb().topics.put(topic)
  await useDb().decisions.put(decision)
})

describe('a refusal recorded on the phone', () => {
  it('names the item it was about and its meeting, and keeps the words', async () => {
    const args = { id: decision.id, topicId: topic.id, suggestionIds: [], note: '换了两盏，第三盏等配件', remarkId: nextId(), attachments: [] }
    const kept = await refuse(7, 'decision.complete', args)
    expect(kept.subject).toEqual({ type: 'decision', id: decision.id, title: '更换村东头三盏坏路灯', meetingTitle: '九月乡村夜话' })
    expect(unsavedTexts(kept.args)).toEqual([{ field: 'note', text: '换了两盏，第三盏等配件' }])
  })

  it('names no item for a new suggestion the server never had, but keeps what it said', async () => {
    const args = suggestionCreateArgs({ content: '村北的水井盖子松了' })
    // The phone's copy of the new row, and the record that the server had none.
    await useDb().suggestions.put({ ...args, id: args.id } as never)
    await useDb().base.put({ ref: `suggestions:${args.id}`, table: 'suggestions', row: null })
    const kept = await refuse(8, 'suggestion.create', args)
    expect(kept.subject).toBeUndefined()
    expect(unsavedTexts(kept.args)).toEqual([{ field: 'content', text: '村北的水井盖子松了' }])
  })

  it('names the topic a refused decision was taken on', async () => {
    const args = {
      id: nextId(), meetingId: meeting.id, topicId: topic.id, suggestionIds: [], text: '先焊栏杆', owner: '刘主任',
      dueOn: '2026-10-20', kind: 'action',
    }
    const kept = await refuse(9, 'decision.create', args)
    expect(kept.subject).toMatchObject({ type: 'topic', title: '修路灯', meetingTitle: '九月乡村夜话' })
  })
})
