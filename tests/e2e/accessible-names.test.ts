import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import zh from '@app/locales/zh-CN'
import { enrolAs, expectVisible, freshCode, say, useDevice, useServer, waitForServiceWorkerControl } from './harness'

const server = useServer()
const device = useDevice(server)

/** Characters of the Private Use Area, where icon fonts (Vant's) put their glyphs. */
const iconGlyph = /[\uE000-\uF8FF]/u

/** The page as a screen reader gets it: role and name of everything, as Playwright's aria snapshot writes it. */
const spoken = (page: Page) => page.locator('body').ariaSnapshot()

describe('what a screen reader says', () => {
  it('reads buttons by their words, without icon glyphs, on the screens with icons', async () => {
    const { page, errors } = device()
    await page.goto('/')
    await waitForServiceWorkerControl(page)
    await enrolAs(page, await freshCode(server(), 'cadre', '刘土城村'))

    await expectVisible(page.getByRole('button', { name: zh.suggestion.list.add, exact: true }))
    expect(await spoken(page)).not.toMatch(iconGlyph)
    // The form: radios, a checkbox, the photo and voice buttons.
    await page.getByRole('button', { name: zh.suggestion.list.add, exact: true }).click()
    await expectVisible(page.getByRole('radio', { name: zh.suggestion.source.hotline, exact: true }))
    expect(await spoken(page)).not.toMatch(iconGlyph)
    await page.getByRole('button', { name: zh.app.back }).click()

    await page.getByRole('link', { name: zh.app.nav.meetings }).click()
    await expectVisible(page.getByRole('button', { name: zh.meeting.list.add, exact: true }))
    expect(await spoken(page)).not.toMatch(iconGlyph)

    await page.getByRole('button', { name: zh.meeting.list.add, exact: true }).click()
    await page.getByLabel(zh.meeting.form.title, { exact: true }).fill('刘土城村乡村夜话（第十三期）')
    await page.getByRole('button', { name: zh.meeting.form.create }).click()
    await page.waitForURL((url) => /^\/meetings\/[0-9a-f-]{36}$/.test(url.pathname))
    await expectVisible(page.getByRole('button', { name: zh.meeting.agenda.add, exact: true }))
    expect(await spoken(page)).not.toMatch(iconGlyph)

    await page.getByRole('button', { name: zh.meeting.actions.notice }).click()
    await expectVisible(page.getByRole('button', { name: zh.meeting.notice.page.print, exact: true }))
    await expectVisible(page.getByRole('button', { name: zh.meeting.notice.page.copy, exact: true }).first())
    expect(await spoken(page)).not.toMatch(iconGlyph)
    expect(errors).toEqual([])
  })

  it('leads from 我的 to 同步 when nothing waits to be sent', async () => {
    const { page } = device()
    await page.goto('/')
    await waitForServiceWorkerControl(page)
    await enrolAs(page, await freshCode(server(), 'cadre', '刘土城村'))
    await expectVisible(page.getByRole('link', { name: say(zh.triage.link, { n: 2 }) }), 30_000)
    expect(await page.getByTestId('unsent-badge').count()).toBe(0)

    await page.getByRole('link', { name: zh.app.nav.settings }).click()
    await page.getByRole('link', { name: new RegExp(zh.settings.sync.link) }).click()
    await page.waitForURL((url) => url.pathname === '/sync')
    await expectVisible(page.getByText(zh.sync.allSent))
  })
})
