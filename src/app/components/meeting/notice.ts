// The notice (通知) of a meeting, three ways: a text for the village WeChat group, a script for
// the village loudspeaker (大喇叭), and the content of a printable poster. Pure functions of the
// meeting and its topics; the words come from the locale (`meeting.notice.*`).
import type { Meeting, Topic } from '@shared/records'
import { villageClock } from './meetingTime'

/** A message lookup: vue-i18n's `t`, or a stub in tests. */
export type Translate = (key: string, named?: Record<string, unknown>) => string

/** What every form of the notice says. */
export interface NoticeModel {
  villageName: string
  title: string
  startsAt: string
  place: string
  /** Titles of the pending topics, in agenda order. */
  topics: string[]
  /** Where villagers submit a topic: `<origin>/v/<village code>`. */
  link: string
}

/** The poster's lines, top to bottom. */
export interface PosterModel {
  heading: string
  title: string
  when: string
  place: string
  topicsHeading: string
  topics: string[]
  invitation: string
  qrCaption: string
  link: string
  signature: string
}

/**
 * The villager submission link of a village (DESIGN §6).
 *
 * @example
 * submissionLink('https://yehua.example', 'ltc01') // 'https://yehua.example/v/ltc01'
 */
export function submissionLink(origin: string, code: string): string {
  return `${origin.replace(/\/+$/, '')}/v/${code}`
}

/** Gather what the notice says from the meeting, its village and its topics (pending ones, in order). */
export function noticeModel(meeting: Meeting, topics: readonly Topic[], villageName: string, link: string): NoticeModel {
  return {
    villageName,
    title: meeting.title,
    startsAt: meeting.startsAt,
    place: meeting.place,
    topics: topics
      .filter((topic) => topic.outcome === 'pending' && topic.deletedAt === null)
      .sort((a, b) => a.order - b.order || a.createdAt.localeCompare(b.createdAt))
      .map((topic) => topic.title),
    link,
  }
}

/** The date and clock time as written: 11月29日（星期日）19:30. */
export function writtenWhen(startsAt: string, t: Translate): string {
  const clock = villageClock(startsAt)
  return t('meeting.notice.when', {
    month: clock.month, day: clock.day, weekday: t(`meeting.weekday.d${clock.weekday}`), time: clock.time,
  })
}

/** The time as said aloud: 晚上7点半. */
export function spokenClock(startsAt: string, t: Translate): string {
  const { hour, minute } = villageClock(startsAt)
  const period = hour < 5 ? 'night' : hour < 9 ? 'morning' : hour < 12 ? 'forenoon' : hour < 13 ? 'noon' : hour < 18 ? 'afternoon' : 'evening'
  const h = hour % 12 === 0 ? 12 : hour % 12
  const clock = minute === 0 ? 'whole' : minute === 30 ? 'half' : 'minutes'
  return t(`meeting.notice.period.${period}`) + t(`meeting.notice.clock.${clock}`, { h, m: minute })
}

/** The text to paste into the village WeChat group. */
export function wechatNotice(model: NoticeModel, t: Translate): string {
  const named = { village: model.villageName, title: model.title, when: writtenWhen(model.startsAt, t), place: model.place }
  const topics = model.topics.length
    ? [t('meeting.notice.wechat.topics'), ...model.topics.map((title, i) => t('meeting.notice.wechat.topic', { n: i + 1, title }))]
    : [t('meeting.notice.wechat.noTopics')]
  return [
    t('meeting.notice.wechat.heading'),
    t('meeting.notice.wechat.lead', named),
    ...topics,
    t('meeting.notice.wechat.order'),
    t('meeting.notice.wechat.link', { link: model.link }),
    t('meeting.notice.signature', named),
  ].join('\n')
}

/** Ordinals as said aloud (第一, 第二 …); past ten the digits are read out. */
function spokenOrdinal(n: number, t: Translate): string {
  return n <= 10 ? t(`meeting.notice.speaker.ordinal.o${n}`) : t('meeting.notice.speaker.ordinalNumber', { n })
}

/**
 * The loudspeaker script (大喇叭) in plain spoken words, said twice: a crier's announcement is
 * repeated so that those who missed the start hear all of it.
 */
export function loudspeakerScript(model: NoticeModel, t: Translate): string {
  const clock = villageClock(model.startsAt)
  const when = t('meeting.notice.speaker.when', {
    month: clock.month, day: clock.day, weekday: t(`meeting.weekday.d${clock.weekday}`), clock: spokenClock(model.startsAt, t),
  })
  const topics = model.topics.length
    ? t('meeting.notice.speaker.topics', {
      list: model.topics.map((title, i) => t('meeting.notice.speaker.topic', { n: spokenOrdinal(i + 1, t), title })).join(t('meeting.notice.speaker.separator')),
    })
    : t('meeting.notice.speaker.noTopics')
  const body = [
    t('meeting.notice.speaker.call'),
    t('meeting.notice.speaker.lead', { village: model.villageName, when, place: model.place }),
    topics,
    t('meeting.notice.speaker.closing'),
  ].join('\n')
  return [body, t('meeting.notice.speaker.again'), body].join('\n\n')
}

/** The lines of the printable poster. */
export function posterModel(model: NoticeModel, t: Translate): PosterModel {
  const named = { village: model.villageName }
  return {
    heading: t('meeting.notice.poster.heading', named),
    title: model.title,
    when: writtenWhen(model.startsAt, t),
    place: model.place,
    topicsHeading: t('meeting.notice.poster.topics'),
    topics: model.topics.length ? model.topics : [t('meeting.notice.poster.noTopics')],
    invitation: t('meeting.notice.poster.invitation'),
    qrCaption: t('meeting.notice.poster.qrCaption'),
    link: model.link,
    signature: t('meeting.notice.signature', named),
  }
}
