// A township's deadline policy as the screens read it, without zod: the desk's queue and the
// deadlines of every screen need it before anything loads the schemas (records.ts validates it).

/** A township's deadline policy, in working days (docs/DESIGN.md §1 and the township desk). */
export interface DeadlinePolicy {
  /** A village (or grid) answers within this. */
  villageDays: number
  /** A township department resolves within this. */
  townshipDays: number
  /** A matter beyond the township is forwarded upward within this. */
  upwardDays: number
  /** The township accepts (or returns) a new escalation within this. */
  acceptDays: number
  /** The assigned department acknowledges (报到) within this. */
  reportDays: number
  /** A resolved escalation may be crossed off (销号) without the village's feedback after this. */
  closeAfterDays: number
}

export const defaultDeadlinePolicy: DeadlinePolicy = {
  villageDays: 2, townshipDays: 3, upwardDays: 1, acceptDays: 1, reportDays: 1, closeAfterDays: 5,
}

/**
 * A township's policy with every field, whatever release stored it.
 *
 * @example
 * policyOf({ policy: { villageDays: 3, townshipDays: 5, upwardDays: 1 } }).closeAfterDays // 5
 */
export function policyOf(township: { policy: Partial<DeadlinePolicy> } | null | undefined): DeadlinePolicy {
  return { ...defaultDeadlinePolicy, ...township?.policy }
}
