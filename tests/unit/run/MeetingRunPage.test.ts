import { describe, expect, it, vi } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import MeetingRunPage from '@app/pages/MeetingRunPage.vue'
import RunSignInPhoto from '@app/components/run/RunSignInPhoto.vue'
import { makeDraft } from '@app/components/attachment/attachmentDraft'
import zh from '@app/locales/zh-CN'
import { useDb } from '@app/db'
import { aDecision, aMeeting, aSuggestion, aTopic, EVENING, ids } from '../builders'
import { mountWithApp } from '../helpers/mount'
import { setUpPageTests } from '../helpers/page'
import { outboxNames, resetDb, seed, sessionAs, settle, tonight } from './fixtures'

const page = setUpPageTests({ now: EVENING, reset: resetDb })

// Last month's meeting left a decision open: 修村东路灯, for the topic that grouped one suggestion.
const september = aMeeting({ title: '九月乡村夜话', startsAt: '2026-09-10T11:30:00.000Z', status: 'closed' })
const lampRequest = aSuggestion({ content: '村东头路灯坏了', status: 'decided' })
const lampTopic = aTopic({ meetingId: september.id, title: '修路灯', suggestionIds: [lampRequest.id], outcome: 'decided' })
const lampDecision = aDecision({
  meetingId: september.id, topicId: lampTopic.id, text: '修好村东路灯', owner: '张主任', dueOn: '2026-09-20',
})

const meeting = tonight()
const ditchRequest = aSuggestion({ content: '东街排水沟堵了', status: 'on_agenda' })
const ditch = aTopic({ meetingId: meeting.id, title: '疏通东街排水沟', suggestionIds: [ditchRequest.id] })

async function open(path: string, row = meeting) {
  await seed({
    meetings: [september, row],
    topics: [lampTopic, { ...ditch, meetingId: row.id }],
    suggestions: [{ ...lampRequest, topicId: lampTopic.id }, { ...ditchRequest, topicId: ditch.id }],
    decisions: [lampDecision],
  })
  const result = await mountWithApp(MeetingRunPage, { route: path, session: sessionAs('cadre') })
  page.keep(result.wrapper)
  await vi.waitFor(() => expect(result.wrapper.text()).toContain(row.title))
  return result
}

type Wrapper = VueWrapper
const button = (wrapper: Wrapper, label: string) => {
  const found = wrapper.findAll('button').find((b) => b.text() === label || b.attributes('aria-label') === label)
  if (!found) throw new Error(`no button ${label} in:\n${wrapper.text()}`)
  return found
}
const step = (wrapper: Wrapper, n: number) => wrapper.get(`.run-step-bar li:nth-child(${n}) button`)

