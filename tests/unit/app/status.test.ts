import { afterEach, describe, expect, it, vi } from 'vitest'
import { nextTick, ref } from 'vue'
import { defineStore, type Pinia } from 'pinia'
import OfflineIndicator from '@app/components/app/OfflineIndicator.vue'
import StorageNotice from '@app/components/app/StorageNotice.vue'
import UnsentBadge, { SENDING_GRACE_MS } from '@app/components/app/UnsentBadge.vue'
import { reloadRequired, storageProblem } from '@app/db'
import { useOutboxStore } from '@app/stores/outbox'
import { useSyncStore } from '@app/stores/sync'
import { mountWithApp } from '../helpers/mount'

// The badge only reads pendingCount; the real store counts IndexedDB rows, which is the db layer's
// concern (tests/unit/db). Here the count is set directly.
vi.mock('@app/stores/outbox', () => ({
  useOutboxStore: defineStore('outbox', () => ({ pendingCount: ref(0) })),
}))
/** The mocked store, whose count a test sets (the real one's is read-only). */
const outboxOf = (pinia: Pinia) => useOutboxStore(pinia) as unknown as { pendingCount: number }

function goOffline(offline: boolean): void {
  vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(!offline)
  window.dispatchEvent(new Event(offline ? 'offline' : 'online'))
}

afterEach(() => {
  vi.restoreAllMocks()
})

describe('OfflineIndicator', () => {
  it('appears on an offline event and hides on the next online one', async () => {
    const { wrapper } = await mountWithApp(OfflineIndicator)
    expect(wrapper.find('[data-testid="offline-indicator"]').exists()).toBe(false)

    goOffline(true)
    await nextTick()
    const indicator = wrapper.get('[data-testid="offline-indicator"]')
    expect(indicator.text()).toContain('离线')
    expect(indicator.get('.sr-only').text()).toBe('当前没有网络，填写的内容先保存在本机，有网后自动发送')

    goOffline(false)
    await nextTick()
    expect(wrapper.find('[data-testid="offline-indicator"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('starts visible when the page loads without network', async () => {
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false)
    const { wrapper } = await mountWithApp(OfflineIndicator)
    expect(wrapper.get('[data-testid="offline-indicator"]').text()).toContain('离线')
    wrapper.unmount()
  })
})

describe('UnsentBadge', () => {
  it('shows how many changes are unsent, with a spoken label, and hides at 0', async () => {
    const { wrapper, pinia } = await mountWithApp(UnsentBadge)
    const outbox = outboxOf(pinia)
    useSyncStore(pinia).state = 'offline'
    expect(wrapper.find('[data-testid="unsent-badge"]').exists()).toBe(false)

    outbox.pendingCount = 3
    await nextTick()
    const badge = wrapper.get('[data-testid="unsent-badge"]')
    expect(badge.get('[aria-hidden="true"]').text()).toBe('未发送 3')
    expect(badge.get('.sr-only').text()).toBe('有 3 条更改还没有发送到服务器')

    outbox.pendingCount = 0
    await nextTick()
    expect(wrapper.find('[data-testid="unsent-badge"]').exists()).toBe(false)
  })

  it('says nothing while an online phone is sending, and shows what it has not sent in the usual time', async () => {
    vi.useFakeTimers()
    try {
      const { wrapper, pinia } = await mountWithApp(UnsentBadge)
      const outbox = outboxOf(pinia)
      outbox.pendingCount = 1
      await nextTick()
      expect(wrapper.find('[data-testid="unsent-badge"]').exists()).toBe(false)
      outbox.pendingCount = 0
      await nextTick()
      outbox.pendingCount = 1
      await nextTick()
      vi.advanceTimersByTime(SENDING_GRACE_MS)
      await nextTick()
      expect(wrapper.get('[data-testid="unsent-badge"]').text()).toContain('未发送 1')
      wrapper.unmount()
    } finally {
      vi.useRealTimers()
    }
  })

  it('uses singular and plural labels in English', async () => {
    const { wrapper, pinia } = await mountWithApp(UnsentBadge, { locale: 'en' })
    const outbox = outboxOf(pinia)
    useSyncStore(pinia).state = 'retrying'
    outbox.pendingCount = 1
    await nextTick()
    expect(wrapper.get('.sr-only').text()).toBe('1 change has not been sent to the server yet')
    outbox.pendingCount = 2
    await nextTick()
    expect(wrapper.get('[aria-hidden="true"]').text()).toBe('Unsent 2')
    expect(wrapper.get('.sr-only').text()).toBe('2 changes have not been sent to the server yet')
  })
})

describe('StorageNotice', () => {
  afterEach(() => {
    storageProblem.value = null
    reloadRequired.value = false
  })

  it('says in words why the phone cannot store data, without a reload button that would not help', async () => {
    const { wrapper } = await mountWithApp(StorageNotice)
    expect(wrapper.find('[role="alert"]').exists()).toBe(false)

    storageProblem.value = 'unavailable'
    await nextTick()
    expect(wrapper.get('[role="alert"]').text()).toBe(
      '浏览器不允许本应用保存数据（可能开了无痕或隐私模式）。请用普通模式打开，否则记录无法保存。',
    )
    expect(wrapper.find('button').exists()).toBe(false)

    storageProblem.value = 'quota'
    await nextTick()
    expect(wrapper.get('[role="alert"]').text()).toContain('手机存储空间不足')
  })

  it('asks for a reload after another tab upgraded the database, and reloads on tap', async () => {
    const reload = vi.fn()
    vi.spyOn(window, 'location', 'get').mockReturnValue({ ...window.location, reload })
    const { wrapper } = await mountWithApp(StorageNotice)
    reloadRequired.value = true
    await nextTick()
    expect(wrapper.get('[role="alert"] p').text()).toBe('应用已在别的窗口更新，请刷新后继续。')
    // The reload button (Vant's) loads when the notice first needs it.
    await (await vi.waitFor(() => wrapper.get('button'))).trigger('click')
    expect(reload).toHaveBeenCalledOnce()
  })
})
