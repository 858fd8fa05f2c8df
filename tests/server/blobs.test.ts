import { createHash, randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newId } from '@shared/ids'
import type { TestApp } from './helpers/app'
import { codeOf, enrol, startApp } from './helpers/app'
import { forEachDatabase } from './helpers/databases'
import type { TestDevice } from './helpers/sync'
import { mutation, push, suggestionArgs } from './helpers/sync'
import { docxBytes, xlsxBytes } from '../unit/attachment/storedZip'

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

const hashOf = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')
/** Some bytes standing for a JPEG: its signature, then noise (the server reads no pixels). */
const photo = (size = 2048) => Buffer.concat([Buffer.from('ffd8ffe0', 'hex'), randomBytes(size - 4)])
/** A voice note as Chrome records it: WebM (Matroska) bytes. */
const voice = (size = 2048) => Buffer.concat([Buffer.from('1a45dfa3', 'hex'), randomBytes(size - 4)])
/** A PNG's signature and header, then noise. */
const png = (size = 2048) => Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), randomBytes(size - 16)])
/** A minimal PDF (a scanned reply letter stands for it): `%PDF-` and a body the server does not read. */
const pdf = () => Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n% ${randomBytes(8).toString('hex')}\ntrailer << /Root 1 0 R >>\n%%EOF\n`)
/** An HTML page with a script. */
const html = () => Buffer.from(`<!doctype html><html><script>alert(document.cookie)</script><!-- ${randomBytes(8).toString('hex')} --></html>`)
/** An SVG document with a script: a page, not a picture. */
const svg = () => Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script><!-- ${randomBytes(8).toString('hex')} --></svg>`)

