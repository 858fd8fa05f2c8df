import { constants as zlib } from 'node:zlib'
import compress from '@fastify/compress'
import type { IncomingMessage, ServerResponse } from 'node:http'
import helmet from 'helmet'
import type { HelmetOptions } from 'helmet'
import type { FastifyInstance } from 'fastify'

/**
 * The app loads only from its own origin. Images may be `blob:`/`data:` (photos taken offline),
 * fonts `data:` (Vant inlines its icon font), audio `blob:` (recordings before upload).
 * Styles allow inline attributes: Vue and Vant set `style` on elements.
 */
export const contentSecurityPolicy = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'blob:', 'data:'],
  'media-src': ["'self'", 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'worker-src': ["'self'"],
  'manifest-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
}

/** Responses smaller than this go uncompressed. */
export const COMPRESS_THRESHOLD = 1024
/** Content encodings the server offers, preferred first. */
export const encodings = ['br', 'gzip'] as const
/** Quality 4 compresses nearly as well as 11 at a fraction of the CPU on a small server. */
export const brotliOptions = { params: { [zlib.BROTLI_PARAM_QUALITY]: 4 } }

const helmetOptions: HelmetOptions = {
  contentSecurityPolicy: {
    useDefaults: false,
    // Off: village phones reach a LAN server over plain http, where upgrading would break loads.
    directives: { ...contentSecurityPolicy, 'upgrade-insecure-requests': null },
  },
  // Same reason: HSTS would pin a plain-http LAN install to https it does not have.
  strictTransportSecurity: false,
}

/**
 * The headers helmet sets, worked out once: with these options they are the same on every
 * response. (Running helmet's middleware per request, as @fastify/helmet does, re-serialised the
 * CSP each time and cost a sync pull about a tenth of its server time.)
 */
export function helmetHeaders(options: HelmetOptions = helmetOptions): Record<string, string> {
  const headers: Record<string, string> = {}
  const response = {
    setHeader: (name: string, value: unknown) => (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => delete headers[name.toLowerCase()],
  }
  let done = false
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error
    done = true
  })
  if (!done) throw new Error('helmet did not finish synchronously')
  return headers
}

let headers: Record<string, string> | null = null

/** The security headers of every response (helmet's, worked out once). */
export function securityHeaders(): Record<string, string> {
  return (headers ??= helmetHeaders())
}

/**
 * Security headers and response compression for every response. (Errors Fastify answers before
 * any hook runs, such as a URL that does not decode, set them in `answerFrameworkError`.)
 */
export async function registerSecurity(app: FastifyInstance): Promise<void> {
  const all = securityHeaders()
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(all)
    done()
  })
  await app.register(compress, {
    global: true,
    threshold: COMPRESS_THRESHOLD,
    encodings: [...encodings],
    brotliOptions,
  })
}
