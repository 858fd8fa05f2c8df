// What a villager sends from the village page, and the rules it must meet. Plain functions, no
// zod: the villager page checks its form with them without loading a schema library, and the
// server checks every request with the same ones after parsing its shape.
import { PHONE_PATTERN } from '../patterns'
import type { SuggestionCategory } from '../records'
import { isReceiptCode, SECRET_PATTERN } from './receipt'

/** The limits of a villager's submission (README lists them with the rate limits). */
export const submissionLimits = {
  contentMin: 2,
  contentMax: 2000,
  nameMax: 40,
  /** A voice note's bytes, before base64. */
  voiceMaxBytes: 1024 * 1024,
  /** The page stops recording at this length. */
  voiceMaxSeconds: 60,
} as const

/** The same text from the same phone within this time is one submission. */
export const SAME_SUBMISSION_WINDOW_MS = 10 * 60_000

/** The categories a villager can pick (the record's list; checked against it in the unit tests). */
export const villagerCategories = [
  'infrastructure', 'environment', 'agriculture', 'welfare', 'dispute', 'governance', 'other',
] as const satisfies readonly SuggestionCategory[]

/** A voice note as sent: its media type and its bytes in base64. */
export interface VoiceUpload {
  mime: string
  data: string
  /** Length in whole seconds, as the phone measured it. */
  seconds: number
}

/** `POST /api/v/:code/suggestions`: one submission, made on the phone (its id too). */
export interface VillagerSubmission {
  /** Made on the phone (UUIDv7): a resend of the same id is the same submission. */
  id: string
  content: string
  /** Null: the villager picked none (stored as `other`). */
  category: SuggestionCategory | null
  /** Blank when not given. */
  name: string
  phone: string
  /** The name may appear on the public board. */
  publicName: boolean
  receipt: { code: string; secret: string }
  /** A random key this phone keeps: "the same phone" for the 10-minute rule. */
  device: string
  /** A field people never see; a form robot fills it in. Must be blank. */
  website: string
  voice: VoiceUpload | null
}

/** Why a submission field is refused; the page has words for each. */
export type SubmissionProblem =
  | 'content_too_short' | 'content_too_long' | 'name_too_long' | 'phone_invalid' | 'category_invalid'
  | 'voice_too_large' | 'voice_too_long' | 'voice_not_audio' | 'receipt_invalid' | 'device_invalid'

export type SubmissionProblems = Partial<Record<'content' | 'name' | 'phone' | 'category' | 'voice' | 'receipt' | 'device', SubmissionProblem>>

/** Bytes a base64 text decodes to. */
export function base64Bytes(data: string): number {
  const padding = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0
  return Math.floor((data.length * 3) / 4) - padding
}

/** Whether a media type names audio (`audio/webm;codecs=opus` → yes). */
export function isAudioType(mime: string): boolean {
  return /^audio\/[a-z0-9.+-]+(;.*)?$/i.test(mime.trim())
}

/** The problems of the text fields a person fills in (the page shows them next to each field). */
export function draftProblems(draft: Pick<VillagerSubmission, 'content' | 'name' | 'phone'>): SubmissionProblems {
  const problems: SubmissionProblems = {}
  const content = draft.content.trim()
  if (content.length < submissionLimits.contentMin) problems.content = 'content_too_short'
  else if (content.length > submissionLimits.contentMax) problems.content = 'content_too_long'
  if (draft.name.trim().length > submissionLimits.nameMax) problems.name = 'name_too_long'
  const phone = draft.phone.trim()
  if (phone !== '' && !PHONE_PATTERN.test(phone)) problems.phone = 'phone_invalid'
  return problems
}

/** The problem of a voice note: too large, too long, or not audio; null when it is fine. */
export function voiceProblem(voice: Pick<VoiceUpload, 'mime' | 'seconds'> & { bytes: number }): SubmissionProblem | null {
  if (!isAudioType(voice.mime)) return 'voice_not_audio'
  if (voice.bytes > submissionLimits.voiceMaxBytes) return 'voice_too_large'
  // A recorder stopped at 60 s may report 61 after rounding.
  if (voice.seconds > submissionLimits.voiceMaxSeconds + 1) return 'voice_too_long'
  return null
}

/**
 * Every rule a submission must meet, on the page before it is kept and on the server before it
 * is stored: the text fields, the category, the voice note, the receipt and the phone's key.
 *
 * @example
 * submissionProblems({ ...submission, content: '路' }) // { content: 'content_too_short' }
 */
export function submissionProblems(submission: VillagerSubmission): SubmissionProblems {
  const problems = draftProblems(submission)
  if (submission.category !== null && !(villagerCategories as readonly string[]).includes(submission.category)) {
    problems.category = 'category_invalid'
  }
  if (submission.voice) {
    const problem = voiceProblem({ ...submission.voice, bytes: base64Bytes(submission.voice.data) })
    if (problem) problems.voice = problem
  }
  if (!isReceiptCode(submission.receipt.code) || !SECRET_PATTERN.test(submission.receipt.secret)) {
    problems.receipt = 'receipt_invalid'
  }
  if (!SECRET_PATTERN.test(submission.device)) problems.device = 'device_invalid'
  return problems
}

/**
 * The text as compared for "the same text": trimmed, runs of blanks as one space, full-width
 * letters and digits folded (NFKC), so a resend with an extra space is still the same.
 */
export function sameTextKey(content: string): string {
  return content.normalize('NFKC').trim().replace(/\s+/g, ' ')
}
