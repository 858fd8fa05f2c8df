import QRCode from 'qrcode'

/** The link a phone opens to enrol with a code. */
export function enrolUrl(origin: string, code: string): string {
  return `${origin.replace(/\/+$/, '')}/enrol?code=${encodeURIComponent(code)}`
}

/** A QR code of the text as an SVG document (medium error correction survives a creased printout). */
export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 })
}
