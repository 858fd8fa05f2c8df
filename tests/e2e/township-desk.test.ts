// The township desk at 1280×800 (issue 10): the queue filtered by village and overdue (kept in
// the URL), accept → assign → 报到 → 办结 with a photo, the village's cadre phone answering
// 部分解决, and the item back in 办理中 on the desk with the reason on top; axe-core on the queue
// and the detail.
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import zh from '@app/locales/zh-CN'
import { enrolAs, expectVisible, freshCode, say, useDevice, useSecondDevice, useServer, waitForServiceWorkerControl } from './harness'
import { seriousAxeViolations } from './support/axe'
import { drawnPhoto } from './support/photo'

const server = useServer()
const desk = useDevice(server)
const villagePhone = useSecondDevice(server, 'village cadre')

const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true })
const ready = (page: Page) => page.getByTestId('queue-ready')

/** The escalation page's status line (the facts' 状态 row shows its words). */
const statusShown = (page: Page, status: keyof typeof zh.escalation.status) =>
  expectVisible(page.getByText(zh.escalation.status[status], { exact: true }).first(), 20_000)

describe('the township desk', () => {
  it('filters its queue, works an item through 报到 and 办结 with a photo, and takes it back on the village\'s 部分解决', async () => {
    const { page, errors } = desk()
    await page.setViewportSize({ width: 1280, height: 800 })
    await page.goto('/enrol')
    await waitForServiceWorkerControl(page)
    await enrolAs(page, await freshCode(server(), 'township'))
    await page.waitForURL((url) => url.pathname === '/township')
    await expectVisible(ready(page).locator('table'), 20_000)
    expect(await page.locator('thead th').allInnerTexts()).toEqual(
      Object.values(zh.desk.columns).map((c, i) => (i === 4 ? expect.stringContaining(c) : c)),
    )
    expect(await seriousAxeViolations(page)).toEqual([])

    // 孙庄村's road has waited eight days for acceptance (the demo): it is overdue.
    await page.getByLabel(zh.desk.filters.village, { exact: true }).selectOption({ label: '孙庄村' })
    await expectVisible(ready(page).and(page.locator('[data-query^="village="]')))
    await page.getByTestId('digest-overdue').click()
    await expectVisible(ready(page).and(page.locator('[data-query*="due=overdue"]')))
    const url = new URL(page.url())
    expect(url.searchParams.get('due')).toBe('overdue')
    expect(url.searchParams.get('village')).not.toBeNull()
    const rows = page.locator('tbody tr')
    expect(await rows.count()).toBe(1)
    expect(await rows.first().innerText()).toContain('孙庄至镇区道路修补')
    expect(await rows.first().innerText()).toContain(zh.escalation.status.submitted)

    // The URL keeps the filter: a reload shows the same.
    await page.reload()
    await expectVisible(ready(page).and(page.locator('[data-query*="due=overdue"]')), 20_000)
    expect(await page.locator('tbody tr').count()).toBe(1)
    expect(await page.getByLabel(zh.desk.filters.village, { exact: true }).locator('option:checked').innerText()).toBe('孙庄村')
    // The tab says how many are overdue.
    await expectVisible(page.getByTestId('desk-tab-overdue'))

    await page.getByRole('link', { name: '孙庄至镇区道路修补' }).click()
    await page.waitForURL((u) => u.pathname.startsWith('/escalations/'))
    const escalationPath = new URL(page.url()).pathname
    await expectVisible(page.locator('[data-clock="accept"][data-tone="overdue"]'))
    expect(await seriousAxeViolations(page)).toEqual([])

    // Accept, assign, 报到, 办结 with a photo.
    await button(page, zh.escalation.action.accept).click()
    await button(page, zh.escalation.form.submit.accept).click()
    await statusShown(page, 'accepted')
    await expectVisible(page.getByText(zh.desk.sent, { exact: true }), 20_000)

    await button(page, zh.escalation.action.assign).click()
    await page.getByLabel(zh.escalation.form.department).fill('镇交通办')
    await page.getByLabel(zh.escalation.form.assignee).fill('王干事')
    await button(page, zh.escalation.form.submit.assign).click()
    await statusShown(page, 'assigned')
    await expectVisible(page.locator('[data-clock="report"]'))

    await button(page, zh.escalation.action.report).click()
    await button(page, zh.escalation.form.submit.report).click()
    await expectVisible(page.locator('[data-clock="reported"]'))
    expect(await button(page, zh.escalation.action.report).count()).toBe(0)

    await button(page, zh.escalation.action.resolve).click()
    await page.getByLabel(zh.escalation.form.resolution).fill('已安排施工队修补两公里路面坑洼')
    const photo = await drawnPhoto(page, '修补后的路面', 1200, 900)
    await page.getByLabel(zh.attachment.photo.pick).setInputFiles({ name: 'road.png', mimeType: 'image/png', buffer: photo })
    await expectVisible(page.getByRole('img', { name: say(zh.attachment.list.photo, { n: 1 }) }))
    await button(page, zh.escalation.form.submit.resolve).click()
    await statusShown(page, 'resolved')
    await expectVisible(page.getByText(zh.desk.loop.waiting))
    // Online: 已保存, then 已发送 once the server has it (the photo too).
    await expectVisible(page.getByText(zh.desk.sent, { exact: true }), 30_000)
    expect(await seriousAxeViolations(page)).toEqual([])

    // The village's cadre sees the result with its photo, and answers 部分解决.
    const village = (await villagePhone.open()).page
    await village.goto('/enrol')
    await enrolAs(village, await freshCode(server(), 'cadre', '孙庄村'))
    await village.goto(escalationPath)
    await statusShown(village, 'resolved')
    await expectVisible(village.getByText('已安排施工队修补两公里路面坑洼'))
    await expectVisible(village.getByRole('img', { name: say(zh.attachment.list.photo, { n: 1 }) }), 20_000)
    await button(village, zh.escalation.action.rate).click()
    await village.getByRole('radio', { name: say(zh.followup.callback.star, { n: 2 }) }).check()
    await village.getByRole('radio', { name: zh.desk.outcome.partly }).check()
    await village.getByLabel(zh.desk.loop.feedback).fill('村东头还有三百米没修')
    await button(village, zh.desk.loop.submitRate).click()
    await statusShown(village, 'assigned')
    await expectVisible(village.getByText(zh.desk.sent, { exact: true }), 20_000)

    // Back on the desk: in 办理中 again, the reason on top.
    await page.reload()
    const reopened = page.getByTestId('reopened')
    await expectVisible(reopened, 30_000)
    expect(await reopened.innerText()).toContain(say(zh.desk.loop.reopened, { outcome: zh.desk.outcome.partly }))
    expect(await reopened.innerText()).toContain(say(zh.desk.loop.reason, { text: '村东头还有三百米没修' }))
    await statusShown(page, 'assigned')
    await page.goto('/township?status=working')
    await expectVisible(ready(page).locator('tbody tr').filter({ hasText: '孙庄至镇区道路修补' }), 20_000)
    expect(await ready(page).locator('tbody tr').filter({ hasText: '孙庄至镇区道路修补' }).innerText()).toContain(say(zh.desk.rating, { n: 2, outcome: zh.desk.outcome.partly }))
    expect(errors).toEqual([])
  })
})
