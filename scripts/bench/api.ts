import { z } from 'zod'
import { enrolResponse, issuedCode } from '@shared/api/identity'
import type { EnrolResponse } from '@shared/api/identity'
import { member } from '@shared/records'
import type { RunningServer } from '../../tests/e2e/support/server'
import { demoMember } from '../../tests/e2e/support/server'

/** POST JSON to the server and parse the answer; any non-2xx answer throws with its body. */
export async function post<T>(server: RunningServer, path: string, schema: z.ZodType<T>, body: unknown, token?: string): Promise<T> {
  const response = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  })
  const text = await response.text()
  if (!response.ok) throw new Error(`POST ${path} answered ${response.status}: ${text}`)
  return schema.parse(JSON.parse(text))
}

/** The demo administrator, enrolled with the demo code the server printed. */
export function enrolAdmin(server: RunningServer): Promise<EnrolResponse> {
  return post(server, '/api/enrol', enrolResponse, { code: demoMember(server, 'admin').code, label: 'bench admin' })
}

const createdMember = z.object({ member, enrolment: issuedCode })

/** A new cadre of `villageId`, created by the admin; returns the member's one-time enrolment code. */
export async function newCadreCode(server: RunningServer, admin: EnrolResponse, villageId: string, name: string): Promise<string> {
  const created = await post(server, '/api/admin/members', createdMember, { role: 'cadre', name, villageId }, admin.token)
  return created.enrolment.code
}

/** A new cadre of `villageId`, enrolled as a device through the API (as a phone does). */
export async function enrolNewCadre(server: RunningServer, admin: EnrolResponse, villageId: string, name: string): Promise<EnrolResponse> {
  const code = await newCadreCode(server, admin, villageId, name)
  return post(server, '/api/enrol', enrolResponse, { code, label: `bench ${name}` })
}
