import { describe, expect, it } from 'vitest'
import { mutations } from '@shared/mutations'
import zh from '@app/locales/zh-CN'
import en from '@app/locales/en'

function lookup(messages: object, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], messages)
}

describe('refused-change names', () => {
  it.each(Object.keys(mutations))('names %s in Chinese and English', (name) => {
    expect(lookup(zh.sync.mutation, name)).toEqual(expect.any(String))
    expect(lookup(en.sync.mutation, name)).toEqual(expect.any(String))
  })
})
