import { brotliCompressSync, gzipSync } from 'node:zlib'
import { Negotiator } from '@fastify/accept-negotiator'
import { LRUCache } from 'lru-cache'
import { brotliOptions, COMPRESS_THRESHOLD, encodings } from '../http/security'
import type { CachedPage } from './pageCache'
import type { PullAnswer } from './pull'
import { pullBody } from './pull'

type Encoding = (typeof encodings)[number]

/** A pull's body as sent: compressed when the phone accepts it and it is worth it. */
export interface EncodedPull {
  body: string | Buffer
  encoding: Encoding | null
}

// Phones send a handful of distinct headers; the bound keeps made-up ones from growing it.
const negotiator = new Negotiator<Encoding>({ supportedValues: [...encodings], cache: new LRUCache<string, string>({ max: 100 }) })

/** Most answers kept per page: one per phone of the scope that last pulled it, roughly. */
const BODIES_PER_PAGE = 64
/**
 * Larger answers are compressed each time: they are first pulls and catch-up pages, which few
 * phones ask for twice with the same lastMid, and 64 of them per page would hold too much memory.
 */
const MAX_KEPT_BODY_BYTES = 256 * 1024

/**
 * Compressed answers by page, then by encoding and `lastMid`. A phone that syncs every minute and
 * finds nothing new gets the same bytes each time (same page, same lastMid); compressing them once
 * instead of on every pull was the largest part of such a pull's server time. Entries go with
 * their page when the page cache drops it.
 */
const bodies = new WeakMap<CachedPage, Map<string, Buffer>>()

function compress(text: string, encoding: Encoding): Buffer {
  return encoding === 'br' ? brotliCompressSync(text, brotliOptions) : gzipSync(text)
}

/**
 * The body of a pull answer for an `Accept-Encoding` header. Answers with refusals or a reset
 * are rare and made afresh; the rest are kept with their page.
 */
export function encodePull(answer: PullAnswer, acceptEncoding: string | undefined): EncodedPull {
  const encoding = acceptEncoding ? negotiator.negotiate(acceptEncoding) : null
  if (!encoding) return { body: pullBody(answer), encoding: null }
  const reusable = answer.rejections.length === 0 && !answer.reset
  const key = `${encoding}|${answer.lastMid}`
  const kept = reusable ? bodies.get(answer.page)?.get(key) : undefined
  if (kept) return { body: kept, encoding }
  const text = pullBody(answer)
  if (Buffer.byteLength(text) < COMPRESS_THRESHOLD) return { body: text, encoding: null }
  const body = compress(text, encoding)
  if (reusable && body.length <= MAX_KEPT_BODY_BYTES) {
    let forPage = bodies.get(answer.page)
    if (!forPage) bodies.set(answer.page, (forPage = new Map()))
    if (forPage.size >= BODIES_PER_PAGE) forPage.clear()
    forPage.set(key, body)
  }
  return { body, encoding }
}
