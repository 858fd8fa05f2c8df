import { mutations } from '@shared/mutations'
import type { MutationDef } from '@shared/mutations'
import { subjectTables } from '@shared/mutations/remark'
import type { RemarkSubjectType } from '@shared/mutations/remark'
import type { Meeting, TableName, Tables } from '@shared/records'
import type { RejectionSubject, YehuaDb } from '@app/db/schema'

/** The arguments of the mutations that carry a person's own words, in the order they matter. */
const wordFields = [
  'content', 'text', 'note', 'reason', 'answer', 'details', 'feedback', 'resolution', 'summary', 'noticeText', 'title',
] as const

/** One text a refused change carried, which the server did not save. */
export interface UnsavedText {
  /** The argument it came in, e.g. `note`. */
  field: (typeof wordFields)[number]
  text: string
}

/**
 * The words a refused change carried (a completion's note, a view, an answer), so the person can
 * copy them or record them another way. Ids, dates and names are left out.
 *
 * @example
 * unsavedTexts({ id, note: '换了两盏，第三盏等配件' }) // [{ field: 'note', text: '换了两盏，第三盏等配件' }]
 */
export function unsavedTexts(args: unknown): UnsavedText[] {
  if (typeof args !== 'object' || args === null) return []
  const record = args as Record<string, unknown>
  return wordFields.flatMap((field) => {
    const value = record[field]
    return typeof value === 'string' && value.trim() !== '' ? [{ field, text: value.trim() }] : []
  })
}

/** A row a remark can be written on, with the fields that name it and its meeting. */
type SubjectRow = Tables[(typeof subjectTables)[RemarkSubjectType]]

const subjectTypeOf = (table: TableName): RemarkSubjectType | undefined =>
  (Object.keys(subjectTables) as RemarkSubjectType[]).find((type) => subjectTables[type] === table)

function titleOf(row: SubjectRow): string {
  if ('content' in row) return row.content
  if ('title' in row) return row.title
  return row.text
}

/** The meeting a row belongs to: its own (a decision's, a suggestion raised at one) or its topic's. */
async function meetingOf(db: YehuaDb, row: SubjectRow): Promise<Meeting | undefined> {
  if ('attendance' in row) return undefined // a meeting is its own
  const direct = 'meetingId' in row ? row.meetingId : null
  const topic = !direct && 'topicId' in row && row.topicId ? await db.topics.get(row.topicId) : undefined
  const meetingId = direct ?? topic?.meetingId
  return meetingId ? db.meetings.get(meetingId) : undefined
}

/**
 * The item a refused change acted on, from this phone's copy: the first row the mutation reads
 * that the server has (rows the change itself created are skipped: their `base` entry is null),
 * with its title and its meeting's. Null when there is none (a new suggestion refused outright).
 * Run it inside the transaction that records the refusal, before the rebase.
 */
export async function refusalSubject(db: YehuaDb, name: string, args: unknown): Promise<RejectionSubject | null> {
  if (!Object.hasOwn(mutations, name)) return null
  // Each entry's argument type differs; reading the rows it names needs only the common shape.
  const def = mutations[name as keyof typeof mutations] as MutationDef
  const parsed = def.args.safeParse(args)
  if (!parsed.success) return null
  for (const ref of def.reads(parsed.data)) {
    const type = subjectTypeOf(ref.table)
    if (!type) continue
    const row: SubjectRow | undefined = await db.table(ref.table).get(ref.id)
    if (!row || row.deletedAt !== null) continue
    const base = await db.base.get(`${ref.table}:${ref.id}`)
    if (base && base.row === null) continue
    const meeting = await meetingOf(db, row)
    return { type, id: ref.id, title: titleOf(row), meetingTitle: meeting?.title ?? null }
  }
  return null
}
