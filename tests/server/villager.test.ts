import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { LightMyRequestResponse } from 'fastify'
import { newId } from '@shared/ids'
import type { FollowAnswer, MineAnswer, RateAnswer, SubmitAnswer, VillageAnswer, VillagerSubmission } from '@shared/villager/api'
import { newReceipt, newReceiptSecret } from '@shared/villager/receipt'
import { startBanner } from '../../src/server/demo/banner'
import { demoVillagerLinks, writeDemoCodes } from '../../src/server/demo/codes'
import { setupReport } from '../../src/server/setup/township'
import type { VillagerLimits } from '../../src/server/villager/limits'
import type { TestApp } from './helpers/app'
import { codeOf, enrol, startApp } from './helpers/app'
import { forEachDatabase } from './helpers/databases'
import { makeFakeDist } from './helpers/fake-dist'
import type { TestDevice } from './helpers/sync'
import { mutation, pullAll, push } from './helpers/sync'

/** A WebM file's first bytes (EBML header) and some more: what a phone's recorder produces. */
const webm = (size = 4000) => Buffer.concat([Buffer.from('1a45dfa3a3428686', 'hex'), Buffer.alloc(size - 8, 3)])
const png = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(200, 1)])
/** An ISO media file (`ftyp`) of brand `heic`: a phone's photo. */
const heic = Buffer.concat([Buffer.from('0000001866747970686569630000000068656963', 'hex'), Buffer.alloc(200, 1)])

/** A submission as the village page sends it, with a fresh id, receipt and phone key. */
function submission(overrides: Partial<VillagerSubmission> = {}): VillagerSubmission {
  return {
    id: newId(),
    content: '广场上的健身器材扶手松了，怕老人摔着。',
    category: 'infrastructure',
    name: '钱大妈',
    phone: '13712345678',
    publicName: false,
    receipt: newReceipt(),
    device: newReceiptSecret(),
    website: '',
    voice: null,
    ...overrides,
  }
}

