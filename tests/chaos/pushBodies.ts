// fast-check arbitraries of push bodies: mostly the shape a phone sends (registered mutations
// with arguments drawn from their own schemas, next mids), bent in every way a phone, an old
// build or an attacker could bend them: wrong types, NUL, huge strings and lists, unknown names,
// duplicate and skipped mids, and now and then a malformed envelope.
import fc from 'fast-check'
import { z } from 'zod'
import { mutations } from '@shared/mutations'

/** A JSON Schema node, as `z.toJSONSchema` writes the mutations' argument schemas. */
interface JsonSchema {
  type?: string | string[]
  enum?: unknown[]
  const?: unknown
  format?: string
  pattern?: string
  maxLength?: number
  minimum?: number
  maximum?: number
  maxItems?: number
  properties?: Record<string, JsonSchema>
  required?: string[]
  items?: JsonSchema
  anyOf?: JsonSchema[]
  allOf?: JsonSchema[]
  oneOf?: JsonSchema[]
}

/**
 * A placeholder `@id:<field>:<n>` for an id, replaced when the body is sent by the id of a row
 * the server holds then, of the table the field names (or a new id, for what a mutation creates);
 * `@receipt:<n>` a receipt code a suggestion has.
 */
export const ID_MARK = '@id:'
export const RECEIPT_MARK = '@receipt:'

const phrases = ['村口的井盖松了，晚上路过危险。', '路灯坏了，晚上看不见路', '希望修一下小学门口的路', '同意修路', '下周三前办好', '张主任负责']

/** Text a person types, or anything a string can hold: NUL, lone surrogates, emoji, very long. */
function text(maxLength: number): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 30, arbitrary: fc.constantFrom(...phrases).map((p) => p.slice(0, Math.max(maxLength, 1))) },
    { weight: 3, arbitrary: fc.string({ unit: 'grapheme', minLength: 2, maxLength: Math.min(maxLength, 60) }) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: Math.min(maxLength, 60) }) },
    { weight: 1, arbitrary: fc.constantFrom('', '  ', '\u0000', 'a\u0000b', '\ud800', '\udfff\ud800', '😀'.repeat(10), '<script>alert(1)</script>') },
    { weight: 1, arbitrary: fc.integer({ min: maxLength + 1, max: maxLength * 3 + 10 }).map((n) => '长'.repeat(n)) },
  )
}

/** An id for a field: mostly one the server holds, else a fresh UUIDv7 or something that only looks like one. */
const idArbitrary = (field: string): fc.Arbitrary<string> => fc.oneof(
  { weight: 6, arbitrary: fc.nat().map((n) => `${ID_MARK}${field}:${n}`) },
  { weight: 2, arbitrary: fc.uuid({ version: 7 }) },
  { weight: 1, arbitrary: fc.constantFrom('00000000-0000-0000-0000-000000000000', 'not-an-id', '', '0190f5a0-0000-7000-8000-00000000000') },
)

const isoDate = fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2028-12-31T00:00:00Z'), noInvalidDate: true })

/** Strings of a pattern; fast-check cannot generate lookaheads (the attachment type's `(?!svg)`). */
function matching(pattern: string): fc.Arbitrary<string> {
  if (/\(\?[!=]/.test(pattern)) {
    return fc.constantFrom('image/jpeg', 'image/png', 'audio/webm', 'audio/mp4', 'image/svg+xml', 'text/html', 'application/octet-stream')
  }
  return fc.stringMatching(new RegExp(pattern))
}

/** Values that fit a JSON Schema node, now and then one that does not. */
function fromSchema(schema: JsonSchema, field = ''): fc.Arbitrary<unknown> {
  if (schema.anyOf || schema.oneOf) return fc.oneof(...(schema.anyOf ?? schema.oneOf)!.map((part) => fromSchema(part, field)))
  if (schema.allOf) {
    return fc.tuple(...schema.allOf.map((part) => fromSchema(part, field))).map((parts) => Object.assign({}, ...parts.filter((p) => typeof p === 'object')))
  }
  if (schema.const !== undefined) return fc.constant(schema.const)
  if (schema.enum) return fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...schema.enum) }, { weight: 1, arbitrary: fc.string() })
  const type = [schema.type ?? []].flat()[0]
  switch (type) {
    case 'object': {
      const properties = Object.fromEntries(Object.entries(schema.properties ?? {}).map(([key, part]) => [key, fromSchema(part, key)]))
      return fc.record(properties, { requiredKeys: (schema.required ?? []).filter((key) => key in properties) })
    }
    case 'array':
      return fc.array(fromSchema(schema.items ?? {}, field), { maxLength: Math.min((schema.maxItems ?? 4) + 2, 60) })
    case 'string':
      if (schema.format === 'uuid') return idArbitrary(field)
      if (field === 'receiptCode') return fc.oneof(matching(schema.pattern ?? '^[A-Z0-9]{8}$'), fc.nat().map((n) => `${RECEIPT_MARK}${n}`))
      if (schema.format === 'date') return isoDate.map((d) => d.toISOString().slice(0, 10))
      if (schema.format === 'date-time') return fc.oneof(isoDate.map((d) => d.toISOString()), fc.constant('2026-10-01T12:00:00.' + '1'.repeat(50) + 'Z'))
      if (schema.pattern && !schema.pattern.includes('\\u0000')) return fc.oneof({ weight: 9, arbitrary: matching(schema.pattern) }, { weight: 1, arbitrary: text(20) })
      return text(schema.maxLength ?? 100)
    case 'integer':
    case 'number':
      return fc.oneof(
        fc.integer({ min: schema.minimum ?? -10, max: Math.min(schema.maximum ?? 100_000, 100_000) }),
        fc.constantFrom(-1, 0, 1.5, 1e308, Number.MAX_SAFE_INTEGER),
      )
    case 'boolean':
      return fc.boolean()
    case 'null':
      return fc.constant(null)
    default:
      return fc.jsonValue({ maxDepth: 2 })
  }
}

