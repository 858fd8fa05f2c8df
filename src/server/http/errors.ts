import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { ZodType } from 'zod'
import { securityHeaders } from './security'
import type { ApiError } from '@shared/api/error'

/** An error a caller can act on: an HTTP status and a stable code, answered as coded JSON. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string = code,
    readonly field?: string,
  ) {
    super(message)
  }
}

/** Fastify's own client errors, answered with our codes. */
const fastifyCodes: Record<string, { status: number; code: string; message: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'payload_too_large', message: 'request body is too large' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'invalid_json', message: 'request body is not valid JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'invalid_json', message: 'request body is empty' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'unsupported_media_type', message: 'send application/json' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'invalid_body', message: 'content length mismatch' },
  FST_ERR_BAD_URL: { status: 400, code: 'invalid_url', message: 'the URL is not valid' },
  FST_ERR_MAX_PARAM_LENGTH: { status: 414, code: 'invalid_url', message: 'a URL part is too long' },
}

/**
 * For Fastify's `frameworkErrors` option: errors raised while routing, before any handler and
 * before the `onRequest` hook that sets the security headers, so they are set here.
 */
export function answerFrameworkError(error: FastifyError, _request: FastifyRequest, reply: FastifyReply) {
  const known = fastifyCodes[error.code] ?? { status: 400, code: 'bad_request', message: 'bad request' }
  reply.headers(securityHeaders())
  return send(reply, known.status, known.code, known.message)
}

function send(reply: FastifyReply, status: number, code: string, message: string, field?: string) {
  return reply
    .code(status)
    .type('application/json; charset=utf-8')
    .send({ error: { code, message, ...(field ? { field } : {}) } } satisfies ApiError)
}

/** Parse a request part with a shared zod schema; 400 `invalid_body` naming the first bad field. */
export function parseWith<T>(schema: ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  const field = issue?.path.join('.') || undefined
  throw new HttpError(400, 'invalid_body', issue?.message ?? 'invalid request', field)
}

/** One error handler: coded JSON for client errors, a bare 500 that hides stack and SQL. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | HttpError, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof HttpError) return send(reply, error.statusCode, error.code, error.message, error.field)
    const known = error.code ? fastifyCodes[error.code] : undefined
    if (known) return send(reply, known.status, known.code, known.message)
    if ('validation' in error && error.validation) return send(reply, 400, 'invalid_body', error.message)
    const status = error.statusCode ?? 500
    if (status >= 400 && status < 500) return send(reply, status, 'bad_request', error.message)
    request.log.error({ err: error }, 'request failed')
    return send(reply, 500, 'internal_error', 'the server could not complete the request')
  })
}

/** The JSON 404 every unknown API route answers with. */
export function sendApiNotFound(request: FastifyRequest, reply: FastifyReply) {
  return send(reply, 404, 'not_found', `no route ${request.method} ${request.url.split('?')[0]}`)
}