describe('MeetingRunPage', () => {
  it('offers 开始夜话 on an announced meeting and starts it on the device', async () => {
    const { wrapper } = await open(`/meetings/${meeting.id}/run`, { ...meeting, status: 'announced' as const })
    expect(wrapper.text()).toContain(zh.run.notStarted)
    await button(wrapper, zh.run.start).trigger('click')
    await vi.waitFor(async () => expect((await useDb().meetings.get(meeting.id))?.status).toBe('in_progress'))
    expect(await outboxNames()).toEqual(['meeting.start'])
    await vi.waitFor(() => expect(wrapper.text()).not.toContain(zh.run.notStarted))
  })

  it('opens on the sign-in step, with the step bar showing it, and keeps attendance taps to one write', async () => {
    const { wrapper, router } = await open(`/meetings/${meeting.id}/run`)
    await vi.waitFor(() => expect(router.currentRoute.value.params.step).toBe('attendance'))
    expect(step(wrapper, 1).attributes('aria-current')).toBe('step')
    for (let i = 0; i < 3; i++) await button(wrapper, zh.run.attendance.more).trigger('click')
    expect(await outboxNames()).toEqual([])
    await button(wrapper, '下一步：上次落实情况').trigger('click')
    await vi.waitFor(async () => expect((await useDb().meetings.get(meeting.id))?.attendance).toBe(3))
    expect(await outboxNames()).toEqual(['meeting.update'])
    expect(router.currentRoute.value.params.step).toBe('report')
  })

  it('keeps a photo of the sign-in sheet on the meeting, with its bytes, as one write', async () => {
    const { wrapper } = await open(`/meetings/${meeting.id}/run/attendance`)
    await vi.waitFor(() => expect(wrapper.findComponent(RunSignInPhoto).exists()).toBe(true))
    expect(wrapper.text()).toContain(zh.run.attendance.photo)
    const draft = await makeDraft(new Uint8Array([0xff, 0xd8, 0xff, 0xd9]).buffer, 'image/jpeg', 'photo')
    wrapper.findComponent(RunSignInPhoto).vm.$emit('add', draft)
    await vi.waitFor(async () => expect(await outboxNames()).toEqual(['attachment.add']))
    const [row] = await useDb().attachments.where('subjectId').equals(meeting.id).toArray()
    expect(row).toMatchObject({ id: draft.id, sha256: draft.sha256, kind: 'photo', mime: 'image/jpeg', size: 4, subjectType: 'meeting' })
    expect((await useDb().blobs.get(draft.sha256))?.size).toBe(4)
  })

  it('lists the open decision of last month and crosses it off with the report, in one write', async () => {
    const { wrapper } = await open(`/meetings/${meeting.id}/run/report`)
    await vi.waitFor(() => expect(wrapper.text()).toContain('修好村东路灯'))
    await wrapper.findAll('button').find((b) => b.text() === zh.run.report.open)!.trigger('click')
    await vi.waitFor(() => expect(wrapper.find('textarea[name="report"]').exists()).toBe(true))
    await wrapper.get('textarea[name="report"]').setValue('九月十八日已经修好')
    await wrapper.findAll('[role="radio"]').find((r) => r.text() === zh.run.report.outcomes.done)!.trigger('click')
    await wrapper.get('form').trigger('submit')

    await vi.waitFor(async () => expect((await useDb().decisions.get(lampDecision.id))?.status).toBe('done'))
    expect(await outboxNames()).toEqual(['remark.add', 'decision.complete'])
    const remarks = await useDb().remarks.where('subjectId').equals(lampDecision.id).toArray()
    expect(remarks.map((r) => [r.kind, r.text, r.authorId])).toEqual([
      ['followup', '九月十八日已经修好', ids.cadre],
      ['progress', '九月十八日已经修好', ids.cadre],
    ])
    expect((await useDb().suggestions.get(lampRequest.id))?.status).toBe('resolved')
    // Crossed off tonight, it stays on the list with its report and new status.
    await vi.waitFor(() => expect(wrapper.text()).toContain(zh.run.decisionStatus.done))
    expect(wrapper.text()).toContain('九月十八日已经修好')
  })

  it('records a view on a topic and a new question as an on-site suggestion', async () => {
    const { wrapper } = await open(`/meetings/${meeting.id}/run/discussion`)
    await wrapper.get('textarea[name="view"]').setValue('沟里的淤泥要拉走')
    await wrapper.get('input[name="speaker"]').setValue('李大爷')
    await wrapper.get('form').trigger('submit')
    await vi.waitFor(async () => expect(await useDb().remarks.where('subjectId').equals(ditch.id).count()).toBe(1))
    const [view] = await useDb().remarks.where('subjectId').equals(ditch.id).toArray()
    expect(view).toMatchObject({
      villageId: ids.village, subjectType: 'topic', kind: 'view', text: '沟里的淤泥要拉走', speaker: '李大爷', authorId: ids.cadre,
      version: 0,
    })
    await vi.waitFor(() => expect(wrapper.text()).toContain('李大爷：沟里的淤泥要拉走'))

    await wrapper.get('textarea[name="view"]').setValue('村西的桥栏杆断了')
    await wrapper.findAll('button').find((b) => b.text() === zh.run.discussion.asQuestion)!.trigger('click')
    await vi.waitFor(() => expect(wrapper.text()).toContain(zh.run.discussion.questions))
    const question = (await useDb().suggestions.toArray()).find((s) => s.content === '村西的桥栏杆断了')
    expect(question).toMatchObject({ source: 'on_site', status: 'new', category: 'other', enteredBy: ids.cadre, submitterName: null })
    expect(await outboxNames()).toEqual(['remark.add', 'suggestion.create'])
  })

  it('records a decision on a topic with 专人 and a deadline in working days', async () => {
    const { wrapper } = await open(`/meetings/${meeting.id}/run/decide`)
    await wrapper.findAll('button').find((b) => b.text() === zh.run.decide.actions.decide)!.trigger('click')
    await wrapper.get('textarea[name="text"]').setValue('组织村民清淤')
    await wrapper.get('input[name="owner"]').setValue('王主任')
    await wrapper.get('input[name="days"]').setValue('2')
    await wrapper.get('form').trigger('submit')
    await vi.waitFor(async () => expect(await useDb().decisions.where('meetingId').equals(meeting.id).count()).toBe(1))
    const [decision] = await useDb().decisions.where('meetingId').equals(meeting.id).toArray()
    expect(decision).toMatchObject({
      topicId: ditch.id, text: '组织村民清淤', owner: '王主任', dueOn: '2026-10-12', kind: 'action', status: 'open',
    })
    expect((await useDb().topics.get(ditch.id))?.outcome).toBe('decided')
    expect((await useDb().suggestions.get(ditchRequest.id))?.status).toBe('decided')
    expect(await outboxNames()).toEqual(['decision.create'])
  })

  it('resumes on the step it was left at, with the text that was being typed', async () => {
    const first = await open(`/meetings/${meeting.id}/run/discussion`)
    await first.wrapper.get('textarea[name="view"]').setValue('我说两句')
    first.wrapper.unmount()

    const { wrapper, router } = await mountWithApp(MeetingRunPage, { route: `/meetings/${meeting.id}/run`, session: sessionAs('cadre') })
    page.keep(wrapper)
    await vi.waitFor(() => expect(router.currentRoute.value.params.step).toBe('discussion'))
    await vi.waitFor(() => expect(wrapper.find('textarea[name="view"]').exists()).toBe(true))
    expect((wrapper.get('textarea[name="view"]').element as HTMLTextAreaElement).value).toBe('我说两句')
    expect(step(wrapper, 4).attributes('aria-current')).toBe('step')
  })

  it('closes with the summary and the attendance, forgets the drafts and shows the minutes', async () => {
    const { wrapper, router } = await open(`/meetings/${meeting.id}/run/summary`)
    await wrapper.get('textarea[name="summary"]').setValue('排水沟由王主任组织清淤')
    await wrapper.get('form').trigger('submit')
    await button(wrapper, zh.run.summary.closeSubmit).trigger('click')
    await vi.waitFor(async () => expect((await useDb().meetings.get(meeting.id))?.status).toBe('closed'))
    expect(await useDb().meetings.get(meeting.id)).toMatchObject({ summary: '排水沟由王主任组织清淤', attendance: 0 })
    expect(await outboxNames()).toEqual(['meeting.close'])
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('meeting-minutes'))
    expect(Object.keys(localStorage).filter((key) => key.startsWith(`yehua.run.${meeting.id}`))).toEqual([])
  })

  it('opens a closed meeting read-only, with the way to its minutes', async () => {
    const { wrapper } = await open(`/meetings/${meeting.id}/run/discussion`, { ...meeting, status: 'closed' as const, summary: '都议完了' })
    expect(wrapper.text()).toContain(zh.run.closed)
    expect(wrapper.find('textarea').exists()).toBe(false)
    expect(wrapper.get(`a[href="/meetings/${meeting.id}/minutes"]`).text()).toBe(zh.run.minutes)
    await step(wrapper, 5).trigger('click')
    await settle()
    expect(wrapper.text()).toContain('疏通东街排水沟')
    expect(wrapper.findAll('.run-step button')).toHaveLength(0)
    expect(await outboxNames()).toEqual([])
  })
})
