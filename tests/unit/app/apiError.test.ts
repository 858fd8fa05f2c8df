// Error bodies from our API are read in one place, with the shared `apiError` schema: a body that
// is not one (a proxy's page, a malformed answer) reads as `http_<status>`, never as half a code.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { refusalOf } from '@shared/api/refusal'
import { postJson } from '@app/api/client'
import { putBlob } from '@app/sync/transport'
import { villagerApi } from '../../../src/villager/api'

const json = (body: unknown, status: number) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('refusalOf', () => {
  it('reads the code, message and field the server sent', async () => {
    expect(await refusalOf(json({ error: { code: 'invalid_body', message: 'bad label', field: 'label' } }, 400)))
      .toEqual({ code: 'invalid_body', message: 'bad label', field: 'label' })
  })

  it.each([
    ['a proxy\'s HTML page', new Response('<html>Bad Gateway</html>', { status: 502 })],
    ['an empty body', new Response(null, { status: 503 })],
    ['a code that is not a string', json({ error: { code: 42, message: 'x' } }, 400)],
    ['an error that is a sentence', json({ error: 'no such village' }, 404)],
  ])('reads %s as the status alone', async (_, response) => {
    expect(await refusalOf(response)).toEqual({ code: `http_${response.status}` })
  })
})

describe('every caller reads refusals the same way', () => {
  const malformed = () => json({ error: { code: { nested: true }, message: 7 } }, 409)

  it('the app\'s calls (enrolment, sync)', async () => {
    vi.stubGlobal('fetch', async () => malformed())
    expect(await postJson('/api/enrol', {})).toEqual({ ok: false, status: 409, code: 'http_409' })
    vi.stubGlobal('fetch', async () => json({ error: { code: 'too_large', message: 'at most 10 MB' } }, 413))
    expect(await putBlob('', { sha256: 'a'.repeat(64), bytes: new ArrayBuffer(1), mime: 'image/jpeg' }, 'token'))
      .toEqual({ ok: false, status: 413, code: 'too_large', message: 'at most 10 MB' })
  })

  it('the village page', async () => {
    vi.stubGlobal('fetch', async () => malformed())
    expect(await villagerApi.follow('ltc01', 'AB23CD45')).toEqual({
      ok: false, kind: 'refused', status: 409, code: 'http_409', field: null,
    })
    vi.stubGlobal('fetch', async () => json({ error: { code: 'invalid_body', message: 'x', field: 'content' } }, 400))
    expect(await villagerApi.follow('ltc01', 'AB23CD45')).toMatchObject({ code: 'invalid_body', field: 'content' })
  })
})
