import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { createEscalationArgs } from '@shared/mutations/escalation'
import { createTopicArgs } from '@shared/mutations/topic'
import { schemaError, schemaErrors, validationKey } from '@app/composables/schemaErrors'
import zh from '@app/locales/zh-CN'

describe('the one way from a schema issue to words', () => {
  it('gives each refused field the key of its first coded message', () => {
    const schema = z.object({ title: z.string().min(1, 'title_required'), place: z.string().min(1, 'place_required') })
    expect(schemaErrors(schema, { title: '', place: '' }, 'meeting')).toEqual({
      title: 'meeting.validation.title_required',
      place: 'meeting.validation.place_required',
    })
    expect(schemaErrors(schema, { title: '夜话', place: '广场' }, 'meeting')).toEqual({})
  })

  it('falls back to the domain\'s own words for a code it has none for', () => {
    expect(validationKey('run', 'invalid_char')).toBe('run.validation.invalid')
    expect(validationKey('meeting', undefined)).toBe('meeting.validation.invalid')
    // An inherited property is not a message.
    expect(validationKey('triage', 'toString')).toBe('triage.validation.invalid')
  })

  it('names a field as the domain\'s messages do', () => {
    const title = createTopicArgs.pick({ title: true })
    expect(schemaErrors(title, { title: ' ' }, 'meeting', { title: 'topic' })).toEqual({
      title: 'meeting.validation.topic_required',
    })
    expect(schemaError(createTopicArgs.shape.title, '议'.repeat(201), 'meeting', 'topic')).toBe('meeting.validation.topic_too_long')
  })

  it('has words in every domain for the generic case', () => {
    for (const domain of ['escalation', 'followup', 'meeting', 'run', 'suggestion', 'triage'] as const) {
      expect(zh[domain].validation).toHaveProperty('invalid')
    }
  })

  it('has the escalation forms\' words too, for the desk\'s forms to take', () => {
    const schema = z.object({ title: createEscalationArgs.shape.title, details: createEscalationArgs.shape.details })
    expect(schemaErrors(schema, { title: '桥', details: '\u0000' }, 'escalation')).toEqual({
      title: 'escalation.validation.title_too_short',
      details: 'escalation.validation.invalid',
    })
    expect(schemaErrors(schema, { title: '村西桥面破损', details: '' }, 'escalation')).toEqual({})
  })
})
