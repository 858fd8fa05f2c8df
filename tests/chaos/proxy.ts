import http from 'node:http'
import type { AddressInfo } from 'node:net'

export type Fault = 'drop' | 'delay' | 'duplicate' | 'cut' | 'error'
const faults: Fault[] = ['drop', 'delay', 'duplicate', 'cut', 'error']

export interface FaultProxy {
  url: string
  /** Faults injected so far, by kind. */
  injected: Record<Fault, number>
  total(): number
  /** Stop injecting (the end of a run: let everything through). */
  calm(): void
  close(): Promise<void>
}

async function readBody(request: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

function forward(target: URL, request: http.IncomingMessage, body: Buffer) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    const upstream = http.request(
      new URL(request.url ?? '/', target),
      { method: request.method, headers: { ...request.headers, host: target.host } },
      async (response) => resolve({ status: response.statusCode ?? 502, headers: response.headers, body: await readBody(response) }),
    )
    upstream.on('error', reject)
    upstream.end(body)
  })
}

/**
 * An HTTP proxy on loopback in front of the server that, with probability `rate` and until
 * `budget` faults, drops a request, delays it, sends it twice at once, cuts the response after
 * the server committed, or answers 503 itself. With several targets (servers on one database)
 * each request goes to one of them at random, as a load balancer would send it. `random` makes
 * a run reproducible.
 */
export async function startFaultProxy(options: {
  targets: string[]
  rate: number
  budget: number
  random: () => number
}): Promise<FaultProxy> {
  const targets = options.targets.map((url) => new URL(url))
  const injected: Record<Fault, number> = { drop: 0, delay: 0, duplicate: 0, cut: 0, error: 0 }
  let calm = false
  const total = () => Object.values(injected).reduce((a, b) => a + b, 0)

  const server = http.createServer(async (request, response) => {
    const body = await readBody(request)
    const target = targets[Math.floor(options.random() * targets.length)]!
    const fault =
      !calm && total() < options.budget && options.random() < options.rate
        ? faults[Math.floor(options.random() * faults.length)]!
        : null
    if (fault) injected[fault] += 1
    try {
      if (fault === 'drop') {
        request.socket.destroy()
        return
      }
      if (fault === 'error') {
        response.writeHead(503, { 'content-type': 'application/json' })
        response.end(JSON.stringify({ error: { code: 'unavailable', message: 'injected' } }))
        return
      }
      if (fault === 'delay') await new Promise((r) => setTimeout(r, 50 + options.random() * 400))
      let result
      if (fault === 'duplicate') {
        // The copy may reach another server: a load balancer retrying elsewhere.
        const other = targets[Math.floor(options.random() * targets.length)]!
        const [first, second] = await Promise.allSettled([forward(target, request, body), forward(other, request, body)])
        const settled = second.status === 'fulfilled' ? second : first
        if (settled.status === 'rejected') throw settled.reason
        result = settled.value
      } else {
        result = await forward(target, request, body)
      }
      if (fault === 'cut') {
        request.socket.destroy()
        return
      }
      const { 'content-length': _length, 'transfer-encoding': _encoding, ...headers } = result.headers
      response.writeHead(result.status, headers)
      response.end(result.body)
    } catch {
      // The server is down (being restarted): what a phone sees as a bad gateway.
      if (!response.headersSent) response.writeHead(502, { 'content-type': 'application/json' })
      response.end(JSON.stringify({ error: { code: 'bad_gateway', message: 'upstream unavailable' } }))
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    injected,
    total,
    calm: () => (calm = true),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
