import type { Page } from 'playwright-core'

/**
 * The controls in view whose centre a tap would not reach because something that is not a control
 * lies on top (a toast, a notice's card). The app's fixed bars (top bar, tab bar, meeting mode's
 * step buttons) and a page's floating action button are left out: what scrolls under them is
 * reached by scrolling, and they are controls themselves.
 * Each entry reads `button "记录意见" under div.van-toast`.
 *
 * @example
 * expect(await coveredControls(page)).toEqual([])
 */
export function coveredControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const selector = 'button, a[href], input:not([type="hidden"]), textarea, select, [role="button"], [role="radio"], [role="checkbox"]'
    const chrome = 'header, nav, .van-tabbar'
    const covered: string[] = []
    for (const control of document.querySelectorAll<HTMLElement>(selector)) {
      const box = control.getBoundingClientRect()
      if (box.width === 0 || box.height === 0 || getComputedStyle(control).visibility === 'hidden') continue
      if (control.closest(chrome)) continue
      const x = box.left + box.width / 2
      const y = box.top + box.height / 2
      if (x < 0 || y < 0 || x >= window.innerWidth || y >= window.innerHeight) continue
      const hit = document.elementFromPoint(x, y)
      if (!hit || control === hit || control.contains(hit) || hit.closest(chrome)) continue
      if (hit.closest(selector)) continue
      // A label that wraps its own input (Vant's radios and checkboxes) takes the tap for it.
      if (hit.contains(control) || (hit instanceof HTMLLabelElement && hit.control === control)) continue
      const name = (control.getAttribute('aria-label') ?? control.textContent ?? '').trim().slice(0, 30)
      covered.push(`${control.tagName.toLowerCase()} "${name}" under ${hit.tagName.toLowerCase()}.${[...hit.classList].join('.')}`)
    }
    return covered
  })
}
