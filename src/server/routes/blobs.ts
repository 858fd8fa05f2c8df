import { createHash } from 'node:crypto'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { AppContext } from '../context'
import { nowIso } from '../context'
import { createBlobRepository } from '../db/blobs-repository'
import { committedReads } from '../db/reads'
import { authOf } from '../http/auth'
import { HttpError } from '../http/errors'
import { pullScope } from '../sync/scope'

/** Largest photo or voice note taken (the `attachment.add` size limit). */
export const MAX_BLOB_BYTES = 10 * 1024 * 1024

/**
 * Images and audio only; not SVG, which is a document that can run script when a browser
 * opens it from a blob: URL of our origin.
 */
const allowedMime = /^(image\/(?!svg)[a-z0-9.+-]+|audio\/[a-z0-9.+-]+)$/

type HashRequest = FastifyRequest<{ Params: { sha256: string } }>

function hashOf(request: HashRequest): string {
  const { sha256 } = request.params
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new HttpError(400, 'invalid_hash', 'the URL must name a lower-case hex SHA-256', 'sha256')
  return sha256
}

/**
 * `PUT /api/blobs/:sha256` (idempotent upload, raw bytes with their content type) and
 * `GET /api/blobs/:sha256` (to a device whose scope holds an attachment naming the hash).
 * Register inside a `requireDevice` scope.
 */
export async function blobRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }) {
  const blobs = createBlobRepository(ctx.database.db)
  // Any body type reaches the handler as bytes; the handler checks the type against the allow-list.
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_BLOB_BYTES }, (_request, body, done) => done(null, body))

  app.put(
    '/api/blobs/:sha256',
    // Check the URL before reading up to 10 MB of body.
    { bodyLimit: MAX_BLOB_BYTES, onRequest: async (request: HashRequest) => void hashOf(request) },
    async (request: HashRequest, reply) => {
      const sha256 = hashOf(request)
      const mime = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase()
      if (!allowedMime.test(mime)) {
        throw new HttpError(415, 'unsupported_media_type', 'send a photo (image/*) or a voice note (audio/*)', 'mime')
      }
      const body = request.body
      if (!Buffer.isBuffer(body) || body.length === 0) throw new HttpError(400, 'empty_body', 'the body holds no bytes')
      if (createHash('sha256').update(body).digest('hex') !== sha256) {
        throw new HttpError(400, 'hash_mismatch', 'the bytes do not have the SHA-256 in the URL', 'sha256')
      }
      const stored =
        !(await blobs.has(sha256)) &&
        (await blobs.insert({ sha256, mime, size: body.length, bytes: body, createdAt: nowIso(ctx) }))
      return reply.code(stored ? 201 : 200).send({ sha256, size: body.length })
    },
  )

  app.get('/api/blobs/:sha256', async (request: HashRequest, reply) => {
    const sha256 = hashOf(request)
    const { actor } = authOf(request)
    const scope = await pullScope(actor, committedReads(ctx.database))
    const blob = (await blobs.namedIn(sha256, scope.tables.attachments)) ? await blobs.get(sha256) : undefined
    // The same answer whether the bytes are missing or out of scope: hashes are not to be probed.
    if (!blob) throw new HttpError(404, 'not_found', 'no such blob in your scope')
    return reply
      .type(blob.mime)
      .header('cache-control', 'private, max-age=31536000, immutable')
      .header('etag', `"${sha256}"`)
      .send(Buffer.from(blob.bytes))
  })
}
