// Fixture builders: each returns a valid record or actor, with overrides for what a test is about.
// Ids are deterministic (a counter), so failures print the same ids on every run.
import type { Actor } from '@shared/actor'
import type { Change, RejectionCode, RowLoader, RowRef } from '@shared/mutations'
import { runMutation } from '@shared/mutations'
import type { CreateSuggestionArgs } from '@shared/mutations/suggestion'
import { defaultDeadlinePolicy, tableNames } from '@shared/records'
import type {
  Attachment, Decision, Escalation, Meeting, Member, Remark, Suggestion, TableName, Tables, Topic,
  Township, Village,
} from '@shared/records'

/** A valid UUIDv7-shaped id ending in `n` (hex). */
export function testId(n: number): string {
  return `0190f5a0-0000-7000-8000-${n.toString(16).padStart(12, '0')}`
}

let sequence = 0x1000
/** A new deterministic id, distinct from the fixed ones in `ids`. */
export function nextId(): string {
  sequence += 1
  return testId(sequence)
}

/** Fixed ids of the default township, villages and members. */
export const ids = {
  township: testId(1),
  otherTownship: testId(2),
  village: testId(11),
  otherVillage: testId(12),
  cadre: testId(21),
  collector: testId(22),
  townshipStaff: testId(23),
  admin: testId(24),
} as const

/** The instant every builder stamps: the evening of 1 October 2026 in Shanghai. */
export const NOW = '2026-10-01T12:00:00.000Z'

type VillageActor = Extract<Actor, { role: 'cadre' | 'collector' }>
type TownshipActor = Extract<Actor, { role: 'township' | 'admin' }>
type VillagerActor = Extract<Actor, { role: 'villager' }>

export function cadreActor(overrides: Partial<VillageActor> = {}): VillageActor {
  return { role: 'cadre', memberId: ids.cadre, villageId: ids.village, townshipId: ids.township, ...overrides }
}

export function collectorActor(overrides: Partial<VillageActor> = {}): VillageActor {
  return cadreActor({ role: 'collector', memberId: ids.collector, ...overrides })
}

export function villagerActor(overrides: Partial<VillagerActor> = {}): VillagerActor {
  return { role: 'villager', memberId: null, villageId: ids.village, townshipId: ids.township, ...overrides }
}

export function townshipActor(overrides: Partial<TownshipActor> = {}): TownshipActor {
  return { role: 'township', memberId: ids.townshipStaff, villageId: null, townshipId: ids.township, ...overrides }
}

export function adminActor(overrides: Partial<TownshipActor> = {}): TownshipActor {
  return townshipActor({ role: 'admin', memberId: ids.admin, ...overrides })
}

function base(id: string = nextId()) {
  return { id, version: 1, createdAt: NOW, updatedAt: NOW, deletedAt: null }
}

export function aTownship(overrides: Partial<Township> = {}): Township {
  return { ...base(ids.township), name: '终兴镇', policy: { ...defaultDeadlinePolicy }, ...overrides }
}

export function aVillage(overrides: Partial<Village> = {}): Village {
  return { ...base(ids.village), townshipId: ids.township, name: '刘土城村', code: 'ltc001', ...overrides }
}

export function aMember(overrides: Partial<Member> = {}): Member {
  return {
    ...base(ids.cadre), townshipId: ids.township, villageId: ids.village, name: '王书记', role: 'cadre',
    ...overrides,
  }
}

export function aSuggestion(overrides: Partial<Suggestion> = {}): Suggestion {
  return {
    ...base(),
    villageId: ids.village,
    content: '村东头路灯坏了，晚上看不见路',
    category: 'infrastructure',
    source: 'villager',
    submitterName: '李大爷',
    submitterPhone: '13800000000',
    publicName: false,
    enteredBy: null,
    receiptCode: 'AB23CD45',
    status: 'new',
    topicId: null,
    mergedInto: null,
    answer: null,
    declineReason: null,
    rating: null,
    attachmentIds: [],
    ...overrides,
  }
}

export function aMeeting(overrides: Partial<Meeting> = {}): Meeting {
  return {
    ...base(),
    villageId: ids.village,
    title: '十月乡村夜话',
    startsAt: '2026-10-09T11:30:00.000Z',
    place: '村委会广场',
    status: 'draft',
    attendance: 0,
    noticeText: null,
    summary: null,
    ...overrides,
  }
}

