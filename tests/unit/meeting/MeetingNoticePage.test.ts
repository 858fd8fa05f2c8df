import 'fake-indexeddb/auto'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import MeetingNoticePage from '@app/pages/MeetingNoticePage.vue'
import zh from '@app/locales/zh-CN'
import { useDb } from '@app/db'
import { aMeeting, aTopic } from '../builders'
import { mountWithApp } from '../helpers/mount'
import { setUpPageTests } from '../helpers/page'
import { outboxNames, seedPlan, sessionAs } from './fixtures'

const page = setUpPageTests()

// Sunday 29 November 2026, 19:30 in the village.
const meeting = aMeeting({ title: '11月29日夜话', startsAt: '2026-11-29T11:30:00.000Z', place: '村广场', status: 'draft' })
const topics = [
  aTopic({ meetingId: meeting.id, title: '清理东街排水沟', order: 1 }),
  aTopic({ meetingId: meeting.id, title: '修村东路灯', order: 0 }),
]
const link = () => `${window.location.origin}/v/ltc001`

async function open() {
  const { wrapper } = await mountWithApp(MeetingNoticePage, { route: `/meetings/${meeting.id}/notice`, session: sessionAs('cadre') })
  page.keep(wrapper)
  await vi.waitFor(() => expect(wrapper.text()).toContain(zh.meeting.notice.page.wechat))
  return wrapper
}

const button = (wrapper: VueWrapper, label: string) => {
  const found = wrapper.findAll('button').find((b) => b.text() === label)
  if (!found) throw new Error(`no button ${label} in:\n${wrapper.text()}`)
  return found
}
const wechatText = () => [
  '【乡村夜话通知】',
  '刘土城村定于11月29日（星期日）19:30在村广场召开“11月29日夜话”，欢迎村民朋友们参加。',
  '本次议题：',
  '1. 修村东路灯',
  '2. 清理东街排水沟',
  '会上先通报上次夜话提出事项的落实情况，再议本次议题，然后大家自由发言。',
  `有意见建议，也可以提前在手机上提交：${link()}`,
  '刘土城村党支部',
].join('\n')

beforeEach(async () => {
  await seedPlan({ meetings: [meeting], topics })
})

describe('MeetingNoticePage', () => {
  it('shows the WeChat text and the loudspeaker script of the meeting', async () => {
    const wrapper = await open()
    const [wechat, speaker] = wrapper.findAll('.meeting-notice-text__body').map((p) => p.text())
    expect(wechat).toBe(wechatText())
    expect(speaker).toContain('刘土城村11月29号，星期日，晚上7点半，在村广场开乡村夜话。')
    expect(speaker).toContain('再说一遍：')
  })

  it('copies the text and says 已复制', async () => {
    const wrapper = await open()
    await button(wrapper, zh.meeting.notice.page.copy).trigger('click')
    await vi.waitFor(() => expect(wrapper.get('[role="status"]').text()).toBe(zh.meeting.notice.page.copied))
    expect(await navigator.clipboard.readText()).toBe(wechatText())
  })

  it('offers sharing only where the browser can share', async () => {
    const wrapper = await open()
    const shares = wrapper.findAll('button').filter((b) => b.text() === zh.meeting.notice.page.share)
    expect(shares.length > 0).toBe(typeof navigator.share === 'function')
  })

  it('draws the poster with a QR code of the submission link and the link in text', async () => {
    const wrapper = await open()
    const poster = wrapper.get('.meeting-poster')
    expect(poster.text()).toContain('刘土城村乡村夜话')
    expect(poster.text()).toContain('11月29日（星期日）19:30')
    expect(poster.findAll('li').map((li) => li.text())).toEqual(['修村东路灯', '清理东街排水沟'])
    expect(poster.get('.meeting-poster__link').text()).toBe(link())
    await vi.waitFor(() => expect(poster.find('svg').exists()).toBe(true))
    expect(poster.get('[role="img"]').attributes('aria-label')).toBe(`提交意见的二维码：${link()}`)
    expect(button(wrapper, zh.meeting.notice.page.print).exists()).toBe(true)
  })

  it('announces the meeting with the notice text', async () => {
    const wrapper = await open()
    await button(wrapper, zh.meeting.notice.page.announce).trigger('click')
    await vi.waitFor(async () => expect(await useDb().meetings.get(meeting.id)).toMatchObject({ status: 'announced', noticeText: wechatText() }))
    expect(await outboxNames()).toEqual(['meeting.announce'])
    await vi.waitFor(() => expect(wrapper.text()).toContain(zh.meeting.notice.page.announcedHint))
    expect(wrapper.findAll('button').some((b) => b.text() === zh.meeting.notice.page.announce)).toBe(false)
    expect(wrapper.text()).toContain(zh.meeting.status.announced)
  })

  it('points to the texts below its hint, where they are', async () => {
    const wrapper = await open()
    const hint = wrapper.get('.notice-page__announce').text()
    expect(hint).toContain('把下面的文字发到村微信群')
    // The hint comes before the texts it points to.
    const html = wrapper.html()
    expect(html.indexOf('把下面的文字')).toBeLessThan(html.indexOf(zh.meeting.notice.page.wechat))
  })

  it('says in one go that a closed meeting can no longer be announced', async () => {
    await useDb().meetings.put({ ...meeting, status: 'closed' })
    const wrapper = await open()
    expect(wrapper.text()).toContain('这次夜话已结束，不能再发布通知。')
  })
})
