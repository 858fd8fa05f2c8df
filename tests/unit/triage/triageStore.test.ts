import 'fake-indexeddb/auto'
import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { useDb } from '@app/db'
import { useSessionStore } from '@app/stores/session'
import { useTriageStore } from '@app/stores/triage'
import { aSuggestion } from '../builders'
import { outboxNames, resetDb, seedPlan, sessionAs } from '../meeting/fixtures'

const draft = { title: '11月30日夜话', startsAt: '2026-11-30T11:30:00.000Z', place: '村广场' }

beforeEach(async () => {
  await resetDb()
  setActivePinia(createPinia())
  const session = useSessionStore()
  session.session = sessionAs('cadre')
  session.loaded = true
})

describe('triage store', () => {
  it('makes the new meeting and puts the suggestions on it as one action', async () => {
    const waiting = aSuggestion({ status: 'new' })
    await seedPlan({ suggestions: [waiting] })
    const result = await useTriageStore().schedule([waiting.id], { meeting: { draft }, topic: { title: '修村东路灯' } })
    expect(result.ok).toBe(true)
    expect(await outboxNames()).toEqual(['meeting.create', 'suggestion.schedule'])
    expect(await useDb().meetings.count()).toBe(1)
  })

  it('saves neither the new meeting nor its topic when the suggestions can no longer go on the agenda', async () => {
    // Answered on another phone; the pull brought that before this phone's cadre tapped save.
    const answered = aSuggestion({ status: 'answered', answer: '已经报修' })
    await seedPlan({ suggestions: [answered] })
    const result = await useTriageStore().schedule([answered.id], { meeting: { draft }, topic: { title: '修村东路灯' } })
    expect(result).toMatchObject({ ok: false, rejection: { code: 'illegal_transition' } })
    expect(await useDb().meetings.count()).toBe(0)
    expect(await useDb().topics.count()).toBe(0)
    expect(await outboxNames()).toEqual([])
  })
})
