import 'fake-indexeddb/auto'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { useDb } from '@app/db'
import { useConfirmation } from '@app/composables/confirmation'
import { useSavedConfirmation } from '@app/composables/savedConfirmation'
import { mountWithApp } from '../helpers/mount'
import { resetDb } from '../escalation/fixtures'

let confirm: () => void = () => undefined
const Host = defineComponent({
  setup() {
    confirm = useSavedConfirmation('escalation.form.saved')
    return () => h('p')
  },
})

/** A change written to the outbox, as every write of the app's is. */
const write = (mid: number) => useDb().outbox.add({ mid, name: 'escalation.accept', args: {}, clientTime: new Date().toISOString() })
/** The sync round acknowledging the outbox up to `mid`. */
const send = (mid: number) => useDb().outbox.where('mid').belowOrEqual(mid).delete()

describe('useSavedConfirmation', () => {
  beforeEach(async () => {
    await resetDb()
    useConfirmation().dismiss()
  })

  it('says 已保存 online, then 已发送 once the change has left the outbox', async () => {
    const { wrapper } = await mountWithApp(Host)
    const { message } = useConfirmation()
    await write(1)
    confirm()
    expect(message.value).toBe('已保存')
    // Still unsent a moment later: no 已发送 yet.
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(message.value).toBe('已保存')
    await send(1)
    await vi.waitFor(() => expect(message.value).toBe('已发送'))
    wrapper.unmount()
  })

  it('says 已发送 also when the round sent the change before the outbox was looked at', async () => {
    const { wrapper } = await mountWithApp(Host)
    const { message } = useConfirmation()
    await write(1)
    confirm()
    await send(1)
    await vi.waitFor(() => expect(message.value).toBe('已发送'))
    wrapper.unmount()
  })

  it('waits for the newest change, not an earlier one', async () => {
    const { wrapper } = await mountWithApp(Host)
    const { message } = useConfirmation()
    await write(1)
    await write(2)
    confirm()
    await send(1)
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(message.value).toBe('已保存')
    await send(2)
    await vi.waitFor(() => expect(message.value).toBe('已发送'))
    wrapper.unmount()
  })

  it('says it is kept on the phone when offline', async () => {
    const online = Object.getOwnPropertyDescriptor(Navigator.prototype, 'onLine')
    Object.defineProperty(navigator, 'onLine', { value: false, configurable: true })
    try {
      const { wrapper } = await mountWithApp(Host)
      await write(1)
      confirm()
      expect(useConfirmation().message.value).toBe('已保存在手机上，有信号时自动发送')
      wrapper.unmount()
    } finally {
      delete (navigator as unknown as Record<string, unknown>).onLine
      if (online && !Object.getOwnPropertyDescriptor(Navigator.prototype, 'onLine')) Object.defineProperty(Navigator.prototype, 'onLine', online)
    }
  })
})
