import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { z } from 'zod'
import { addWorkingDays, defaultCalendar, todayInShanghai } from '@shared/calendar'
import { enrolResponse } from '@shared/api/identity'
import { pullResponse, SCHEMA_VERSION } from '@shared/sync/protocol'
import type { RunningServer } from './harness'
import zh from '@app/locales/zh-CN'
import {
  enrolAs,
  expectVisible,
  freshCode,
  goOffline,
  goOnline,
  unsent,
  useDevice,
  useSecondDevice,
  useServer,
  waitForServiceWorkerControl,
} from './harness'

const server = useServer()
const cadre = useDevice(server)
const townshipPhone = useSecondDevice(server, 'township')

/** Chromium's console line for each sync request a revoked phone makes; expected after revocation. */
const refusedAsRevoked = /status of 401/

/** The device id this phone enrolled as, read from its IndexedDB (meta `session`). */
function deviceIdOf(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      new Promise<string>((resolve, reject) => {
        const open = indexedDB.open('yehua')
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const db = open.result
          const get = db.transaction('meta').objectStore('meta').get('session')
          get.onerror = () => reject(get.error)
          get.onsuccess = () => {
            db.close()
            resolve((get.result as { value: { deviceId: string } }).value.deviceId)
          }
        }
      }),
  )
}

/** Revokes a device as the township's administrator would, through the admin API. */
async function revoke(running: RunningServer, deviceId: string): Promise<void> {
  const enrolled = await fetch(`${running.url}/api/enrol`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: await freshCode(running, 'admin'), label: 'e2e admin laptop' }),
  })
  const { token } = enrolResponse.parse(await enrolled.json())
  const response = await fetch(`${running.url}/api/admin/devices/${deviceId}/revoke`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
  })
  expect(response.status).toBe(200)
  const body = z.object({ device: z.object({ id: z.string(), revokedAt: z.string() }) }).parse(await response.json())
  expect(body.device.id).toBe(deviceId)
}

const badge = (page: Page) => page.locator('[data-testid="unsent-badge"]')

/** Contents of every suggestion the server holds for the demo township, as its administrator pulls them. */
async function serverSuggestionContents(running: RunningServer): Promise<string[]> {
  const enrolled = await fetch(`${running.url}/api/enrol`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: await freshCode(running, 'admin'), label: 'e2e admin check' }),
  })
  const { token, deviceId } = enrolResponse.parse(await enrolled.json())
  const contents: string[] = []
  for (let cursor = 0, more = true; more; ) {
    const response = await fetch(`${running.url}/api/sync/pull`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ deviceId, schemaVersion: SCHEMA_VERSION, cursor, limit: 1000 }),
    })
    const page = pullResponse.parse(await response.json())
    for (const { table, row } of page.rows) if (table === 'suggestions') contents.push(String(row.content))
    cursor = page.cursor
    more = page.hasMore
  }
  return contents
}

