import { v7 } from 'uuid'

/** A new time-ordered record id (UUIDv7). */
export function newId(): string {
  return v7()
}

// Without 0/O and 1/I: receipts are read aloud and typed by elderly villagers.
export const RECEIPT_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'

/** An 8-character receipt code a villager can keep to follow their suggestion. */
export function newReceiptCode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8))
  return Array.from(bytes, (b) => RECEIPT_ALPHABET[b % RECEIPT_ALPHABET.length]).join('')
}
