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

  /** Mounts a page part that saves, writes the changes `mids` to the outbox and confirms the save online. */
  async function saved(...mids: number[]) {
    const { wrapper } = await mountWithApp(Host)
    for (const mid of mids) await write(mid)
    confirm()
    return { wrapper, message: useConfirmation().message }
  }
  /** Waits until it says 已发送, then unmounts. */
  async function sentShown({ wrapper, message }: Awaited<ReturnType<typeof saved>>) {
    await vi.waitFor(() => expect(message.value).toBe('已发送'))
    wrapper.unmount()
  }
  /** Still 已保存 a moment later: no 已发送 yet. */
  async function stillSaved(message: { value: string | null }) {
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(message.value).toBe('已保存')
  }

  it('says 已保存 online, then 已发送 once the change has left the outbox', async () => {
    const shown = await saved(1)
    expect(shown.message.value).toBe('已保存')
    await stillSaved(shown.message)
    await send(1)
    await sentShown(shown)
  })

  it('says 已发送 also when the round sent the change before the outbox was looked at', async () => {
    const shown = await saved(1)
    await send(1)
    await sentShown(shown)
  })

  it('waits for the newest change, not an earlier one', async () => {
    const shown = await saved(1, 2)
    await send(1)
    await stillSaved(shown.message)
    await send(2)
    await sentShown(shown)
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
