import 'fake-indexeddb/auto'
import { describe, expect, it, vi } from 'vitest'
import TownshipQueuePage from '@app/pages/TownshipQueuePage.vue'
import zh from '@app/locales/zh-CN'
import { aVillage, anEscalation, ids, testId } from '../builders'
import { mountWithApp } from '../helpers/mount'
import { setUpPageTests } from '../helpers/page'
import { useDb } from '@app/db'
import { seed, sessionAs } from './fixtures'

const page = setUpPageTests({ now: '2026-10-13T04:00:00.000Z' })

describe('TownshipQueuePage', () => {
  it('lists what waits for acceptance first, with the village, and marks what is overdue', async () => {
    const otherVillage = aVillage({ id: ids.otherVillage, name: '孙庄村', code: 'szc001' })
    await useDb().villages.put(otherVillage)
    await seed({
      escalations: [
        anEscalation({ title: '东街排水沟疏通', status: 'assigned', dueOn: '2026-10-09' }),
        anEscalation({ title: '孙庄至镇区道路修补', villageId: otherVillage.id, createdAt: '2026-10-12T02:00:00.000Z' }),
        anEscalation({ title: '别的镇的事', townshipId: ids.otherTownship, villageId: testId(99) }),
      ],
    })
    const { wrapper } = await mountWithApp(TownshipQueuePage, { route: '/township', session: sessionAs('township') })
    page.keep(wrapper)
    await vi.waitFor(() => expect(wrapper.findAll('h2')).toHaveLength(2))

    expect(wrapper.findAll('h2').map((h) => h.text())).toEqual([zh.escalation.queue.groups.waiting, zh.escalation.queue.groups.working])
    const cards = wrapper.findAll('a.escalation-card').map((a) => a.text())
    expect(cards).toHaveLength(2)
    expect(cards[0]).toContain('孙庄至镇区道路修补')
    expect(cards[0]).toContain('孙庄村 上报')
    expect(cards[0]).toContain('已等待 1 个工作日')
    expect(cards[1]).toContain('东街排水沟疏通')
    expect(cards[1]).toContain('刘土城村 上报')
    expect(cards[1]).toContain('已超期 3 个工作日')
    expect(wrapper.get('[data-tone="overdue"]').text()).toContain('已超期')
    expect(wrapper.text()).not.toContain('别的镇的事')
  })

  it('says so when the township has nothing escalated', async () => {
    const { wrapper } = await mountWithApp(TownshipQueuePage, { route: '/township', session: sessionAs('township') })
    page.keep(wrapper)
    await vi.waitFor(() => expect(wrapper.text()).toContain(zh.escalation.queue.empty))
  })
})
