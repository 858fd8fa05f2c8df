import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import zh from '@app/locales/zh-CN'
import v from '../../src/villager/locales/zh-CN'
import {
  enrolAs,
  expectVisible,
  freshCode,
  goOffline,
  goOnline,
  launchDevice,
  say,
  useDevice,
  useSecondDevice,
  useServer,
  waitForServiceWorkerControl,
} from './harness'
import { seriousAxeViolations } from './support/axe'
import { waitForSent } from './support/outbox'

/** Chromium's fake microphone (a beep) with the permission prompt answered yes. */
const fakeMicrophone = ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream']

const server = useServer()
const villager = useDevice(server, { args: fakeMicrophone })
const cadrePhone = useSecondDevice(server, 'cadre')

const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true })
/** The cadres' app's Vant buttons (an icon may add to their accessible name). */
const vantButton = (page: Page, name: string) => page.getByRole('button', { name })
const mine = (page: Page) => page.getByRole('region', { name: v.mine.heading })
const itemOf = (page: Page, content: string) => mine(page).getByRole('article', { name: content })

/** Fills the form as a villager does: the text, a category, a voice note of about two seconds, name and phone. */
async function writeWithVoice(page: Page, content: string, who: { name: string; phone: string }): Promise<void> {
  await page.getByLabel(v.form.content).fill(content)
  await button(page, v.category.infrastructure).click()
  await button(page, v.voice.start).click()
  // The recorder counts whole seconds; the note is long enough once it shows 0:02.
  await expectVisible(page.getByText(say(v.voice.recording, { elapsed: '0:02' })))
  await button(page, v.voice.stop).click()
  await expectVisible(page.getByRole('group', { name: v.form.voice }).locator('audio'))
  await page.getByLabel(v.form.name).fill(who.name)
  await page.getByLabel(v.form.phone).fill(who.phone)
}

/** The receipt code shown on an item once it is sent, e.g. 'ABCD2345'. */
async function receiptOf(page: Page, content: string): Promise<string> {
  const text = await itemOf(page, content).innerText()
  const match = /回执码 ([A-HJ-NP-Z2-9]{4}) ([A-HJ-NP-Z2-9]{4})/.exec(text)
  if (!match) throw new Error(`no receipt code on the item:\n${text}`)
  return `${match[1]}${match[2]}`
}

