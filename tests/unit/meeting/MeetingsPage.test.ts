import 'fake-indexeddb/auto'
import { describe, expect, it, vi } from 'vitest'
import MeetingsPage from '@app/pages/MeetingsPage.vue'
import zh from '@app/locales/zh-CN'
import { aMeeting } from '../builders'
import { mountWithApp } from '../helpers/mount'
import { setUpPageTests } from '../helpers/page'
import { seedPlan, sessionAs } from './fixtures'

const page = setUpPageTests()

describe('MeetingsPage', () => {
  it('groups the meetings: in progress, upcoming (earliest first), past (latest first)', async () => {
    await seedPlan({
      meetings: [
        aMeeting({ title: '九月夜话', startsAt: '2026-09-10T11:30:00.000Z', status: 'closed' }),
        aMeeting({ title: '十月夜话', startsAt: '2026-10-10T11:30:00.000Z', status: 'cancelled' }),
        aMeeting({ title: '十一月夜话', startsAt: '2026-11-10T11:30:00.000Z', status: 'in_progress' }),
        aMeeting({ title: '十二月下旬夜话', startsAt: '2026-12-20T11:30:00.000Z', status: 'draft' }),
        aMeeting({ title: '十二月上旬夜话', startsAt: '2026-12-05T11:30:00.000Z', status: 'announced' }),
      ],
    })
    const { wrapper } = await mountWithApp(MeetingsPage, { route: '/meetings', session: sessionAs('cadre') })
    page.keep(wrapper)
    await vi.waitFor(() => expect(wrapper.findAll('.meeting-card')).toHaveLength(5))
    const groups = wrapper.findAll('.meetings-page__group').map((g) => ({
      heading: g.get('h2').text(),
      meetings: g.findAll('.meeting-card').map((c) => [c.get('.meeting-card__link').text(), c.get('.meeting-status').text()]),
    }))
    expect(groups).toEqual([
      { heading: zh.meeting.list.inProgress, meetings: [['十一月夜话', '正在开']] },
      { heading: zh.meeting.list.upcoming, meetings: [['十二月上旬夜话', '已发通知'], ['十二月下旬夜话', '筹备中']] },
      { heading: zh.meeting.list.past, meetings: [['十月夜话', '已取消'], ['九月夜话', '已结束']] },
    ])
    expect(wrapper.text()).toContain('12月5日（星期六）19:30，村委会广场')
    expect(wrapper.findAll('button').some((b) => b.text() === zh.meeting.list.add)).toBe(true)
  })

  it('says when there is no meeting yet', async () => {
    const { wrapper } = await mountWithApp(MeetingsPage, { route: '/meetings', session: sessionAs('cadre') })
    page.keep(wrapper)
    await vi.waitFor(() => expect(wrapper.text()).toContain(zh.meeting.list.empty))
  })
})
