// Sessions and seeded IndexedDB rows for the escalation screens, on the ids of tests/unit/builders.ts.
import { flushPromises } from '@vue/test-utils'
import type { Escalation, Remark, Suggestion } from '@shared/records'
import { tableNames } from '@shared/records'
import { useDb } from '@app/db'
import type { Session } from '@app/stores/session'
import { aTownship, aVillage, ids } from '../builders'
import { sessionFixture } from '../helpers/session'

type Role = 'cadre' | 'collector' | 'township'

/** An enrolled session of the builders' village and township in the given role. */
export function sessionAs(role: Role): Session {
  const township = aTownship()
  if (role === 'township') {
    return sessionFixture({
      actor: { role, memberId: ids.townshipStaff, villageId: null, townshipId: ids.township },
      member: { id: ids.townshipStaff, name: '陈干事', role },
      village: null,
      township,
    })
  }
  const memberId = role === 'cadre' ? ids.cadre : ids.collector
  return sessionFixture({
    actor: { role, memberId, villageId: ids.village, townshipId: ids.township },
    member: { id: memberId, name: role === 'cadre' ? '王书记' : '王大姐', role },
    village: aVillage(),
    township,
  })
}

/** Empty every table of the shared fake-indexeddb database, then write the village and township. */
export async function resetDb(): Promise<void> {
  const db = useDb()
  await Promise.all([...tableNames, 'outbox', 'meta', 'base', 'rejections'].map((name) => db.table(name).clear()))
  await db.townships.put(aTownship())
  await db.villages.put(aVillage())
}

export async function seed(rows: { suggestions?: Suggestion[]; escalations?: Escalation[]; remarks?: Remark[] }): Promise<void> {
  const db = useDb()
  await db.suggestions.bulkPut(rows.suggestions ?? [])
  await db.escalations.bulkPut(rows.escalations ?? [])
  await db.remarks.bulkPut(rows.remarks ?? [])
}

/** Let Dexie's live queries deliver (they resolve over several macrotasks). */
export async function settle(times = 6): Promise<void> {
  for (let i = 0; i < times; i++) {
    await flushPromises()
    await new Promise((resolve) => setTimeout(resolve, 0))
  }
}
