import { describe, expect, it, vi } from 'vitest'
import App from '@app/App.vue'
import zh from '@app/locales/zh-CN'
import { useDb } from '@app/db'
import { aTopic } from '../builders'
import { mountWithApp, noServer } from '../helpers/mount'
import { setUpPageTests } from '../helpers/page'
import { resetDb, seed, sessionAs, tonight } from '../run/fixtures'

const page = setUpPageTests({ reset: resetDb })

describe('a read of the device database that throws', () => {
  it('is shown with a retry instead of "loading…" for ever, and the retry reads again', async () => {
    const meeting = tonight({ title: '十月乡村夜话' })
    const topic = aTopic({ meetingId: meeting.id, title: '修路灯' })
    // A row this version cannot read (left by an older one, or damaged): the run sheet's read throws.
    const { suggestionIds: _dropped, ...damaged } = topic
    await seed({ meetings: [meeting] })
    await useDb().topics.put(damaged as typeof topic)

    const { wrapper } = await mountWithApp(App, { route: `/meetings/${meeting.id}/run/topics`, session: sessionAs('cadre'), transport: noServer })
    page.keep(wrapper)
    const notice = await vi.waitFor(() => wrapper.get('[data-testid="read-failure"]'))
    expect(notice.attributes('role')).toBe('alert')
    expect(notice.text()).toContain('没能读出手机上的数据')
    expect(wrapper.text()).not.toContain(zh.run.loading)

    await useDb().topics.put(topic)
    const retry = await vi.waitFor(() => {
      const found = notice.findAll('button').find((b) => b.text() === zh.errors.read.retry)
      if (!found) throw new Error('no retry button yet')
      return found
    })
    await retry.trigger('click')
    await vi.waitFor(() => expect(wrapper.text()).toContain('1. 修路灯'))
    expect(wrapper.find('[data-testid="read-failure"]').exists()).toBe(false)
  })
})