/** Every string anywhere in a JSON value. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  if (Array.isArray(value)) return value.flatMap(strings)
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings)
  return []
}

forEachDatabase((makeDb) => {
  describe('the villager routes', () => {
    let t: TestApp
    let zhang: TestDevice
    let mid = 0
    /** Every public answer of this suite, for the privacy walk at the end. */
    const answers: { url: string; body: unknown }[] = []
    beforeAll(async () => {
      // Its own limits are tested below; here a test makes more requests than one IP may.
      const roomy = { ip: { max: 10_000, timeWindow: 60_000 }, village: { max: 10_000, timeWindow: 60_000 } }
      t = await startApp(makeDb, { villagerLimits: { submit: roomy, follow: roomy, rate: roomy, read: roomy } })
      zhang = await enrol(t.app, codeOf(t, 'cadre', '张书记'))
    })
    afterAll(() => t.close())

    async function call(method: 'GET' | 'POST', url: string, payload?: unknown, remoteAddress = '10.0.0.1'): Promise<LightMyRequestResponse> {
      const res = await t.app.inject({ method, url, remoteAddress, ...(payload === undefined ? {} : { payload: payload as object }) })
      if (res.headers['content-type']?.toString().startsWith('application/json')) answers.push({ url, body: res.json() })
      return res
    }
    const submit = (body: VillagerSubmission, village = 'ltc01') => call('POST', `/api/v/${village}/suggestions`, body)
    const follow = (code: string, village = 'ltc01') => call('POST', `/api/v/${village}/follow`, { code })
    const mine = (items: { id: string; secret: string }[]) => call('POST', '/api/v/ltc01/mine', { items })
    const rate = (id: string, body: object) => call('POST', `/api/v/ltc01/suggestions/${id}/rating`, body)
    const ltc = () => t.demo.villages.find((v) => v.code === 'ltc01')!

    it('answers the village and its board to anyone', async () => {
      const res = await call('GET', '/api/v/ltc01')
      expect(res.statusCode).toBe(200)
      const body = res.json<VillageAnswer>()
      expect(body.village).toEqual({ name: '刘土城村', code: 'ltc01' })
      expect(body.board.decisions.map((d) => d.text)).toEqual(['更换村东头三盏坏路灯', '红白事简办写入村规民约，并张贴公示'])
      expect(body.board.escalations.map((e) => [e.title, e.state, e.department])).toEqual([['东街排水沟疏通', 'working', '镇水利站']])
      // Other tests of this file submit too, in any order: every live suggestion of the village counts.
      const live = (await t.app.ctx.records.list('suggestions', { villageId: ltc().id })).filter((row) => row.deletedAt === null)
      expect(live.length).toBeGreaterThanOrEqual(6)
      expect(body.board.counts.collected).toBe(live.length)
    })

    it.each(['/api/v/nope1', '/api/v/NOT-A-CODE', '/api/v/zz'])('answers an unknown village %s with 404', async (url) => {
      const res = await call('GET', url)
      expect(res.statusCode).toBe(404)
      expect(res.json()).toEqual({ error: { code: 'not_found', message: 'no such village or receipt' } })
    })

    it('stores a submission once: a resend of the same id answers the same item', async () => {
      const body = submission({ content: '广场上的健身器材扶手松了，怕老人摔着。就这一条。' })
      const first = await submit(body)
      expect(first.statusCode).toBe(201)
      expect(first.json<SubmitAnswer>()).toEqual({ id: body.id, receivedAt: t.clock().toISOString(), sameAs: null })
      const again = await submit(body)
      expect(again.statusCode).toBe(200)
      expect(again.json<SubmitAnswer>()).toEqual({ id: body.id, receivedAt: t.clock().toISOString(), sameAs: null })
      expect(await t.app.ctx.records.list('suggestions', { content: body.content })).toHaveLength(1)
      const row = await t.app.ctx.records.get('suggestions', body.id)
      expect(row).toMatchObject({
        villageId: ltc().id, source: 'villager', status: 'new', submitterName: '钱大妈', submitterPhone: '13712345678',
        publicName: false, enteredBy: null, category: 'infrastructure',
      })
      // The code is kept only as a hash: the row that reaches cadres' phones carries a stand-in.
      expect(row?.receiptCode).not.toBe(body.receipt.code)
      const stored = await t.db.handle.db.selectFrom('villager_receipts').selectAll().where('suggestionId', '=', body.id).execute()
      expect(stored).toHaveLength(1)
      expect(JSON.stringify(stored)).not.toContain(body.receipt.code)
      expect(JSON.stringify(stored)).not.toContain(body.receipt.secret)
    })

    it('refuses the same id from another phone (another secret) with 409', async () => {
      const body = submission()
      await submit(body)
      const res = await submit({ ...body, receipt: newReceipt() })
      expect(res.statusCode).toBe(409)
      expect(res.json().error.code).toBe('id_taken')
    })

    it('asks for another code when the receipt code is taken in the village', async () => {
      const body = submission({ content: '第一条' })
      await submit(body)
      const res = await submit(submission({ content: '第二条', receipt: { code: body.receipt.code, secret: newReceiptSecret() } }))
      expect(res.statusCode).toBe(409)
      expect(res.json().error.code).toBe('receipt_taken')
    })

    it('counts the same text from the same phone within 10 minutes as one submission, which both receipts follow', async () => {
      const device = newReceiptSecret()
      const first = submission({ device, content: '村口的垃圾桶满了没人收' })
      expect((await submit(first)).statusCode).toBe(201)
      t.clock.advance(9 * 60_000)
      const second = submission({ device, content: '  村口的垃圾桶满了没人收 ' })
      const res = await submit(second)
      expect(res.statusCode).toBe(200)
      expect(res.json<SubmitAnswer>()).toMatchObject({ id: first.id, sameAs: first.id })
      expect(await t.app.ctx.records.get('suggestions', second.id)).toBeUndefined()
      expect((await follow(second.receipt.code)).json<FollowAnswer>().view.id).toBe(first.id)
      // Another phone with the same words, or the same phone 10 minutes after it last sent them, is new.
      expect((await submit(submission({ content: first.content }))).statusCode).toBe(201)
      t.clock.advance(10 * 60_000 + 1)
      expect((await submit(submission({ device, content: first.content }))).statusCode).toBe(201)
    })

    it('answers a filled-in honeypot as if stored, and stores nothing', async () => {
      const body = submission({ website: 'http://spam.example', content: '便宜发票' })
      const res = await submit(body)
      expect(res.statusCode).toBe(201)
      expect(await t.app.ctx.records.get('suggestions', body.id)).toBeUndefined()
      expect((await follow(body.receipt.code)).statusCode).toBe(404)
    })

    it.each([
      ['text over 2,000 characters', () => submission({ content: '路'.repeat(2001) }), 413, 'content_too_long'],
      ['a voice note over 1 MB', () => submission({ voice: { mime: 'audio/webm', data: webm(1024 * 1024 + 1).toString('base64'), seconds: 50 } }), 413, 'voice_too_large'],
      ['a voice note typed as an image', () => submission({ voice: { mime: 'image/png', data: png.toString('base64'), seconds: 5 } }), 415, 'voice_not_audio'],
      ['an image typed as audio', () => submission({ voice: { mime: 'audio/webm', data: png.toString('base64'), seconds: 5 } }), 415, 'voice_not_audio'],
      ['a HEIC photo typed as an MP4 voice note', () => submission({ voice: { mime: 'audio/mp4', data: heic.toString('base64'), seconds: 5 } }), 415, 'voice_not_audio'],
      ['one character of text', () => submission({ content: '路' }), 400, 'content_too_short'],
      ['a wrong phone number', () => submission({ phone: '12345' }), 400, 'phone_invalid'],
      ['a receipt code with an O', () => submission({ receipt: { code: 'OOOOOOOO', secret: newReceiptSecret() } }), 400, 'receipt_invalid'],
    ])('refuses %s (%i) and stores nothing', async (_what, make, status, code) => {
      const body = make()
      const res = await submit(body)
      expect(res.statusCode).toBe(status)
      expect(res.json().error.code).toBe(code)
      expect(await t.app.ctx.records.get('suggestions', body.id)).toBeUndefined()
    })

    it('keeps a voice note with the type its bytes have, as every blob, not the type it was sent as', async () => {
      const bytes = webm(3000)
      const body = submission({ content: '录了一段话', voice: { mime: 'audio/mpeg', data: bytes.toString('base64'), seconds: 3 } })
      expect((await submit(body)).statusCode).toBe(201)
      const { rows } = await pullAll(t.app, zhang)
      const attachment = rows.find((r) => r.table === 'attachments' && (r.row as { subjectId: string }).subjectId === body.id)?.row
      expect(attachment).toMatchObject({ kind: 'audio', mime: 'audio/webm' })
      const blob = await t.app.inject({ method: 'GET', url: `/api/blobs/${(attachment as { sha256: string }).sha256}`, headers: zhang.auth })
      expect(blob.headers['content-type']).toBe('audio/webm')
    })

    it('refuses a request body over the limit with 413 before reading it all', async () => {
      const res = await submit(submission({ voice: { mime: 'audio/webm', data: 'A'.repeat(2 * 1024 * 1024), seconds: 50 } }))
      expect(res.statusCode).toBe(413)
    })

    it('keeps a voice note with the item; the cadres pull both and may play it', async () => {
      const bytes = webm(6000)
      const body = submission({ content: '语音里说了', voice: { mime: 'audio/webm;codecs=opus', data: bytes.toString('base64'), seconds: 4 } })
      expect((await submit(body)).statusCode).toBe(201)
      const { rows } = await pullAll(t.app, zhang)
      const suggestion = rows.find((r) => r.table === 'suggestions' && r.row.id === body.id)?.row as { attachmentIds: string[]; source: string }
      expect(suggestion.source).toBe('villager')
      const attachment = rows.find((r) => r.table === 'attachments' && r.row.id === suggestion.attachmentIds[0])?.row as { sha256: string; mime: string; kind: string }
      expect(attachment).toMatchObject({ kind: 'audio', mime: 'audio/webm', subjectType: 'suggestion', subjectId: body.id })
      const blob = await t.app.inject({ method: 'GET', url: `/api/blobs/${attachment.sha256}`, headers: zhang.auth })
      expect(blob.statusCode).toBe(200)
      expect(blob.rawPayload.equals(bytes)).toBe(true)
      expect((await follow(body.receipt.code)).json<FollowAnswer>().view.attachments).toBe(1)
    })

    it('stores <script> as the text it is and answers it as JSON text', async () => {
      const content = '<script>alert("路灯")</script><img src=x onerror=alert(1)>'
      const body = submission({ content })
      await submit(body)
      expect((await t.app.ctx.records.get('suggestions', body.id))?.content).toBe(content)
      const res = await follow(body.receipt.code)
      expect(res.headers['content-type']).toMatch(/^application\/json/)
      expect(res.json<FollowAnswer>().view.content).toBe(content)
    })

    describe('following by receipt', () => {
      it('shows the item to whoever types its code, with the status words of its path', async () => {
        const body = submission({ content: '东头的水渠漏水' })
        await submit(body)
        for (const typed of [body.receipt.code, body.receipt.code.toLowerCase(), `${body.receipt.code.slice(0, 4)} ${body.receipt.code.slice(4)}`]) {
          const res = await follow(typed)
          expect(res.statusCode).toBe(200)
          expect(res.json<FollowAnswer>().view).toEqual({
            id: body.id, content: '东头的水渠漏水', category: 'infrastructure', status: 'new', createdAt: t.clock().toISOString(),
            steps: [{ kind: 'received', at: t.clock().toISOString() }], current: { kind: 'received', at: t.clock().toISOString() },
            canRate: false, attachments: 0,
          })
        }
      })

      it("answers a wrong code, a malformed one and another village's code alike with 404", async () => {
        const elsewhere = submission({ content: '孙庄的路灯也坏了' })
        expect((await submit(elsewhere, 'szc01')).statusCode).toBe(201)
        expect((await follow(elsewhere.receipt.code, 'szc01')).statusCode).toBe(200)
        const answers = await Promise.all([follow(elsewhere.receipt.code), follow('ABCDEFGH'), follow('not a code')])
        for (const res of answers) {
          expect(res.statusCode).toBe(404)
          expect(res.json()).toEqual({ error: { code: 'not_found', message: 'no such village or receipt' } })
        }
      })

      it("answers a phone its own items by id and secret, and nothing for a wrong secret", async () => {
        const body = submission({ content: '我家门口的路灯' })
        await submit(body)
        const res = await mine([{ id: body.id, secret: body.receipt.secret }, { id: body.id, secret: newReceiptSecret() }, { id: newId(), secret: body.receipt.secret }])
        expect(res.statusCode).toBe(200)
        expect(res.json<MineAnswer>().items.map((item) => item.view?.content ?? null)).toEqual(['我家门口的路灯', null, null])
      })
    })

    describe('rating', () => {
      let body: VillagerSubmission
      // Each test rates an item of its own: they run in any order.
      beforeEach(async () => {
        body = submission({ content: '卫生室能不能每周多开一天' })
        await submit(body)
        // The cadre answers it from the phone, through the normal sync.
        await pullAll(t.app, zhang)
        const pushed = await push(t.app, zhang, [mutation(++mid, 'suggestion.answer', { id: body.id, answer: '已和镇卫生院商量，周三周六都有医生' })])
        expect(pushed.body.rejections).toEqual([])
      })

      it('is asked for once the item is answered, and refused without the secret (404, as for no item)', async () => {
        expect((await follow(body.receipt.code)).json<FollowAnswer>().view).toMatchObject({ status: 'answered', canRate: true })
        const res = await rate(body.id, { secret: newReceiptSecret(), stars: 3, outcome: 'partly', note: '' })
        expect(res.statusCode).toBe(404)
        expect((await t.app.ctx.records.get('suggestions', body.id))?.rating).toBeNull()
      })

      it('refuses stars out of range', async () => {
        const res = await rate(body.id, { secret: body.receipt.secret, stars: 6, outcome: 'partly', note: '' })
        expect(res.statusCode).toBe(400)
        expect(res.json().error).toMatchObject({ code: 'stars_invalid', field: 'stars' })
      })

      it('reopens a partly resolved item onto the agenda, keeps the line, and answers the same rating again as done', async () => {
        const rating = { secret: body.receipt.secret, stars: 3, outcome: 'partly', note: '周六有时候还是没人' }
        const res = await rate(body.id, rating)
        expect(res.statusCode).toBe(200)
        const view = res.json<RateAnswer>().view
        expect(view).toMatchObject({ status: 'on_agenda', canRate: false })
        expect(view.steps.slice(-2).map((s) => s.kind)).toEqual(['rated', 'reopened'])
        expect(view.steps.at(-2)?.rating).toEqual({ stars: 3, outcome: 'partly', by: 'villager' })
        const row = await t.app.ctx.records.get('suggestions', body.id)
        expect(row?.rating).toEqual({ stars: 3, outcome: 'partly', ratedAt: t.clock().toISOString(), by: 'villager', note: '周六有时候还是没人' })
        expect((await rate(body.id, rating)).statusCode).toBe(200)
        const other = await rate(body.id, { ...rating, stars: 5, outcome: 'resolved' })
        expect(other.statusCode).toBe(409)
        expect(other.json().error.code).toBe('illegal_transition')
        // The rating reaches the cadres' phones through the pull.
        const { rows } = await pullAll(t.app, zhang)
        expect(rows.filter((r) => r.table === 'suggestions' && r.row.id === body.id).at(-1)?.row).toMatchObject({ status: 'on_agenda', rating: { by: 'villager' } })
      })
    })

    it('never shows a phone number or a private name on any public answer (a JSON walk over every answer)', async () => {
      // Every public route, with items that carry a private name and phone: submitted, followed,
      // listed, answered and rated, and the board after them.
      const start = answers.length
      const items = [submission({ content: '村西头的井盖丢了' }), submission({ content: '想在村里办个夜校', publicName: true, name: '孙大爷' })]
      for (const body of items) await submit(body)
      await pullAll(t.app, zhang)
      const answered = await push(t.app, zhang, [mutation(++mid, 'suggestion.answer', { id: items[0]!.id, answer: '已经补上了' })])
      expect(answered.body.rejections).toEqual([])
      for (const body of items) await follow(body.receipt.code)
      await mine(items.map((body) => ({ id: body.id, secret: body.receipt.secret })))
      await rate(items[0]!.id, { secret: items[0]!.receipt.secret, stars: 4, outcome: 'resolved', note: '谢谢' })
      await call('GET', '/api/v/ltc01')
      const walked = answers.slice(start)
      expect(walked.length).toBe(7)
      const privateWords = ['13712345678', '钱大妈', ...t.demo.suggestions.flatMap((s) => [s.submitterPhone, s.publicName ? null : s.submitterName])]
        .filter((word): word is string => word !== null)
      // Every answer of the file so far is walked too: whatever ran before this test.
      for (const { url, body } of answers) {
        for (const text of strings(body)) {
          for (const word of privateWords) expect(text, `${url} answered ${text}`).not.toContain(word)
          expect(text, `${url} answered ${text}`).not.toMatch(/1[3-9]\d{9}/)
        }
      }
    })
  })

  describe('the limits of the villager routes', () => {
    let t: TestApp
    const tight = { max: 2, timeWindow: 60_000 }
    const limits: VillagerLimits = {
      submit: { ip: tight, village: { max: 3, timeWindow: 60_000 } },
      follow: { ip: tight, village: { max: 100, timeWindow: 60_000 } },
      rate: { ip: tight, village: { max: 100, timeWindow: 60_000 } },
      read: { ip: { max: 100, timeWindow: 60_000 }, village: { max: 100, timeWindow: 60_000 } },
    }
    // Each test counts from zero on an app of its own: they run in any order.
    beforeEach(async () => {
      t = await startApp(makeDb, { villagerLimits: limits })
    })
    afterEach(() => t.close())
    const submitFrom = (ip: string) =>
      t.app.inject({ method: 'POST', url: '/api/v/ltc01/suggestions', remoteAddress: ip, payload: submission() as object })

    it('answers 429 with Retry-After once an IP is over its limit, and lets another IP on', async () => {
      expect((await submitFrom('10.1.0.1')).statusCode).toBe(201)
      expect((await submitFrom('10.1.0.1')).statusCode).toBe(201)
      const over = await submitFrom('10.1.0.1')
      expect(over.statusCode).toBe(429)
      expect(over.json().error.code).toBe('rate_limited')
      expect(Number(over.headers['retry-after'])).toBeGreaterThan(0)
      expect(Number(over.headers['retry-after'])).toBeLessThanOrEqual(60)
      expect((await submitFrom('10.1.0.2')).statusCode).toBe(201)
    })

    it('answers 429 once the village is over its limit, from any IP', async () => {
      for (const ip of ['10.1.0.4', '10.1.0.5', '10.1.0.6']) expect((await submitFrom(ip)).statusCode).toBe(201)
      const over = await submitFrom('10.1.0.3')
      expect(over.statusCode).toBe(429)
      expect(over.headers['retry-after']).toBeDefined()
    })

    it('limits guessing receipt codes per IP', async () => {
      const guess = () => t.app.inject({ method: 'POST', url: '/api/v/ltc01/follow', remoteAddress: '10.2.0.1', payload: { code: 'ABCDEFGH' } })
      expect((await guess()).statusCode).toBe(404)
      expect((await guess()).statusCode).toBe(404)
      expect((await guess()).statusCode).toBe(429)
    })
  })
})

