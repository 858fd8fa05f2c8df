import type { FastifyInstance } from 'fastify'
import type { BuildAppOptions } from '../../../src/server/app'
import { buildApp } from '../../../src/server/app'
import { issueDemoCodes } from '../../../src/server/demo/codes'
import { issueEnrolmentCode } from '../../../src/server/identity/codes'
import type { DemoCode } from '../../../src/server/demo/codes'
import type { DemoRows } from '../../../src/server/demo/rows'
import { seedDemo } from '../../../src/server/demo/seed'
import type { TestClock } from './clock'
import { testClock } from './clock'
import type { MakeDb, TestDatabase } from './databases'

export interface TestApp {
  app: FastifyInstance
  db: TestDatabase
  clock: TestClock
  /** The demo rows as seeded. */
  demo: DemoRows
  /** Fresh demo enrolment codes, one per demo member. */
  codes: DemoCode[]
  close(): Promise<void>
}

/** A demo member's code by role and name, e.g. `codeOf(t, 'cadre', '张书记')`. */
export function codeOf(t: Pick<TestApp, 'codes'>, role: DemoCode['role'], name?: string): string {
  const found = t.codes.find((c) => c.role === role && (name === undefined || c.name === name))
  if (!found) throw new Error(`no demo code for ${role} ${name ?? ''}`)
  return found.code
}

/** Enrolments a test app takes per minute from one address, unless a test sets its own limit. */
const TEST_RATE_LIMIT = { max: 10_000, timeWindow: 60_000 }

/**
 * Build the app on a fresh database with the demo township seeded and demo codes issued. Tests
 * enrol many phones from one address: the enrol limit is high unless `options` set one.
 */
export async function startApp(makeDb: MakeDb, options: Partial<BuildAppOptions> = {}): Promise<TestApp> {
  const db = await makeDb()
  const clock = testClock()
  const app = await buildApp({ database: db.handle, distDir: null, clock, rateLimit: TEST_RATE_LIMIT, ...options })
  const demo = await seedDemo(app.ctx)
  if (!demo) throw new Error('a fresh database should take the demo seed')
  const { codes } = await issueDemoCodes(app.ctx, demo.members.map((m) => m.id))
  return {
    app, db, clock, demo, codes,
    async close() {
      await app.close()
      await db.close()
    },
  }
}

/** Enrol a device with a code; returns the token and the session body. */
export async function enrol(app: FastifyInstance, code: string, label = '测试手机') {
  const res = await app.inject({ method: 'POST', url: '/api/enrol', payload: { code, label } })
  if (res.statusCode !== 201) throw new Error(`enrol failed: ${res.statusCode} ${res.body}`)
  const body = res.json<{ token: string; deviceId: string }>()
  return { token: body.token, deviceId: body.deviceId, body, auth: { authorization: `Bearer ${body.token}` } }
}

/**
 * A new device of a demo member (by role and name), enrolled with a code issued just for it: each
 * test gets its own device, with nothing pushed yet (its first mid is 1).
 */
export async function enrolAs(t: Pick<TestApp, 'app' | 'demo'>, role: DemoCode['role'], name?: string, label?: string) {
  const member = t.demo.members.find((m) => m.role === role && (name === undefined || m.name === name))
  if (!member) throw new Error(`no demo member ${role} ${name ?? ''}`)
  const issued = await issueEnrolmentCode(t.app.ctx, member.id)
  return enrol(t.app, issued.code, label ?? `${member.name}的测试手机`)
}
