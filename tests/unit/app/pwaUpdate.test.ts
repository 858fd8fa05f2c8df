import { afterEach, describe, expect, it, vi } from 'vitest'
import { effectScope, nextTick, ref } from 'vue'
import { flushPromises } from '@vue/test-utils'
import type { DOMWrapper, VueWrapper } from '@vue/test-utils'
import UpdatePrompt from '@app/components/app/UpdatePrompt.vue'
import { useConfirmation } from '@app/composables/confirmation'
import { useEditing, useFormGuard } from '@app/composables/formGuard'
import { createPwaUpdate, installPwaUpdate } from '@app/composables/pwaUpdate'
import type { PwaUpdate, ServiceWorkerHooks } from '@app/composables/pwaUpdate'
import { mountWithApp } from '../helpers/mount'

/** Stands in for vite-plugin-pwa's registerSW: the test fires its hooks and counts the updates. */
function fakeServiceWorker() {
  const sw = { hooks: undefined as ServiceWorkerHooks | undefined, applied: 0 }
  const register = (hooks: ServiceWorkerHooks) => {
    sw.hooks = hooks
    return async () => {
      sw.applied += 1
    }
  }
  return { sw, register }
}

let controller: PwaUpdate | undefined
afterEach(() => controller?.stop())

describe('createPwaUpdate', () => {
  it('waits for a new version and applies it when the person agrees', async () => {
    const { sw, register } = fakeServiceWorker()
    controller = createPwaUpdate({ register, editing: ref(false) })
    expect(controller.state.value).toBe('none')

    sw.hooks?.onNeedRefresh()
    expect(controller.state.value).toBe('ready')
    expect(sw.applied).toBe(0)

    controller.accept()
    await flushPromises()
    expect(controller.state.value).toBe('applying')
    expect(sw.applied).toBe(1)
  })

  it('defers while a form is dirty and applies once it is clean', async () => {
    const { sw, register } = fakeServiceWorker()
    const editing = ref(true)
    controller = createPwaUpdate({ register, editing })
    sw.hooks?.onNeedRefresh()

    controller.accept()
    await flushPromises()
    expect(controller.state.value).toBe('deferred')
    expect(sw.applied).toBe(0)

    editing.value = false
    await flushPromises()
    expect(controller.state.value).toBe('applying')
    expect(sw.applied).toBe(1)
  })

  it('never applies without consent, even when no form is open', async () => {
    const { sw, register } = fakeServiceWorker()
    const editing = ref(true)
    controller = createPwaUpdate({ register, editing })
    sw.hooks?.onNeedRefresh()
    editing.value = false
    await flushPromises()
    expect(controller.state.value).toBe('ready')

    controller.dismiss()
    expect(controller.state.value).toBe('dismissed')
    expect(sw.applied).toBe(0)
  })

  it('offers the update again if applying it failed', async () => {
    controller = createPwaUpdate({
      register: (hooks) => {
        queueMicrotask(() => hooks.onNeedRefresh())
        return () => Promise.reject(new Error('no waiting worker'))
      },
      editing: ref(false),
    })
    await flushPromises()
    controller.accept()
    await flushPromises()
    expect(controller.state.value).toBe('ready')
  })

  it('reports that the app shell is ready offline', () => {
    const { sw, register } = fakeServiceWorker()
    controller = createPwaUpdate({ register, editing: ref(false) })
    sw.hooks?.onOfflineReady()
    expect(controller.offlineReady.value).toBe(true)
    controller.dismissOfflineReady()
    expect(controller.offlineReady.value).toBe(false)
  })
})