describe("the demo's and setup's villager links", () => {
  let t: TestApp
  beforeAll(async () => {
    const { makeSqlite } = await import('./helpers/databases')
    t = await startApp(makeSqlite)
  })
  afterAll(() => t.close())

  it("lists each demo village's link, writes it to demo-codes.json after the members' codes, and prints it at start", async () => {
    const links = await demoVillagerLinks(t.app.ctx, 'http://localhost:8080', t.demo.members.map((m) => m.id))
    expect(links).toEqual([
      { role: 'villager', name: '村民', village: '刘土城村', code: 'ltc01', link: 'http://localhost:8080/v/ltc01' },
      { role: 'villager', name: '村民', village: '孙庄村', code: 'szc01', link: 'http://localhost:8080/v/szc01' },
    ])
    const dir = mkdtempSync(join(tmpdir(), 'yehua-data-'))
    const file = await writeDemoCodes(dir, [...t.codes, ...links])
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual([...t.codes, ...links])
    rmSync(dir, { recursive: true })
    const banner = startBanner(['http://localhost:8080/'], { codes: t.codes, enrolled: [], expiresAt: null, file, villagers: links })
    expect(banner).toMatch(/刘土城村\s+http:\/\/localhost:8080\/v\/ltc01/)
    expect(banner).toMatch(/孙庄村\s+http:\/\/localhost:8080\/v\/szc01/)
  })

  it('prints each village link with a QR code in the setup report', async () => {
    const villages = t.demo.villages.map((row) => ({ row, created: true }))
    const report = await setupReport(
      { township: { row: t.demo.townships[0]!, created: true }, villages, admin: null, enrolment: null, demoPresent: false },
      'https://yehua.example.cn',
    )
    expect(report).toContain('刘土城村  https://yehua.example.cn/v/ltc01')
    expect(report).toContain('孙庄村  https://yehua.example.cn/v/szc01')
    // One QR code per village, drawn with half blocks: three finder squares each.
    expect(report.split(' ▄▄▄▄▄▄▄ ').length - 1).toBe(3 * 2)
  })
})

