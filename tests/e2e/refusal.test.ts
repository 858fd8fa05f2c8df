import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import zh from '@app/locales/zh-CN'
import {
  enrolAs,
  expectVisible,
  freshCode,
  goOffline,
  goOnline,
  say,
  useDevice,
  useSecondDevice,
  useServer,
  waitForServiceWorkerControl,
} from './harness'
import type { Device } from './harness'
import { waitForSent } from './support/outbox'

const server = useServer()
const first = useDevice(server)
const second = useSecondDevice(server, 'second cadre')

const lamps = '更换村东头三盏坏路灯'
const demoMeeting = '刘土城村乡村夜话（第十二期）'

/** A cadre phone of 刘土城村 that has the village's rows, then loses its signal. */
async function offlineCadre({ page, context }: Device): Promise<void> {
  await page.goto('/')
  await waitForServiceWorkerControl(page)
  await enrolAs(page, await freshCode(server(), 'cadre', '刘土城村'))
  await expectVisible(page.getByRole('link', { name: say(zh.triage.link, { n: 2 }) }), 30_000)
  await goOffline(context)
}

/** Crosses the demo meeting's lamp decision off on the follow-up list, with a note. */
async function completeLamps(page: Page, note: string): Promise<void> {
  await page.getByRole('link', { name: zh.app.nav.ledger }).click()
  await page.getByRole('link', { name: new RegExp(zh.ledger.followUp.link) }).click()
  const item = page.locator('[data-list="open"] > li').filter({ hasText: lamps })
  await item.getByRole('button', { name: zh.followup.complete.action }).click()
  await item.getByLabel(zh.followup.complete.note).fill(note)
  await item.getByRole('button', { name: zh.followup.complete.submit }).click()
  await expectVisible(page.getByText(zh.followup.complete.done))
}

describe('two cadres cross off the same decision offline', () => {
  it("the refused one names the decision and its meeting, keeps the note, and records it as a note with one tap", async () => {
    const a = first()
    const b = await second.open()
    await offlineCadre(a)
    await offlineCadre(b)
    await completeLamps(a.page, '三盏都换好了，晚上试过都亮')
    const words = '换了两盏，第三盏等配件'
    await completeLamps(b.page, words)

    await goOnline(a.context)
    await waitForSent(a.page)
    await goOnline(b.context)
    const notice = b.page.getByText(say(zh.sync.rejected.count, { n: 1 }))
    await expectVisible(notice, 30_000)
    await notice.click()

    const refusal = b.page.getByRole('article', { name: zh.sync.mutation.decision.complete })
    await expectVisible(refusal.getByText(say(zh.sync.rejected.item.decision, { title: lamps })))
    await expectVisible(refusal.getByText(say(zh.sync.rejected.meeting, { title: demoMeeting })))
    const unsaved = refusal.getByRole('region', { name: zh.sync.rejected.unsaved })
    await expectVisible(unsaved.getByText(words, { exact: true }))

    await unsaved.getByRole('button', { name: zh.sync.rejected.copy }).click()
    await expectVisible(b.page.getByText(zh.sync.rejected.copied))
    await unsaved.getByRole('button', { name: zh.sync.rejected.asRemark }).click()
    await expectVisible(b.page.getByText(zh.sync.rejected.remarkSaved))
    await expectVisible(unsaved.getByRole('button', { name: zh.sync.rejected.remarked }))
    // The note reaches the server: nothing stays unsent and nothing new is refused.
    await waitForSent(b.page)
    await b.page.getByRole('button', { name: zh.sync.now }).click()
    await expectVisible(b.page.getByText(zh.sync.state.idle))
    expect(await b.page.getByRole('article').count()).toBe(1)
    expect([...a.errors, ...b.errors]).toEqual([])
  })
})
