import { LRUCache } from 'lru-cache'
import type { PullScope } from './scope'

/**
 * A pull page as read, and the version counter when it was read. Phones of one village pull the
 * same pages from the same cursors (each change reaches every cadre's phone; a new phone walks
 * the same history), so a page is kept and handed out again while nothing in its scope has
 * changed: the pull checks that in its probe, no row in scope above `head` (a changed row always
 * takes a new, higher version), and no member row above it anywhere (members are the rows that
 * can move to another village; the others never leave their scope).
 */
export interface CachedPage {
  /** The page's rows as JSON text (`PullResponse['rows']`), made once. */
  rowsJson: string
  /** Rows on the page. */
  count: number
  cursor: number
  hasMore: boolean
  head: number
}

export type PageCache = LRUCache<string, CachedPage>

/**
 * Pages by scope, cursor and limit, bounded by the length of their rows' JSON text (per server
 * process): 32 M characters, some 50,000 rows of an ordinary village, however large its rows.
 */
export function createPageCache(maxChars = 32_000_000): PageCache {
  return new LRUCache<string, CachedPage>({ maxSize: maxChars, sizeCalculation: (page) => Math.max(1, page.rowsJson.length) })
}

/** Devices with the same scope page key pulling from the same cursor with the same limit get the same page. */
export function pageCacheKey(scope: Pick<PullScope, 'pageKey'>, cursor: number, limit: number): string {
  return `${scope.pageKey}|${cursor}|${limit}`
}
