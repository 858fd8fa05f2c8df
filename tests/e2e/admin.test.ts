import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { calendarOf, defaultCalendar, todayInShanghai, workingDaysBetween } from '@shared/calendar'
import zh from '@app/locales/zh-CN'
import { openSqlite } from '../../src/server/db/connection'
import { createRecordRepository } from '../../src/server/db/records-repository'
import {
  enrolAs, expectVisible, freshCode, goOffline, goOnline, say, unsent, useDevice, useSecondDevice, useServer,
  waitForServiceWorkerControl,
} from './harness'
import type { Locator, Page } from 'playwright-core'

const server = useServer()
const admin = useDevice(server)
const phone = useSecondDevice(server, 'second phone')

const button = (scope: Page | Locator, name: string) => scope.getByRole('button', { name, exact: true })
const section = (page: Page, name: string) => page.getByRole('navigation', { name: zh.admin.title }).getByRole('link', { name, exact: true })

/** The administrator enrols on a laptop and lands on the admin screens. */
async function enrolAdmin(page: Page): Promise<void> {
  await page.goto('/')
  await waitForServiceWorkerControl(page)
  await enrolAs(page, await freshCode(server(), 'admin'))
  await page.waitForURL((url) => url.pathname.startsWith('/admin'))
  await expectVisible(page.getByRole('heading', { name: zh.admin.sections.villages }))
}

