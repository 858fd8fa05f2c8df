import { createHash, randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newId } from '@shared/ids'
import type { TestApp } from './helpers/app'
import { codeOf, enrol, startApp } from './helpers/app'
import { forEachDatabase } from './helpers/databases'
import type { TestDevice } from './helpers/sync'
import { mutation, push, suggestionArgs } from './helpers/sync'

const hashOf = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')
/** Some bytes standing for a JPEG (the server checks type and hash, not pixels). */
const photo = (size = 2048) => randomBytes(size)

forEachDatabase((makeDb) => {
  let t: TestApp
  let zhang: TestDevice & { token: string }
  let sun: TestDevice
  let township: TestDevice
  let mid = 0
  beforeAll(async () => {
    t = await startApp(makeDb)
    zhang = await enrol(t.app, codeOf(t, 'cadre', '张书记'))
    sun = await enrol(t.app, codeOf(t, 'cadre', '孙书记'))
    township = await enrol(t.app, codeOf(t, 'township'))
  })
  afterAll(() => t.close())

  const put = (device: TestDevice, sha256: string, body: Buffer, type = 'image/jpeg') =>
    t.app.inject({ method: 'PUT', url: `/api/blobs/${sha256}`, headers: { ...device.auth, 'content-type': type }, payload: body })
  const get = (device: TestDevice, sha256: string) =>
    t.app.inject({ method: 'GET', url: `/api/blobs/${sha256}`, headers: device.auth })

  /** Zhang records a suggestion in 刘土城村 with an attachment naming these bytes. */
  async function attachInLtc(bytes: Buffer, mime = 'image/jpeg') {
    const suggestion = suggestionArgs(t.demo.villages[0]!.id)
    const attachment = {
      id: newId(), sha256: hashOf(bytes), kind: mime.startsWith('image/') ? 'photo' : 'audio', mime, size: bytes.length,
      subjectType: 'suggestion', subjectId: suggestion.id,
    }
    const res = await push(t.app, zhang, [mutation(++mid, 'suggestion.create', suggestion), mutation(++mid, 'attachment.add', attachment)])
    expect(res.body).toEqual({ lastMid: mid, rejections: [], stopped: null })
    return attachment
  }

  describe('PUT /api/blobs/:sha256', () => {
    it('stores the bytes with their type and size, once: 201 then 200', async () => {
      const bytes = photo()
      const sha256 = hashOf(bytes)

      const first = await put(zhang, sha256, bytes)
      expect(first.statusCode).toBe(201)
      expect(first.json()).toEqual({ sha256, size: 2048 })
      const again = await put(zhang, sha256, bytes)
      expect(again.statusCode).toBe(200)
      expect(again.json()).toEqual({ sha256, size: 2048 })

      const rows = await t.db.handle.db.selectFrom('blobs').selectAll().where('sha256', '=', sha256).execute()
      expect(rows).toHaveLength(1)
      expect(rows[0]).toMatchObject({ sha256, mime: 'image/jpeg', size: 2048, createdAt: t.clock().toISOString() })
      expect(Buffer.from(rows[0]!.bytes).equals(bytes)).toBe(true)
    })

    it('keeps the type without parameters (what MediaRecorder reports)', async () => {
      const bytes = photo(100)
      const res = await put(zhang, hashOf(bytes), bytes, 'audio/webm;codecs=opus')
      expect(res.statusCode).toBe(201)
      const row = await t.db.handle.db.selectFrom('blobs').select('mime').where('sha256', '=', hashOf(bytes)).executeTakeFirst()
      expect(row).toEqual({ mime: 'audio/webm' })
    })

    it('refuses bytes that do not match the hash in the URL, storing nothing', async () => {
      const bytes = photo()
      const other = hashOf(photo())
      const res = await put(zhang, other, bytes)
      expect(res.statusCode).toBe(400)
      expect(res.json()).toEqual({ error: { code: 'hash_mismatch', message: expect.any(String), field: 'sha256' } })
      expect(await t.db.handle.db.selectFrom('blobs').select('sha256').where('sha256', '=', other).execute()).toEqual([])
    })

    it('refuses a body over 10 MB with 413', async () => {
      const bytes = Buffer.alloc(10 * 1024 * 1024 + 1, 7)
      const res = await put(zhang, hashOf(bytes), bytes)
      expect(res.statusCode).toBe(413)
      expect(res.json()).toMatchObject({ error: { code: 'payload_too_large' } })
    })

    it('takes exactly 10 MB', async () => {
      const bytes = Buffer.alloc(10 * 1024 * 1024, 9)
      expect((await put(zhang, hashOf(bytes), bytes)).statusCode).toBe(201)
    })

    it.each([
      ['a document', 'application/pdf'],
      ['an SVG (a document that can run script)', 'image/svg+xml'],
      ['JSON', 'application/json'],
      ['text', 'text/plain'],
    ])('refuses %s with 415', async (_label, type) => {
      const bytes = photo(64)
      const payload = type === 'application/json' ? JSON.stringify({ bytes: bytes.toString('hex') }) : bytes
      const res = await t.app.inject({
        method: 'PUT', url: `/api/blobs/${hashOf(bytes)}`, headers: { ...zhang.auth, 'content-type': type }, payload,
      })
      expect(res.statusCode).toBe(415)
      expect(res.json()).toMatchObject({ error: { code: 'unsupported_media_type', field: 'mime' } })
    })

    it('refuses a URL that is not a lower-case hex SHA-256', async () => {
      const res = await put(zhang, 'ABC', photo(10))
      expect(res.statusCode).toBe(400)
      expect(res.json()).toMatchObject({ error: { code: 'invalid_hash' } })
    })

    it('needs a device token', async () => {
      const bytes = photo(10)
      const res = await t.app.inject({
        method: 'PUT', url: `/api/blobs/${hashOf(bytes)}`, headers: { 'content-type': 'image/jpeg' }, payload: bytes,
      })
      expect(res.statusCode).toBe(401)
    })
  })

  describe('GET /api/blobs/:sha256', () => {
    it('serves the bytes to a device of the village whose attachment names them, cached for a year', async () => {
      const bytes = photo()
      const attachment = await attachInLtc(bytes)
      await put(zhang, attachment.sha256, bytes)

      const res = await get(zhang, attachment.sha256)
      expect(res.statusCode).toBe(200)
      expect(res.headers['content-type']).toBe('image/jpeg')
      expect(res.headers['cache-control']).toBe('private, max-age=31536000, immutable')
      expect(res.rawPayload.equals(bytes)).toBe(true)
      expect(hashOf(res.rawPayload)).toBe(attachment.sha256)
    })

    it('serves township staff of the village’s township', async () => {
      const bytes = photo()
      const attachment = await attachInLtc(bytes, 'audio/webm')
      await put(zhang, attachment.sha256, bytes, 'audio/webm')

      const res = await get(township, attachment.sha256)
      expect(res.statusCode).toBe(200)
      expect(res.headers['content-type']).toBe('audio/webm')
    })

    it('answers 404 to a device of another village, the same as for unknown bytes', async () => {
      const bytes = photo()
      const attachment = await attachInLtc(bytes)
      await put(zhang, attachment.sha256, bytes)

      const other = await get(sun, attachment.sha256)
      expect(other.statusCode).toBe(404)
      expect(other.json()).toMatchObject({ error: { code: 'not_found' } })
      const unknown = await get(zhang, hashOf(photo()))
      expect(unknown.statusCode).toBe(404)
      expect(unknown.json()).toEqual(other.json())
    })

    it('answers 404 for bytes uploaded but named by no attachment', async () => {
      const bytes = photo()
      await put(zhang, hashOf(bytes), bytes)
      expect((await get(zhang, hashOf(bytes))).statusCode).toBe(404)
    })
  })
})
