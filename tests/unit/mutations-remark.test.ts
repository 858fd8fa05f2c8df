import { describe, expect, it } from 'vitest'
import {
  aDecision, adminActor, aMeeting, anEscalation, aRemark, aSuggestion, aTopic, cadreActor, collectorActor, fresh,
  ids, nextId, refused, run, townshipActor, villagerActor,
} from './builders'

describe('remark.add', () => {
  const topic = aTopic()
  const escalation = anEscalation()
  const suggestion = aSuggestion()
  const rows = {
    topics: [topic], escalations: [escalation], suggestions: [suggestion], meetings: [aMeeting()], decisions: [aDecision()],
  }

  it('records a view from the open discussion with its speaker', async () => {
    const id = nextId()
    const args = { id, subjectType: 'topic', subjectId: topic.id, kind: 'view', text: '路灯要装太阳能的', speaker: '李大爷' }
    expect(await run('remark.add', args, cadreActor(), rows)).toEqual({
      ok: true,
      changes: [{
        table: 'remarks',
        row: {
          ...fresh(id), villageId: ids.village, subjectType: 'topic', subjectId: topic.id, kind: 'view',
          text: '路灯要装太阳能的', speaker: '李大爷', authorId: ids.cadre,
        },
      }],
    })
  })

  it('stores a blank speaker as nobody in particular', async () => {
    const args = { id: nextId(), subjectType: 'suggestion', subjectId: suggestion.id, kind: 'note', text: '已联系', speaker: ' ' }
    const result = await run('remark.add', args, cadreActor(), rows)
    expect(result.ok && result.changes[0]?.row).toMatchObject({ speaker: null })
  })

  it.each([
    ['a cadre', cadreActor(), 'decision', rows.decisions[0]!.id, 'followup'],
    ['a collector', collectorActor(), 'suggestion', suggestion.id, 'feedback'],
    ['township staff', townshipActor(), 'escalation', escalation.id, 'progress'],
  ] as const)('lets %s write a %s remark of kind %s', async (_, actor, subjectType, subjectId, kind) => {
    const args = { id: nextId(), subjectType, subjectId, kind, text: '已办理' }
    const result = await run('remark.add', args, actor, rows)
    expect(result.ok && result.changes[0]?.row).toMatchObject({ subjectType, subjectId, kind, authorId: actor.memberId })
  })

  it.each([
    ['a collector on a topic', collectorActor(), 'topic', topic.id, 'view'],
    ['a collector writing progress', collectorActor(), 'suggestion', suggestion.id, 'progress'],
    ['township staff on a suggestion', townshipActor(), 'suggestion', suggestion.id, 'note'],
    ['township staff writing a meeting view', townshipActor(), 'escalation', escalation.id, 'view'],
    ['an administrator', adminActor(), 'escalation', escalation.id, 'note'],
    ['a villager', villagerActor(), 'suggestion', suggestion.id, 'note'],
  ] as const)('forbids %s', async (_, actor, subjectType, subjectId, kind) => {
    const args = { id: nextId(), subjectType, subjectId, kind, text: '已办理' }
    expect(await run('remark.add', args, actor, rows)).toEqual(refused('forbidden'))
  })

  it.each([
    ['a cadre of another village', cadreActor({ villageId: ids.otherVillage })],
    ['township staff of another township', townshipActor({ townshipId: ids.otherTownship })],
  ])('keeps %s out', async (_, actor) => {
    const args = { id: nextId(), subjectType: 'escalation', subjectId: escalation.id, kind: 'note', text: '已办理' }
    expect(await run('remark.add', args, actor, rows)).toEqual(refused('out_of_scope', 'subjectId'))
  })

  it.each([
    ['a blank text', { text: '  ' }, 'text', 'text_required'],
    ['an unknown kind', { kind: 'gossip' }, 'kind', expect.any(String)],
    ['an unknown subject type', { subjectType: 'village' }, 'subjectType', expect.any(String)],
  ])('rejects %s', async (_, overrides, field, detail) => {
    const args = { id: nextId(), subjectType: 'topic', subjectId: topic.id, kind: 'view', text: '好', ...overrides }
    expect(await run('remark.add', args, cadreActor(), rows)).toEqual(refused('invalid_args', field, detail))
  })

  it('answers not_found for a missing subject', async () => {
    const args = { id: nextId(), subjectType: 'meeting', subjectId: nextId(), kind: 'note', text: '好' }
    expect(await run('remark.add', args, cadreActor(), rows)).toEqual(refused('not_found', 'subjectId'))
  })

  it('never rewrites a remark: an id that exists is a conflict', async () => {
    const existing = aRemark({ subjectType: 'topic', subjectId: topic.id })
    const args = { id: existing.id, subjectType: 'topic', subjectId: topic.id, kind: 'view', text: '改一下' }
    expect(await run('remark.add', args, cadreActor(), { ...rows, remarks: [existing] })).toEqual(refused('conflict', 'id'))
  })
})