describe('administration in the app', () => {
  it('adds a village and a cadre, prints the slip; the cadre’s phone enrols, works offline, is revoked and keeps its work', async () => {
    const { page, errors } = admin()
    await page.setViewportSize({ width: 1280, height: 900 })
    await enrolAdmin(page)

    // A new village with a chosen public code.
    const villageForm = page.getByRole('form', { name: zh.admin.villages.add })
    await villageForm.getByLabel(zh.admin.villages.name).fill('新庄村')
    await villageForm.getByLabel(zh.admin.villages.code).fill('xzc01')
    await button(villageForm, zh.admin.villages.add).click()
    await expectVisible(page.locator('[data-list="villages"]').getByText('新庄村'))
    await expectVisible(page.getByText('/v/xzc01'))
    // Bad input is refused in words: a malformed code on the laptop, a taken one by the server.
    await villageForm.getByLabel(zh.admin.villages.name).fill('新庄二村')
    await villageForm.getByLabel(zh.admin.villages.code).fill('x!')
    await button(villageForm, zh.admin.villages.add).click()
    await expectVisible(villageForm.getByText(zh.admin.validation.code_format))
    await villageForm.getByLabel(zh.admin.villages.code).fill('xzc01')
    await button(villageForm, zh.admin.villages.add).click()
    await expectVisible(page.getByRole('alert').filter({ hasText: zh.admin.refused.code_taken }))
    expect(await page.locator('[data-list="villages"]').getByText('新庄二村').count()).toBe(0)
    // The village's poster for villagers, with the QR code of its link.
    await page.locator('[data-list="villages"] li').filter({ hasText: '新庄村' }).getByRole('button', { name: zh.admin.villages.poster }).click()
    const poster = page.getByRole('article', { name: zh.admin.villages.poster })
    await expectVisible(poster.getByText(say(zh.admin.villages.posterHeading, { village: '新庄村' })))
    await expectVisible(poster.getByRole('img', { name: `${server().url}/v/xzc01` }))

    // A cadre of it: the slip carries name, role, village, code, a QR code and how to enrol.
    await section(page, zh.admin.sections.members).click()
    const memberForm = page.getByRole('form', { name: zh.admin.members.add })
    await memberForm.getByLabel(zh.admin.members.name).fill('周干部')
    await memberForm.getByLabel(zh.admin.members.role).selectOption('cadre')
    await memberForm.getByLabel(zh.admin.members.village).selectOption({ label: '新庄村' })
    await button(memberForm, zh.admin.members.add).click()
    const slip = page.getByTestId('enrol-slip')
    await expectVisible(slip)
    const code = (await slip.getByTestId('enrol-code').innerText()).trim()
    expect(code).toMatch(/^\d{4}-\d{4}$/)
    const slipText = await slip.innerText()
    for (const words of ['周干部', zh.admin.members.roles.cadre, '新庄村']) expect(slipText).toContain(words)
    await expectVisible(slip.getByTestId('admin-qr').locator('svg'))
    await page.evaluate(() => {
      ;(window as unknown as { printed: number }).printed = 0
      window.print = () => void ((window as unknown as { printed: number }).printed += 1)
    })
    await button(slip, zh.admin.members.slip.print).click()
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1)

    // The cadre's phone enrols with the slip's code and records a suggestion with no signal.
    const cadre = await phone.open()
    await cadre.page.goto('/')
    await waitForServiceWorkerControl(cadre.page)
    await enrolAs(cadre.page, code)
    await expectVisible(cadre.page.getByRole('button', { name: zh.suggestion.list.add }))
    await goOffline(cadre.context)
    await cadre.page.getByRole('button', { name: zh.suggestion.list.add }).click()
    await cadre.page.getByLabel(zh.suggestion.form.content).fill('新庄村东头的桥栏杆松了')
    await cadre.page.getByRole('radio', { name: zh.suggestion.category.infrastructure }).click()
    await cadre.page.getByRole('radio', { name: zh.suggestion.source.on_site }).click()
    await cadre.page.getByRole('button', { name: zh.suggestion.form.save }).click()
    await cadre.page.waitForURL((url) => url.pathname === '/suggestions')
    await expectVisible(cadre.page.getByText(unsent(1)))

    // The admin revokes that phone; the confirmation says what happens to its unsent work.
    await section(page, zh.admin.sections.devices).click()
    const row = page.locator('[data-list="devices"] li').filter({ hasText: '周干部' })
    await expectVisible(row)
    await row.getByRole('button', { name: zh.admin.devices.revoke }).click()
    await expectVisible(page.getByText(say(zh.admin.devices.revokeConfirm, { name: '周干部' })))
    await page.getByRole('button', { name: '确认' }).click()
    await expectVisible(row.getByText(zh.admin.devices.revoked))

    // Back in signal, the phone is told it was revoked; its suggestion is still there, unsent.
    await goOnline(cadre.context)
    await expectVisible(cadre.page.getByRole('alert').filter({ hasText: zh.sync.state.unauthorized }), 30_000)
    await expectVisible(cadre.page.getByText('新庄村东头的桥栏杆松了'))
    await expectVisible(cadre.page.getByText(unsent(1)))

    // The log shows who did what.
    await section(page, zh.admin.sections.audit).click()
    const log = page.locator('[data-list="audit"]')
    for (const action of ['village_create', 'member_create', 'device_revoke'] as const) {
      await expectVisible(log.getByText(zh.admin.audit.actions[action], { exact: true }).first())
    }
    // The browser logs the refused request itself; nothing else went wrong.
    expect(errors).toEqual(['console.error: Failed to load resource: the server responded with a status of 409 (Conflict)'])
  })

  it('enters next year’s holidays; a cadre’s phone counts a deadline across 元旦 with them after its next sync', async () => {
    const today = todayInShanghai(new Date())
    const next = Number(today.slice(0, 4)) + 1
    const dueOn = `${next}-01-05`
    // A decision of the demo's last meeting falls due after 元旦 (written straight into the server's database).
    const database = openSqlite(join(server().dataDir, 'yehua.sqlite'))
    try {
      const records = createRecordRepository(database.db)
      const [decision] = await records.list('decisions', { text: '红白事简办写入村规民约，并张贴公示' } as never)
      await database.db.transaction().execute((trx) => records.write('decisions', { ...decision!, dueOn }, trx))
    } finally {
      await database.db.destroy()
    }
    const entered = { year: next, holidays: { [`${next}-01-01`]: '元旦', [`${next}-01-02`]: '元旦', [`${next}-01-03`]: '元旦' }, workdays: {} }
    const withYear = calendarOf({ holidayYears: [entered] })
    const before = workingDaysBetween(defaultCalendar, today, dueOn)
    const after = workingDaysBetween(withYear, today, dueOn)
    const warning = say(zh.admin.calendar.unknownYear, { year: next })

    const cadre = await phone.open()
    await cadre.page.goto('/')
    await waitForServiceWorkerControl(cadre.page)
    await enrolAs(cadre.page, await freshCode(server(), 'cadre', '刘土城村'))
    await cadre.page.goto('/follow-up')
    const item = cadre.page.locator('li').filter({ hasText: '红白事简办写入村规民约，并张贴公示' }).first()
    await expectVisible(item, 30_000)
    await expect.poll(() => item.innerText(), { timeout: 30_000 }).toContain(say(zh.followup.due.left, { n: before }))
    await expectVisible(cadre.page.getByText(warning))

    // The admin pastes the notice's text, checks the dates read from it, and saves the year.
    const { page, errors } = admin()
    await enrolAdmin(page)
    await section(page, zh.admin.sections.calendar).click()
    const form = page.getByRole('form', { name: zh.admin.calendar.add })
    await form.getByLabel(zh.admin.calendar.year).fill(String(next))
    await form.getByLabel(zh.admin.calendar.paste).fill(`国务院办公厅关于${next}年部分节假日安排的通知\n一、元旦：1月1日至3日放假，共3天。`)
    await button(form, zh.admin.calendar.parse).click()
    await expect.poll(() => form.getByLabel(zh.admin.calendar.holidays).inputValue())
      .toBe(`${next}-01-01 元旦\n${next}-01-02 元旦\n${next}-01-03 元旦`)
    await button(form, zh.admin.calendar.save).click()
    await expectVisible(page.locator('[data-list="years"]').getByText(say(zh.admin.calendar.entered, { year: next })))

    // The cadre's phone syncs (it starts a round when it opens) and counts with the entered year.
    await cadre.page.reload()
    await expect.poll(() => item.innerText(), { timeout: 30_000 }).toContain(say(zh.followup.due.left, { n: after }))
    expect(await cadre.page.getByText(warning).count()).toBe(0)
    expect(after).toBeLessThan(before)
    expect(errors).toEqual([])
  })
})