describe("a villager's whole side, from the poster's link", () => {
  it('submits offline with a voice note, gets the receipt once online; the branch decides and completes it; the villager rates it and it is back on the next report-back', async () => {
    const { page, context, errors } = villager()
    const content = '村西小桥的栏杆断了两根，孩子上学从桥上过很危险，请村里早点修。'
    const result = '两根栏杆已经焊好，刷了防锈漆。'
    const decision = { text: '焊好村西小桥的断栏杆', owner: '刘主任' }

    // The poster's QR code (its link as the server lists it): the villager page, with no enrolment, and the notice on top.
    const link = server().villagerLinks.find((one) => one.village === '刘土城村')!.link
    expect(new URL(link).pathname).toBe('/v/ltc01')
    await page.goto(new URL(link).pathname)
    await expectVisible(page.getByRole('heading', { level: 1, name: '刘土城村' }))
    await expectVisible(page.getByRole('heading', { name: v.notice.heading }))
    expect(await page.getByText(zh.enrol.code).count()).toBe(0)
    // A second visit opens without network: the page's own service worker has precached it.
    await waitForServiceWorkerControl(page)
    await goOffline(context)
    await page.reload()
    await expectVisible(page.getByRole('heading', { level: 1, name: '刘土城村' }))
    await expectVisible(page.getByText(v.page.offline))

    // Written and recorded without signal: kept on the phone, shown as 未发送, also after a reload.
    await writeWithVoice(page, content, { name: '孙大娘', phone: '13712345678' })
    await button(page, v.form.submit).click()
    await expectVisible(page.getByRole('heading', { name: `${v.receipt.unsentHeading} · ${v.mine.unsent}` }))
    await expectVisible(itemOf(page, content).getByText(v.mine.unsent, { exact: true }))
    await page.reload()
    await expectVisible(itemOf(page, content).getByText(v.mine.unsent, { exact: true }))

    // Signal again: sent by itself, once; the receipt code shows on the item.
    await goOnline(context)
    await expectVisible(itemOf(page, content).getByText(/^回执码 /), 20_000)
    const code = await receiptOf(page, content)
    await expectVisible(itemOf(page, content).getByText(v.step.received, { exact: true }))

    // Another phone follows it by typing the code (and a wrong code finds nothing).
    const neighbour = await launchDevice({ baseURL: server().url })
    try {
      await neighbour.page.goto('/v/ltc01')
      // A phone with no items of its own draws "my items" when it comes near: tap 我的意见.
      await neighbour.page.getByRole('link', { name: v.page.navMine }).click()
      const codeBox = neighbour.page.getByLabel(v.follow.code)
      await codeBox.fill('ABCD2345')
      await button(neighbour.page, v.follow.submit).click()
      await expectVisible(neighbour.page.getByText(v.follow.notFound))
      await codeBox.fill(`${code.slice(0, 4)} ${code.slice(4).toLowerCase()}`)
      await button(neighbour.page, v.follow.submit).click()
      await expectVisible(itemOf(neighbour.page, content).getByText(v.step.received, { exact: true }))
      expect(await itemOf(neighbour.page, content).innerText()).not.toContain('孙大娘')
      // Chromium logs the wrong code's 404 answer as a failed load; nothing else may be logged.
      expect(neighbour.errors.filter((line) => !line.includes('status of 404'))).toEqual([])
    } finally {
      await neighbour.close()
    }

    // The cadre's phone: the item waits in 待分拣, marked 村民提交, once.
    const cadre = (await cadrePhone.open()).page
    await cadre.goto('/')
    await enrolAs(cadre, await freshCode(server(), 'cadre', '刘土城村'))
    await expectVisible(cadre.getByRole('link', { name: say(zh.triage.link, { n: 3 }) }), 30_000)
    const meetingTitle = '刘土城村乡村夜话（第十三期）'
    await cadre.getByRole('link', { name: zh.app.nav.meetings }).click()
    await vantButton(cadre, zh.meeting.list.add).click()
    await cadre.getByLabel(zh.meeting.form.title, { exact: true }).fill(meetingTitle)
    await cadre.getByLabel(zh.meeting.form.place).fill('村委会大院')
    await vantButton(cadre, zh.meeting.form.create).click()
    await cadre.waitForURL((url) => /^\/meetings\/[0-9a-f-]{36}$/.test(url.pathname))
    const meetingPath = new URL(cadre.url()).pathname
    await cadre.getByRole('link', { name: zh.app.nav.suggestions }).click()
    await cadre.getByRole('link', { name: say(zh.triage.link, { n: 3 }) }).click()
    const inbox = cadre.getByRole('checkbox', { name: say(zh.triage.select, { content }) })
    await expectVisible(inbox)
    expect(await cadre.getByText(content, { exact: true }).count()).toBe(1)
    expect(await cadre.locator('label').filter({ hasText: content }).innerText()).toContain(zh.triage.fromVillager)
    await inbox.check()
    await vantButton(cadre, zh.triage.action.schedule).click()
    await cadre.getByRole('radio', { name: meetingTitle }).check()
    await cadre.getByLabel(zh.triage.schedule.topicTitle).fill('村西小桥的栏杆')
    await cadre.getByRole('button', { name: zh.triage.schedule.submit, exact: true, pressed: false }).click()
    await expectVisible(cadre.getByText(say(zh.triage.count, { n: 2 })))

    // Announced and run: decided on the spot with 专人, then the meeting is closed.
    await cadre.goto(meetingPath)
    await vantButton(cadre, zh.meeting.actions.notice).click()
    await vantButton(cadre, zh.meeting.notice.page.announce).click()
    await expectVisible(cadre.getByText(zh.meeting.notice.page.announcedHint))
    await cadre.goto(meetingPath)
    await vantButton(cadre, zh.meeting.actions.run).click()
    await vantButton(cadre, zh.run.start).click()
    await vantButton(cadre, zh.run.start).waitFor({ state: 'detached' })
    const next = (step: keyof typeof zh.run.steps) => vantButton(cadre, say(zh.run.next, { name: zh.run.steps[step] }))
    await next('report').click()
    await next('topics').click()
    await next('discussion').click()
    await next('decide').click()
    const topicCard = cadre.getByRole('article', { name: say(zh.run.topics.numbered, { n: 1, title: '村西小桥的栏杆' }) })
    await topicCard.getByRole('button', { name: zh.run.decide.actions.decide }).click()
    await topicCard.getByLabel(zh.run.decide.text).fill(decision.text)
    await topicCard.getByLabel(zh.run.decide.owner).fill(decision.owner)
    await topicCard.getByRole('button', { name: zh.run.decide.submit }).click()
    await next('summary').click()
    await cadre.getByRole('textbox', { name: zh.run.summary.label }).fill('小桥栏杆由刘主任焊好。')
    await vantButton(cadre, zh.run.summary.close).click()
    await cadre.getByRole('alertdialog').getByRole('button', { name: zh.run.summary.closeSubmit }).click()
    await cadre.waitForURL((url) => url.pathname === `${meetingPath}/minutes`)

    // 办结 with evidence in 落实跟踪.
    await cadre.getByRole('link', { name: zh.app.nav.ledger }).click()
    await cadre.getByRole('link', { name: new RegExp(zh.ledger.followUp.link) }).click()
    const decisionCard = cadre.getByRole('article').filter({ hasText: decision.text })
    await decisionCard.getByRole('button', { name: zh.followup.complete.action }).click()
    await decisionCard.getByLabel(zh.followup.complete.note).fill(result)
    await decisionCard.getByRole('button', { name: zh.followup.complete.submit }).click()
    await waitForSent(cadre)

    // The villager reloads: 已办结 with the result; rates 3 stars, partly resolved.
    await page.reload()
    const item = itemOf(page, content)
    await expectVisible(item.getByText(say(v.step.resolved, { text: result })), 20_000)
    expect(await seriousAxeViolations(page)).toEqual([])
    await item.getByRole('radio', { name: say(v.rate.star, { n: 3 }) }).check()
    await item.getByRole('radio', { name: v.outcome.partly }).check()
    await item.getByLabel(v.rate.note).fill('栏杆焊好了，桥面还是晃。')
    await button(page, v.rate.submit).click()
    await expectVisible(item.getByText(v.step.reopened, { exact: true }))
    expect(await item.getByRole('radio').count()).toBe(0)

    // The cadre: not awaiting a callback any more; reopened with the villager's rating; on the
    // next meeting's report-back; the suggestion's page shows the rating.
    await cadre.reload()
    const reopened = cadre.getByRole('list').filter({ hasText: content }).getByRole('article').filter({ hasText: content })
    await expectVisible(reopened.getByText(say(zh.followup.reopenedByVillager, { outcome: zh.followup.outcome.partly, n: 3 })), 30_000)
    expect(await cadre.locator('[data-list="callbacks"]').getByText(content).count()).toBe(0)
    await reopened.getByRole('link', { name: zh.followup.openSuggestion }).click()
    const rating = cadre.locator('[data-fact="rating"]')
    await expectVisible(rating)
    expect(await rating.innerText()).toContain(say(zh.escalation.suggestion.ratingValue, { n: 3, outcome: zh.followup.outcome.partly }))
    expect(await rating.innerText()).toContain('栏杆焊好了，桥面还是晃。')
    await cadre.getByRole('link', { name: zh.app.nav.meetings }).click()
    await vantButton(cadre, zh.meeting.list.add).click()
    await vantButton(cadre, zh.meeting.form.create).click()
    await cadre.waitForURL((url) => /^\/meetings\/[0-9a-f-]{36}$/.test(url.pathname) && url.pathname !== meetingPath)
    await vantButton(cadre, zh.meeting.actions.run).click()
    await vantButton(cadre, zh.run.start).click()
    await next('report').click()
    await expectVisible(cadre.getByRole('article', { name: content }))
    expect(errors).toEqual([])
  }, 240_000)
})

