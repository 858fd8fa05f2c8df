// Meeting mode's forms refuse exactly what the mutations they feed would refuse: the rules come
import { defaultCalendar } from '@shared/calendar'
// from the shared schemas (src/shared/mutations), not from limits written again in the app.
import { beforeEach, describe, expect, it } from 'vitest'
import { closeMeetingArgs } from '@shared/mutations/meeting'
import { createDecisionArgs, dueWorkingDays } from '@shared/mutations/decision'
import { createSuggestionArgs } from '@shared/mutations/suggestion'
import RunStepSummary from '@app/components/run/RunStepSummary.vue'
import RunViewBox from '@app/components/run/RunViewBox.vue'
import { decisionErrors, type DecisionFormValues } from '@app/components/run/decisionForm'
import zh from '@app/locales/zh-CN'
import { mountWithApp } from '../helpers/mount'
import { BLANK_ROUTE } from './fixtures'

const meetingId = '0190f5a0-0000-7000-8000-00000000aaaa'
const today = '2026-10-09'

beforeEach(() => localStorage.clear())

// An emoji is one character, as a person counts (and zod counts) them.
const emoji = '😀'
const texts = ['', ' ', '路', '路灯', emoji, `${emoji}${emoji}`, '\u0000路灯', '路'.repeat(2000), '路'.repeat(2001)]

describe('a new question raised at the meeting', () => {
  it.each(texts.map((text) => [JSON.stringify(text).slice(0, 24), text]))(
    '%s: refused exactly when suggestion.create refuses it',
    async (_, text) => {
      const { wrapper } = await mountWithApp(RunViewBox, {
        route: BLANK_ROUTE,
        props: { meetingId, subject: { type: 'meeting', id: meetingId }, views: [] },
      })
      await wrapper.get('textarea[name="view"]').setValue(text)
      const asQuestion = wrapper.findAll('button').find((b) => b.text() === zh.run.discussion.asQuestion)!
      await asQuestion.trigger('click')
      const accepted = createSuggestionArgs.shape.content.safeParse(text).success
      expect(wrapper.emitted('question') !== undefined).toBe(accepted)
    },
  )
})

describe('the summary that closes the meeting', () => {
  it.each([
    ['8,000 characters', '路'.repeat(8000)],
    ['8,000 emoji', emoji.repeat(8000)],
    ['a NUL character', '路灯\u0000修好'],
    ['blank', '   '],
  ])('%s: refused exactly when meeting.close refuses it', async (_, summary) => {
    const { wrapper } = await mountWithApp(RunStepSummary, {
      route: BLANK_ROUTE,
      props: { meetingId, attendance: 36, summary: null },
    })
    await wrapper.get('textarea[name="summary"]').setValue(summary)
    await wrapper.get('form').trigger('submit')
    const accepted = closeMeetingArgs.shape.summary.safeParse(summary).success
    expect(wrapper.text().includes(zh.run.summary.closeConfirm)).toBe(accepted)
  })
})

describe('a decision taken on the spot', () => {
  const values = (patch: Partial<DecisionFormValues>): DecisionFormValues => ({
    text: '本周内修好村东路灯', owner: '张主任', dueMode: 'days', days: '3', date: '', kind: 'action', ...patch,
  })

  it.each(['0', '1', '3', '59', '60', '61', '100', '2.5', '', 'abc', '-1'])(
    '%s working days: refused exactly when the shared rule refuses them',
    (days) => {
      const refused = decisionErrors(values({ days }), today, defaultCalendar).due === 'run.validation.days_invalid'
      expect(refused).toBe(!dueWorkingDays.safeParse(days).success)
    },
  )

  it.each(texts.map((text) => [JSON.stringify(text).slice(0, 24), text]))(
    'text %s: refused exactly when decision.create refuses it',
    (_, text) => {
      const refused = decisionErrors(values({ text }), today, defaultCalendar).text !== undefined
      expect(refused).toBe(!createDecisionArgs.shape.text.safeParse(text).success)
    },
  )
})
