import { describe, expect, it, vi } from 'vitest'
import { defineComponent, h, nextTick, ref } from 'vue'
import { defineStore } from 'pinia'
import { useConfirmation } from '@app/composables/confirmation'
import { useSavedConfirmation } from '@app/composables/savedConfirmation'
import { useOutboxStore } from '@app/stores/outbox'
import { mountWithApp } from '../helpers/mount'

// The outbox count is set directly (the real store counts IndexedDB rows; tests/unit/db covers it).
vi.mock('@app/stores/outbox', () => ({
  useOutboxStore: defineStore('outbox', () => ({ pendingCount: ref(0) })),
}))

let confirm: () => void = () => undefined
const Host = defineComponent({
  setup() {
    confirm = useSavedConfirmation('escalation.form.saved')
    return () => h('p')
  },
})

describe('useSavedConfirmation', () => {
  it('says 已保存 online, then 已发送 once the outbox is empty', async () => {
    const { wrapper, pinia } = await mountWithApp(Host)
    const outbox = useOutboxStore(pinia)
    const { message } = useConfirmation()
    outbox.pendingCount = 1
    await nextTick()
    confirm()
    expect(message.value).toBe('已保存')
    outbox.pendingCount = 0
    await nextTick()
    expect(message.value).toBe('已发送')
    wrapper.unmount()
  })

  it('says it is kept on the phone when offline', async () => {
    const online = Object.getOwnPropertyDescriptor(Navigator.prototype, 'onLine')
    Object.defineProperty(navigator, 'onLine', { value: false, configurable: true })
    try {
      const { wrapper } = await mountWithApp(Host)
      confirm()
      expect(useConfirmation().message.value).toBe('已保存在手机上，有信号时自动发送')
      wrapper.unmount()
    } finally {
      delete (navigator as unknown as Record<string, unknown>).onLine
      if (online && !Object.getOwnPropertyDescriptor(Navigator.prototype, 'onLine')) Object.defineProperty(Navigator.prototype, 'onLine', online)
    }
  })
})
