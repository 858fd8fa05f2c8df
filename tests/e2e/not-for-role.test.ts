import { describe, expect, it } from 'vitest'
import zh from '@app/locales/zh-CN'
import { enrolAs, expectVisible, freshCode, say, useDevice, useServer, waitForServiceWorkerControl } from './harness'

const server = useServer()
const device = useDevice(server)

describe('a page of another role', () => {
  it('tells township staff who type /ledger that it is for a village, and leads them to their queue', async () => {
    const { page, errors } = device()
    await page.goto('/')
    await waitForServiceWorkerControl(page)
    await enrolAs(page, await freshCode(server(), 'township'))

    await page.goto('/ledger')
    const roles = [zh.app.roles.cadre, zh.app.roles.collector].join(zh.app.notForRole.or)
    await expectVisible(page.getByText(say(zh.app.notForRole.text, { roles, role: zh.app.roles.township })), 5_000)
    expect(new URL(page.url()).pathname).toBe('/ledger')
    expect(await page.getByText(zh.ledger.list.loading).count()).toBe(0)

    await page.getByRole('button', { name: zh.app.notForRole.home }).click()
    await page.waitForURL((url) => url.pathname === '/township')
    expect(errors).toEqual([])
  })
})
