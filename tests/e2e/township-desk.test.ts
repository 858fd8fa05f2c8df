// The township desk at 1280×800 (issue 10): the queue filtered by village and overdue (kept in
// the URL), accept → assign → 报到 → 办结 with a photo, the village's cadre phone answering
// 部分解决, and the item back in 办理中 on the desk with the reason on top; axe-core on the queue
// and the detail. A villager's own rating on the village page, shown in the queue's 满意度. Then
// the queue opened again from the first screen the desk kept, and not once a record changed since;
// and every row of a page shown, past the dozen of the first render.
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { todayInShanghai } from '@shared/calendar'
import zh from '@app/locales/zh-CN'
import v from '../../src/villager/locales/zh-CN'
import { enrolAs, enrolDesk, expectVisible, freshCode, launchDevice, say, useDevice, useSecondDevice, useServer } from './harness'
import { seriousAxeViolations } from './support/axe'
import { waitForSent } from './support/outbox'
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
    await enrolDesk(page, server())
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

  it("shows in its queue a villager's own rating of the result, given on the village page", async () => {
    const content = '村南路口的三盏路灯坏了一个多月，晚上出门看不见路，请镇里帮忙修。'
    const title = '孙庄村南路口路灯维修'
    const resolution = '镇供电所已更换三盏路灯'
    const { page, errors } = desk()

    // A villager of 孙庄村 sends it from the village's link, with no account.
    const villager = await launchDevice({ baseURL: server().url })
    try {
      const home = villager.page
      await home.goto('/v/szc01')
      await home.getByLabel(v.form.content).fill(content)
      await button(home, v.form.submit).click()
      const item = home.getByRole('region', { name: v.mine.heading }).getByRole('article', { name: content })
      await expectVisible(item.getByText(/^回执码 /), 20_000)

      // The village's cadre escalates it to the township.
      const village = (await villagePhone.open()).page
      await village.goto('/enrol')
      await enrolAs(village, await freshCode(server(), 'cadre', '孙庄村'))
      await village.goto('/suggestions')
      await village.getByRole('link', { name: content }).click()
      await village.waitForURL((url) => /^\/suggestions\/[0-9a-f-]{36}$/.test(url.pathname))
      await button(village, zh.escalation.escalate.action).click()
      await village.getByLabel(zh.escalation.escalate.title).fill(title)
      await village.getByLabel(zh.escalation.escalate.details).fill('三盏路灯不亮，需要供电所更换。')
      await button(village, zh.escalation.escalate.submit).click()
      await waitForSent(village)

      // The desk accepts it and reports it done.
      await enrolDesk(page, server())
      const row = ready(page).locator('tbody tr').filter({ hasText: title })
      await expectVisible(row, 30_000)
      await row.getByRole('link', { name: title }).click()
      await page.waitForURL((u) => u.pathname.startsWith('/escalations/'))
      await button(page, zh.escalation.action.accept).click()
      await button(page, zh.escalation.form.submit.accept).click()
      await statusShown(page, 'accepted')
      await button(page, zh.escalation.action.resolve).click()
      await page.getByLabel(zh.escalation.form.resolution).fill(resolution)
      await button(page, zh.escalation.form.submit.resolve).click()
      await statusShown(page, 'resolved')
      await waitForSent(page)

      // The villager sees the result on the village page and rates it: 5 stars, solved.
      await home.reload()
      await expectVisible(item.getByText(say(v.step.resolved, { text: resolution })), 30_000)
      await item.getByRole('radio', { name: say(v.rate.star, { n: 5 }) }).check()
      await item.getByRole('radio', { name: v.outcome.resolved }).check()
      await button(home, v.rate.submit).click()
      await expectVisible(item.getByText(v.step.closed), 20_000)
      expect(villager.errors).toEqual([])
    } finally {
      await villager.close()
    }

    // The desk's queue shows the village's answer in 满意度, and the item may be crossed off.
    await page.goto('/township')
    const rated = ready(page).locator('tbody tr').filter({ hasText: title })
    await expect.poll(async () => (await rated.count()) > 0 && (await rated.innerText()).includes(say(zh.desk.rating, { n: 5, outcome: zh.desk.outcome.resolved })), { timeout: 30_000 }).toBe(true)
    await rated.getByRole('link', { name: title }).click()
    await expectVisible(page.getByText(say(zh.desk.loop.villagerRating, { n: 5, outcome: zh.desk.outcome.resolved, date: todayInShanghai(new Date()) })))
    await expectVisible(button(page, zh.escalation.action.close))
    expect(errors).toEqual([])
  })

  it('opens its queue again from the first screen it kept, and not once a record changed since', async () => {
    const { page, errors } = desk()
    await enrolDesk(page, server())
    await expectVisible(ready(page).locator('tbody tr').first(), 20_000)
    await expect.poll(() => firstScreenKept(page), { timeout: 30_000 }).toBe(true)

    // From now on each start of the app notes every title its queue shows, from the first paint on.
    await page.addInitScript(() => {
      const seen = new Set<string>()
      Object.assign(window, { titlesSeen: seen })
      new MutationObserver(() => {
        for (const link of document.querySelectorAll('tbody tr a')) seen.add(link.textContent?.trim() ?? '')
      }).observe(document, { childList: true, subtree: true, characterData: true })
    })
    const first = ready(page).locator('tbody tr a').first()
    const title = await first.innerText()
    const id = (await first.getAttribute('href'))!.split('/').pop()!
    await page.reload()
    await expectVisible(ready(page).locator('tbody tr').first(), 20_000)
    expect(await ready(page).locator('tbody tr a').first().innerText()).toBe(title)

    // With the app closed (a villager's page of the same site open instead), the first row's title
    // changes on the device, the records' stamp moving as with every write of the app's: the next
    // start shows the new title from its first paint.
    await page.goto('/v/szc01')
    await changeTitle(page, id, `${title}（已更正）`)
    await page.goto('/township')
    await expectVisible(ready(page).locator('tbody tr a', { hasText: `${title}（已更正）` }), 20_000)
    const seen = await page.evaluate(() => [...(window as unknown as { titlesSeen: Set<string> }).titlesSeen])
    expect(seen).toContain(`${title}（已更正）`)
    expect(seen).not.toContain(title)
    expect(errors).toEqual([])
  })

  it('shows every row of its page, past the dozen its first screen holds, also when it starts from the kept first screen', async () => {
    const { page, errors } = desk()
    await enrolDesk(page, server())
    await expectVisible(ready(page).locator('tbody tr').first(), 20_000)
    await copyEscalations(page, 30)
    const rowsShown = () => ready(page).locator('tbody tr').count()
    const total = async () => Number(await ready(page).getAttribute('data-count'))
    await page.reload()
    await expect.poll(total, { timeout: 20_000 }).toBeGreaterThan(30)
    // One page of 50 at most: the rows past the first dozen follow the first paint.
    const expected = Math.min(await total(), 50)
    await expect.poll(rowsShown, { timeout: 10_000 }).toBe(expected)
    // Again from the first screen the desk keeps once it has looked at its queue for a moment.
    await expect.poll(() => firstScreenKept(page), { timeout: 30_000 }).toBe(true)
    await page.reload()
    await expectVisible(ready(page).locator('tbody tr').first(), 20_000)
    await expect.poll(rowsShown, { timeout: 10_000 }).toBe(expected)
    await page.locator('tbody tr').last().scrollIntoViewIfNeeded()
    await expectVisible(page.locator('tbody tr').last())
    expect(errors).toEqual([])
  })
})