const argSchemas = Object.fromEntries(
  Object.entries(mutations).map(([name, def]) => [name, z.toJSONSchema(def.args, { io: 'input', unrepresentable: 'any' }) as JsonSchema]),
)
const names = Object.keys(mutations)

/** Arguments for a mutation: from its schema (one value now and then swapped for any JSON), or anything. */
function argsFor(name: string): fc.Arbitrary<unknown> {
  const schema = argSchemas[name]
  const plausible = schema ? fromSchema(schema) : fc.jsonValue()
  const bent = fc.tuple(plausible, fc.nat(), fc.jsonValue({ maxDepth: 2 })).map(([args, at, value]) => {
    if (typeof args !== 'object' || args === null || Array.isArray(args)) return value
    const keys = Object.keys(args)
    return keys.length === 0 ? args : { ...args, [keys[at % keys.length]!]: value }
  })
  // Lists of huge strings (what made the first pull of issue 12 answer 500), a few hundred KB.
  const huge = fc.tuple(plausible, fc.integer({ min: 1, max: 10 })).map(([args, n]) => ({
    ...(typeof args === 'object' && args !== null ? args : {}),
    attachmentIds: Array.from({ length: n }, (_, i) => `${i}`.padEnd(60_000, 'x')),
    content: '长'.repeat(50_000),
  }))
  return fc.oneof({ weight: 20, arbitrary: plausible }, { weight: 3, arbitrary: bent }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) }, { weight: 1, arbitrary: huge })
}

/** A mutation's name: a registered one, or one the server does not know. */
const nameArbitrary = fc.oneof(
  { weight: 20, arbitrary: fc.constantFrom(...names) },
  { weight: 1, arbitrary: fc.constantFrom('toString', '__proto__', 'constructor', 'remark.\u0000add', 'meeting.explode', 'x'.repeat(64)) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 64 }) },
)

/** One outbox entry before its mid is known: `offset` from the device's next mid. */
export interface PlannedMutation {
  name: string
  args: unknown
  clientTime: string
}

const plannedMutation: fc.Arbitrary<PlannedMutation> = nameArbitrary.chain((name) =>
  fc.record({
    name: fc.constant(name),
    args: argsFor(name),
    clientTime: fc.oneof({ weight: 20, arbitrary: isoDate.map((d) => d.toISOString()) }, { weight: 1, arbitrary: fc.constantFrom('yesterday', '') }),
  }),
)

/** How the mids of a body relate to the device's last taken mid. */
export type MidPlan = 'next' | 'resend' | 'gap' | 'duplicate'

/** One generated push: which device sends it, its mutations, and how its envelope is bent, if at all. */
export interface PlannedPush {
  device: number
  mids: MidPlan
  gap: number
  mutations: PlannedMutation[]
  /** A malformed envelope (the app never sends one), or null for the shape every phone sends. */
  envelope: null | 'other_device' | 'old_schema' | 'bad_mid' | 'no_mutations' | 'too_many' | 'not_an_object'
}

export const plannedPush: fc.Arbitrary<PlannedPush> = fc.record({
  device: fc.nat(),
  mids: fc.oneof(
    { weight: 12, arbitrary: fc.constant('next' as const) },
    { weight: 2, arbitrary: fc.constant('resend' as const) },
    { weight: 1, arbitrary: fc.constant('gap' as const) },
    { weight: 2, arbitrary: fc.constant('duplicate' as const) },
  ),
  gap: fc.integer({ min: 2, max: 5 }),
  mutations: fc.array(plannedMutation, { minLength: 1, maxLength: 8 }),
  envelope: fc.oneof(
    { weight: 30, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.constantFrom('other_device', 'old_schema', 'bad_mid', 'no_mutations', 'too_many', 'not_an_object') as fc.Arbitrary<PlannedPush['envelope']> },
  ),
})
