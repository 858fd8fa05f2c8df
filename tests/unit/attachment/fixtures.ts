import type { AddAttachmentArgs } from '@shared/mutations/attachment'
import type { AttachmentDraft } from '@app/components/attachment/attachmentDraft'
import { makeDraft } from '@app/components/attachment/attachmentDraft'
import { nextId } from '../builders'

/** Some bytes that stand for a photo; `seed` makes distinct contents (and hashes). */
export function photoBytes(seed = 1, size = 64): ArrayBuffer {
  return Uint8Array.from({ length: size }, (_, i) => (i * 31 + seed) % 256).buffer
}

/** A prepared photo draft (real SHA-256 of its bytes). */
export function photoDraft(seed = 1, size = 64): Promise<AttachmentDraft> {
  return makeDraft(photoBytes(seed, size), 'image/jpeg', 'photo')
}

/** `attachment.add` arguments for a draft on a suggestion. */
export function addArgs(draft: AttachmentDraft, subjectId: string): AddAttachmentArgs {
  return {
    id: draft.id, sha256: draft.sha256, kind: draft.kind, mime: draft.mime, size: draft.size,
    subjectType: 'suggestion', subjectId,
  }
}

/** The blob a draft stores. */
export function blobOf(draft: AttachmentDraft) {
  return { sha256: draft.sha256, bytes: draft.bytes, mime: draft.mime }
}

export { nextId }