/** Copies the device's first escalation `count` times under new ids, and moves the records' stamp with it. */
function copyEscalations(page: Page, count: number): Promise<void> {
  return withAppDb(page, `(db, done, reject) => {
    const tx = db.transaction(['escalations', 'meta'], 'readwrite')
    const rows = tx.objectStore('escalations')
    const all = rows.getAll()
    all.onsuccess = () => {
      const first = all.result[0]
      for (let i = 0; i < ${count}; i++) rows.put({ ...first, id: crypto.randomUUID(), title: first.title + '（副本 ' + (i + 1) + '）' })
      tx.objectStore('meta').put({ key: 'recordsStamp', value: 'copied-by-the-test' })
    }
    tx.oncomplete = () => done()
    tx.onerror = () => reject(tx.error)
  }`)
}

/** Runs `body` with the app's IndexedDB database open in the page, and closes it. */
function withAppDb<T>(page: Page, body: string): Promise<T> {
  return page.evaluate(`new Promise((resolve, reject) => {
    const open = indexedDB.open('yehua')
    open.onerror = () => reject(open.error)
    open.onsuccess = () => {
      const db = open.result
      const done = (value) => { db.close(); resolve(value) }
      try { (${body})(db, done, reject) } catch (error) { db.close(); reject(error) }
    }
  })`)
}

/** Whether the desk has kept its queue's first screen at the records' present stamp. */
function firstScreenKept(page: Page): Promise<boolean> {
  return withAppDb(page, `(db, done) => {
    const meta = db.transaction('meta', 'readonly').objectStore('meta')
    const stamp = meta.get('recordsStamp')
    const kept = meta.get('deskFirstScreen')
    kept.onsuccess = () => done(typeof stamp.result?.value === 'string' && kept.result?.value?.stamp === stamp.result.value)
  }`)
}

/** Changes an escalation's title in the device database and moves the records' stamp with it. */
function changeTitle(page: Page, id: string, title: string): Promise<void> {
  return withAppDb(page, `(db, done, reject) => {
    const tx = db.transaction(['escalations', 'meta'], 'readwrite')
    const rows = tx.objectStore('escalations')
    const get = rows.get(${JSON.stringify(id)})
    get.onsuccess = () => {
      rows.put({ ...get.result, title: ${JSON.stringify(title)} })
      tx.objectStore('meta').put({ key: 'recordsStamp', value: 'changed-by-the-test' })
    }
    tx.oncomplete = () => done()
    tx.onerror = () => reject(tx.error)
  }`)
}
