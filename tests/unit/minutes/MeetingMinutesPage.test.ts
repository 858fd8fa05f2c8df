import { describe, expect, it, vi } from 'vitest'
import MeetingMinutesPage from '@app/pages/MeetingMinutesPage.vue'
import zh from '@app/locales/zh-CN'
import { idAt } from '@shared/ledger'
import { aDecision, aRemark, aSuggestion, aTopic, EVENING } from '../builders'
import { mountWithApp } from '../helpers/mount'
import { setUpPageTests } from '../helpers/page'
import { resetDb, seed, sessionAs } from '../run/fixtures'
import { october } from './fixture'

const page = setUpPageTests({ now: EVENING, reset: resetDb })

const request = aSuggestion({ content: '小学门口没有路灯', status: 'decided' })
const topic = aTopic({ meetingId: october.id, title: '修小学门口路灯', suggestionIds: [request.id], outcome: 'decided' })
const decision = aDecision({ meetingId: october.id, topicId: topic.id, text: '装两盏太阳能路灯', owner: '张主任', dueOn: '2026-10-16' })
const view = aRemark({ subjectType: 'topic', subjectId: topic.id, kind: 'view', text: '要装太阳能的', speaker: '李大爷' })
const older = aDecision({ text: '修好村东路灯', owner: '张主任', dueOn: '2026-10-20' })
const report = aRemark({ subjectType: 'decision', subjectId: older.id, kind: 'followup', text: '灯泡买好了', meetingId: october.id })
// Recorded that evening by an app from before reports named their meeting: counted by the phone's clock.
const olderReport = aRemark({
  id: idAt(Date.parse(EVENING)).replace(/0000$/, '0003'), subjectType: 'decision', subjectId: older.id, kind: 'followup',
  text: '电工约好了',
})
// Recorded that morning on the same phone, before the meeting: not part of it.
const morningReport = aRemark({
  id: idAt(Date.parse('2026-10-09T01:00:00.000Z')).replace(/0000$/, '0004'), subjectType: 'decision', subjectId: older.id,
  kind: 'followup', text: '早上问过电工',
})
const closed = { ...october, updatedAt: '2026-10-09T13:30:00.000Z' }

async function open() {
  await seed({
    meetings: [closed], topics: [topic], suggestions: [{ ...request, topicId: topic.id }], decisions: [decision, older],
    remarks: [view, report, olderReport, morningReport],
  })
  const { wrapper } = await mountWithApp(MeetingMinutesPage, { route: `/meetings/${october.id}/minutes`, session: sessionAs('cadre') })
  page.keep(wrapper)
  await vi.waitFor(() => expect(wrapper.text()).toContain('装两盏太阳能路灯'))
  return wrapper
}

describe('MeetingMinutesPage', () => {
  it('shows the minutes of a meeting from what this phone holds', async () => {
    const wrapper = await open()
    const article = wrapper.get('article.minutes')
    expect(article.get('h2').text()).toBe('刘土城村十月乡村夜话 会议纪要')
    expect(article.text()).toContain('2026年10月9日 19:30')
    expect(article.text()).toContain('36 人')
    expect(article.text()).toContain('汇报：灯泡买好了')
    expect(article.text()).toContain('汇报：电工约好了')
    expect(article.text()).not.toContain('早上问过电工')
    expect(article.text()).toContain('发言：李大爷：要装太阳能的')
    expect(article.text()).toContain('拍板：装两盏太阳能路灯（专人 张主任，2026-10-16 前）')
    expect(article.text()).toContain('路灯本周修好，排水沟上报镇里。')
    expect(article.text()).not.toContain(zh.minutes.draft)
  })

  it('copies the minutes as text, ready to paste into a chat', async () => {
    const wrapper = await open()
    await wrapper.findAll('button').find((b) => b.text() === zh.minutes.actions.copy)!.trigger('click')
    await vi.waitFor(async () => expect(await navigator.clipboard.readText()).toContain('【本次议题】\n1. 修小学门口路灯'))
    const text = await navigator.clipboard.readText()
    expect(text.startsWith('刘土城村十月乡村夜话 会议纪要\n时间：2026年10月9日 19:30')).toBe(true)
    expect(wrapper.get('.minutes-page__text pre').text()).toBe(text)
  })

  it('says when the phone does not hold the meeting', async () => {
    const { wrapper } = await mountWithApp(MeetingMinutesPage, { route: `/meetings/${topic.id}/minutes`, session: sessionAs('cadre') })
    page.keep(wrapper)
    await vi.waitFor(() => expect(wrapper.text()).toContain(zh.minutes.notFound))
  })
})
