import type { MessageCompiler, MessageContext } from 'vue-i18n'

type Part = string | { named: string } | { list: number } | { linked: string; modifier: string | undefined }

/**
 * `{name}`, `{0}`, `{'literal'}` and `@:key` / `@.modifier:key`, the subset of vue-i18n's message
 * syntax this app uses. `|` outside a placeholder separates plural cases.
 */
const placeholder =
  /\{\s*(?:'((?:[^'\\]|\\.)*)'|(\d+)|([A-Za-z_$][\w$-]*))\s*\}|@(?:\.(\w+))?:([\w-]+(?:\.[\w-]+)*)/g

function parse(source: string): Part[][] {
  const cases: Part[][] = [[]]
  const pushText = (text: string): void => {
    text.split('|').forEach((piece, i) => {
      if (i > 0) cases.push([])
      if (piece !== '') cases[cases.length - 1]!.push(piece)
    })
  }
  let last = 0
  for (const match of source.matchAll(placeholder)) {
    pushText(source.slice(last, match.index))
    last = match.index + match[0].length
    const [, literal, list, named, modifier, linked] = match
    const current = cases[cases.length - 1]!
    if (literal !== undefined) current.push(literal.replace(/\\(.)/g, '$1'))
    else if (list !== undefined) current.push({ list: Number(list) })
    else if (named !== undefined) current.push({ named })
    else current.push({ linked: linked!, modifier })
  }
  pushText(source.slice(last))
  if (cases.length > 1) cases.forEach(trimCase)
  return cases
}

/** Plural cases are written `one | many`: the blanks around the bar are not part of the text. */
function trimCase(parts: Part[]): void {
  const first = parts[0]
  if (typeof first === 'string') parts[0] = first.trimStart()
  const end = parts.length - 1
  const lastPart = parts[end]
  if (typeof lastPart === 'string') parts[end] = lastPart.trimEnd()
}

type Compiled = (ctx: MessageContext<string>) => string

/** Helpers core-base passes to every message function (its own formatter uses them) but leaves out of its published types. */
interface ProcessorContext extends MessageContext<string> {
  interpolate(value: unknown): unknown
  normalize(values: unknown[]): string
}

function hasProcessor(ctx: MessageContext<string>): ctx is ProcessorContext {
  return 'normalize' in ctx && 'interpolate' in ctx
}

function render(ctx: MessageContext<string>, parts: Part[]): string {
  if (ctx.type === 'text' && parts.every((p) => typeof p === 'string')) return parts.join('')
  const interpolate = hasProcessor(ctx) ? ctx.interpolate : (value: unknown) => value
  const values = parts.map((part): unknown => {
    if (typeof part === 'string') return part
    if ('named' in part) return interpolate(ctx.named(part.named))
    if ('list' in part) return interpolate(ctx.list(part.list))
    return part.modifier ? ctx.linked(part.linked, part.modifier) : ctx.linked(part.linked)
  })
  return hasProcessor(ctx) ? ctx.normalize(values) : values.map(String).join('')
}

const cache = new Map<string, Compiled>()

/**
 * Compiles message strings into functions, so that vue-i18n's own message compiler (~5.8 KB gzip)
 * can stay out of the bundle (`__INTLIFY_DROP_MESSAGE_COMPILER__`): the messages are plain strings,
 * not precompiled, and this covers the part of the syntax they use in a tenth of the size.
 *
 * @example
 * compileMessage('{n} change | {n} changes', ctx) // with t('key', 2) → '2 changes'
 */
export const compileMessage: MessageCompiler<string> = (source) => {
  if (typeof source !== 'string') return () => ''
  const hit = cache.get(source)
  if (hit) return hit
  const cases = parse(source)
  const message: Compiled =
    cases.length === 1
      ? (ctx) => render(ctx, cases[0]!)
      : (ctx) => ctx.plural(cases.map((parts) => render(ctx, parts)))
  cache.set(source, message)
  return message
}
