// Attachments: the metadata row of a photo, voice note or file (PDF, Word or Excel, on an
// escalation) whose bytes were already uploaded by hash (`PUT /api/blobs/{sha256}` comes before
// the mutation that names it).
import { z } from 'zod'
import type { Actor } from '../actor'
import type { Attachment } from '../records'
import { FILE_EXTENSIONS, FILE_TYPES, isFileType } from '../media'
import { ATTACHMENT_NAME_MAX, attachment, id } from '../records'
import { boundedText } from '../text'
import type { Change } from './core'
import { accept, created, defineMutation, reject, updated } from './core'
import { loadSubject, subjectTables } from './remark'

/** Images (not SVG), audio, and the document types of FILE_TYPES, exactly. */
const MIME_PATTERN = new RegExp(
  `^(image/(?!svg)[a-z0-9.+-]+|audio/[a-z0-9.+-]+|${FILE_TYPES.map((type) => type.replace(/[.+]/g, '\\$&')).join('|')})$`,
)

/** What describes one uploaded blob: its hash, kind, type and size. */
export const blobFields = z
  .object({
    id,
    sha256: z.string().regex(/^[0-9a-f]{64}$/, 'sha256_invalid'),
    kind: attachment.shape.kind,
    // Not SVG: a document that can run script when a browser opens it from our origin.
    // …and documents only of FILE_TYPES (PDF, .docx, .xlsx): a pattern, so the length stays bounded.
    mime: z.string().max(100, 'mime_invalid').regex(MIME_PATTERN, 'mime_invalid'),
    size: z.number().int().min(1, 'empty_file').max(10 * 1024 * 1024, 'file_too_large'),
    /** A file's original name (shown, and offered when it is downloaded); photos and voice notes have none. */
    name: boundedText(ATTACHMENT_NAME_MAX, 'name_too_long').min(1, 'name_required').optional(),
  })
  // A photo must be an image, a voice note audio and a file a document: each is shown differently.
  .refine((blob) => (blob.kind === 'file' ? isFileType(blob.mime) : blob.mime.startsWith(blob.kind === 'photo' ? 'image/' : 'audio/')), {
    path: ['mime'],
    message: 'mime_mismatch',
  })
  // A file is downloaded under its name; a photo or voice note is shown and needs none.
  .refine((blob) => (blob.kind === 'file') === (blob.name !== undefined), {
    path: ['name'],
    message: 'name_mismatch',
  })
  // …and the name ends with its type's extension, so no phone saves a PDF as `letter.html`.
  .refine((blob) => !blob.name || !isFileType(blob.mime) || blob.name.toLowerCase().endsWith(FILE_EXTENSIONS[blob.mime]), {
    path: ['name'],
    message: 'name_extension',
  })
export type BlobFields = z.infer<typeof blobFields>

/** The attachment row of a blob on a subject. */
export function attachmentChange(
  blob: BlobFields,
  now: string,
  subject: Pick<Attachment, 'villageId' | 'subjectType' | 'subjectId'>,
): Change {
  return { table: 'attachments', row: { ...created(blob.id, now), ...blob, ...subject } }
}

export const addAttachmentArgs = blobFields.and(z.object({
  subjectType: attachment.shape.subjectType,
  subjectId: id,
  /** A villager attaching to their own suggestion shows its receipt code. */
  receiptCode: boundedText(20).optional(),
}))
export type AddAttachmentArgs = z.input<typeof addAttachmentArgs>

/** Which subjects each role may attach to (a villager: only their own suggestion, by receipt). */
const attachRights: Partial<Record<Actor['role'], readonly Attachment['subjectType'][]>> = {
  villager: ['suggestion'],
  collector: ['suggestion'],
  cadre: attachment.shape.subjectType.options,
  township: ['escalation'],
}

/** Subjects a file (a document, not a photo or voice note) may be attached to: 办结's evidence. */
const fileSubjects: readonly Attachment['subjectType'][] = ['escalation']

/** Most attachments one suggestion holds (the suggestion schema's limit). */
const MAX_SUGGESTION_ATTACHMENTS = 10

/**
 * Record an uploaded photo or voice note on a subject in scope. On a suggestion the id is also
 * added to the suggestion's `attachmentIds` (unless `suggestion.create` already listed it).
 */
export const addAttachment = defineMutation({
  name: 'attachment.add',
  args: addAttachmentArgs,
  reads: (args) => [
    { table: subjectTables[args.subjectType], id: args.subjectId },
    { table: 'attachments', id: args.id },
  ],
  apply({ args, actor, rows, now }) {
    const subject = loadSubject(rows, actor, args.subjectType, args.subjectId)
    if ('refusal' in subject) return subject.refusal
    if (!attachRights[actor.role]?.includes(args.subjectType)) return reject('forbidden')
    if (args.kind === 'file' && !fileSubjects.includes(args.subjectType)) return reject('invalid_args', 'kind', 'file_not_allowed')
    const suggestion = args.subjectType === 'suggestion' ? rows.get('suggestions', args.subjectId) : undefined
    if (actor.role === 'villager' && args.receiptCode !== suggestion?.receiptCode) {
      return reject('forbidden', 'receiptCode')
    }
    if (rows.exists('attachments', args.id)) return reject('conflict', 'id')
    const { subjectType, subjectId, receiptCode: _receipt, ...blob } = args
    const changes = [attachmentChange(blob, now, { villageId: subject.villageId, subjectType, subjectId })]
    if (suggestion && !suggestion.attachmentIds.includes(args.id)) {
      if (suggestion.attachmentIds.length >= MAX_SUGGESTION_ATTACHMENTS) {
        return reject('invalid_args', 'subjectId', 'too_many_attachments')
      }
      const attachmentIds = [...suggestion.attachmentIds, args.id]
      changes.push({ table: 'suggestions', row: updated(suggestion, { attachmentIds }, now) })
    }
    return accept(...changes)
  },
})
