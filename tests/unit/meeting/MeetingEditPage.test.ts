import 'fake-indexeddb/auto'
import { describe, expect, it, vi } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import MeetingEditPage from '@app/pages/MeetingEditPage.vue'
import zh from '@app/locales/zh-CN'
import { useDb } from '@app/db'
import { aMeeting, aSuggestion, aTopic } from '../builders'
import { mountWithApp } from '../helpers/mount'
import { setUpPageTests } from '../helpers/page'
import { outboxNames, seedPlan, sessionAs, settle } from './fixtures'

const page = setUpPageTests()

async function open(route: string) {
  const result = await mountWithApp(MeetingEditPage, { route, session: sessionAs('cadre') })
  page.keep(result.wrapper)
  return result
}

const button = (wrapper: VueWrapper, label: string) => {
  const found = wrapper.findAll('button').find((b) => b.text() === label || b.attributes('aria-label') === label)
  if (!found) throw new Error(`no button ${label} in:\n${wrapper.text()}`)
  return found
}
const value = (wrapper: VueWrapper, name: string) => (wrapper.get(`input[name="${name}"]`).element as HTMLInputElement).value
const topicTitles = (wrapper: VueWrapper) => wrapper.findAll('.meeting-topic__title').map((h) => h.text())

describe('MeetingEditPage, new', () => {
  it('proposes the next evening at 19:30 in the village square and creates the draft', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-11-28T10:00:00.000Z'))
    const { wrapper, router } = await open('/meetings/new')
    expect(value(wrapper, 'title')).toBe('11月29日夜话')
    expect(value(wrapper, 'date')).toBe('2026-11-29')
    expect(value(wrapper, 'time')).toBe('19:30')
    expect(value(wrapper, 'place')).toBe('村广场')

    await wrapper.get('form').trigger('submit')
    await vi.waitFor(async () => expect(await outboxNames()).toEqual(['meeting.create']))
    const [meeting] = await useDb().meetings.toArray()
    expect(meeting).toMatchObject({
      title: '11月29日夜话', startsAt: '2026-11-29T11:30:00.000Z', place: '村广场', status: 'draft', attendance: 0,
      noticeText: null, summary: null, version: 0,
    })
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe(`/meetings/${meeting!.id}`))
  })

  it('asks for a title and a place, in Chinese, and saves nothing without them', async () => {
    const { wrapper } = await open('/meetings/new')
    await wrapper.get('input[name="title"]').setValue(' ')
    await wrapper.get('input[name="place"]').setValue('')
    await wrapper.get('form').trigger('submit')
    expect(wrapper.text()).toContain(zh.meeting.validation.title_required)
    expect(wrapper.text()).toContain(zh.meeting.validation.place_required)
    await settle()
    expect(await outboxNames()).toEqual([])
  })
})

