import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { createEscalationArgs } from '@shared/mutations/escalation'
import { createTopicArgs } from '@shared/mutations/topic'
import { formErrors } from '@app/components/escalation/formErrors'
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

  it('says for the desk\'s forms what their own mapper says, so they can take this one', () => {
    const schema = z.object({ title: createEscalationArgs.shape.title, details: createEscalationArgs.shape.details })
    for (const values of [{ title: '', details: '' }, { title: '桥', details: '\u0000' }, { title: '桥'.repeat(201), details: '' }, { title: '村西桥面破损', details: '' }]) {
      expect(schemaErrors(schema, values, 'escalation')).toEqual(formErrors(schema, values))
    }
  })
})
