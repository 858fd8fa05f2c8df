import { describe, expect, it } from 'vitest'
import { baseMime, makeDraft, sha256Hex } from '@app/components/attachment/attachmentDraft'
import { fitWithin } from '@app/components/attachment/photoSize'

const encode = (text: string) => new TextEncoder().encode(text).buffer as ArrayBuffer

describe('sha256Hex', () => {
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
  ])('hashes %j to the standard digest', async (text, digest) => {
    expect(await sha256Hex(encode(text))).toBe(digest)
  })
})

describe('makeDraft', () => {
  it('names the bytes by hash, with the type stripped of parameters and the byte size', async () => {
    const bytes = encode('voice')
    const draft = await makeDraft(bytes, 'audio/webm;codecs=opus', 'audio')
    expect(draft).toEqual({
      id: draft.id, kind: 'audio', mime: 'audio/webm', size: 5, bytes,
      sha256: await sha256Hex(bytes),
    })
    expect(draft.id).toMatch(/^[0-9a-f-]{36}$/)
  })

  it.each([
    ['image/JPEG', 'image/jpeg'],
    ['audio/mp4; codecs="mp4a.40.2"', 'audio/mp4'],
    ['audio/ogg;codecs=opus', 'audio/ogg'],
  ])('stores %s as %s', (type, mime) => {
    expect(baseMime(type)).toBe(mime)
  })
})

describe('fitWithin', () => {
  it.each([
    [4000, 3000, { width: 1600, height: 1200 }],
    [3000, 4000, { width: 1200, height: 1600 }],
    [4032, 1816, { width: 1600, height: 721 }],
    [1600, 900, { width: 1600, height: 900 }],
    [800, 600, { width: 800, height: 600 }],
    [20000, 10, { width: 1600, height: 1 }],
  ])('fits %i×%i within 1600 px keeping the aspect ratio, never enlarging', (w, h, expected) => {
    expect(fitWithin(w, h)).toEqual(expected)
  })

  it('takes another long edge', () => {
    expect(fitWithin(1000, 500, 100)).toEqual({ width: 100, height: 50 })
  })
})