describe('the villager page', () => {
  let t: TestApp
  let dist: string
  beforeAll(async () => {
    dist = makeFakeDist()
    writeFileSync(join(dist, 'villager.html'), '<!doctype html><title>村民意见</title>\n')
    mkdirSync(join(dist, 'v'))
    writeFileSync(join(dist, 'v', 'sw.js'), 'self.addEventListener("fetch", () => {})\n')
    const { makeSqlite } = await import('./helpers/databases')
    t = await startApp(makeSqlite, { distDir: dist })
  })
  afterAll(async () => {
    await t.close()
    rmSync(dist, { recursive: true, force: true })
  })

  it.each(['/v/ltc01', '/v/ltc01?from=poster', '/v/', '/v/unknown9'])('serves the villager page, not the cadres app, at %s', async (url) => {
    const res = await t.app.inject({ url })
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('村民意见')
    expect(res.headers['cache-control']).toBe('no-cache')
  })

  it("serves the villager's service worker at /v/sw.js, revalidated on each use", async () => {
    const res = await t.app.inject({ url: '/v/sw.js' })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/javascript/)
    expect(res.headers['cache-control']).toBe('no-cache')
  })

  it('still serves the cadres app elsewhere', async () => {
    expect((await t.app.inject({ url: '/enrol' })).body).toContain('<div id="app">')
  })
})
