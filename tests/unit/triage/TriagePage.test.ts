import 'fake-indexeddb/auto'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import TriagePage from '@app/pages/TriagePage.vue'
import zh from '@app/locales/zh-CN'
import { useDb } from '@app/db'
import { aMeeting, aSuggestion, aTopic } from '../builders'
import { mountWithApp } from '../helpers/mount'
import { setUpPageTests } from '../helpers/page'
import { outboxNames, seedPlan, sessionAs, settle } from '../meeting/fixtures'

const page = setUpPageTests()

const older = aSuggestion({ content: '村东头路灯坏了，晚上看不见路', createdAt: '2026-11-20T01:00:00.000Z' })
const newer = aSuggestion({ content: '村东头那盏路灯还是不亮', createdAt: '2026-11-21T01:00:00.000Z', submitterName: null })
const third = aSuggestion({ content: '东街排水沟堵了，一下雨就积水', createdAt: '2026-11-22T01:00:00.000Z' })

async function open(role: 'cadre' | 'collector' = 'cadre') {
  const { wrapper } = await mountWithApp(TriagePage, { route: '/triage', session: sessionAs(role) })
  page.keep(wrapper)
  return wrapper
}

async function openWithInbox() {
  const wrapper = await open()
  await vi.waitFor(() => expect(wrapper.findAll('.triage-item')).toHaveLength(3))
  return wrapper
}

const button = (wrapper: VueWrapper, label: string) => {
  const found = wrapper.findAll('button').find((b) => b.text() === label)
  if (!found) throw new Error(`no button ${label} in:\n${wrapper.text()}`)
  return found
}

async function select(wrapper: VueWrapper, ...contents: string[]) {
  for (const content of contents) {
    await wrapper.get(`input[aria-label="${zh.triage.select.replace('{content}', content)}"]`).setValue(true)
  }
}

const inboxTexts = (wrapper: VueWrapper) => wrapper.findAll('.triage-item__content').map((item) => item.text())

beforeEach(async () => {
  await seedPlan({ suggestions: [third, older, newer, aSuggestion({ content: '已经答复过的', status: 'answered' })] })
})

