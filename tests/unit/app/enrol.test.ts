import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { enrolmentCode } from '@shared/api/identity'
import EnrolPage from '@app/pages/EnrolPage.vue'
import { mountWithApp } from '../helpers/mount'

describe('enrol page', () => {
  it('labels the code field and takes the code from the link', async () => {
    const { wrapper } = await mountWithApp(EnrolPage, { route: '/enrol?code=48291375', session: null })
    const input = wrapper.get<HTMLInputElement>('input[name="code"]')
    expect(wrapper.get(`label[for="${input.attributes('id')}"]`).text()).toBe('登记码')
    expect(input.element.value).toBe('48291375')
    expect(input.attributes('inputmode')).toBe('numeric')
    expect(wrapper.get('button[type="submit"]').text()).toBe('登记')
    wrapper.unmount()
  })

  it('says what a code looks like, tied to the field, when it is not 8 digits', async () => {
    const { wrapper } = await mountWithApp(EnrolPage, { route: '/enrol', session: null })
    const input = wrapper.get('input[name="code"]')
    expect(input.attributes('aria-invalid')).toBe('false')

    await input.setValue('4829 13')
    await wrapper.get('form').trigger('submit')
    await flushPromises()

    expect(input.attributes('aria-invalid')).toBe('true')
    const error = wrapper.get(`#${input.attributes('aria-describedby')}`)
    expect(error.text()).toBe('登记码是 8 位数字')
    wrapper.unmount()
  })

  describe('refuses exactly the codes the server refuses', () => {
    afterEach(() => vi.unstubAllGlobals())

    it.each(['4829-1375', ' 4829 1375 ', '48291375', '4829-13', '48a2-9137-5', '４８２９１３７５', '4829_1375', '4829-1375-0'])(
      '%j',
      async (typed) => {
        const sent: unknown[] = []
        // No server in unit tests: what would be sent is recorded, and the phone reads as offline.
        vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
          sent.push(JSON.parse(String(init.body)))
          throw new TypeError('Failed to fetch')
        })
        const { wrapper } = await mountWithApp(EnrolPage, { route: '/enrol', session: null })
        await wrapper.get('input[name="code"]').setValue(typed)
        await wrapper.get('form').trigger('submit')
        await flushPromises()
        const accepted = enrolmentCode.safeParse(typed).success
        expect(wrapper.get('input[name="code"]').attributes('aria-invalid')).toBe(String(!accepted))
        expect(sent).toHaveLength(accepted ? 1 : 0)
        wrapper.unmount()
      },
    )
  })
})
