import { describe, expect, it } from 'vitest'
import { deadlinePolicy, defaultDeadlinePolicy, policyOf } from '@shared/records'

describe('policyOf', () => {
  it('fills the limits a policy stored before the desk limits existed lacks', () => {
    expect(policyOf({ policy: { villageDays: 4, townshipDays: 6, upwardDays: 2 } })).toEqual({
      villageDays: 4, townshipDays: 6, upwardDays: 2, acceptDays: 1, reportDays: 1, closeAfterDays: 5,
    })
  })

  it('keeps every limit a township set', () => {
    const policy = { villageDays: 3, townshipDays: 5, upwardDays: 2, acceptDays: 2, reportDays: 2, closeAfterDays: 10 }
    expect(policyOf({ policy })).toEqual(policy)
  })

  it('answers the default policy before the township has synced', () => {
    expect(policyOf(null)).toEqual(defaultDeadlinePolicy)
    expect(defaultDeadlinePolicy).toEqual({ villageDays: 2, townshipDays: 3, upwardDays: 1, acceptDays: 1, reportDays: 1, closeAfterDays: 5 })
  })
})

describe('deadlinePolicy', () => {
  it('parses an old stored policy with the new limits at their defaults', () => {
    expect(deadlinePolicy.parse({ villageDays: 2, townshipDays: 3, upwardDays: 1 })).toEqual(defaultDeadlinePolicy)
  })

  it.each([0, 31, 1.5])('refuses %s working days', (days) => {
    expect(deadlinePolicy.safeParse({ ...defaultDeadlinePolicy, acceptDays: days }).success).toBe(false)
  })
})
