// The type of an uploaded photo or voice note, read from its first bytes: what the server stores
// and serves, whatever the uploader or an attachment row claims. The one sniffer of the server
// (the cadres' blob uploads and the villagers' voice notes).
import { shownAs, sniffFileType } from '@shared/media'

/** What is served for bytes that are no image or audio this app makes: as a download, never shown. */
export const UNKNOWN_TYPE = 'application/octet-stream'

const ascii = (bytes: Uint8Array, at: number, text: string) =>
  text.length <= bytes.length - at && [...text].every((char, i) => bytes[at + i] === char.charCodeAt(0))
const starts = (bytes: Uint8Array, ...values: number[]) => values.every((value, i) => bytes[i] === value)

/** ISO base media files (`ftyp` box): HEIC/AVIF photos, or MP4 audio (Safari's recordings). */
function isoMedia(bytes: Uint8Array, declared: string): string | null {
  if (!ascii(bytes, 4, 'ftyp')) return null
  const brand = String.fromCharCode(...bytes.subarray(8, 12))
  if (brand === 'avif' || brand === 'avis') return 'image/avif'
  if (['heic', 'heix', 'heim', 'heis', 'mif1', 'msf1'].includes(brand)) return 'image/heic'
  // An MP4 container of a voice note (M4A, isom, mp42, iso5 …): audio only if it was sent as audio.
  return declared.startsWith('audio/') || brand.startsWith('M4A') ? 'audio/mp4' : null
}

/**
 * The image, audio or document (PDF) type of these bytes, from their signature, or `UNKNOWN_TYPE`. The declared
 * type only tells an MP4 voice note from other MP4 files.
 *
 * @example
 * sniffMediaType(pngBytes, 'image/svg+xml') // 'image/png'
 */
export function sniffMediaType(bytes: Uint8Array, declared = ''): string {
  if (starts(bytes, 0xff, 0xd8, 0xff)) return 'image/jpeg'
  if (starts(bytes, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png'
  if (ascii(bytes, 0, 'GIF87a') || ascii(bytes, 0, 'GIF89a')) return 'image/gif'
  if (ascii(bytes, 0, 'RIFF') && ascii(bytes, 8, 'WEBP')) return 'image/webp'
  if (ascii(bytes, 0, 'RIFF') && ascii(bytes, 8, 'WAVE')) return 'audio/wav'
  if (starts(bytes, 0x1a, 0x45, 0xdf, 0xa3)) return 'audio/webm'
  if (ascii(bytes, 0, 'OggS')) return 'audio/ogg'
  if (ascii(bytes, 0, 'fLaC')) return 'audio/flac'
  if (ascii(bytes, 0, '#!AMR')) return 'audio/amr'
  if (ascii(bytes, 0, 'ID3')) return 'audio/mpeg'
  // An MPEG audio frame (MP3: layer III) or an AAC ADTS frame: 11 sync bits, then the layer.
  if (bytes[0] === 0xff && bytes[1] !== undefined && (bytes[1] & 0xe0) === 0xe0) {
    return (bytes[1] & 0x06) === 0 ? 'audio/aac' : 'audio/mpeg'
  }
  return isoMedia(bytes, declared) ?? sniffFileType(bytes) ?? UNKNOWN_TYPE
}

/** Whether a browser may show bytes of this type inline: images (not SVG) and audio. */
export function showsInline(type: string): boolean {
  return shownAs(type) !== 'download'
}
