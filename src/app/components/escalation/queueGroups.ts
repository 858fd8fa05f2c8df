import type { EscalationStatus } from '@shared/records'

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
