import type { Page } from 'playwright-core'

/**
 * A PNG photo drawn in the page (a canvas with a gradient and a caption), as a camera or the album
 * would hand it to the file input.
 *
 * @example
 * const png = await drawnPhoto(page, '村西小桥栏杆', 1200, 900)
 * await page.getByLabel(zh.attachment.photo.pick).setInputFiles({ name: 'bridge.png', mimeType: 'image/png', buffer: png })
 */
export async function drawnPhoto(page: Page, caption: string, width: number, height: number): Promise<Buffer> {
  const dataUrl = await page.evaluate(
    ({ caption, width, height }) => {
      const canvas = document.createElement('canvas')
      canvas.width = width
      canvas.height = height
      const g = canvas.getContext('2d')!
      const gradient = g.createLinearGradient(0, 0, width, height)
      gradient.addColorStop(0, '#9fb8c9')
      gradient.addColorStop(1, '#4a5d3b')
      g.fillStyle = gradient
      g.fillRect(0, 0, width, height)
      g.fillStyle = '#111'
      g.font = `${Math.round(height / 12)}px sans-serif`
      g.fillText(caption, width / 12, height / 2)
      return canvas.toDataURL('image/png')
    },
    { caption, width, height },
  )
  return Buffer.from(dataUrl.split(',')[1]!, 'base64')
}
