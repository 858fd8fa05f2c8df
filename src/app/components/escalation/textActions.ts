import type { z } from 'zod'
import { closeEscalationArgs, escalationFeedbackArgs, rejectEscalationResultArgs, resubmitEscalationArgs } from '@shared/mutations/escalation'
import { forwardEscalationArgs, returnEscalationArgs } from '@shared/mutations/escalationWork'
import { addRemarkArgs } from '@shared/mutations/remark'
import type { AttachmentDraft } from '@app/components/attachment/attachmentDraft'
import type { AcceptInput, AssignInput, RateInput } from '@app/stores/escalations'
import type { EscalationAction } from './escalationActions'

/** The actions that take one text: a reason, a result, a note, feedback. */
export type TextAction = Exclude<EscalationAction, 'accept' | 'assign' | 'close' | 'report' | 'reopen' | 'rate' | 'resolve'>

export interface TextActionForm {
  /** The mutation's schema of the text, so the form says what the server would refuse. */
  schema: z.ZodType
  labelKey: string
  placeholderKey?: string
  maxlength: number
}

/** The one-field form of each text action. */
export const textActions: Record<TextAction, TextActionForm> = {
  return: {
    schema: returnEscalationArgs.shape.reason, labelKey: 'escalation.form.reason',
    placeholderKey: 'escalation.form.reasonPlaceholder', maxlength: 500,
  },
  forward: { schema: forwardEscalationArgs.shape.note, labelKey: 'escalation.form.note', maxlength: 500 },
  reject_result: {
    schema: rejectEscalationResultArgs.shape.feedback, labelKey: 'escalation.form.feedback',
    placeholderKey: 'escalation.form.feedbackPlaceholder', maxlength: 2000,
  },
  feedback: {
    schema: escalationFeedbackArgs.shape.feedback, labelKey: 'escalation.form.feedback',
    placeholderKey: 'escalation.form.feedbackPlaceholder', maxlength: 2000,
  },
  resubmit: { schema: resubmitEscalationArgs.shape.details, labelKey: 'escalation.form.details', maxlength: 4000 },
  progress: { schema: addRemarkArgs.shape.text, labelKey: 'escalation.form.progress', maxlength: 4000 },
}

export function isTextAction(action: EscalationAction): action is TextAction {
  return Object.hasOwn(textActions, action)
}

/** What the person filled in for the chosen action. */
export type ActionPayload =
  | { action: 'accept'; input: AcceptInput }
  | { action: 'assign'; input: AssignInput }
  | { action: 'close'; note?: string }
  | { action: 'report' }
  | { action: 'resolve'; input: { resolution: string; photos: AttachmentDraft[] } }
  | { action: 'rate'; input: RateInput }
  | { action: TextAction; text: string }

/** The note of a 销号 without the village's answer (the mutation's own rule, required here). */
export const closeNote = closeEscalationArgs.shape.note.unwrap()
