import { z } from 'zod'
import { id, phone, suggestionCategories, suggestionSources } from '../records'
import { boundedText } from '../text'
import { accept, created, defineMutation, reject } from './core'
import { checkMeeting } from './remark'

export const createSuggestionArgs = z.object({
  id,
  villageId: id,
  content: boundedText(2000, 'content_too_long').min(2, 'content_too_short'),
  category: z.enum(suggestionCategories),
  source: z.enum(suggestionSources),
  submitterName: boundedText(40, 'name_too_long').nullable(),
  submitterPhone: phone.nullable(),
  publicName: z.boolean(),
  receiptCode: z.string().regex(/^[A-Z0-9]{8}$/),
  /** Ids of the attachments `attachment.add` records next (each names this suggestion). */
  attachmentIds: z.array(z.uuid({ error: 'id_invalid' })).max(10, 'too_many_ids').default([]),
  /** For an `on_site` question raised in meeting mode: the meeting it was raised at. */
  meetingId: id.nullable().optional(),
})
export type CreateSuggestionArgs = z.input<typeof createSuggestionArgs>

/** Record a suggestion (意见建议) for a village: by a villager, or by a member on a villager's behalf. */
export const createSuggestion = defineMutation({
  name: 'suggestion.create',
  args: createSuggestionArgs,
  reads: (args) => [
    { table: 'suggestions', id: args.id },
    ...(args.meetingId ? [{ table: 'meetings' as const, id: args.meetingId }] : []),
  ],
  apply({ args, actor, rows, now }) {
    if (actor.role === 'township' || actor.role === 'admin') return reject('forbidden')
    if (actor.villageId !== args.villageId) return reject('out_of_scope', 'villageId')
    // A villager always submits as 'villager'; members record on someone's behalf and say how.
    if ((actor.role === 'villager') !== (args.source === 'villager')) return reject('invalid_args', 'source')
    if (rows.exists('suggestions', args.id)) return reject('conflict', 'id')
    // Only a question raised on the spot belongs to a meeting.
    if (args.meetingId && args.source !== 'on_site') return reject('invalid_args', 'meetingId')
    const meeting = checkMeeting(rows, args.meetingId, args.villageId)
    if (meeting) return meeting
    return accept({
      table: 'suggestions',
      row: {
        ...created(args.id, now),
        villageId: args.villageId,
        content: args.content,
        category: args.category,
        source: args.source,
        submitterName: args.submitterName || null,
        submitterPhone: args.submitterPhone || null,
        publicName: args.publicName,
        enteredBy: actor.memberId,
        receiptCode: args.receiptCode,
        status: 'new',
        topicId: null,
        mergedInto: null,
        answer: null,
        declineReason: null,
        rating: null,
        attachmentIds: args.attachmentIds,
        ...(args.meetingId ? { meetingId: args.meetingId } : {}),
      },
    })
  },
})
