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

/**
 * The document types a file attachment may have (办结's evidence), with the extension its name must
 * end with: PDF, Word (.docx) and Excel (.xlsx). Not the macro-enabled or old binary formats.
 */
export const FILE_EXTENSIONS = {
  'application/pdf': '.pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': '.docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': '.xlsx',
} as const
export type FileType = keyof typeof FILE_EXTENSIONS
export const FILE_TYPES = Object.keys(FILE_EXTENSIONS) as FileType[]

/** Whether a type (parameters and case aside) is one a file attachment may have. */
export function isFileType(type: string): type is FileType {
  return Object.hasOwn(FILE_EXTENSIONS, type.split(';')[0]!.trim().toLowerCase())
}

/** The part of an Office Open XML package that says what it is. */
const OOXML_MAIN: Record<string, FileType> = {
  'word/document.xml': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'xl/workbook.xml': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
}
/** Parts that carry code: macros (VBA) and ActiveX controls. A package holding one is refused. */
const ACTIVE_PART = /(^|\/)(vbaProject\.bin|activeX\/)/i

/**
 * The entry names of a ZIP archive, read from its central directory (found from the end-of-central-
 * directory record at the end of the bytes), or null when the bytes are no well-formed ZIP.
 */
function zipEntryNames(bytes: Uint8Array): string[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (bytes.length < 22 || view.getUint32(0, true) !== 0x04034b50) return null
  // The record is 22 bytes and a comment of at most 65,535 bytes.
  for (let end = bytes.length - 22; end >= Math.max(0, bytes.length - 22 - 0xffff); end--) {
    if (view.getUint32(end, true) !== 0x06054b50) continue
    const count = view.getUint16(end + 10, true)
    let at = view.getUint32(end + 16, true)
    const names: string[] = []
    for (let i = 0; i < count; i++) {
      if (at + 46 > end || view.getUint32(at, true) !== 0x02014b50) return null
      const nameLength = view.getUint16(at + 28, true)
      if (at + 46 + nameLength > end) return null
      names.push(new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength)))
      at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true)
    }
    return names
  }
  return null
}

/**
 * The document type of these bytes from their content, or null: a PDF starts with `%PDF-`; a
 * Word or Excel file is a ZIP package with `[Content_Types].xml` and its main part
 * (`word/document.xml`, `xl/workbook.xml`) and no macros or ActiveX. Whatever its name or the type
 * a browser guessed: the phone checks a chosen file with it before saving; the server stores and
 * serves uploads with it.
 *
 * @example
 * sniffFileType(new TextEncoder().encode('%PDF-1.4\n…')) // 'application/pdf'
 * sniffFileType(new TextEncoder().encode('<html>…')) // null
 */
export function sniffFileType(bytes: Uint8Array): FileType | null {
  const pdf = [0x25, 0x50, 0x44, 0x46, 0x2d] // %PDF-
  if (pdf.every((value, i) => bytes[i] === value)) return 'application/pdf'
  const names = zipEntryNames(bytes)
  if (!names || !names.includes('[Content_Types].xml') || names.some((name) => ACTIVE_PART.test(name))) return null
  const main = names.find((name) => Object.hasOwn(OOXML_MAIN, name))
  return main ? OOXML_MAIN[main]! : null
}
