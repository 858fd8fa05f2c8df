/**
 * The rows that still exist: drops the ids `bulkGet` found nothing for and the tombstones.
 *
 * @example
 * const topics = live(await db.topics.bulkGet(ids))
 */
export const live = <R extends { deletedAt: string | null }>(rows: readonly (R | undefined)[]): R[] =>
  rows.filter((row): row is R => row !== undefined && row.deletedAt === null)