describe('TriagePage', () => {
  it('lists the new suggestions oldest first with how many are waiting', async () => {
    const wrapper = await openWithInbox()
    expect(inboxTexts(wrapper)).toEqual([older.content, newer.content, third.content])
    expect(wrapper.text()).toContain('还有 3 条意见等着处理')
    expect(wrapper.text()).not.toContain('已经答复过的')
  })

  it('keeps the screen from collectors', async () => {
    const wrapper = await open('collector')
    expect(wrapper.text()).toContain(zh.triage.cadreOnly)
    expect(wrapper.find('.triage-item').exists()).toBe(false)
  })

  it('offers the outcomes only once something is selected', async () => {
    const wrapper = await openWithInbox()
    expect(wrapper.findAll('button').some((b) => b.text() === zh.triage.action.schedule)).toBe(false)
    await select(wrapper, older.content, newer.content)
    expect(wrapper.text()).toContain('已选 2 条')
    expect(wrapper.findAll('.triage-actions button').map((b) => b.text())).toEqual([
      zh.triage.action.schedule, zh.triage.action.merge, zh.triage.action.answer, zh.triage.action.decline,
    ])
  })

  it('puts suggestions on the agenda of a new meeting made with the defaults when there is none', async () => {
    // 29 November 2026, afternoon in the village: the next evening is 30 November at 19:30.
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-11-29T06:00:00.000Z'))
    const wrapper = await openWithInbox()
    await select(wrapper, older.content, newer.content)
    await button(wrapper, zh.triage.action.schedule).trigger('click')
    expect(wrapper.text()).toContain('新建夜话：11月30日夜话（11月30日（星期一）19:30，村广场）')
    const title = wrapper.get('input[name="topicTitle"]')
    expect((title.element as HTMLInputElement).value).toBe(older.content)
    await title.setValue('修村东路灯')
    await wrapper.get('form').trigger('submit')

    await vi.waitFor(async () => expect(await outboxNames()).toEqual(['meeting.create', 'suggestion.schedule']))
    const [meeting] = await useDb().meetings.toArray()
    expect(meeting).toMatchObject({
      title: '11月30日夜话', startsAt: '2026-11-30T11:30:00.000Z', place: '村广场', status: 'draft', villageId: older.villageId,
    })
    const [topic] = await useDb().topics.toArray()
    expect(topic).toMatchObject({ meetingId: meeting!.id, title: '修村东路灯', order: 0, suggestionIds: [older.id, newer.id], outcome: 'pending' })
    for (const id of [older.id, newer.id]) {
      expect(await useDb().suggestions.get(id)).toMatchObject({ status: 'on_agenda', topicId: topic!.id })
    }
    await vi.waitFor(() => expect(inboxTexts(wrapper)).toEqual([third.content]))
    expect(wrapper.text()).toContain('还有 1 条意见等着处理')
  })

  it("adds to an existing meeting's topic", async () => {
    const meeting = aMeeting({ title: '十二月夜话', status: 'announced' })
    const topic = aTopic({ meetingId: meeting.id, title: '路灯', suggestionIds: [] })
    await seedPlan({ meetings: [meeting], topics: [topic] })
    const wrapper = await openWithInbox()
    await select(wrapper, newer.content)
    await button(wrapper, zh.triage.action.schedule).trigger('click')
    await vi.waitFor(() => expect(wrapper.find('input[name="meeting"]:checked').exists()).toBe(true))
    expect((wrapper.get('input[name="meeting"]:checked').element as HTMLInputElement).value).toBe(meeting.id)
    await wrapper.get(`input[name="topic"][value="${topic.id}"]`).setValue(true)
    expect(wrapper.find('input[name="topicTitle"]').exists()).toBe(false)
    await wrapper.get('form').trigger('submit')

    await vi.waitFor(async () => expect(await outboxNames()).toEqual(['suggestion.schedule']))
    expect(await useDb().topics.get(topic.id)).toMatchObject({ suggestionIds: [newer.id] })
    expect(await useDb().suggestions.get(newer.id)).toMatchObject({ status: 'on_agenda', topicId: topic.id })
    expect(await useDb().meetings.count()).toBe(1)
    await vi.waitFor(() => expect(inboxTexts(wrapper)).toEqual([older.content, third.content]))
  })

  it('asks for the new topic\'s title, in Chinese, and saves nothing without it', async () => {
    const wrapper = await openWithInbox()
    await select(wrapper, third.content)
    await button(wrapper, zh.triage.action.schedule).trigger('click')
    await wrapper.get('input[name="topicTitle"]').setValue('  ')
    await wrapper.get('form').trigger('submit')
    expect(wrapper.text()).toContain(zh.triage.validation.title_required)
    await settle()
    expect(await outboxNames()).toEqual([])
  })

  it('merges a duplicate into another suggestion', async () => {
    const wrapper = await openWithInbox()
    await select(wrapper, newer.content)
    await button(wrapper, zh.triage.action.merge).trigger('click')
    await wrapper.get('form').trigger('submit')
    expect(wrapper.text()).toContain(zh.triage.validation.target_required)
    await wrapper.get(`input[name="into"][value="${older.id}"]`).setValue(true)
    await wrapper.get('form').trigger('submit')

    await vi.waitFor(async () => expect(await outboxNames()).toEqual(['suggestion.merge']))
    expect(await useDb().suggestions.get(newer.id)).toMatchObject({ status: 'merged', mergedInto: older.id })
    expect((await useDb().outbox.toArray())[0]!.args).toEqual({ id: newer.id, intoId: older.id })
    await vi.waitFor(() => expect(inboxTexts(wrapper)).toEqual([older.content, third.content]))
  })

  it('answers the selected suggestions directly', async () => {
    const wrapper = await openWithInbox()
    await select(wrapper, older.content, newer.content)
    await button(wrapper, zh.triage.action.answer).trigger('click')
    await wrapper.get('textarea[name="text"]').setValue('已联系电工，本周修好')
    await wrapper.get('form').trigger('submit')

    await vi.waitFor(async () => expect(await outboxNames()).toEqual(['suggestion.answer', 'suggestion.answer']))
    for (const id of [older.id, newer.id]) {
      expect(await useDb().suggestions.get(id)).toMatchObject({ status: 'answered', answer: '已联系电工，本周修好' })
    }
    await vi.waitFor(() => expect(inboxTexts(wrapper)).toEqual([third.content]))
  })

  it('declines only with a reason, said in Chinese when missing', async () => {
    const wrapper = await openWithInbox()
    await select(wrapper, third.content)
    await button(wrapper, zh.triage.action.decline).trigger('click')
    await wrapper.get('form').trigger('submit')
    expect(wrapper.text()).toContain(zh.triage.validation.reason_required)
    await settle()
    expect(await outboxNames()).toEqual([])
    expect(await useDb().suggestions.get(third.id)).toMatchObject({ status: 'new' })

    await wrapper.get('textarea[name="text"]').setValue('排水沟归镇水利站管，已转告')
    await wrapper.get('form').trigger('submit')
    await vi.waitFor(async () => expect(await outboxNames()).toEqual(['suggestion.decline']))
    expect(await useDb().suggestions.get(third.id)).toMatchObject({ status: 'declined', declineReason: '排水沟归镇水利站管，已转告' })
    await vi.waitFor(() => expect(inboxTexts(wrapper)).toEqual([older.content, newer.content]))
  })
})
