import zh from '@app/locales/zh-CN'

/** A zh-CN message with its `{name}` placeholders filled, as the app renders it. */
export function say(message: string, values: Record<string, string | number>): string {
  return message.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name]))
}

/** The sync status line for `n` unsent changes. */
export const unsent = (n: number): string => say(zh.sync.unsent, { n })
