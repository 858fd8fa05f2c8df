import { describe, expect, it } from 'vitest'
import zh from '@app/locales/zh-CN'
import {
  enrolAs,
  expectVisible,
  freshCode,
  goOffline,
  unsent,
  useDevice,
  useServer,
  waitForServiceWorkerControl,
} from './harness'

const server = useServer()
const device = useDevice(server)

describe('a cadre records a suggestion with no signal', () => {
  it('keeps it listed with the unsent count across reloads while offline', async () => {
    const { page, context, errors } = device()
    await page.goto('/')
    await waitForServiceWorkerControl(page)
    await enrolAs(page, await freshCode(server(), 'cadre', '刘土城村'))

    await goOffline(context)
    await page.reload()
    await expectVisible(page.getByRole('button', { name: zh.suggestion.list.add }))

    await page.getByRole('button', { name: zh.suggestion.list.add }).click()
    await page.getByLabel(zh.suggestion.form.content).fill('村东头的路灯坏了三个月，晚上出门不方便')
    await page.getByRole('radio', { name: zh.suggestion.category.infrastructure }).click()
    await page.getByRole('radio', { name: zh.suggestion.source.on_site }).click()
    await page.getByLabel(zh.suggestion.form.submitterName).fill('王大爷')
    await page.getByRole('button', { name: zh.suggestion.form.save }).click()

    await page.waitForURL((url) => url.pathname === '/suggestions')
    const item = page.getByRole('listitem').filter({ hasText: '村东头的路灯坏了三个月' })
    await expectVisible(item)
    await expectVisible(page.getByText(unsent(1)))

    await page.reload()
    await expectVisible(page.getByRole('listitem').filter({ hasText: '村东头的路灯坏了三个月' }))
    await expect.poll(() => item.innerText()).toContain(zh.suggestion.status.new)
    await expect.poll(() => item.innerText()).toContain(zh.suggestion.category.infrastructure)
    await expectVisible(page.getByText(unsent(1)))
    expect(errors).toEqual([])
  })

  it('shows validation in Chinese and saves nothing when the content is empty', async () => {
    const { page, context } = device()
    await page.goto('/')
    await waitForServiceWorkerControl(page)
    await enrolAs(page, await freshCode(server(), 'cadre', '刘土城村'))
    await goOffline(context)

    await page.goto('/suggestions/new')
    await page.getByRole('button', { name: zh.suggestion.form.save }).click()
    await expectVisible(page.getByText(zh.suggestion.validation.content_too_short))
    await page.getByLabel(zh.suggestion.form.submitterPhone).fill('12345')
    await page.getByLabel(zh.suggestion.form.content).fill('水井的盖子坏了')
    await page.getByRole('button', { name: zh.suggestion.form.save }).click()
    await expectVisible(page.getByText(zh.suggestion.validation.phone_invalid))
    expect(new URL(page.url()).pathname).toBe('/suggestions/new')
    expect(await page.evaluate(() => document.querySelector('[data-testid="unsent-badge"]'))).toBeNull()
  })
})
