import { describe, expect, it } from 'vitest'
import zh from '@app/locales/zh-CN'
import {
  coveredControls,
  enrolAs,
  expectVisible,
  freshCode,
  goOffline,
  say,
  useDevice,
  useServer,
  waitForServiceWorkerControl,
} from './harness'

const server = useServer()
const device = useDevice(server)

describe('a confirmation after a save', () => {
  it('covers no control: the cadre taps on at once after 热线电话 and 列入议题', async () => {
    const { page, context, errors } = device()
    await page.goto('/')
    await waitForServiceWorkerControl(page)
    await enrolAs(page, await freshCode(server(), 'cadre', '刘土城村'))
    await expectVisible(page.getByRole('link', { name: say(zh.triage.link, { n: 2 }) }), 30_000)
    await goOffline(context)

    // A call to the hotline, recorded; the next call comes in at once.
    for (const content of ['村南的自来水这两天很浑，烧开了也有味', '村口的垃圾桶满了三天没人收']) {
      await page.getByRole('button', { name: zh.suggestion.list.add }).click()
      await page.getByLabel(zh.suggestion.form.content).fill(content)
      await page.getByRole('radio', { name: zh.suggestion.source.hotline }).click()
      await page.getByRole('button', { name: zh.suggestion.form.save }).click()
      await page.waitForURL((url) => url.pathname === '/suggestions')
      await expectVisible(page.getByText(zh.suggestion.form.saved))
      expect(await coveredControls(page)).toEqual([])
    }

    // 待分拣: one suggestion onto a new meeting's agenda, and straight on to the next.
    await page.getByRole('link', { name: say(zh.triage.link, { n: 4 }) }).click()
    await page.getByRole('checkbox', { name: say(zh.triage.select, { content: '村口的垃圾桶满了三天没人收' }) }).check()
    await page.getByRole('button', { name: zh.triage.action.schedule, exact: true }).click()
    await page.getByRole('button', { name: zh.triage.schedule.submit, exact: true }).click()
    await expectVisible(page.getByText(say(zh.triage.done, { n: 1 })))
    expect(await coveredControls(page)).toEqual([])
    // The page title is back once the confirmation has been read.
    await expectVisible(page.getByRole('heading', { name: zh.triage.title, exact: true }), 10_000)
    expect(errors).toEqual([])
  })
})
