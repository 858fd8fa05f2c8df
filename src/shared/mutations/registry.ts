import { addAttachment } from './attachment'
import { cancelDecision, completeDecision, createDecision, reopenDecision } from './decision'
import {
  closeEscalation, createEscalation, escalationFeedback, rateEscalation, rejectEscalationResult, resubmitEscalation,
} from './escalation'
import {
  acceptEscalation, assignEscalation, forwardEscalation, reportEscalation, resolveEscalation, returnEscalation,
} from './escalationWork'
import {
  announceMeeting, cancelMeeting, closeMeeting, createMeeting, rescheduleMeeting, startMeeting, updateMeeting,
} from './meeting'
import { rateSuggestion } from './rating'
import { addRemark } from './remark'
import { createSuggestion } from './suggestion'
import { createTopic, deferTopic, removeTopic, reorderTopics, updateTopic } from './topic'
import {
  answerSuggestion, declineSuggestion, mergeSuggestion, scheduleSuggestions, unscheduleSuggestions,
} from './suggestionTriage'

/**
 * Every mutation by name. Client and server dispatch through this table; the names are the wire
 * contract of the outbox and must never change meaning.
 *
 * Conventions the mutations share: new rows get their ids from the arguments; status changes go
 * only through the transitions of `src/shared/machines`; a topic's `suggestionIds` is what it
 * grouped (history) and a suggestion's `topicId` where it is now; a mutation that acts on the
 * suggestions another row lists takes the device's copy of that list in `suggestionIds`
 * (`reads` sees only the arguments) and is refused with `list_changed` if it is out of date.
 */
export const mutations = {
  'suggestion.create': createSuggestion,
  'suggestion.schedule': scheduleSuggestions,
  'suggestion.unschedule': unscheduleSuggestions,
  'suggestion.merge': mergeSuggestion,
  'suggestion.answer': answerSuggestion,
  'suggestion.decline': declineSuggestion,
  'suggestion.rate': rateSuggestion,
  'meeting.create': createMeeting,
  'meeting.update': updateMeeting,
  'meeting.announce': announceMeeting,
  'meeting.start': startMeeting,
  'meeting.close': closeMeeting,
  'meeting.cancel': cancelMeeting,
  'meeting.reschedule': rescheduleMeeting,
  'topic.create': createTopic,
  'topic.update': updateTopic,
  'topic.reorder': reorderTopics,
  'topic.defer': deferTopic,
  'topic.remove': removeTopic,
  'remark.add': addRemark,
  'decision.create': createDecision,
  'decision.complete': completeDecision,
  'decision.cancel': cancelDecision,
  'decision.reopen': reopenDecision,
  'escalation.create': createEscalation,
  'escalation.accept': acceptEscalation,
  'escalation.assign': assignEscalation,
  'escalation.return': returnEscalation,
  'escalation.resubmit': resubmitEscalation,
  'escalation.forward': forwardEscalation,
  'escalation.resolve': resolveEscalation,
  'escalation.close': closeEscalation,
  'escalation.reject_result': rejectEscalationResult,
  'escalation.feedback': escalationFeedback,
  'escalation.report': reportEscalation,
  'escalation.rate': rateEscalation,
  'attachment.add': addAttachment,
} as const

export type MutationName = keyof typeof mutations
