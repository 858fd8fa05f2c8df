import { describe, expect, it } from 'vitest'
import { createAppI18n } from '@app/i18n'
import en from '@app/locales/en'
import zhCN from '@app/locales/zh-CN'
import type { Translate } from '@app/components/meeting/notice'
import { loudspeakerScript, noticeModel, posterModel, spokenClock, submissionLink, wechatNotice } from '@app/components/meeting/notice'
import { nextEvening, villageClock, villageInstant } from '@app/components/meeting/meetingTime'
import { aMeeting, aTopic } from '../builders'

function translator(locale: 'zh-CN' | 'en' = 'zh-CN'): Translate {
  const { global } = createAppI18n({ locale, messages: { 'zh-CN': zhCN, en } })
  return (key, named) => global.t(key, named ?? {})
}

// Sunday 29 November 2026, 19:30 in the village.
const meeting = aMeeting({ title: '11月29日夜话', startsAt: '2026-11-29T11:30:00.000Z', place: '村广场' })
const topics = [
  aTopic({ meetingId: meeting.id, title: '清理东街排水沟', order: 1 }),
  aTopic({ meetingId: meeting.id, title: '修村东路灯', order: 0 }),
  aTopic({ meetingId: meeting.id, title: '上回推迟的事', order: 2, outcome: 'deferred' }),
]
const link = submissionLink('https://yehua.example/', 'ltc001')
const model = noticeModel(meeting, topics, '刘土城村', link)

describe('meeting time', () => {
  it('reads and writes instants on the village clock, whatever the phone says', () => {
    expect(villageClock('2026-11-29T11:30:00.000Z')).toMatchObject({ date: '2026-11-29', time: '19:30', weekday: 0 })
    expect(villageInstant('2026-11-29', '19:30')).toBe('2026-11-29T11:30:00.000Z')
    expect(villageInstant('2026-02-30', '19:30')).toBeNull()
    expect(villageInstant('', '19:30')).toBeNull()
  })

  it('proposes the next evening at 19:30, counted from the village date', () => {
    // 00:30 on 29 November in the village is still 28 November in UTC.
    expect(nextEvening(new Date('2026-11-28T16:30:00.000Z'))).toBe('2026-11-30T11:30:00.000Z')
    expect(nextEvening(new Date('2026-11-28T12:00:00.000Z'))).toBe('2026-11-29T11:30:00.000Z')
  })
})

describe('notice', () => {
  it('builds the villager link from the origin and the village code', () => {
    expect(link).toBe('https://yehua.example/v/ltc001')
  })

  it('lists the pending topics in agenda order', () => {
    expect(model.topics).toEqual(['修村东路灯', '清理东街排水沟'])
  })

  it('writes the WeChat group text', () => {
    expect(wechatNotice(model, translator())).toBe([
      '【乡村夜话通知】',
      '刘土城村定于11月29日（星期日）19:30在村广场召开“11月29日夜话”，欢迎村民朋友们参加。',
      '本次议题：',
      '1. 修村东路灯',
      '2. 清理东街排水沟',
      '会上先通报上次夜话提出事项的落实情况，再议本次议题，然后大家自由发言。',
      '有意见建议，也可以提前在手机上提交：https://yehua.example/v/ltc001',
      '刘土城村党支部',
    ].join('\n'))
  })

  it('says in the WeChat text when there are no fixed topics', () => {
    expect(wechatNotice({ ...model, topics: [] }, translator())).toContain('\n本次不设固定议题，大家有什么事都可以来当面说。\n')
  })

  it('writes the loudspeaker script in spoken words, twice', () => {
    const once = [
      '村民朋友们请注意，村民朋友们请注意！',
      '刘土城村11月29号，星期日，晚上7点半，在村广场开乡村夜话。',
      '这次要商量的事有：第一，修村东路灯；第二，清理东街排水沟。',
      '会上还要说说上回大家提的事办得怎么样了。有啥想法，都可以当面说。欢迎大家都来参加！',
    ].join('\n')
    expect(loudspeakerScript(model, translator())).toBe(`${once}\n\n再说一遍：\n\n${once}`)
  })

  it.each([
    ['2026-11-29T11:00:00.000Z', '晚上7点'],
    ['2026-11-29T12:15:00.000Z', '晚上8点15分'],
    ['2026-11-29T06:30:00.000Z', '下午2点半'],
    ['2026-11-29T04:00:00.000Z', '中午12点'],
    ['2026-11-29T00:00:00.000Z', '早上8点'],
  ])('says %s as %s', (startsAt, spoken) => {
    expect(spokenClock(startsAt, translator())).toBe(spoken)
  })

  it('lays out the poster', () => {
    expect(posterModel(model, translator())).toEqual({
      heading: '刘土城村乡村夜话',
      title: '11月29日夜话',
      when: '11月29日（星期日）19:30',
      place: '村广场',
      topicsHeading: '本次议题',
      topics: ['修村东路灯', '清理东街排水沟'],
      invitation: '欢迎村民朋友们参加，有想法当面说！',
      qrCaption: '扫码提交意见建议',
      link: 'https://yehua.example/v/ltc001',
      signature: '刘土城村党支部',
    })
  })

  it('writes the notice in English too', () => {
    expect(wechatNotice(model, translator('en'))).toContain('刘土城村 holds "11月29日夜话" on Sunday 29/11, 19:30 at 村广场.')
  })
})
