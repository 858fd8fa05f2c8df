import 'fake-indexeddb/auto'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import SyncPage from '@app/pages/SyncPage.vue'
import zh from '@app/locales/zh-CN'
import { useDb } from '@app/db'
import { mountWithApp } from '../helpers/mount'
import { sessionFixture } from '../helpers/session'

describe('SyncPage', () => {
  beforeEach(async () => {
    const db = useDb()
    await Promise.all([db.rejections.clear(), db.outbox.clear(), db.meta.clear()])
  })

  it('says in words which change was refused, why, and what to do, and lets the person dismiss it', async () => {
    await useDb().rejections.put({
      key: 'device-1:3',
      mid: 3,
      name: 'suggestion.create',
      code: 'out_of_scope',
      args: { content: '修一修孙庄村的桥' },
      at: '2026-10-01T12:00:00.000Z',
    })
    const { wrapper } = await mountWithApp(SyncPage, { route: '/sync', session: sessionFixture() })
    await vi.waitFor(() => expect(wrapper.text()).toContain('修一修孙庄村的桥'))
    const text = wrapper.text()
    expect(text).toContain(zh.sync.mutation.suggestion.create)
    expect(text).toContain('修一修孙庄村的桥')
    expect(text).toContain(zh.errors.rejection.out_of_scope)
    expect(text).toContain(zh.sync.rejected.advice.out_of_scope)

    await wrapper.findAll('button').find((b) => b.text() === zh.sync.rejected.dismiss)!.trigger('click')
    await vi.waitFor(() => expect(wrapper.text()).toContain(zh.sync.rejected.none))
    expect(await useDb().rejections.count()).toBe(0)
  })

  it('names the precise reason when a photo was refused for its size', async () => {
    await useDb().rejections.put({
      key: 'device-1:4',
      mid: 4,
      name: 'attachment.add',
      code: 'invalid_args',
      detail: 'payload_too_large',
      args: {},
      at: '2026-10-01T12:00:00.000Z',
    })
    const { wrapper } = await mountWithApp(SyncPage, { route: '/sync', session: sessionFixture() })
    await vi.waitFor(() => expect(wrapper.text()).toContain(zh.sync.rejected.detail.payload_too_large))
    expect(wrapper.text()).toContain(zh.sync.mutation.attachment.add)
    expect(wrapper.text()).not.toContain(zh.errors.rejection.invalid_args)
  })

  it.each([
    ['conflict', 'duplicate', 'receiptCode'],
    ['invalid_args', 'not_storable', undefined],
  ] as const)('says a change the server could not store (%s, %s) was not saved and asks to record it again', async (code, detail, field) => {
    await useDb().rejections.put({
      key: `device-1:${detail}`, mid: 5, name: 'suggestion.create', code, detail, ...(field ? { field } : {}),
      args: { content: '村口的井盖松了' }, at: '2026-10-01T12:00:00.000Z',
    })
    const { wrapper } = await mountWithApp(SyncPage, { route: '/sync', session: sessionFixture() })
    await vi.waitFor(() => expect(wrapper.text()).toContain('村口的井盖松了'))
    expect(wrapper.text()).toContain(zh.sync.rejected.detail[detail])
    expect(wrapper.text()).toContain(zh.sync.rejected.adviceFor[detail])
    // Not the advice for a record saved twice: this one was never saved.
    expect(wrapper.text()).not.toContain(zh.sync.rejected.advice.conflict)
  })

  it('shows how many changes wait to be sent and that it has never synced', async () => {
    await useDb().outbox.bulkAdd([
      { mid: 1, name: 'suggestion.create', args: {}, clientTime: '2026-10-01T12:00:00.000Z' },
      { mid: 2, name: 'suggestion.create', args: {}, clientTime: '2026-10-01T12:01:00.000Z' },
    ])
    const { wrapper } = await mountWithApp(SyncPage, { route: '/sync', session: sessionFixture() })
    await vi.waitFor(() => expect(wrapper.text()).toContain('还有 2 条更改没有发送'))
    expect(wrapper.text()).toContain(zh.sync.neverSynced)
  })
})
