/**
 * Photos and voice notes on any subject (suggestion, meeting, decision, escalation); files (PDF)
 * on an escalation (办结's evidence).
 *
 * Capture with the components in `components/attachment/`, which emit {@link AttachmentDraft}s
 * (bytes, hash, type; nothing saved yet), then save them here. Each draft becomes one
 * `attachment.add` mutation, written with its blob in the same IndexedDB transaction; the sync
 * engine uploads the blob (`PUT /api/blobs/:sha256`) before it pushes the mutation.
 *
 * @example
 * // A meeting's sign-in sheet: a photo button, a list with remove-before-saving, then save.
 * <AttachmentPicker v-model="drafts" :kinds="['photo']" />
 * const attachments = useAttachmentsStore()
 * const { attempt } = useMutation()
 * if (await attempt(() => attachments.attach('meeting', meeting.id, drafts.value))) drafts.value = []
 *
 * @example
 * // A decision marked done with its evidence, as one action: the step and the photos together.
 * await attempt(() => attachments.saveWith({ name: 'decision.complete', args }, 'decision', args.id, drafts.value))
 *
 * @example
 * // Showing what a subject holds (loads local bytes, else fetches them from the server and keeps them).
 * <AttachmentGallery subject-type="suggestion" :subject-id="id" />
 */
import { defineStore } from 'pinia'
import { toValue } from 'vue'
import type { MaybeRefOrGetter, ShallowRef } from 'vue'
import type { Attachment } from '@shared/records'
import type { MutationResult } from '@shared/mutations/core'
import type { AddAttachmentArgs } from '@shared/mutations/attachment'
import { useDb } from '@app/db'
import { useLiveQuery } from '@app/composables/liveQuery'
import type { AttachmentDraft } from '@app/components/attachment/attachmentDraft'
import { getBlob } from '@app/sync/transport'
import { mutateTogether } from '@app/db/mutate'
import type { MutationStep } from '@app/db/mutate'
import { useSessionStore } from './session'

export type { AttachmentDraft } from '@app/components/attachment/attachmentDraft'

/** The bytes of a stored attachment, or why they cannot be shown (not on this phone and offline). */
export type BlobLoad =
  | { kind: 'ready'; bytes: ArrayBuffer; mime: string }
  | { kind: 'missing'; reason: 'offline' | 'not_found' | 'failed' }

/** The `attachment.add` steps for drafts on a subject. */
function attachSteps(subjectType: Attachment['subjectType'], subjectId: string, drafts: readonly AttachmentDraft[]): MutationStep[] {
  return drafts.map((d) => {
    const args: AddAttachmentArgs = {
      id: d.id, sha256: d.sha256, kind: d.kind, mime: d.mime, size: d.size, subjectType, subjectId,
      ...(d.name === undefined ? {} : { name: d.name }),
    }
    return { name: 'attachment.add', args }
  })
}

export const useAttachmentsStore = defineStore('attachments', () => {
  const session = useSessionStore()

  /**
   * Save drafts on a subject as ONE action: `first` (if given), then one `attachment.add` per
   * draft, with the blobs, in one transaction. Refused or a storage failure (quota): nothing is
   * written. Throws StorageError.
   */
  async function saveWith(
    first: MutationStep | null,
    subjectType: Attachment['subjectType'],
    subjectId: string,
    drafts: readonly AttachmentDraft[],
  ): Promise<MutationResult> {
    const steps = [...(first ? [first] : []), ...attachSteps(subjectType, subjectId, drafts)]
    const blobs = drafts.map((d) => ({ sha256: d.sha256, bytes: d.bytes, mime: d.mime }))
    return mutateTogether(steps, { blobs })
  }

  /** Save drafts on an existing subject: one `attachment.add` per draft, all or nothing. */
  function attach(
    subjectType: Attachment['subjectType'],
    subjectId: string,
    drafts: readonly AttachmentDraft[],
  ): Promise<MutationResult> {
    return saveWith(null, subjectType, subjectId, drafts)
  }

  /** A subject's attachments, oldest first, kept live. Call it in a component's setup. */
  function watchFor(subjectId: MaybeRefOrGetter<string>): ShallowRef<Attachment[]> {
    return useLiveQuery<Attachment[]>(
      async () => {
        const rows = await useDb().attachments.where('subjectId').equals(toValue(subjectId)).filter((a) => a.deletedAt === null).toArray()
        return rows.sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      },
      [],
      () => toValue(subjectId),
    ).value
  }

  /**
   * An attachment's bytes: from this phone, else from the server with the device token, then
   * kept on the phone (as uploaded) so it shows offline next time.
   */
  async function load(sha256: string): Promise<BlobLoad> {
    const db = useDb()
    const local = await db.blobs.get(sha256)
    if (local) return { kind: 'ready', bytes: local.bytes, mime: local.mime }
    const token = session.session?.token
    if (!token) return { kind: 'missing', reason: 'failed' }
    const fetched = await getBlob(sha256, token)
    if (!fetched.ok) {
      const reason = fetched.status === 0 ? 'offline' : fetched.status === 404 ? 'not_found' : 'failed'
      return { kind: 'missing', reason }
    }
    const { bytes, mime } = fetched.data
    // A full phone still shows the photo; it is fetched again next time.
    await db.blobs.put({ sha256, bytes, mime, size: bytes.byteLength, state: 'uploaded' }).catch(() => undefined)
    return { kind: 'ready', bytes, mime }
  }

  return { attach, saveWith, watchFor, load }
})