describe('useFormGuard', () => {
  it('counts a form as editing while its flag is true and forgets it when its scope ends', async () => {
    const editing = useEditing()
    const dirty = ref(false)
    const scope = effectScope()
    scope.run(() => useFormGuard(dirty))
    expect(editing.value).toBe(false)

    dirty.value = true
    expect(editing.value).toBe(true)

    scope.stop()
    expect(editing.value).toBe(false)
  })

  it('asks before the page is closed while a form is dirty', async () => {
    const dirty = ref(true)
    const scope = effectScope()
    scope.run(() => useFormGuard(dirty))
    await nextTick()
    const event = new Event('beforeunload', { cancelable: true })
    window.dispatchEvent(event)
    expect(event.defaultPrevented).toBe(true)

    scope.stop()
    await nextTick()
    const after = new Event('beforeunload', { cancelable: true })
    window.dispatchEvent(after)
    expect(after.defaultPrevented).toBe(false)
  })
})

/** The button reading `text`; throws until there is one (the prompt's buttons load when it first shows). */
function buttonNamed(within: Pick<VueWrapper, 'findAll'>, text: string): DOMWrapper<Element> {
  const button = within.findAll('button').find((b) => b.text() === text)
  if (!button) throw new Error(`no button ${text}`)
  return button
}

describe('UpdatePrompt', () => {
  it('shows the prompt, defers while the suggestion form is dirty, and updates after it is saved', async () => {
    const { sw, register } = fakeServiceWorker()
    controller = installPwaUpdate(register)
    const dirty = ref(true)
    const form = effectScope()
    form.run(() => useFormGuard(dirty))

    const { wrapper } = await mountWithApp(UpdatePrompt)
    expect(wrapper.find('[data-testid="update-prompt"]').exists()).toBe(false)

    sw.hooks?.onNeedRefresh()
    await nextTick()
    const prompt = wrapper.get('[data-testid="update-prompt"]')
    expect(prompt.text()).toContain('新版本已就绪')
    const apply = await vi.waitFor(() => buttonNamed(prompt, '更新'))
    await apply.trigger('click')
    await flushPromises()

    expect(sw.applied).toBe(0)
    expect(wrapper.get('[data-testid="update-prompt"]').text()).toContain('正在填写的内容保存或关闭后，自动更新')

    dirty.value = false
    await flushPromises()
    expect(sw.applied).toBe(1)
    expect(wrapper.get('[data-testid="update-prompt"]').text()).toContain('正在更新…')
    form.stop()
    wrapper.unmount()
  })

  it('shows the prompt and the offline notice when the service worker registers after the prompt mounted', async () => {
    // main.ts registers the service worker after the page's load event, when App (and this
    // prompt) mounted long ago: the prompt must hear from the registration made later.
    const { wrapper } = await mountWithApp(UpdatePrompt)
    const { sw, register } = fakeServiceWorker()
    controller = installPwaUpdate(register)

    sw.hooks?.onOfflineReady()
    await nextTick()
    expect(useConfirmation().message.value).toBe('已可离线使用')
    sw.hooks?.onNeedRefresh()
    await nextTick()
    await (await vi.waitFor(() => buttonNamed(wrapper.get('[data-testid="update-prompt"]'), '更新'))).trigger('click')
    await flushPromises()
    expect(sw.applied).toBe(1)
    wrapper.unmount()
  })

  it('hides when the person chooses later', async () => {
    const { sw, register } = fakeServiceWorker()
    controller = installPwaUpdate(register)
    const { wrapper } = await mountWithApp(UpdatePrompt)
    sw.hooks?.onNeedRefresh()
    await nextTick()
    const later = await vi.waitFor(() => buttonNamed(wrapper, '稍后'))
    await later.trigger('click')
    expect(wrapper.find('[data-testid="update-prompt"]').exists()).toBe(false)
    expect(sw.applied).toBe(0)
    wrapper.unmount()
  })

  it('tells once, in the top bar, that the app works offline', async () => {
    const { sw, register } = fakeServiceWorker()
    controller = installPwaUpdate(register)
    const { wrapper } = await mountWithApp(UpdatePrompt)
    sw.hooks?.onOfflineReady()
    await nextTick()
    const { message, dismiss } = useConfirmation()
    expect(message.value).toBe('已可离线使用')
    expect(wrapper.find('[data-testid="update-prompt"]').exists()).toBe(false)
    dismiss()
    wrapper.unmount()
  })
})
