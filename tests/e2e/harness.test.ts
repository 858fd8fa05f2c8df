import { readFile } from 'node:fs/promises'
import { describe, expect, inject, it } from 'vitest'
import { enrolResponse } from '@shared/api/identity'
import { codeFor, demoMember, freshCode, useServer } from './harness'

const server = useServer()

/** Trades a code for a device token the way the enrol page does, without a browser. */
async function enrol(code: string): Promise<Response> {
  return fetch(`${server().url}/api/enrol`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, label: 'harness test' }),
  })
}

describe('e2e harness', () => {
  it('serves the run’s build on 127.0.0.1 with a fresh data directory', async () => {
    expect(server().url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const health = await fetch(`${server().url}/api/health`)
    expect(health.status).toBe(200)
    expect(await health.json()).toMatchObject({ ok: true, db: 'sqlite' })

    const index = await fetch(`${server().url}/`)
    const built = await readFile(`${inject('e2eDistDir')}/index.html`, 'utf8')
    expect(await index.text()).toBe(built)
  })

  it('reads one demo code per demo member, with every role present', () => {
    const roles = new Set(server().demoCodes.map((c) => c.role))
    expect([...roles].sort()).toEqual(['admin', 'cadre', 'collector', 'township'])
    expect(demoMember(server(), 'cadre', '刘土城村').village).toBe('刘土城村')
    expect(() => codeFor(server(), 'cadre', '没有这个村')).toThrow(/no demo code/)
  })

  it('issues fresh codes so one member can enrol several devices', async () => {
    const cadre = demoMember(server(), 'cadre', '刘土城村')
    const first = enrolResponse.parse(await (await enrol(await freshCode(server(), 'cadre', '刘土城村'))).json())
    const second = enrolResponse.parse(await (await enrol(await freshCode(server(), 'cadre', '刘土城村'))).json())
    expect(first.member).toEqual(second.member)
    expect(first.member).toMatchObject({ name: cadre.name, role: 'cadre' })
    expect(first.village?.name).toBe('刘土城村')
    expect(first.deviceId).not.toBe(second.deviceId)
  })
})
