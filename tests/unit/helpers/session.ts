import type { Session } from '@app/stores/session'
import { defaultDeadlinePolicy } from '@shared/records'

const townshipId = '0192f000-0000-7000-8000-0000000000a1'
const villageId = '0192f000-0000-7000-8000-000000000001'
const memberId = '0192f000-0000-7000-8000-0000000000c1'
const stamp = { version: 1, createdAt: '2026-10-01T12:00:00.000Z', updatedAt: '2026-10-01T12:00:00.000Z', deletedAt: null }

/**
 * An enrolled cadre's session (刘建国 of 刘土城村, 终兴镇) for component tests; override any field.
 *
 * @example
 * await mountWithApp(App, { route: '/settings', session: sessionFixture() })
 */
export function sessionFixture(overrides: Partial<Session> = {}): Session {
  return {
    deviceId: '0192f000-0000-7000-8000-0000000000d1',
    token: 'test-device-token',
    actor: { role: 'cadre', memberId, villageId, townshipId },
    member: { id: memberId, name: '刘建国', role: 'cadre' },
    village: { ...stamp, id: villageId, townshipId, name: '刘土城村', code: 'ltc01' },
    township: { ...stamp, id: townshipId, name: '终兴镇', policy: { ...defaultDeadlinePolicy } },
    ...overrides,
  }
}
