import http from 'node:http'
import { gunzipSync, brotliDecompressSync } from 'node:zlib'
import type { EnrolResponse } from '@shared/api/identity'
import { pullResponse, SCHEMA_VERSION } from '@shared/sync/protocol'
import type { RunningServer } from '../../tests/e2e/support/server'

type Encoding = 'gzip' | 'br' | 'identity'

export interface WireFigures {
  rows: number
  pages: number
  pageLimit: number
  /** Bytes on the wire per synced row, by content encoding. */
  bytesPerRow: Record<Encoding, number>
  /** The whole pull with gzip from Node, request after request: the server's share of a first pull. */
  gzipPullMs: number
}

interface RawPage {
  body: Buffer
  encoding: string
}

/** One `POST /api/sync/pull`, body as received (not decompressed), through plain node:http. */
function rawPull(server: RunningServer, session: EnrolResponse, cursor: number, limit: number, accept: Encoding): Promise<RawPage> {
  const payload = JSON.stringify({ deviceId: session.deviceId, schemaVersion: SCHEMA_VERSION, cursor, limit, pendingFrom: null })
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${server.url}/api/sync/pull`,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
          authorization: `Bearer ${session.token}`,
          'accept-encoding': accept,
        },
      },
      (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('error', reject)
        response.on('end', () => {
          if (response.statusCode !== 200) reject(new Error(`pull answered ${response.statusCode}`))
          else resolve({ body: Buffer.concat(chunks), encoding: response.headers['content-encoding'] ?? 'identity' })
        })
      },
    )
    request.on('error', reject)
    request.end(payload)
  })
}

function decode(page: RawPage, expected: Encoding): string {
  if (page.encoding !== expected) throw new Error(`asked for ${expected}, the server answered ${page.encoding}`)
  if (expected === 'gzip') return gunzipSync(page.body).toString('utf8')
  if (expected === 'br') return brotliDecompressSync(page.body).toString('utf8')
  return page.body.toString('utf8')
}

/**
 * Pull a device's whole scope page by page (as the app does) once per content encoding and
 * divide the bytes on the wire by the rows received. Throws if an encoding is not honoured.
 */
export async function measureWireSize(server: RunningServer, session: EnrolResponse, pageLimit: number): Promise<WireFigures> {
  const bytesPerRow = { gzip: 0, br: 0, identity: 0 }
  let rows = 0
  let pages = 0
  let gzipPullMs = 0
  for (const encoding of ['gzip', 'br', 'identity'] as const) {
    const started = performance.now()
    let bytes = 0
    rows = 0
    pages = 0
    for (let cursor = 0, more = true; more; pages++) {
      const raw = await rawPull(server, session, cursor, pageLimit, encoding)
      const page = pullResponse.parse(JSON.parse(decode(raw, encoding)))
      bytes += raw.body.length
      rows += page.rows.length
      cursor = page.cursor
      more = page.hasMore
    }
    bytesPerRow[encoding] = bytes / rows
    if (encoding === 'gzip') gzipPullMs = performance.now() - started
  }
  return { rows, pages, pageLimit, bytesPerRow, gzipPullMs }
}
