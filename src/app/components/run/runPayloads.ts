import type { DecideInput, ReportItem, ReportOutcome } from '@app/stores/meetingRun'

/** Emitted payloads carry `done`: the page calls it once the write is saved, to empty the box. */
interface Saved {
  done: () => void
}

/** The report given on one item of the report-back, and what became of it. */
export interface ReportPayload extends Saved {
  item: ReportItem
  text: string
  outcome: ReportOutcome
}

/** Where a view or question was said: a topic, or open discussion (the meeting itself). */
export type DiscussionSubject = { type: 'topic' | 'meeting'; id: string }

/** A view given in open discussion, with its speaker ('' when not given). */
export interface ViewPayload extends Saved {
  subject: DiscussionSubject
  text: string
  speaker: string
}

/** A decision taken on a topic. */
export interface DecidePayload extends Saved {
  topicId: string
  input: DecideInput
}

/** A topic handed to the township, with the suggestions that go with it. */
export interface EscalatePayload extends Saved {
  topicId: string
  title: string
  details: string
  suggestionIds: string[]
}
