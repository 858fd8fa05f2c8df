import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { CONFIRMATION_MS, showConfirmation, showConfirmationAfter, useConfirmation } from '@app/composables/confirmation'

describe('confirmations in the top bar', () => {
  const { message, dismiss } = useConfirmation()

  beforeEach(() => {
    vi.useFakeTimers()
    dismiss()
  })
  afterEach(() => {
    dismiss()
    vi.useRealTimers()
  })

  it('shows one for its time, and a later one in its place at once', () => {
    showConfirmation('已保存')
    showConfirmation('已发送')
    expect(message.value).toBe('已发送')
    vi.advanceTimersByTime(CONFIRMATION_MS)
    expect(message.value).toBeNull()
  })

  it('says what nobody asked for at once when the bar is free', () => {
    showConfirmationAfter('已可离线使用')
    expect(message.value).toBe('已可离线使用')
  })

  it('says what nobody asked for after the answer to what the person did, which keeps its time', () => {
    showConfirmation('已保存')
    showConfirmationAfter('已可离线使用')
    expect(message.value).toBe('已保存')
    // The same action's next word still takes the place at once, with a time of its own.
    vi.advanceTimersByTime(1_000)
    showConfirmation('已发送')
    expect(message.value).toBe('已发送')
    vi.advanceTimersByTime(CONFIRMATION_MS - 1)
    expect(message.value).toBe('已发送')
    vi.advanceTimersByTime(1)
    expect(message.value).toBe('已可离线使用')
    vi.advanceTimersByTime(CONFIRMATION_MS)
    expect(message.value).toBeNull()
  })

  it('shows the one that waited when the person taps the one showing away', () => {
    showConfirmation('登记成功')
    showConfirmationAfter('已可离线使用')
    dismiss()
    expect(message.value).toBe('已可离线使用')
  })
})
