import { createHash } from 'node:crypto'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { AppContext } from '../context'
import { nowIso } from '../context'
import { createBlobRepository } from '../db/blobs-repository'
import { committedReads } from '../db/reads'
import { authOf } from '../http/auth'
import { HttpError } from '../http/errors'
import { showsInline, sniffMediaType } from '../http/sniff'
import { FILE_EXTENSIONS, isFileType } from '@shared/media'
import { pullScope } from '../sync/scope'

/** Largest photo, voice note or file taken (the `attachment.add` size limit). */
export const MAX_BLOB_BYTES = 10 * 1024 * 1024


type HashRequest = FastifyRequest<{ Params: { sha256: string } }>

function hashOf(request: HashRequest): string {
  const { sha256 } = request.params
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new HttpError(400, 'invalid_hash', 'the URL must name a lower-case hex SHA-256', 'sha256')
  return sha256
}

/**
 * `PUT /api/blobs/:sha256` (idempotent upload, raw bytes sent as an image, audio or document (PDF, .docx, .xlsx) type; stored
 * with the type sniffed from the bytes) and `GET /api/blobs/:sha256` (to a device whose scope
 * holds an attachment naming the hash, with the stored type).
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
      // Images, audio, PDF, Word and Excel only; not SVG or HTML, documents that can run script when a browser opens them.
      if (!showsInline(mime) && !isFileType(mime)) {
        throw new HttpError(415, 'unsupported_media_type', 'send a photo (image/*), a voice note (audio/*) or a PDF, Word (.docx) or Excel (.xlsx) file', 'mime')
      }
      const body = request.body
      if (!Buffer.isBuffer(body) || body.length === 0) throw new HttpError(400, 'empty_body', 'the body holds no bytes')
      if (createHash('sha256').update(body).digest('hex') !== sha256) {
        throw new HttpError(400, 'hash_mismatch', 'the bytes do not have the SHA-256 in the URL', 'sha256')
      }
      // Stored and served with the type the bytes have, not the one claimed (here or in an attachment).
      const type = sniffMediaType(body, mime)
      // A file sent as a document must be that document (sniffFileType): an HTML page or an SVG
      // named .pdf, or a Word file with macros, is refused.
      if (isFileType(mime) && type !== mime) {
        throw new HttpError(415, 'unsupported_media_type', `the bytes are not a file of type ${mime}`, 'mime')
      }
      const stored =
        !(await blobs.has(sha256)) &&
        (await blobs.insert({ sha256, mime: type, size: body.length, bytes: body, createdAt: nowIso(ctx) }))
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
    // Bytes that are no image or audio (a PDF, or UNKNOWN_TYPE) are a download, never a page.
    if (!showsInline(blob.mime)) {
      const extension = isFileType(blob.mime) ? FILE_EXTENSIONS[blob.mime] : ''
      reply.header('content-disposition', `attachment; filename="${sha256}${extension}"`)
    }
    return reply
      .type(blob.mime)
      .header('cache-control', 'private, max-age=31536000, immutable')
      .header('etag', `"${sha256}"`)
      .send(Buffer.from(blob.bytes))
  })
}
