import { onMounted, shallowRef, watch } from 'vue'
import type { ShallowRef } from 'vue'

/** A QR code as an SVG path of unit squares, with a 1-module margin: `size` is the viewBox side. */
export interface QrPath {
  size: number
  path: string
}

/**
 * The QR code of a link, drawn once the library has loaded (it loads with the first code shown,
 * not with the app) and again when the link changes. Vue renders the squares as data: no markup
 * string reaches the page.
 *
 * @example
 * const qr = useQrCode(() => props.poster.link)
 * // <svg v-if="qr" :viewBox="`0 0 ${qr.size} ${qr.size}`"><path :d="qr.path" /></svg>
 */
export function useQrCode(link: () => string): ShallowRef<QrPath | null> {
  const qr = shallowRef<QrPath | null>(null)
  async function draw(text: string): Promise<void> {
    const { default: QRCode } = await import('qrcode')
    const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' })
    let path = ''
    for (let y = 0; y < modules.size; y++) {
      for (let x = 0; x < modules.size; x++) if (modules.get(y, x)) path += `M${x + 1} ${y + 1}h1v1h-1z`
    }
    qr.value = { size: modules.size + 2, path }
  }
  onMounted(() => void draw(link()))
  watch(link, (text) => void draw(text))
  return qr
}