describe('MeetingEditPage, agenda', () => {
  const meeting = aMeeting({ title: '十二月夜话', status: 'draft' })
  const onTopic = aSuggestion({ content: '村东头路灯坏了', status: 'on_agenda' })
  const topics = [
    aTopic({ meetingId: meeting.id, title: '修路灯', order: 0, suggestionIds: [onTopic.id] }),
    aTopic({ meetingId: meeting.id, title: '清理排水沟', order: 1 }),
    aTopic({ meetingId: meeting.id, title: '村规民约', order: 2 }),
  ]

  async function openAgenda() {
    await seedPlan({ meetings: [meeting], topics, suggestions: [{ ...onTopic, topicId: topics[0]!.id }] })
    const result = await open(`/meetings/${meeting.id}`)
    await vi.waitFor(() => expect(topicTitles(result.wrapper)).toEqual(['修路灯', '清理排水沟', '村规民约']))
    return result.wrapper
  }

  it('shows the meeting with its status and its topics with their suggestions', async () => {
    const wrapper = await openAgenda()
    expect(value(wrapper, 'title')).toBe('十二月夜话')
    expect(wrapper.text()).toContain(zh.meeting.status.draft)
    expect(wrapper.get('.meeting-topic__link').text()).toBe('村东头路灯坏了')
  })

  it('moves a topic down the agenda', async () => {
    const wrapper = await openAgenda()
    await button(wrapper, '把“修路灯”下移一位').trigger('click')
    await vi.waitFor(() => expect(topicTitles(wrapper)).toEqual(['清理排水沟', '修路灯', '村规民约']))
    expect(await outboxNames()).toEqual(['topic.reorder'])
    const stored = await useDb().topics.bulkGet(topics.map((t) => t.id))
    expect(stored.map((t) => t?.order)).toEqual([1, 0, 2])
    expect(button(wrapper, '把“清理排水沟”上移一位').attributes('disabled')).toBeDefined()
  })

  it('renames a topic, refusing an empty name', async () => {
    const wrapper = await openAgenda()
    const rename = wrapper.findAll('.meeting-topic')[1]!.findAll('button').find((b) => b.text() === zh.meeting.agenda.rename)!
    await rename.trigger('click')
    const field = wrapper.get('.meeting-topic__rename input')
    await field.setValue('')
    await wrapper.get('.meeting-topic__rename').trigger('submit')
    expect(wrapper.text()).toContain(zh.meeting.validation.topic_required)
    await field.setValue('疏通东街排水沟')
    await wrapper.get('.meeting-topic__rename').trigger('submit')
    await vi.waitFor(() => expect(topicTitles(wrapper)).toEqual(['修路灯', '疏通东街排水沟', '村规民约']))
    expect(await outboxNames()).toEqual(['topic.update'])
  })

  it('takes a suggestion off its topic, back to the inbox', async () => {
    const wrapper = await openAgenda()
    await button(wrapper, zh.meeting.agenda.unscheduleLabel).trigger('click')
    await vi.waitFor(async () => expect(await useDb().suggestions.get(onTopic.id)).toMatchObject({ status: 'new', topicId: null }))
    expect(await useDb().topics.get(topics[0]!.id)).toMatchObject({ suggestionIds: [] })
    await vi.waitFor(() => expect(wrapper.find('.meeting-topic__link').exists()).toBe(false))
  })

  it('adds a topic at the end', async () => {
    const wrapper = await openAgenda()
    await wrapper.get('input[name="newTopic"]').setValue('修村西桥')
    await wrapper.get('.meeting-agenda__add').trigger('submit')
    await vi.waitFor(() => expect(topicTitles(wrapper)).toEqual(['修路灯', '清理排水沟', '村规民约', '修村西桥']))
    const added = (await useDb().topics.toArray()).find((t) => t.title === '修村西桥')
    expect(added).toMatchObject({ meetingId: meeting.id, order: 3, suggestionIds: [], outcome: 'pending' })
  })

  it('saves an edited time and place of a draft', async () => {
    const wrapper = await openAgenda()
    await wrapper.get('input[name="time"]').setValue('20:00')
    await wrapper.get('input[name="place"]').setValue('村委会大院')
    await wrapper.findAll('form').find((f) => f.classes('meeting-form'))!.trigger('submit')
    await vi.waitFor(async () => expect(await outboxNames()).toEqual(['meeting.update']))
    expect((await useDb().outbox.toArray())[0]!.args).toEqual({ id: meeting.id, startsAt: '2026-10-09T12:00:00.000Z', place: '村委会大院' })
  })

  it('defers a topic while the meeting is in progress, sending its suggestions back to the inbox', async () => {
    const running = { ...meeting, status: 'in_progress' as const }
    await seedPlan({ meetings: [running], topics, suggestions: [{ ...onTopic, topicId: topics[0]!.id }] })
    const { wrapper } = await open(`/meetings/${meeting.id}`)
    await vi.waitFor(() => expect(topicTitles(wrapper)).toHaveLength(3))
    expect(wrapper.find('input[name="title"]').exists()).toBe(false)
    await wrapper.findAll('.meeting-topic')[0]!.findAll('button').find((b) => b.text() === zh.meeting.agenda.defer)!.trigger('click')
    await vi.waitFor(() => expect(document.body.textContent).toContain('把“修路灯”推迟到以后？'))
    ;(document.body.querySelector('.van-dialog__confirm') as HTMLButtonElement).click()
    await vi.waitFor(async () => expect(await useDb().topics.get(topics[0]!.id)).toMatchObject({ outcome: 'deferred' }))
    expect(await useDb().suggestions.get(onTopic.id)).toMatchObject({ status: 'new', topicId: null })
    expect(await outboxNames()).toEqual(['topic.defer'])
    await vi.waitFor(() => expect(wrapper.findAll('.meeting-topic')[0]!.text()).toContain(zh.meeting.agenda.outcome.deferred))
  })

  it('removes a topic before the meeting, sending its suggestions back to the inbox', async () => {
    await seedPlan({ meetings: [{ ...meeting, status: 'announced' }], topics, suggestions: [{ ...onTopic, topicId: topics[0]!.id }] })
    const { wrapper } = await open(`/meetings/${meeting.id}`)
    await vi.waitFor(() => expect(topicTitles(wrapper)).toHaveLength(3))
    await wrapper.findAll('.meeting-topic')[0]!.findAll('button').find((b) => b.text() === zh.meeting.agenda.remove)!.trigger('click')
    await vi.waitFor(() => expect(document.body.textContent).toContain('从议程中删除“修路灯”？'))
    ;(document.body.querySelector('.van-dialog__confirm') as HTMLButtonElement).click()
    await vi.waitFor(() => expect(topicTitles(wrapper)).toHaveLength(2))
    expect(await useDb().topics.get(topics[0]!.id)).toMatchObject({ deletedAt: expect.any(String) })
    expect(await useDb().suggestions.get(onTopic.id)).toMatchObject({ status: 'new', topicId: null })
    expect(await outboxNames()).toEqual(['topic.remove'])
  })

  it('leads to the notice, and to meeting mode once that page exists', async () => {
    const { wrapper, router } = await open(`/meetings/${meeting.id}`)
    await seedPlan({ meetings: [{ ...meeting, status: 'announced' }] })
    await vi.waitFor(() => expect(wrapper.text()).toContain(zh.meeting.actions.notice))
    expect(wrapper.text()).toContain(zh.meeting.form.lockedHint)
    expect(wrapper.findAll('.meeting-links button').some((b) => b.text() === zh.meeting.actions.run)).toBe(router.hasRoute('meeting-run'))
    await button(wrapper, zh.meeting.actions.notice).trigger('click')
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe(`/meetings/${meeting.id}/notice`))
  })
})