export function aTopic(overrides: Partial<Topic> = {}): Topic {
  return {
    ...base(), villageId: ids.village, meetingId: testId(31), title: '修路灯', order: 0,
    suggestionIds: [], outcome: 'pending', ...overrides,
  }
}

export function aRemark(overrides: Partial<Remark> = {}): Remark {
  return {
    ...base(), villageId: ids.village, subjectType: 'suggestion', subjectId: testId(41), kind: 'note',
    text: '已联系电工', speaker: null, authorId: ids.cadre, ...overrides,
  }
}

export function aDecision(overrides: Partial<Decision> = {}): Decision {
  return {
    ...base(), villageId: ids.village, meetingId: null, topicId: null, text: '本周内修好村东路灯',
    owner: '张主任', dueOn: '2026-10-12', kind: 'action', status: 'open', ...overrides,
  }
}

export function anEscalation(overrides: Partial<Escalation> = {}): Escalation {
  return {
    ...base(),
    villageId: ids.village,
    townshipId: ids.township,
    topicId: null,
    suggestionIds: [],
    title: '村西桥面破损需维修',
    details: '',
    status: 'submitted',
    department: null,
    assignee: null,
    coordinationOn: null,
    dueOn: null,
    resolution: null,
    feedback: null,
    ...overrides,
  }
}

export function anAttachment(overrides: Partial<Attachment> = {}): Attachment {
  return {
    ...base(), villageId: ids.village, sha256: 'a'.repeat(64), kind: 'photo', mime: 'image/jpeg',
    size: 1024, subjectType: 'suggestion', subjectId: testId(41), ...overrides,
  }
}

/** Arguments of `suggestion.create` as a collector would send them for a villager. */
export function suggestionCreateArgs(overrides: Partial<CreateSuggestionArgs> = {}): CreateSuggestionArgs {
  return {
    id: nextId(),
    villageId: ids.village,
    content: '村东头路灯坏了，晚上看不见路',
    category: 'infrastructure',
    source: 'collector',
    submitterName: '李大爷',
    submitterPhone: '13800000000',
    publicName: false,
    receiptCode: 'AB23CD45',
    attachmentIds: [],
    ...overrides,
  }
}

export type TableRows = { [T in TableName]?: Tables[T][] }

/** A `RowLoader` that also records which rows were asked for. */
export interface MemoryLoader extends RowLoader {
  requests: RowRef[]
}

/**
 * A `RowLoader` over in-memory rows, for `runMutation` in tests: rows by table, or the changes of
 * an earlier mutation (later changes to the same row win).
 *
 * @example
 * await runMutation('suggestion.create', args, cadreActor(), NOW, memoryLoader({ suggestions: [aSuggestion()] }))
 */
export function memoryLoader(rows: TableRows | readonly Change[] = {}): MemoryLoader {
  const byKey = new Map<string, Tables[TableName]>()
  if (isChangeList(rows)) {
    for (const { table, row } of rows) byKey.set(`${table}:${row.id}`, row)
  } else {
    for (const table of tableNames) for (const row of rows[table] ?? []) byKey.set(`${table}:${row.id}`, row)
  }
  const requests: RowRef[] = []
  const load = async (ref: RowRef) => {
    requests.push(ref)
    return byKey.get(`${ref.table}:${ref.id}`)
  }
  return Object.assign(load, { requests })
}

function isChangeList(rows: TableRows | readonly Change[]): rows is readonly Change[] {
  return Array.isArray(rows)
}

// ——— Running mutations in tests ———

/** The evening of the October meeting (9 October 2026, 20:30 in Shanghai): when mutations run. */
export const EVENING = '2026-10-09T12:30:00.000Z'

/** Run a mutation over in-memory rows, at `EVENING` unless told otherwise. */
export function run(name: string, args: unknown, actor: Actor, rows: TableRows = {}, now = EVENING) {
  return runMutation(name, args, actor, now, memoryLoader(rows))
}

/** The result of a refused mutation, for `toEqual`. */
export function refused(code: RejectionCode, field?: string, detail?: string) {
  return { ok: false, rejection: { code, ...(field ? { field } : {}), ...(detail ? { detail } : {}) } }
}

/** A row as a mutation writes it back: the same row with the changed fields and `updatedAt`. */
export function changed<R extends { updatedAt: string }>(row: R, patch: Partial<R>, now = EVENING): R {
  return { ...row, ...patch, updatedAt: now }
}

/** Base fields of a row a mutation creates at `now`. */
export function fresh(id: string, now = EVENING) {
  return { id, version: 0, createdAt: now, updatedAt: now, deletedAt: null }
}
