import { describe, expect, it } from 'vitest'
import { buildMinutes, minutesText, minutesTitle } from '@app/components/minutes/minutes'
import { createAppI18n } from '@app/i18n'
import en from '@app/locales/en'
import zhCN from '@app/locales/zh-CN'
import { october, octoberInput } from './fixture'

const zhT = createAppI18n({ locale: 'zh-CN', messages: { 'zh-CN': zhCN } }).global.t
const enT = createAppI18n({ locale: 'en', messages: { en } }).global.t

describe('buildMinutes', () => {
  it('builds the structured minutes from what was recorded', () => {
    const minutes = buildMinutes(octoberInput())
    expect(minutes).toMatchObject({
      title: '十月乡村夜话', village: '刘土城村', date: '2026-10-09', time: '19:30', place: '村委会广场', attendance: 36,
      status: 'closed', summary: '路灯本周修好，排水沟上报镇里。',
    })
    expect(minutes.reportBack).toEqual([
      { kind: 'decision', title: '修好村东路灯', owner: '张主任', dueOn: '2026-09-20', status: 'done', reports: ['九月十八日已经修好'] },
      { kind: 'escalation', title: '村西桥面破损需维修', owner: '王工', dueOn: '2026-10-15', status: 'assigned', reports: ['镇交通所已派人看过'] },
    ])
    expect(minutes.topics[0]).toEqual({
      title: '修小学门口路灯',
      outcome: 'decided',
      suggestions: ['小学门口没有路灯'],
      views: [{ speaker: '李大爷', text: '要装太阳能的' }, { speaker: null, text: '电费村里出' }],
      decisions: [{ text: '装两盏太阳能路灯', owner: '张主任', dueOn: '2026-10-16', kind: 'action', status: 'open' }],
      escalations: [],
    })
    expect(minutes.questions).toEqual([{ speaker: null, text: '村里能不能建个快递点' }])
  })

  it('gives the time in Shanghai whatever the phone says', () => {
    const late = buildMinutes({ ...octoberInput(), meeting: { ...october, startsAt: '2026-10-09T16:30:00.000Z' } })
    expect([late.date, late.time]).toEqual(['2026-10-10', '00:30'])
  })
})

describe('minutesTitle', () => {
  it.each([
    ['十月乡村夜话', '刘土城村十月乡村夜话 会议纪要'],
    ['刘土城村乡村夜话（第十二期）', '刘土城村乡村夜话（第十二期） 会议纪要'],
  ])('names the village once: %s', (title, expected) => {
    expect(minutesTitle({ village: '刘土城村', title }, zhT)).toBe(expected)
    expect(minutesText({ ...buildMinutes(octoberInput()), title }, zhT).split('\n')[0]).toBe(expected)
  })
})

describe('minutesText', () => {
  it('renders the minutes as plain text in Chinese', () => {
    expect(minutesText(buildMinutes(octoberInput()), zhT)).toBe(
      [
        '刘土城村十月乡村夜话 会议纪要',
        '时间：2026年10月9日 19:30',
        '地点：村委会广场',
        '到会：36 人',
        '',
        '【上次落实情况】',
        '1. 【拍板的事】修好村东路灯（专人 张主任，时限 2026-09-20）：已办完',
        '   汇报：九月十八日已经修好',
        '2. 【上报镇街的事】村西桥面破损需维修（专人 王工，时限 2026-10-15）：已交办',
        '   汇报：镇交通所已派人看过',
        '',
        '【本次议题】',
        '1. 修小学门口路灯',
        '   意见：小学门口没有路灯',
        '   发言：李大爷：要装太阳能的',
        '   发言：电费村里出',
        '   拍板：装两盏太阳能路灯（专人 张主任，2026-10-16 前）',
        '2. 疏通东街排水沟',
        '   意见：东街排水沟堵了',
        '   拍板：村里不得往沟里倒垃圾（专人 王主任，2026-10-12 前）【制度文件】',
        '   上报镇街：东街排水沟需要机械清淤',
        '3. 规范集市摆摊',
        '   推迟到下次夜话',
        '',
        '【其他发言】',
        '- 王婶：希望夜话每月都开',
        '',
        '【现场提出的新诉求】',
        '- 村里能不能建个快递点',
        '',
        '【干部总结】',
        '路灯本周修好，排水沟上报镇里。',
      ].join('\n'),
    )
  })

  it('marks a meeting still running as a draft and says 无 for empty parts', () => {
    const input = octoberInput()
    const text = minutesText(
      buildMinutes({ ...input, meeting: { ...october, status: 'in_progress', summary: null }, topics: [], openViews: [], questions: [], reportBack: [] }),
      zhT,
    )
    expect(text.split('\n')).toEqual([
      '刘土城村十月乡村夜话 会议纪要', '时间：2026年10月9日 19:30', '地点：村委会广场', '到会：36 人', '（夜话还没结束，这是草稿）',
      '', '【上次落实情况】', '无', '', '【本次议题】', '无', '', '【干部总结】', '无',
    ])
  })

  it('renders in English with the same structure', () => {
    const lines = minutesText(buildMinutes(octoberInput()), enT).split('\n')
    expect(lines.slice(0, 4)).toEqual(['刘土城村 十月乡村夜话: minutes', 'When: 2026-10-9 19:30', 'Where: 村委会广场', 'Present: 36'])
    expect(lines).toContain('   Decided: 村里不得往沟里倒垃圾 (owner 王主任, by 2026-10-12) [village rule]')
  })
})
