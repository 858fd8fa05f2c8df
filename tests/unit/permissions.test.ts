// The pages show an action only when `mayRun` holds; the server refuses by the same table. For
// every mutation it rules and every role, the rule and the mutation agree.
import { describe, expect, it } from 'vitest'
import type { Actor } from '@shared/actor'
import { mayRun, mutationRoles, type RoleRuledMutation } from '@shared/mutations/permissions'
import { actorRoles, type ActorRole } from '@shared/records'
import {
  aDecision, adminActor, aMeeting, anEscalation, aSuggestion, aTopic, cadreActor, collectorActor, ids, nextId, run,
  townshipActor, villagerActor, type TableRows,
} from './builders'

const actors: Record<ActorRole, Actor> = {
  villager: villagerActor(),
  cadre: cadreActor(),
  collector: collectorActor(),
  township: townshipActor(),
  admin: adminActor(),
}

const meeting = aMeeting({ status: 'announced' })
const running = aMeeting({ status: 'in_progress' })
const topic = aTopic({ meetingId: meeting.id })
const suggestion = aSuggestion()
const decision = aDecision({ topicId: null })
const assigned = anEscalation({ status: 'assigned', department: '交通办', assignee: '王干事', assignedAt: '2026-10-05T02:00:00.000Z' })
const answered = anEscalation({ status: 'resolved', resolvedAt: '2026-10-05T02:00:00.000Z', feedback: '修好了', feedbackAt: '2026-10-06T02:00:00.000Z' })
const rows: TableRows = {
  meetings: [meeting, running], topics: [topic], suggestions: [suggestion], decisions: [decision],
  escalations: [assigned, answered],
}

/** Arguments each mutation would take from the person the role allows. */
const argsOf: Record<RoleRuledMutation, () => unknown> = {
  'meeting.create': () => ({
    id: nextId(), villageId: ids.village, title: '十月乡村夜话', startsAt: '2026-10-09T11:30:00.000Z', place: '村委会广场',
  }),
  'meeting.update': () => ({ id: meeting.id, title: '十月夜话' }),
  'meeting.start': () => ({ id: meeting.id }),
  'topic.create': () => ({ id: nextId(), meetingId: meeting.id, title: '修路灯', order: 1 }),
  'topic.update': () => ({ id: topic.id, meetingId: meeting.id, title: '修村东路灯' }),
  'topic.reorder': () => ({ meetingId: meeting.id, topicIds: [topic.id] }),
  'suggestion.schedule': () => ({
    suggestionIds: [suggestion.id], meetingId: meeting.id, topicId: nextId(), newTopic: { title: '路灯', order: 2 },
  }),
  'decision.complete': () => ({
    id: decision.id, topicId: null, suggestionIds: [], note: '路灯已换新', remarkId: nextId(),
  }),
  'escalation.report': () => ({ id: assigned.id }),
  'escalation.rate': () => ({ id: answered.id, suggestionIds: [], stars: 5, outcome: 'resolved' }),
  'escalation.close': () => ({ id: answered.id }),
}

describe('who may run a mutation', () => {
  const cases = (Object.keys(mutationRoles) as RoleRuledMutation[]).flatMap((name) =>
    actorRoles.map((role) => [name, role] as const),
  )

  it.each(cases)('%s by a %s: shown exactly when the mutation takes it', async (name, role) => {
    const result = await run(name, argsOf[name](), actors[role], rows)
    const forbidden = !result.ok && ['forbidden', 'out_of_scope'].includes(result.rejection.code)
    expect(result.ok || forbidden, JSON.stringify(result)).toBe(true)
    expect(mayRun(role, name)).toBe(!forbidden)
  })

  it('lets no one without a session run anything', () => {
    for (const name of Object.keys(mutationRoles) as RoleRuledMutation[]) expect(mayRun(undefined, name)).toBe(false)
  })

  it('keeps the cadres\' work from a collector', () => {
    expect(mayRun('collector', 'meeting.create')).toBe(false)
    expect(mayRun('collector', 'suggestion.schedule')).toBe(false)
    expect(mayRun('cadre', 'meeting.create')).toBe(true)
  })
})