forEachDatabase((makeDb) => {
  let t: TestApp
  let zhang: TestDevice & { token: string }
  let sun: TestDevice
  let township: TestDevice
  let mid = 0
  /** The township phone's own mids: tests run in any order. */
  let townshipMid = 0
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
      const bytes = voice(100)
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

    it.each([
      ['PNG bytes sent as a JPEG', png(), 'image/jpeg', 'image/png'],
      ['a WebM voice note sent as Ogg', voice(), 'audio/ogg', 'audio/webm'],
      ['an SVG page sent as a PNG', svg(), 'image/png', 'application/octet-stream'],
      ['noise sent as a JPEG', randomBytes(512).fill(0, 0, 4), 'image/jpeg', 'application/octet-stream'],
    ])('stores %s with the type its bytes have', async (_case, bytes, sent, stored) => {
      expect((await put(zhang, hashOf(bytes), bytes, sent)).statusCode).toBe(201)
      const row = await t.db.handle.db.selectFrom('blobs').select('mime').where('sha256', '=', hashOf(bytes)).executeTakeFirst()
      expect(row).toEqual({ mime: stored })
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
      ['JPEG bytes sent as a PDF', 'application/pdf'],
      ['a Word document', 'application/msword'],
      ['an HTML page', 'text/html'],
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

    it('stores a PDF (sniffed by `%PDF-`) as application/pdf', async () => {
      const bytes = pdf()
      const res = await put(township, hashOf(bytes), bytes, 'application/pdf')
      expect(res.statusCode).toBe(201)
      const row = await t.db.handle.db.selectFrom('blobs').select(['mime', 'size']).where('sha256', '=', hashOf(bytes)).executeTakeFirst()
      expect(row).toEqual({ mime: 'application/pdf', size: bytes.length })
    })

    it.each([
      ['a Word file', docxBytes(), DOCX],
      ['an Excel file', xlsxBytes(), XLSX],
    ])('stores %s (sniffed by its package parts) with its type', async (_label, bytes, type) => {
      expect((await put(township, hashOf(bytes), bytes, type)).statusCode).toBe(201)
      const row = await t.db.handle.db.selectFrom('blobs').select('mime').where('sha256', '=', hashOf(bytes)).executeTakeFirst()
      expect(row).toEqual({ mime: type })
    })

    it.each([
      ['an HTML page', html(), 'application/pdf'],
      ['an SVG with a script', svg(), 'application/pdf'],
      ['a PNG', png(), 'application/pdf'],
      ['a PDF', pdf(), DOCX],
      ['a Word file with macros', docxBytes({ 'word/vbaProject.bin': randomBytes(16).toString('hex') }), DOCX],
      ['an HTML page', html(), XLSX],
    ])('refuses %s sent as %s with 415, storing nothing', async (_label, bytes, type) => {
      const res = await put(township, hashOf(bytes), bytes, type)
      expect(res.statusCode).toBe(415)
      expect(res.json()).toMatchObject({ error: { code: 'unsupported_media_type', field: 'mime' } })
      expect(await t.db.handle.db.selectFrom('blobs').select('sha256').where('sha256', '=', hashOf(bytes)).execute()).toEqual([])
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
      const bytes = voice()
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

    it('serves PNG bytes as image/png though their attachment claimed another image type', async () => {
      const bytes = png()
      const attachment = await attachInLtc(bytes, 'image/gif')
      await put(zhang, attachment.sha256, bytes, 'image/gif')
      const res = await get(zhang, attachment.sha256)
      expect(res.headers['content-type']).toBe('image/png')
      expect(res.headers['content-disposition']).toBeUndefined()
      expect(res.headers['x-content-type-options']).toBe('nosniff')
    })

    it('serves bytes that are no image or audio as a download, never as a page', async () => {
      const bytes = svg()
      const attachment = await attachInLtc(bytes, 'image/png')
      await put(zhang, attachment.sha256, bytes, 'image/png')
      const res = await get(zhang, attachment.sha256)
      expect(res.statusCode).toBe(200)
      expect(res.headers['content-type']).toBe('application/octet-stream')
      expect(res.headers['content-disposition']).toBe(`attachment; filename="${attachment.sha256}"`)
      expect(res.headers['x-content-type-options']).toBe('nosniff')
    })

    it('refuses an attachment that claims image/svg+xml, so no phone shows PNG bytes as a page', async () => {
      const bytes = png()
      await put(zhang, hashOf(bytes), bytes, 'image/png')
      const suggestion = suggestionArgs(t.demo.villages[0]!.id)
      const claim = { id: newId(), sha256: hashOf(bytes), kind: 'photo', mime: 'image/svg+xml', size: bytes.length, subjectType: 'suggestion', subjectId: suggestion.id }
      const res = await push(t.app, zhang, [mutation(++mid, 'suggestion.create', suggestion), mutation(++mid, 'attachment.add', claim)])
      expect(res.body).toEqual({
        lastMid: mid, stopped: null, rejections: [{ mid, name: 'attachment.add', code: 'invalid_args', field: 'mime', detail: 'mime_invalid' }],
      })
      expect((await get(zhang, hashOf(bytes))).statusCode).toBe(404)
    })

    it('serves a PDF on an escalation (办结\'s evidence) as a download with its sniffed type, to the desk and the village', async () => {
      const bytes = pdf()
      const escalation = t.demo.escalations.find((e) => e.villageId === t.demo.villages[0]!.id)!
      const file = {
        id: newId(), sha256: hashOf(bytes), kind: 'file', mime: 'application/pdf', size: bytes.length, name: '关于东街排水沟的回复函.pdf',
        subjectType: 'escalation', subjectId: escalation.id,
      }
      expect((await put(township, file.sha256, bytes, 'application/pdf')).statusCode).toBe(201)
      const pushed = await push(t.app, township, [mutation(++townshipMid, 'attachment.add', file)])
      expect(pushed.body).toEqual({ lastMid: townshipMid, rejections: [], stopped: null })
      const stored = await t.db.handle.db.selectFrom('attachments').select(['kind', 'name']).where('id', '=', file.id).executeTakeFirst()
      expect(stored).toEqual({ kind: 'file', name: '关于东街排水沟的回复函.pdf' })

      for (const device of [township, zhang]) {
        const res = await get(device, file.sha256)
        expect(res.statusCode).toBe(200)
        expect(res.headers['content-type']).toBe('application/pdf')
        expect(res.headers['content-disposition']).toBe(`attachment; filename="${file.sha256}.pdf"`)
        expect(res.headers['x-content-type-options']).toBe('nosniff')
        expect(res.rawPayload.equals(bytes)).toBe(true)
      }
      expect((await get(sun, file.sha256)).statusCode).toBe(404)
    })

    it('serves an Excel file on an escalation as a download with its type', async () => {
      const bytes = xlsxBytes({ 'docProps/app.xml': randomBytes(8).toString('hex') })
      const escalation = t.demo.escalations.find((e) => e.villageId === t.demo.villages[0]!.id)!
      const file = { id: newId(), sha256: hashOf(bytes), kind: 'file', mime: XLSX, size: bytes.length, name: '清淤台账.xlsx', subjectType: 'escalation', subjectId: escalation.id }
      expect((await put(township, file.sha256, bytes, XLSX)).statusCode).toBe(201)
      expect((await push(t.app, township, [mutation(++townshipMid, 'attachment.add', file)])).body).toEqual({ lastMid: townshipMid, rejections: [], stopped: null })
      const res = await get(zhang, file.sha256)
      expect(res.headers['content-type']).toBe(XLSX)
      expect(res.headers['content-disposition']).toBe(`attachment; filename="${file.sha256}.xlsx"`)
      expect(res.rawPayload.equals(bytes)).toBe(true)
    })

    it('refuses a file on a suggestion (files are 办结\'s evidence only)', async () => {
      const bytes = pdf()
      await put(zhang, hashOf(bytes), bytes, 'application/pdf')
      const suggestion = suggestionArgs(t.demo.villages[0]!.id)
      const file = { id: newId(), sha256: hashOf(bytes), kind: 'file', mime: 'application/pdf', size: bytes.length, name: 'a.pdf', subjectType: 'suggestion', subjectId: suggestion.id }
      const res = await push(t.app, zhang, [mutation(++mid, 'suggestion.create', suggestion), mutation(++mid, 'attachment.add', file)])
      expect(res.body).toEqual({
        lastMid: mid, stopped: null, rejections: [{ mid, name: 'attachment.add', code: 'invalid_args', field: 'kind', detail: 'file_not_allowed' }],
      })
    })

    it('answers 404 for bytes uploaded but named by no attachment', async () => {
      const bytes = photo()
      await put(zhang, hashOf(bytes), bytes)
      expect((await get(zhang, hashOf(bytes))).statusCode).toBe(404)
    })
  })
})
