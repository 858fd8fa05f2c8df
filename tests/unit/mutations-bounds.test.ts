import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { mutations, runMutation } from '@shared/mutations'
import { enrolRequest, createMemberRequest } from '@shared/api/identity'
import { pushRequest } from '@shared/sync/protocol'
import { cadreActor, memoryLoader, NOW, suggestionCreateArgs, testId } from './builders'

// Every argument a phone sends is bounded and storable: a string has a length limit (or is an id,
// a date or one of a few words) and cannot hold NUL, which PostgreSQL text refuses; a list has a
// length limit. A stored row can then never grow past what a pull page can carry.

type JsonSchema = {
  type?: string | string[]
  maxLength?: number
  maxItems?: number
  pattern?: string
  format?: string
  enum?: unknown[]
  const?: unknown
  properties?: Record<string, JsonSchema>
  items?: JsonSchema
  prefixItems?: JsonSchema[]
  additionalProperties?: JsonSchema | boolean
  anyOf?: JsonSchema[]
  allOf?: JsonSchema[]
  oneOf?: JsonSchema[]
}

/** A pattern anchored at both ends with only bounded repeats (`{8}`, `{2,3}`) bounds a string's length. */
const boundsLength = (pattern: string | undefined) =>
  pattern !== undefined && pattern.startsWith('^') && pattern.endsWith('$') && !/[*+]|\{\d+,\}/.test(pattern.replace(/\\./g, ''))

/** The paths of strings and lists in a schema that are unbounded or may hold NUL. */
function unbounded(schema: JsonSchema, path = 'args'): string[] {
  const found: string[] = []
  for (const key of ['anyOf', 'allOf', 'oneOf'] as const) {
    for (const part of schema[key] ?? []) found.push(...unbounded(part, path))
  }
  for (const [name, part] of Object.entries(schema.properties ?? {})) found.push(...unbounded(part, `${path}.${name}`))
  if (typeof schema.additionalProperties === 'object') found.push(...unbounded(schema.additionalProperties, `${path}.*`))
  if (schema.items) found.push(...unbounded(schema.items, `${path}[]`))
  const types = [schema.type ?? []].flat()
  if (types.includes('string') && schema.enum === undefined && schema.const === undefined) {
    if (schema.maxLength === undefined && !boundsLength(schema.pattern)) found.push(`${path}: no length limit`)
    if (schema.pattern === undefined || new RegExp(schema.pattern).test('a\u0000b')) found.push(`${path}: takes NUL`)
  }
  if (types.includes('array') && schema.maxItems === undefined) found.push(`${path}: no item limit`)
  const described = types.length > 0 || schema.anyOf || schema.allOf || schema.oneOf || schema.enum || schema.const !== undefined
  if (!described) found.push(`${path}: any value`)
  return found
}

const jsonSchemaOf = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema

describe('argument bounds', () => {
  it.each(Object.entries(mutations))('bounds every string and list of %s', (_name, def) => {
    expect(unbounded(jsonSchemaOf(def.args))).toEqual([])
  })

  it.each([
    ['POST /api/enrol', enrolRequest],
    ['POST /api/admin/members', createMemberRequest],
  ])('bounds every string of %s', (_name, schema) => {
    expect(unbounded(jsonSchemaOf(schema))).toEqual([])
  })

  it('bounds the envelope of a push, but for the arguments each mutation checks', () => {
    const envelope = unbounded(jsonSchemaOf(pushRequest)).filter((path) => !path.startsWith('args.mutations[].args'))
    // Any name is taken, to be refused as unknown_mutation (stored with NUL replaced): a whole
    // push refused for one odd name would stop the phone.
    expect(envelope).toEqual(['args.mutations[].name: takes NUL'])
  })

  it('refuses attachment ids that are not ids, as a phone is told in words', async () => {
    const huge = Array.from({ length: 10 }, (_, i) => `${i}`.padEnd(390_000, 'x'))
    const result = await runMutation('suggestion.create', suggestionCreateArgs({ attachmentIds: huge }), cadreActor(), NOW, memoryLoader())
    expect(result).toEqual({ ok: false, rejection: { code: 'invalid_args', field: 'attachmentIds.0', detail: 'id_invalid' } })
  })

  it('refuses more than 10 attachment ids', async () => {
    const eleven = Array.from({ length: 11 }, (_, i) => `01900000-0000-7000-8000-0000000000${String(i).padStart(2, '0')}`)
    const result = await runMutation('suggestion.create', suggestionCreateArgs({ attachmentIds: eleven }), cadreActor(), NOW, memoryLoader())
    expect(result).toEqual({ ok: false, rejection: { code: 'invalid_args', field: 'attachmentIds', detail: 'too_many_ids' } })
  })

  it.each([
    ['suggestion.create', 'content', suggestionCreateArgs({ content: '村口\u0000的井盖松了' })],
    ['suggestion.create', 'submitterName', suggestionCreateArgs({ submitterName: '周\u0000大爷' })],
    ['remark.add', 'text', { id: testId(901), subjectType: 'suggestion', subjectId: testId(902), kind: 'note', text: '好\u0000的' }],
  ])('refuses NUL in %s %s as invalid_args invalid_char', async (name, field, args) => {
    const result = await runMutation(name, args, cadreActor(), NOW, memoryLoader())
    expect(result).toEqual({ ok: false, rejection: { code: 'invalid_args', field, detail: 'invalid_char' } })
  })

  it('refuses an image/svg+xml attachment: it is a document that can run script', async () => {
    const args = {
      id: testId(903), sha256: 'a'.repeat(64), kind: 'photo', mime: 'image/svg+xml', size: 100,
      subjectType: 'suggestion', subjectId: testId(902),
    }
    const result = await runMutation('attachment.add', args, cadreActor(), NOW, memoryLoader())
    expect(result).toEqual({ ok: false, rejection: { code: 'invalid_args', field: 'mime', detail: 'mime_invalid' } })
  })
})
