import { ATTACHMENT_NAME_MAX } from '@shared/records'
import { FILE_EXTENSIONS, sniffFileType, type FileType } from '@shared/media'
import { MAX_BLOB_BYTES, makeDraft, type AttachmentDraft } from './attachmentDraft'

/** Why a chosen file was not taken, as a words key under `attachment.file`. */
export type FileProblem = 'tooLarge' | 'wrongType' | 'empty' | 'unreadable'

/**
 * The name a file is kept under: without control characters, ending with its type's extension
 * (`回复函` → `回复函.pdf`, `letter.html` → `letter.html.pdf`), at most ATTACHMENT_NAME_MAX characters.
 */
export function keptName(name: string, type: FileType = 'application/pdf'): string {
  const ext = FILE_EXTENSIONS[type]
  // eslint-disable-next-line no-control-regex -- control characters in a name are dropped
  let stem = name.replace(/[\u0000-\u001f\u007f]/g, '').trim()
  if (stem.toLowerCase().endsWith(ext)) stem = stem.slice(0, -ext.length)
  return `${(stem.trim() || 'file').slice(0, ATTACHMENT_NAME_MAX - ext.length)}${ext}`
}

/**
 * A chosen file as a draft, or why it cannot be taken: at most 10 MB, and a PDF, Word (.docx) or
 * Excel (.xlsx) file by its bytes (`sniffFileType`), whatever its name or the type the browser
 * guessed. The server checks the same.
 *
 * @example
 * const made = await fileDraft(input.files[0])
 * if ('problem' in made) showProblem(made.problem)
 */
export async function fileDraft(file: Blob & { name: string }): Promise<AttachmentDraft | { problem: FileProblem }> {
  if (file.size === 0) return { problem: 'empty' }
  if (file.size > MAX_BLOB_BYTES) return { problem: 'tooLarge' }
  let bytes: ArrayBuffer
  try {
    bytes = await file.arrayBuffer()
  } catch {
    return { problem: 'unreadable' }
  }
  const type = sniffFileType(new Uint8Array(bytes))
  if (!type) return { problem: 'wrongType' }
  return { ...(await makeDraft(bytes, type, 'file')), name: keptName(file.name, type) }
}

/** A size in words-free figures: `820 B`, `12.5 KB`, `3.2 MB`. */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}
