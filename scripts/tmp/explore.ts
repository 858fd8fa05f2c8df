import { launchDevice } from '../../tests/e2e/support/browser'
const base = 'http://localhost:8091'
const out = '/tmp/shots'
const dev = await launchDevice({ baseURL: base, colorScheme: 'dark' })
const { page } = dev
await page.goto('/v/ltc01')
await page.waitForTimeout(1500)
await page.screenshot({ path: `${out}/v1top.png` })
const card = page.locator('section').first()
console.log(await card.evaluate((el) => { const s = getComputedStyle(el); return [el.className, el.getBoundingClientRect().height, s.minHeight, el.outerHTML.slice(0, 600)] }))
await dev.close()
