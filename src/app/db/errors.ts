/** What went wrong with the device database, in terms a person can act on. */
export type StorageProblem = 'quota' | 'unavailable' | 'closed' | 'unknown'

/** A failed local write or open, carrying the problem kind for the message shown to the person. */
export class StorageError extends Error {
  constructor(
    readonly problem: StorageProblem,
    cause: unknown,
  ) {
    super(`storage: ${problem}`, { cause })
    this.name = 'StorageError'
  }
}

function names(error: unknown): string[] {
  const found: string[] = []
  let current: unknown = error
  // Dexie wraps the real DOMException in AbortError / OpenFailedError (`inner`); walk the chain.
  for (let depth = 0; current && depth < 5; depth++) {
    const e = current as { name?: string; inner?: unknown; cause?: unknown }
    if (e.name) found.push(e.name)
    current = e.inner ?? e.cause
  }
  return found
}

/** Classify any error thrown by IndexedDB or Dexie. */
export function classifyStorageError(error: unknown): StorageProblem {
  if (error instanceof StorageError) return error.problem
  const chain = names(error)
  if (chain.includes('QuotaExceededError') || /quota/i.test(String((error as Error)?.message))) return 'quota'
  if (chain.some((n) => ['MissingAPIError', 'InvalidStateError', 'SecurityError'].includes(n))) return 'unavailable'
  if (chain.some((n) => ['DatabaseClosedError', 'VersionChangeError'].includes(n))) return 'closed'
  if (chain.includes('OpenFailedError')) return 'unavailable'
  return 'unknown'
}

/** Rethrow an error as a StorageError so callers can show one message per problem kind. */
export function toStorageError(error: unknown): StorageError {
  return error instanceof StorageError ? error : new StorageError(classifyStorageError(error), error)
}

