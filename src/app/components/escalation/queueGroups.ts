import type { Escalation, EscalationStatus } from '@shared/records'

export type QueueGroupKey = 'waiting' | 'working' | 'resolved' | 'returned' | 'closed'

/** The township queue's groups, in the order they are shown: what waits for the township first. */
const groups: readonly { key: QueueGroupKey; statuses: readonly EscalationStatus[] }[] = [
  { key: 'waiting', statuses: ['submitted'] },
  { key: 'working', statuses: ['accepted', 'assigned', 'forwarded'] },
  { key: 'resolved', statuses: ['resolved'] },
  { key: 'returned', statuses: ['returned'] },
  { key: 'closed', statuses: ['closed'] },
]

/** The queue group keys, in the order they are shown. */
export const queueGroupKeys: readonly QueueGroupKey[] = groups.map((g) => g.key)

const groupByStatus = new Map(groups.flatMap(({ key, statuses }) => statuses.map((s) => [s, key] as const)))

/** The queue group an escalation in `status` belongs to. */
export function groupOf(status: EscalationStatus): QueueGroupKey {
  return groupByStatus.get(status) ?? 'working'
}

export interface QueueGroup {
  key: QueueGroupKey
  escalations: Escalation[]
}

const byAge = (a: Escalation, b: Escalation) => a.createdAt.localeCompare(b.createdAt)
/** Nearest deadline first (so overdue ones lead); none last. */
const byDue = (a: Escalation, b: Escalation) =>
  (a.dueOn ?? '9999-12-31').localeCompare(b.dueOn ?? '9999-12-31') || byAge(a, b)
const byLatest = (a: Escalation, b: Escalation) => b.updatedAt.localeCompare(a.updatedAt)

const order: Record<QueueGroupKey, (a: Escalation, b: Escalation) => number> = {
  waiting: byAge, working: byDue, resolved: byLatest, returned: byLatest, closed: byLatest,
}

/**
 * The township's escalations grouped by where they stand — 待受理 (oldest first), 办理中 (nearest
 * deadline first), resolved and waiting for the village, returned, closed (latest first) — leaving
 * out empty groups.
 *
 * @example
 * queueGroups(escalations).map((g) => g.key) // ['waiting', 'working', 'closed']
 */
export function queueGroups(escalations: readonly Escalation[]): QueueGroup[] {
  return groups
    .map(({ key, statuses }) => ({
      key,
      escalations: escalations.filter((e) => statuses.includes(e.status)).sort(order[key]),
    }))
    .filter((group) => group.escalations.length > 0)
}