describe('the villager page without a service worker or IndexedDB', () => {
  const bare = useSecondDevice(server, 'bare phone')

  it('keeps the offline submission in localStorage and sends it once when the signal returns', async () => {
    const { page, context, errors } = await bare.open({ serviceWorkers: 'block', args: fakeMicrophone })
    // Some in-app browsers and private modes have no IndexedDB at all.
    await context.addInitScript(() => Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true }))
    const content = '孙庄西头机井的电表老跳闸，浇地耽误事。'
    await page.goto('/v/szc01')
    await expectVisible(page.getByRole('heading', { level: 1, name: '孙庄村' }))
    expect(await page.evaluate(() => typeof indexedDB)).toBe('undefined')
    await goOffline(context)
    await writeWithVoice(page, content, { name: '孙大爷', phone: '' })
    await button(page, v.form.submit).click()
    await expectVisible(itemOf(page, content).getByText(v.mine.unsent, { exact: true }))
    const kept = await page.evaluate(() => localStorage.getItem('yehua.villager') ?? '')
    expect(kept).toContain(content)

    await goOnline(context)
    await expectVisible(itemOf(page, content).getByText(/^回执码 /), 20_000)
    const code = await receiptOf(page, content)
    await page.reload()
    await expectVisible(itemOf(page, content).getByText(v.step.received, { exact: true }))
    expect(await receiptOf(page, content)).toBe(code)

    // Exactly one item on the server, with its voice note, found by its code.
    const followed = await fetch(`${server().url}/api/v/szc01/follow`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }),
    })
    expect(followed.status).toBe(200)
    expect(await followed.json()).toMatchObject({ view: { content, attachments: 1, status: 'new' } })
    expect(errors).toEqual([])
  }, 90_000)
})

