import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { pullResponse } from '@shared/sync/protocol'
import type { CachedPage } from '../../src/server/sync/pageCache'
import type { PullAnswer } from '../../src/server/sync/pull'
import { pullBody } from '../../src/server/sync/pull'
import { encodePull } from '../../src/server/sync/pullEncoding'

/** A page of `count` village rows, as the pull would have cached it. */
function page(count: number): CachedPage {
  const rows = Array.from({ length: count }, (_, i) => ({
    table: 'villages',
    row: { id: `0190a000-0000-7000-8000-${String(i).padStart(12, '0')}`, version: i + 1, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', deletedAt: null, townshipId: '0190a000-0000-7000-8000-ffffffffffff', name: `测试村${i}`, code: `c${i}` },
  }))
  return { rowsJson: JSON.stringify(rows), count, cursor: count, hasMore: false, head: count }
}
const answer = (p: CachedPage, extra: Partial<PullAnswer> = {}): PullAnswer => ({ page: p, lastMid: 7, rejections: [], reset: false, ...extra })

describe('pull bodies', () => {
  it('write the answer as the JSON of a pull response, keys in order', () => {
    const text = pullBody(answer(page(2), { rejections: [{ mid: 3, name: 'suggestion.create', code: 'invalid_args', detail: 'x' }], reset: true }))
    const parsed = pullResponse.parse(JSON.parse(text))
    expect(parsed.rows).toHaveLength(2)
    expect(Object.keys(JSON.parse(text))).toEqual(['rows', 'cursor', 'hasMore', 'lastMid', 'rejections', 'reset'])
    expect(parsed).toMatchObject({ cursor: 2, hasMore: false, lastMid: 7, reset: true, rejections: [{ mid: 3, code: 'invalid_args' }] })
  })

  it('compress with brotli or gzip as the phone accepts, and not at all when it accepts neither', () => {
    const a = answer(page(20))
    const br = encodePull(a, 'gzip, deflate, br')
    expect(br.encoding).toBe('br')
    expect(brotliDecompressSync(br.body as Buffer).toString()).toBe(pullBody(a))
    const gzip = encodePull(a, 'gzip')
    expect(gzip.encoding).toBe('gzip')
    expect(gunzipSync(gzip.body as Buffer).toString()).toBe(pullBody(a))
    expect(encodePull(a, undefined)).toEqual({ body: pullBody(a), encoding: null })
    expect(encodePull(a, 'identity')).toEqual({ body: pullBody(a), encoding: null })
  })

  it('leave a small answer uncompressed', () => {
    const a = answer(page(0))
    expect(encodePull(a, 'gzip, br')).toEqual({ body: pullBody(a), encoding: null })
  })

  it('reuse the compressed bytes for the same page and lastMid, and only then', () => {
    const p = page(20)
    const first = encodePull(answer(p), 'gzip')
    expect(encodePull(answer(p), 'gzip').body).toBe(first.body)
    const otherMid = encodePull(answer(p, { lastMid: 8 }), 'gzip')
    expect(otherMid.body).not.toBe(first.body)
    expect(JSON.parse(gunzipSync(otherMid.body as Buffer).toString()).lastMid).toBe(8)
    // Refusals and resets are per request: made afresh.
    const refused = answer(p, { rejections: [{ mid: 7, name: 'suggestion.create', code: 'invalid_args' }] })
    expect(JSON.parse(gunzipSync(encodePull(refused, 'gzip').body as Buffer).toString()).rejections).toHaveLength(1)
    expect(encodePull(answer(p), 'gzip').body).toBe(first.body)
    // A different page with the same lastMid is its own answer.
    expect(gunzipSync(encodePull(answer(page(21)), 'gzip').body as Buffer).toString()).toBe(pullBody(answer(page(21))))
  })
})
