import { describe, expect, it } from 'vitest'
import { phone, ratingOutcomes, suggestionCategories } from '@shared/records'
import { formatReceiptCode, isReceiptCode, newReceipt, normaliseReceiptCode } from '@shared/villager/receipt'
import type { VillagerSubmission } from '@shared/villager/submission'
import {
  base64Bytes, isAudioType, sameTextKey, submissionLimits, submissionProblems, villagerCategories, voiceProblem,
} from '@shared/villager/submission'
import { villagerOutcomes } from '@shared/villager/rating'

function aSubmission(overrides: Partial<VillagerSubmission> = {}): VillagerSubmission {
  return {
    id: '0190f5a0-0000-7000-8000-000000000001',
    content: '广场的健身器材扶手松了',
    category: null,
    name: '',
    phone: '',
    publicName: false,
    receipt: { code: 'ABCD2345', secret: 'k'.repeat(43) },
    device: 'd'.repeat(43),
    website: '',
    voice: null,
    ...overrides,
  }
}

/** `n` bytes of audio as base64. */
const audio = (n: number) => Buffer.alloc(n, 7).toString('base64')

describe('receipt codes', () => {
  it('are 8 characters without 0, O, 1 or I, and a secret of 32 random bytes', () => {
    for (let i = 0; i < 50; i++) {
      const { code, secret } = newReceipt()
      expect(code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/)
      expect(isReceiptCode(code)).toBe(true)
      expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/)
    }
  })

  it.each([
    ['abcd-efgh', 'ABCDEFGH'],
    [' ABCD EFGH ', 'ABCDEFGH'],
    ['abcd2345', 'ABCD2345'],
    ['ABCD0345', null],
    ['ABCDI345', null],
    ['ABCD234', null],
    ['ABCD23456', null],
    ['', null],
  ])('reads %j as %j', (typed, code) => {
    expect(normaliseReceiptCode(typed)).toBe(code)
  })

  it('are shown in two groups of four', () => {
    expect(formatReceiptCode('ABCD2345')).toBe('ABCD 2345')
  })
})

describe('submissionProblems', () => {
  it('accepts a plain text submission with nothing optional', () => {
    expect(submissionProblems(aSubmission())).toEqual({})
  })

  it('accepts a full one: category, name, phone, consent and a voice note', () => {
    const voice = { mime: 'audio/webm;codecs=opus', data: audio(50_000), seconds: 12 }
    const full = aSubmission({ category: 'infrastructure', name: '赵大娘', phone: '13900001111', publicName: true, voice })
    expect(submissionProblems(full)).toEqual({})
  })

  it.each([
    ['one character of text', { content: '路' }, { content: 'content_too_short' }],
    ['blank text', { content: '   ' }, { content: 'content_too_short' }],
    ['2,001 characters', { content: '路'.repeat(2001) }, { content: 'content_too_long' }],
    ['a name of 41 characters', { name: '名'.repeat(41) }, { name: 'name_too_long' }],
    ['a phone of 10 digits', { phone: '1390000111' }, { phone: 'phone_invalid' }],
    ['letters for a phone', { phone: 'call me' }, { phone: 'phone_invalid' }],
    ['an unknown category', { category: 'weather' as never }, { category: 'category_invalid' }],
    ['a code with an O', { receipt: { code: 'ABCDOOOO', secret: 'k'.repeat(43) } }, { receipt: 'receipt_invalid' }],
    ['a short secret', { receipt: { code: 'ABCD2345', secret: 'short' } }, { receipt: 'receipt_invalid' }],
    ['no phone key', { device: '' }, { device: 'device_invalid' }],
  ] satisfies [string, Partial<VillagerSubmission>, object][])('refuses %s', (_what, overrides, problems) => {
    expect(submissionProblems(aSubmission(overrides))).toEqual(problems)
  })

  it('accepts exactly 2,000 characters and a landline with its area code', () => {
    expect(submissionProblems(aSubmission({ content: '路'.repeat(2000), phone: '0530-5551234' }))).toEqual({})
  })

  it.each([
    ['over 1 MB', { mime: 'audio/webm', data: audio(submissionLimits.voiceMaxBytes + 1), seconds: 30 }, 'voice_too_large'],
    ['not audio', { mime: 'image/png', data: audio(1000), seconds: 3 }, 'voice_not_audio'],
    ['longer than a minute', { mime: 'audio/ogg', data: audio(1000), seconds: 75 }, 'voice_too_long'],
  ])('refuses a voice note %s', (_what, voice, problem) => {
    expect(submissionProblems(aSubmission({ voice }))).toEqual({ voice: problem })
  })

  it('takes exactly 1 MB of audio', () => {
    expect(voiceProblem({ mime: 'audio/mp4', bytes: submissionLimits.voiceMaxBytes, seconds: 60 })).toBeNull()
  })
})

describe('helpers of the submission rules', () => {
  it.each([0, 1, 2, 3, 4, 1000, 1024 * 1024])('counts the bytes of %i bytes in base64', (n) => {
    expect(base64Bytes(audio(n))).toBe(n)
  })

  it.each([
    ['audio/webm;codecs=opus', true], ['audio/mp4', true], ['AUDIO/OGG', true], ['video/webm', false], ['audio', false], ['text/html', false],
  ])('%s is audio: %s', (mime, yes) => {
    expect(isAudioType(mime)).toBe(yes)
  })

  it('compares text without its outer blanks, runs of blanks and full-width forms', () => {
    expect(sameTextKey('  广场 健身器材\n\n坏了１ ')).toBe(sameTextKey('广场 健身器材 坏了1'))
    expect(sameTextKey('广场健身器材坏了')).not.toBe(sameTextKey('广场 健身器材坏了'))
  })

  it("offers the record's categories and rating outcomes, and checks phones like the record", () => {
    expect([...villagerCategories]).toEqual([...suggestionCategories])
    expect([...villagerOutcomes]).toEqual([...ratingOutcomes])
    for (const sample of ['13900001111', '0530-5551234', '05305551234', '1390000111', '23900001111', '0530-55512']) {
      expect(submissionProblems(aSubmission({ phone: sample })).phone === undefined).toBe(phone.safeParse(sample).success)
    }
  })
})
