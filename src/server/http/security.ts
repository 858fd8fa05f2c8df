import { constants as zlib } from 'node:zlib'
import compress from '@fastify/compress'
import helmet from '@fastify/helmet'
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

/** Security headers and response compression for every response. */
export async function registerSecurity(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      // Off: village phones reach a LAN server over plain http, where upgrading would break loads.
      directives: { ...contentSecurityPolicy, 'upgrade-insecure-requests': null },
    },
    // Same reason: HSTS would pin a plain-http LAN install to https it does not have.
    strictTransportSecurity: false,
  })
  await app.register(compress, {
    global: true,
    threshold: 1024,
    encodings: ['br', 'gzip'],
    // Quality 4 compresses nearly as well as 11 at a fraction of the CPU on a small server.
    brotliOptions: { params: { [zlib.BROTLI_PARAM_QUALITY]: 4 } },
  })
}
