import { describe, expect, it } from 'vitest'
import { createAppI18n } from '@app/i18n'
import en from '@app/locales/en'
import zhCN from '@app/locales/zh-CN'
import { defaultLocale, loadLocaleMessages } from '@app/locales'
import { createMemoryHistory, createRouter } from 'vue-router'
import { ensureAllMessages, installMessageLoading } from '@app/i18n/messages'

type Tree = { [key: string]: unknown }

/** Every leaf of a message tree as [dotted key, value]. */
function leaves(tree: Tree, prefix = ''): [string, unknown][] {
  return Object.entries(tree).flatMap(([key, value]) =>
    value !== null && typeof value === 'object' ? leaves(value as Tree, `${prefix}${key}.`) : [[`${prefix}${key}`, value]],
  )
}

describe('locales', () => {
  const zhKeys = leaves(zhCN).map(([key]) => key)
  const enKeys = leaves(en).map(([key]) => key)

  it('has zh-CN as the default locale, with the domains merged as namespaces', () => {
    expect(defaultLocale).toBe('zh-CN')
    expect(Object.keys(zhCN).sort()).toEqual([
      'admin', 'app', 'attachment', 'common', 'desk', 'enrol', 'errors', 'escalation', 'followup', 'ledger', 'meeting', 'minutes', 'reports', 'run',
      'settings', 'suggestion', 'sync', 'triage',
    ])
    const { global } = createAppI18n()
    expect(global.locale.value).toBe('zh-CN')
    expect(global.t('app.title')).toBe('乡村夜话')
  })

  it('gives en exactly the keys of zh-CN', () => {
    expect(enKeys.filter((key) => !zhKeys.includes(key))).toEqual([])
    expect(zhKeys.filter((key) => !enKeys.includes(key))).toEqual([])
  })

  it.each([
    ['zh-CN', zhCN],
    ['en', en],
  ])('has no empty message in %s', (_locale, messages) => {
    const empty = leaves(messages).filter(([, value]) => typeof value !== 'string' || value.trim() === '')
    expect(empty).toEqual([])
  })

  it('loads each locale whole on demand', async () => {
    expect(await loadLocaleMessages('en')).toEqual(en)
    expect(await loadLocaleMessages('zh-CN')).toBe(zhCN)
  })

  it('starts with the shell texts only and loads the rest before a page beyond the shell renders', async () => {
    const { global } = createAppI18n()
    expect(global.t('enrol.title')).toBe(zhCN.enrol.title)
    expect(global.te('ledger.title')).toBe(false)

    const page = { render: () => null }
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [{ path: '/enrol', name: 'enrol', component: page }, { path: '/ledger', name: 'ledger', component: page }],
    })
    installMessageLoading(router, global)
    await router.push('/enrol')
    expect(global.te('ledger.title')).toBe(false)
    await router.push('/ledger')
    expect(global.t('ledger.title')).toBe(zhCN.ledger.title)
  })

  it('loads a locale once, also when asked twice at the same time', async () => {
    const { global } = createAppI18n()
    const first = ensureAllMessages(global, 'en')
    expect(ensureAllMessages(global, 'en')).toBe(first)
    await first
    global.locale.value = 'en'
    expect(global.t('ledger.title')).toBe(en.ledger.title)
  })
})

describe('message compiler', () => {
  function t(locale: 'zh-CN' | 'en', message: string, ...args: unknown[]): string {
    const messages = { ...en, test: { message } }
    const { global } = createAppI18n({ locale, messages: { en: messages } })
    global.mergeLocaleMessage('zh-CN', { test: { message } })
    return (global.t as (...a: unknown[]) => string)('test.message', ...args)
  }

  it.each([
    ['plain text', ['乡村夜话'], '乡村夜话'],
    ['a named value', ['未发送 {n}', { n: 3 }], '未发送 3'],
    ['a list value', ['{0} 和 {1}', ['甲', '乙']], '甲 和 乙'],
    ['a literal', ["{'{'}n{'}'} {'@'}"], '{n} @'],
    ['plural, one', ['{n} change | {n} changes', 1], '1 change'],
    ['plural, many', ['{n} change | {n} changes', 4], '4 changes'],
    ['plural with zero case', ['none | one | {count} items', 0], 'none'],
    ['a single form with a count', ['有 {n} 条未发送', 2], '有 2 条未发送'],
    ['a linked message', ['@:app.title!'], '乡村夜话!'],
  ])('renders %s', (_case, args, expected) => {
    expect(t('zh-CN', ...(args as [string, ...unknown[]]))).toBe(expected)
  })

  it('renders without eval, so a CSP without unsafe-eval does not break it', () => {
    const realFunction = globalThis.Function
    const calls: unknown[] = []
    globalThis.Function = new Proxy(realFunction, {
      construct(target, argArray) {
        calls.push(argArray)
        return Reflect.construct(target, argArray)
      },
    })
    try {
      expect(t('en', 'Hello {name}', { name: 'Liu' })).toBe('Hello Liu')
    } finally {
      globalThis.Function = realFunction
    }
    expect(calls).toEqual([])
  })
})
