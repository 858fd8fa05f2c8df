import type { Attachment } from '@shared/records'
import { newId } from '@shared/ids'

/** Largest blob the server takes (the `attachment.add` size limit). */
export const MAX_BLOB_BYTES = 10 * 1024 * 1024

/**
 * A photo, voice note or file (PDF) prepared on the phone and not yet saved: its bytes, content hash and the
 * fields `attachment.add` takes. Give drafts to `useAttachmentsStore().attach(…)` to save them.
 */
export interface AttachmentDraft {
  /** The attachment record's id, made now so the list can key and remove it. */
  id: string
  kind: Attachment['kind']
  /** Hex SHA-256 of `bytes`. */
  sha256: string
  /** Media type without parameters, e.g. `image/jpeg`, `audio/webm`. */
  mime: string
  size: number
  bytes: ArrayBuffer
  /** A file's original name (kind `file` only). */
  name?: string
}

/** Hex SHA-256 of some bytes (Web Crypto; needs a secure context: https or localhost). */
export async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('')
}

/** `audio/webm;codecs=opus` → `audio/webm`: the stored and uploaded type carries no parameters. */
export function baseMime(type: string): string {
  return type.split(';')[0]!.trim().toLowerCase()
}

/**
 * Make a draft from prepared bytes: hashes them and gives the attachment its id.
 *
 * @example
 * const draft = await makeDraft(await blob.arrayBuffer(), blob.type, 'photo')
 */
export async function makeDraft(bytes: ArrayBuffer, type: string, kind: Attachment['kind']): Promise<AttachmentDraft> {
  return { id: newId(), kind, sha256: await sha256Hex(bytes), mime: baseMime(type), size: bytes.byteLength, bytes }
}