describe('an escalation goes from a cadre phone offline to the township and back', () => {
  it('syncs the escalation both ways, keeps unsent work when the phone is revoked and sends it after enrolling again', async () => {
    const content = '村北的小桥桥面塌了一块，拖拉机过不去，村里没有钱修，需要镇里出面'
    const title = '村北小桥桥面塌陷，需要镇里维修'

    // The cadre of 刘土城村 enrols online, then loses the signal.
    const { page, context, errors } = cadre()
    await page.goto('/')
    await waitForServiceWorkerControl(page)
    await enrolAs(page, await freshCode(server(), 'cadre', '刘土城村'))
    await goOffline(context)
    await page.reload()

    // Records a suggestion, opens it and escalates it, all offline.
    await page.getByRole('button', { name: zh.suggestion.list.add }).click()
    await page.getByLabel(zh.suggestion.form.content).fill(content)
    await page.getByRole('radio', { name: zh.suggestion.category.infrastructure }).click()
    await page.getByRole('button', { name: zh.suggestion.form.save }).click()
    await page.waitForURL((url) => url.pathname === '/suggestions')
    await page.getByRole('link', { name: content }).click()
    await page.waitForURL((url) => /^\/suggestions\/[0-9a-f-]{36}$/.test(url.pathname))
    const suggestionUrl = page.url()

    await page.getByRole('button', { name: zh.escalation.escalate.action }).click()
    const titleField = page.getByLabel(zh.escalation.escalate.title)
    expect(await titleField.inputValue()).toBe(`${Array.from(content).slice(0, 30).join('')}…`)
    await titleField.fill(title)
    await page.getByLabel(zh.escalation.escalate.details).fill('桥面约两米塌陷，需要交通部门勘察后维修。')
    await page.getByRole('button', { name: zh.escalation.escalate.submit, exact: true }).click()
    await expectVisible(page.getByRole('link').filter({ hasText: title }).filter({ hasText: zh.escalation.status.submitted }))
    await expectVisible(page.getByText(zh.suggestion.status.escalated, { exact: true }))
    await expectVisible(page.getByText(unsent(2), { exact: true }))

    // Back online, the phone sends both changes by itself.
    await goOnline(context)
    await badge(page).waitFor({ state: 'detached', timeout: 20_000 })
    expect(errors).toEqual([])

    // Township staff (陈干事) enrol on their own phone and find the escalation in their queue.
    const township = await townshipPhone.open()
    const desk = township.page
    await desk.goto('/')
    await enrolAs(desk, await freshCode(server(), 'township'))
    await desk.waitForURL((url) => url.pathname === '/township')
    const card = desk.getByRole('link').filter({ hasText: title })
    await expectVisible(card, 20_000)
    expect(await card.innerText()).toContain('刘土城村')
    expect(await card.innerText()).toContain(zh.escalation.status.submitted)
    await card.click()
    await desk.waitForURL((url) => url.pathname.startsWith('/escalations/'))

    // Accepts it with the deadline the township's policy proposes (3 working days).
    await desk.getByRole('button', { name: zh.escalation.action.accept, exact: true }).click()
    const proposed = addWorkingDays(defaultCalendar, todayInShanghai(new Date()), 3)
    expect(await desk.getByLabel(zh.escalation.form.dueOn).inputValue()).toBe(proposed)
    await desk.getByRole('button', { name: zh.escalation.form.submit.accept }).click()
    await expectVisible(desk.getByText(zh.escalation.status.accepted, { exact: true }))
    // Online, the desk says 已保存, then 已发送 once the server has it (no unsent badge in between
    // unless the change waits).
    await expectVisible(desk.getByText(zh.desk.sent, { exact: true }), 20_000)
    expect(await badge(desk).count()).toBe(0)
    expect(township.errors).toEqual([])

    // The cadre syncs and sees the township's answer on the suggestion.
    await page.goto('/sync')
    const syncNow = page.getByRole('button', { name: zh.sync.now })
    await expectVisible(syncNow)
    await syncNow.click()
    await page.goto(suggestionUrl)
    const accepted = page.getByRole('link').filter({ hasText: title }).filter({ hasText: zh.escalation.status.accepted })
    await expectVisible(accepted, 20_000)
    expect(await accepted.innerText()).toContain(zh.escalation.due.dueOn.replace('{date}', proposed))
    expect(errors).toEqual([])

    // The phone is lost: the administrator revokes it.
    await revoke(server(), await deviceIdOf(page))

    // A suggestion recorded afterwards is kept, and the app says the phone must enrol again.
    await page.getByRole('link', { name: zh.app.nav.suggestions }).click()
    await page.getByRole('button', { name: zh.suggestion.list.add }).click()
    await page.getByLabel(zh.suggestion.form.content).fill('村南口的垃圾桶满了没人清')
    await page.getByRole('button', { name: zh.suggestion.form.save }).click()
    await page.waitForURL((url) => url.pathname === '/suggestions')
    await expectVisible(page.getByText(unsent(1), { exact: true }))
    await expectVisible(page.getByRole('alert').filter({ hasText: zh.sync.state.unauthorized }), 20_000)

    await page.reload()
    await expectVisible(page.getByRole('listitem').filter({ hasText: '村南口的垃圾桶满了没人清' }))
    await expectVisible(page.getByText(unsent(1), { exact: true }))
    await expectVisible(page.getByRole('alert').filter({ hasText: zh.sync.state.unauthorized }), 20_000)
    expect(await serverSuggestionContents(server())).not.toContain('村南口的垃圾桶满了没人清')

    // The administrator gives the same cadre a new code; enrolling again sends what was kept.
    await page.getByRole('alert').filter({ hasText: zh.sync.state.unauthorized }).click()
    await page.waitForURL((url) => url.pathname === '/sync')
    await expectVisible(page.getByText(zh.sync.reenrolHint))
    await page.getByRole('button', { name: zh.sync.reenrol }).click()
    await page.waitForURL((url) => url.pathname === '/enrol')
    await enrolAs(page, await freshCode(server(), 'cadre', '刘土城村'))
    await badge(page).waitFor({ state: 'detached', timeout: 20_000 })
    await expect.poll(() => serverSuggestionContents(server()), { timeout: 10_000 }).toContain('村南口的垃圾桶满了没人清')
    expect(await page.getByRole('alert').filter({ hasText: zh.sync.state.unauthorized }).count()).toBe(0)
    expect(errors.filter((line) => !refusedAsRevoked.test(line))).toEqual([])
    // Two phones, a build's worth of pages and several sync rounds: more than one page's budget.
  }, 150_000)
})
