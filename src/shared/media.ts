// How a photo or voice note is shown, from the type the server serves it with (the type its bytes
// were sniffed as at upload, src/server/http/sniff.ts), never from what an attachment row claims.

/** Shown as a photo, played as a voice note, or only offered as a download. */
export type MediaShown = 'photo' | 'audio' | 'download'

/**
 * How bytes of this type are shown: images (not SVG, which can carry script) and audio inline,
 * anything else as a download.
 *
 * @example
 * shownAs('image/png') // 'photo'
 * shownAs('audio/webm;codecs=opus') // 'audio'
 * shownAs('image/svg+xml') // 'download'
 */
export function shownAs(type: string): MediaShown {
  const bare = type.split(';')[0]!.trim().toLowerCase()
  if (/^image\/(?!svg)[a-z0-9.+-]+$/.test(bare)) return 'photo'
  if (/^audio\/[a-z0-9.+-]+$/.test(bare)) return 'audio'
  return 'download'
}

/** The document types a file attachment may have (办结's evidence): PDF only. */
export const FILE_TYPES = ['application/pdf'] as const
export type FileType = (typeof FILE_TYPES)[number]

/** Whether a type is one a file attachment may have. */
export function isFileType(type: string): type is FileType {
  return (FILE_TYPES as readonly string[]).includes(type.split(';')[0]!.trim().toLowerCase())
}

/**
 * The document type of these bytes from their signature, or null: a PDF starts with `%PDF-`
 * (whatever its name or the type a browser guessed for it). The phone checks a chosen file with
 * it before saving; the server stores and serves uploads with it.
 *
 * @example
 * sniffFileType(new TextEncoder().encode('%PDF-1.4\n…')) // 'application/pdf'
 * sniffFileType(new TextEncoder().encode('<html>…')) // null
 */
export function sniffFileType(bytes: Uint8Array): FileType | null {
  const pdf = [0x25, 0x50, 0x44, 0x46, 0x2d] // %PDF-
  return pdf.every((value, i) => bytes[i] === value) ? 'application/pdf' : null
}
