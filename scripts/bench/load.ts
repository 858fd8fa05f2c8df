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

/**
 * What the pulling devices are doing. `catch-up`: back after days offline, every request a full
 * page from a random cursor in the village's history. `steady`: phones that sync every minute,
 * their cursor at the head or at most {@link STEADY_BEHIND} rows behind it (0–5 rows a page).
 */
export type Scenario = 'catch-up' | 'steady'

/** Most rows a `steady` device is behind. */
export const STEADY_BEHIND = 5

/** Two autocannon runs of one scenario. */
export interface ScenarioFigures {
  /** `connections` clients pulling back to back: the server saturated, so latency is mostly queueing. */
  saturated: RunFigures
  /** One client alone: the service time of a pull, with no queue. */
  alone: RunFigures
}

export interface LoadFigures extends LoadOptions {
  catchUp: ScenarioFigures
  steady: ScenarioFigures
}

type NextRequest = () => { token: string; body: string }

/** The body and token of one pull: a random device, with a cursor as the scenario has it. */
function pullRequests(devices: readonly LoadDevice[], limit: number, scenario: Scenario, random: () => number): NextRequest {
  const usable = devices.filter((d) => d.versions.length > Math.max(limit, STEADY_BEHIND))
  if (usable.length === 0) throw new Error(`no load device has more than ${limit} rows`)
  return () => {
    const device = usable[Math.floor(random() * usable.length)]!
    const { versions } = device
    const cursor =
      scenario === 'catch-up'
        ? versions[Math.floor(random() * (versions.length - limit))]!
        : versions[versions.length - 1 - Math.floor(random() * (STEADY_BEHIND + 1))]!
    const body = { deviceId: device.session.deviceId, schemaVersion: SCHEMA_VERSION, cursor, limit, pendingFrom: null }
    return { token: device.session.token, body: JSON.stringify(body) }
  }
}

/** Check a few generated requests by hand: each must answer 200 with the page the scenario expects. */
async function checkRequests(server: RunningServer, next: NextRequest, limit: number, scenario: Scenario): Promise<void> {
  for (let i = 0; i < 10; i++) {
    const { token, body } = next()
    const response = await fetch(`${server.url}/api/sync/pull`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body,
    })
    if (!response.ok) throw new Error(`load request answered ${response.status}: ${await response.text()}`)
    const page = pullResponse.parse(await response.json())
    const expected = scenario === 'catch-up' ? page.rows.length === limit : page.rows.length <= STEADY_BEHIND && !page.hasMore
    if (!expected) throw new Error(`a ${scenario} request pulled ${page.rows.length} rows (hasMore ${page.hasMore})`)
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

/**
 * Requests made up front for one run, shared out over its connections, at least
 * {@link MIN_REQUESTS_PER_CONNECTION} each: more than a catch-up run sends, so no connection asks
 * for a page it asked before (a steady run goes round its list, as phones at the head do).
 */
const REQUESTS_PER_RUN = 20_000
const MIN_REQUESTS_PER_CONNECTION = 60

/**
 * One autocannon run; percentiles from every response's latency (autocannon's own skip p95).
 * Each connection gets its own list of requests made up front: with a `setupRequest` hook
 * autocannon encodes every request anew, and on 2 cores that load generator took CPU the server
 * under test then lacked.
 */
async function cannon(server: RunningServer, next: NextRequest, encoding: string, spec: RunSpec): Promise<RunFigures> {
  const latencies: number[] = []
  const perConnection = Math.max(MIN_REQUESTS_PER_CONNECTION, Math.ceil(REQUESTS_PER_RUN / spec.connections))
  const requests = (): autocannon.Request[] =>
    Array.from({ length: perConnection }, () => {
      const { token, body } = next()
      return {
        method: 'POST',
        path: '/api/sync/pull',
        body,
        headers: { 'content-type': 'application/json', 'accept-encoding': encoding, authorization: `Bearer ${token}` },
      }
    })
  const options: autocannon.Options = {
    url: server.url,
    connections: spec.connections,
    duration: spec.seconds,
    timeout: 30,
    requests: requests(),
    setupClient: (client) => client.setRequests(requests()),
  }
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (error: unknown, done) => (error ? reject(error) : resolve(done)))
    // A connection's first answer also waited for autocannon to set up the connections after it
    // (it encodes their requests synchronously): latencies count from each one's second answer.
    const answered = new WeakSet<object>()
    instance.on('response', (client, _status, _bytes, ms) => {
      if (answered.has(client)) latencies.push(ms)
      else answered.add(client)
    })
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
 * One scenario on loopback against `POST /api/sync/pull`: after a short warm-up (JIT, caches,
 * connection pools), one client alone (the service time), then `connections` clients back to
 * back (a closed loop: once the server is saturated, latency ≈ connections ÷ throughput).
 * Checks some answers by hand before and after.
 */
async function runScenario(server: RunningServer, devices: readonly LoadDevice[], options: LoadOptions, scenario: Scenario, seed: number): Promise<ScenarioFigures> {
  const next = pullRequests(devices, options.limit, scenario, seeded(seed))
  await checkRequests(server, next, options.limit, scenario)
  const run = (spec: RunSpec) => cannon(server, next, options.encoding, spec)
  await run({ connections: Math.min(20, options.connections), seconds: 2 })
  const alone = await run({ connections: 1, seconds: 3 })
  const saturated = await run({ connections: options.connections, seconds: options.seconds })
  // Still answering correctly after the load; and these wait behind what autocannon left queued,
  // so whatever comes next (another scenario, a shutdown writing a profile) starts on a quiet server.
  await checkRequests(server, next, options.limit, scenario)
  return { saturated, alone }
}

/** autocannon against `POST /api/sync/pull` in both scenarios, catch-up first. */
export async function benchPullLoad(server: RunningServer, devices: readonly LoadDevice[], options: LoadOptions): Promise<LoadFigures> {
  const catchUp = await runScenario(server, devices, options, 'catch-up', 11)
  const steady = await runScenario(server, devices, options, 'steady', 12)
  return { ...options, catchUp, steady }
}
