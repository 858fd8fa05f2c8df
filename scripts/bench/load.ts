import autocannon from 'autocannon'
import type { EnrolResponse } from '@shared/api/identity'
import { pullResponse, SCHEMA_VERSION } from '@shared/sync/protocol'
import type { RunningServer } from '../../tests/e2e/support/server'
import { seeded } from './random'

/** A device of the load test and the versions of its village's rows (cursors that leave a full page). */
export interface LoadDevice {
  session: EnrolResponse
  versions: number[]
}

export interface LoadOptions {
  connections: number
  seconds: number
  /** Rows per pull page. */
  limit: number
  /** `Accept-Encoding` of every request: phones send gzip; `identity` measures without compression. */
  encoding: 'gzip' | 'identity'
}

/** Latency percentiles (ms) and throughput of one autocannon run. */
export interface RunFigures {
  connections: number
  seconds: number
  requests: number
  perSecond: number
  p50: number
  p95: number
  p99: number
  max: number
  /** Connection errors, timeouts and non-2xx answers. */
  errors: number
  /** Mean response size on the wire. */
  bytesPerResponse: number
}

export interface LoadFigures extends LoadOptions {
  /** `connections` clients pulling back to back: the server saturated, so latency is mostly queueing. */
  saturated: RunFigures
  /** One client alone: the service time of a pull, with no queue. */
  alone: RunFigures
}

/** The body and token of one pull: a random device, from a random cursor inside its village's history. */
function pullRequests(devices: readonly LoadDevice[], limit: number, random: () => number) {
  const usable = devices.filter((d) => d.versions.length > limit)
  if (usable.length === 0) throw new Error(`no load device has more than ${limit} rows`)
  return () => {
    const device = usable[Math.floor(random() * usable.length)]!
    const cursor = device.versions[Math.floor(random() * (device.versions.length - limit))]!
    const body = { deviceId: device.session.deviceId, schemaVersion: SCHEMA_VERSION, cursor, limit, pendingFrom: null }
    return { token: device.session.token, body: JSON.stringify(body) }
  }
}

/** Check a few generated requests by hand: each must answer 200 with a full page. */
async function checkRequests(server: RunningServer, next: () => { token: string; body: string }, limit: number): Promise<void> {
  for (let i = 0; i < 10; i++) {
    const { token, body } = next()
    const response = await fetch(`${server.url}/api/sync/pull`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body,
    })
    if (!response.ok) throw new Error(`load request answered ${response.status}: ${await response.text()}`)
    const page = pullResponse.parse(await response.json())
    if (page.rows.length !== limit) throw new Error(`a load request pulled ${page.rows.length} rows, not ${limit}`)
  }
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

interface RunSpec {
  connections: number
  seconds: number
}

/** One autocannon run; percentiles from every response's latency (autocannon's own skip p95). */
async function cannon(server: RunningServer, next: () => { token: string; body: string }, encoding: string, spec: RunSpec): Promise<RunFigures> {
  const latencies: number[] = []
  const options: autocannon.Options = {
    url: server.url,
    connections: spec.connections,
    duration: spec.seconds,
    timeout: 30,
    requests: [
      {
        method: 'POST',
        path: '/api/sync/pull',
        setupRequest: (request) => {
          const { token, body } = next()
          return {
            ...request,
            body,
            headers: { 'content-type': 'application/json', 'accept-encoding': encoding, authorization: `Bearer ${token}` },
          }
        },
      },
    ],
  }
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (error: unknown, done) => (error ? reject(error) : resolve(done)))
    instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms))
  })
  latencies.sort((a, b) => a - b)
  return {
    connections: spec.connections,
    seconds: spec.seconds,
    requests: result.requests.total,
    perSecond: result.requests.total / spec.seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? NaN,
    errors: result.errors + result.timeouts + result.non2xx,
    bytesPerResponse: result.throughput.total / Math.max(1, result.requests.total),
  }
}

/**
 * autocannon on loopback against `POST /api/sync/pull`, every request a random device and a
 * random cursor inside its village's history (a full page each): after a short warm-up (JIT,
 * caches, connection pools), one client alone (the service time), then `connections` clients
 * back to back (a closed loop: once the server is saturated, latency ≈ connections ÷ throughput).
 * Checks some answers by hand before and after.
 */
export async function benchPullLoad(server: RunningServer, devices: readonly LoadDevice[], options: LoadOptions): Promise<LoadFigures> {
  const next = pullRequests(devices, options.limit, seeded(11))
  await checkRequests(server, next, options.limit)
  const run = (spec: RunSpec) => cannon(server, next, options.encoding, spec)
  await run({ connections: Math.min(20, options.connections), seconds: 2 })
  const alone = await run({ connections: 1, seconds: 3 })
  const saturated = await run({ connections: options.connections, seconds: options.seconds })
  // Still answering correctly after the load; and these wait behind what autocannon left queued,
  // so whatever comes next (a shutdown writing a profile) starts on a quiet server.
  await checkRequests(server, next, options.limit)
  return { ...options, saturated, alone }
}