describe('the villager page for everyone', () => {
  const reader = useSecondDevice(server, 'reader')

  it.each(['light', 'dark'] as const)('has no serious or critical axe-core finding, %s, in Chinese and English, before and after submitting', async (colorScheme) => {
    const { page, errors } = await reader.open({ colorScheme })
    await page.goto('/v/ltc01')
    await expectVisible(page.getByRole('heading', { level: 1, name: '刘土城村' }))
    // The board is drawn when it comes near the screen: a villager scrolls or taps 村务公开.
    await page.getByRole('link', { name: v.page.navBoard }).click()
    await expectVisible(page.getByRole('heading', { name: v.board.decisions }))
    expect(await seriousAxeViolations(page)).toEqual([])

    await page.getByLabel(v.form.content).fill(`路口的反光镜碎了（${colorScheme}）`)
    await button(page, v.category.environment).click()
    await button(page, v.form.submit).click()
    await expectVisible(page.getByTestId('receipt-code'), 20_000)
    expect(await seriousAxeViolations(page)).toEqual([])

    await button(page, v.page.language).click()
    await expectVisible(page.getByRole('heading', { name: 'Tell the village' }))
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en')
    expect(await seriousAxeViolations(page)).toEqual([])
    // The choice is kept on the phone: the page opens in English again.
    await page.reload()
    await expectVisible(page.getByRole('heading', { name: 'Tell the village' }))
    expect(errors).toEqual([])
  }, 60_000)
})
